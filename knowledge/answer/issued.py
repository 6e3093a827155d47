"""When a document was issued ("kế hoạch 89 ngày nào?", "công văn 105 ban hành ngày nào?")
and when it takes effect ("quyết định 52 có hiệu lực từ khi nào?")."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from knowledge.answer import phrases as say
from knowledge.answer.extract import Spot, best_spots
from knowledge.answer.facts import citing_passage
from knowledge.answer.found import Found, Pick
from knowledge.answer.intents import Intent
from knowledge.answer.lookups import describe
from knowledge.answer.passages import format_date, quote, trim
from knowledge.answer.targets import DocRef, Named, ref_of
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc
from knowledge.search.lookup import LookupMatch
from knowledge.search.passages import HEAD, TAIL
from knowledge.vi.docnumbers import number_key, parse_number
from knowledge.vi.textnorm import fold

_TAKES_EFFECT = re.compile(r"(?<!het )hieu luc(?: thi hanh)?(?: ke)? tu (?:ngay|khi)")
# "ngày 17 tháng 11 năm 2025", "ngày 17/11/2025" in a header line.
_PRINTED_DATE = re.compile(r"ngày\s+\d{1,2}\s*(?:tháng\s+\d{1,2}\s+năm|/\s*\d{1,2}\s*/)\s*\d{4}")


def issued_answer(library: Library, named: Named, doc: DocRef | None = None) -> Found:
    """The issue date of the document named (by number, else by its topic: `doc`), from
    its header or from a citation of it."""
    if named.docs:
        return _of_stored(library, named.docs[0])
    if named.cited:
        return _of_cited(library, named.cited[0])
    if doc is not None:
        return _of_stored(library, doc)
    return Found(say.ISSUED_WHICH, found=False)


def effective_answer(library: Library, doc: DocRef, intent: Intent) -> Found:
    """When a document takes effect: the sentence saying "có hiệu lực (thi hành) …"."""
    spots = best_spots(library, doc, f"{intent.topic} có hiệu lực", _effective, limit=6)
    spots = [s for s in spots if _effective(s.text)]
    # "có hiệu lực (thi hành) từ/kể từ …" states it; "hết hiệu lực" speaks of other acts,
    # unless those are what is asked ("làm hết hiệu lực những nghị quyết nào?").
    if "het hieu luc" in intent.folded:
        spots.sort(key=lambda s: "het hieu luc" not in fold(s.text))
        return _quoted(doc, spots[0]) if spots else Found(say.NO_EFFECTIVE.format(doc=doc.name))
    spots.sort(
        key=lambda s: (-bool(_TAKES_EFFECT.search(fold(s.text))), "het hieu luc" in fold(s.text))
    )
    if not spots:
        known = say.NO_EFFECTIVE.format(doc=doc.name)
        return Found(known, [_date_line(doc)], found=False)
    return _quoted(doc, spots[0])


def _quoted(doc: DocRef, spot: Spot) -> Found:
    """The sentence about entry into force, cut around it."""
    pick = Pick(doc, spot.path, quote(spot.text, around="hiệu lực"), part=_part(spot.passage.part))
    return Found("", [pick])


def _effective(text: str) -> bool:
    return "hieu luc" in fold(text)


def _part(part: str) -> str:
    return {HEAD: say.PREAMBLE, TAIL: say.CLOSING}.get(part, "")


def _date_line(doc: DocRef) -> Pick:
    """The header line giving the place and date as printed ("Hà Nội, ngày 17 tháng 11
    năm 2025"), else the title."""
    for passage in doc.doc.passages:
        if passage.part != HEAD:
            break
        if _PRINTED_DATE.search(passage.text):
            return Pick(doc, "", quote(passage.text, limit=200), part=say.PREAMBLE)
    return Pick(doc, "", trim(doc.directive.title, "", 200), part=say.PREAMBLE)


def _of_stored(library: Library, doc: DocRef) -> Found:
    """A stored document: its header date; else a citation's date; else what is known."""
    d = doc.directive
    header = _date_line(doc)
    if d.date is not None:
        lead = say.ISSUED_ON.format(doc=doc.name, date=format_date(d.date))
        return Found(lead, [header])
    cited = _cited_date(library, d.number_key or "")
    if cited is not None:
        when, citing = cited
        lead = say.ISSUED_PER_CITATION.format(
            doc=doc.name, date=format_date(when), source=citing.name
        )
        return Found(lead, [citing_passage(citing, d.number or "")])
    known = [f"{d.doc_type_name or say.DOCUMENT} {doc.name}"]
    known += [f"“{trim(d.title, '', 160)}”"] if d.title and d.number else []
    known += [say.ISSUED_YEAR.format(year=d.year)] if d.year else []
    known.append(say.LOOKUP_FILE.format(file=doc.file).lower())
    lead = f"{say.ISSUED_UNKNOWN.format(doc=doc.name)} {say.KNOWN.format(what=', '.join(known))}"
    return Found(lead, [header], found=False)


def _of_cited(library: Library, match: LookupMatch) -> Found:
    """A document known only from citations: the date they give it, quoting one of them."""
    citing = _citing(library, match)
    picks = [citing_passage(citing[0], match.number or "")] if citing else []
    name = describe(replace(match, date=None), library)
    if match.date is None:
        lead = f"{say.ISSUED_UNKNOWN_CITED.format(doc=name)} {say.NO_FULL_TEXT}"
        return Found(lead, picks, found=False)
    when = format_date(match.date)
    if not citing:
        return Found(f"{say.ISSUED_ON.format(doc=name, date=when)} {say.NO_FULL_TEXT}")
    lead = say.ISSUED_PER_CITATION.format(doc=name, date=when, source=citing[0].name)
    return Found(f"{lead} {say.NO_FULL_TEXT}", picks)


def _citing(library: Library, match: LookupMatch) -> list[DocRef]:
    """Stored documents citing the match, those giving its date first."""
    docs = _citing_docs(library, match.number or "")
    key = _key(match.number or "")
    # The index keeps every document's references: no directive is read to sort them.
    dated = [d for d in docs if any(r.key == key and r.date for r in d.references)]
    return [ref_of(d) for d in dated + [d for d in docs if d not in dated]]


def _cited_date(library: Library, key: str) -> tuple[date, DocRef] | None:
    """The date another stored document gives this one when it cites it."""
    if not key:
        return None
    for doc in library.citing(key):
        for ref in doc.references:
            if ref.key == key and ref.date is not None:
                return ref.date, ref_of(doc)
    return None


def _citing_docs(library: Library, number: str) -> list[LibraryDoc]:
    key = _key(number)
    return library.citing(key) if key else []


def _key(number: str) -> str:
    parsed = parse_number(number)
    return number_key(parsed) if parsed is not None else ""
