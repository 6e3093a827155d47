"""When a document was issued: "kế hoạch 89 ngày nào?", "công văn 105 ban hành ngày nào?"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from knowledge.answer import phrases as say
from knowledge.answer.facts import citing_passage
from knowledge.answer.found import Found, Pick
from knowledge.answer.lookups import describe
from knowledge.answer.passages import format_date, trim
from knowledge.answer.targets import DocRef, Named, ref_of
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc
from knowledge.search.lookup import LookupMatch
from knowledge.vi.docnumbers import number_key, parse_number


def issued_answer(library: Library, named: Named) -> Found:
    """The issue date of the document named, from its header or from a citation of it."""
    if named.docs:
        return _of_stored(library, named.docs[0])
    if named.cited:
        return _of_cited(library, named.cited[0])
    return Found(say.ISSUED_WHICH, found=False)


def _of_stored(library: Library, doc: DocRef) -> Found:
    """A stored document: its header date; else a citation's date; else what is known."""
    d = doc.directive
    header = Pick(doc, "", trim(d.title, "", 200), part=say.PREAMBLE)
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
    known += [f"«{trim(d.title, '', 160)}»"] if d.title and d.number else []
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
