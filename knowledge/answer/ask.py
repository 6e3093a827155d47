"""Answers a question from the library: the fact first, then the quote, then the citation.

The question is read whole (knowledge.answer.intents); the document it is about is chosen
next (knowledge.answer.choose: a number it names, else the passages that fit its topic,
narrowed by the place, year and type it names). Then the structure answers where it
fits: the signer, the recipients, the issue date, the entry into force, the documents it
implements, its deadlines, a unit's tasks; anything else is the sentence of that
document that fits the question best (knowledge.answer.extract). The other candidates
come from the next documents of the ranking. Nothing is invented: when the documents do
not say, the answer says so.
"""

from __future__ import annotations

import re
from datetime import date

from knowledge.answer import intents
from knowledge.answer import phrases as say
from knowledge.answer.choose import Ranked, close_documents, ranked_documents
from knowledge.answer.deadlines import deadline_answer
from knowledge.answer.extract import Spot, Want, best_spots
from knowledge.answer.facts import (
    basis_answer,
    implementing_answer,
    recipients_answer,
    signer_answer,
)
from knowledge.answer.found import Answer, Found, Pick, dedupe
from knowledge.answer.held import (
    NAMED_MIN,
    absent_number,
    answering,
    as_typed,
    asked_part,
    content_of,
    content_query,
    missing_places,
)
from knowledge.answer.issued import effective_answer, issued_answer
from knowledge.answer.lookups import cited_line
from knowledge.answer.passages import quote, quote_list, sentence_case, short_title, trim
from knowledge.answer.periods import period_answer
from knowledge.answer.requirements import requirements_answer, wants_requirements
from knowledge.answer.scope import unit_scope
from knowledge.answer.subjects import unspoken_subject
from knowledge.answer.targets import DocRef, Named, named_documents
from knowledge.answer.units import unit_answer
from knowledge.answer.unstated import absent
from knowledge.answer.wants import asks_amount, stating, want_of
from knowledge.answer.weights import Wanted
from knowledge.answer.when import has_time
from knowledge.answer.wording import mend, read
from knowledge.search.library import Library
from knowledge.search.passages import HEAD, TAIL
from knowledge.vi.textnorm import fold, syllables

MAX_QUESTION = 1000  # longer messages are cut: a question is never that long
# Facts of a whole document: the one of the place a question names is the one meant.
_OF_DOCUMENT = (intents.SIGNER, intents.ISSUED, intents.RECIPIENTS, intents.EFFECTIVE)
MIN_COVER = 0.25  # part of the question's weight a quoted sentence must hold to be its answer
OTHERS = 2  # other candidates shown after the answer
AMOUNT_DOCS = 3  # documents read for a sentence stating the amount asked
# Words that make a time a deadline ("trước ngày", "chậm nhất", "hạn"), not a past day.
_DUE_WORDS = re.compile(r"\b(?:trước|chậm nhất|hạn(?! chế)|không quá|hoàn thành)\b", re.IGNORECASE)


def answer_question(library: Library, question: str, today: date | None = None) -> Answer:
    """Answer a Vietnamese question (with or without diacritics) from the library."""
    if library.is_empty:
        return Answer(say.EMPTY_LIBRARY)
    text = " ".join(question.split())[:MAX_QUESTION]
    if not syllables(text):
        return Answer(say.NOTHING_TO_ASK)
    intent = intents.detect(mend(read(text), library.knows, library.pair_idf))
    named = named_documents(library, text)
    if intent.kind not in (intents.MONTH, intents.PERIOD) and not (named.docs or named.cited):
        number = absent_number(library, text)
        if number is not None:  # a document the library does not have: say so, not another's
            return absent(library, intent, say.NO_SUCH_DOC.format(number=number)).render()
    return _answer(library, text, intent, named, today).render()


def _answer(
    library: Library, question: str, intent: intents.Intent, named: Named, today: date | None
) -> Found:
    kind = intent.kind
    if kind in (intents.MONTH, intents.PERIOD):
        return period_answer(library, intent, today)
    content = content_of(library, content_query(intent, named))
    unnamed = not (named.docs or named.cited)
    places = missing_places(library, content) if unnamed else []
    if places:  # "… tỉnh Lào Cai" that no document names: nothing here is about it
        return absent(library, intent, say.NO_PLACE.format(place=as_typed(question, places[0])))
    subject = unspoken_subject(library, intent.folded) if unnamed else None
    if subject is not None:  # "lịch thi học sinh giỏi": no document speaks of it at all
        lead = say.NO_SUBJECT.format(subject=as_typed(question, subject))
        return absent(library, intent, lead, ranked_documents(library, intent, named))
    if kind == intents.IMPLEMENTING and (named.cited or named.docs):
        target = named.cited[0].number if named.cited else named.docs[0].doc.number
        if target:
            return implementing_answer(library, target)
    if kind == intents.UNIT and not (named.docs or named.cited) and not _beyond_unit(intent):
        found = unit_answer(intent, unit_scope(library, intent))
        if found is not None:
            return found
    ranked = ranked_documents(library, intent, named)
    if not ranked:
        return _not_found(library, named)
    if unnamed:
        if kind != intents.DEADLINE:  # the deadlines of close documents answer those
            ranked = stating(library, ranked, content_query(intent, named), want_of(intent))
        held = answering(library, content, ranked, kind in _OF_DOCUMENT)
        if held is None:
            return absent(library, intent, say.NOT_FOUND, ranked)
        ranked = held
    found = _structured(library, intent, named, ranked, today)
    if found is None:
        found = _passage(library, intent, named, ranked)
    # The issue date of a cited directive says itself that its text is missing.
    return found if kind == intents.ISSUED else _with_cited(library, named, found)


def _structured(
    library: Library,
    intent: intents.Intent,
    named: Named,
    ranked: list[Ranked],
    today: date | None,
) -> Found | None:
    """Answers read from the parsed structure of the document meant; None: quote a passage."""
    kind, doc = intent.kind, ranked[0].doc
    if kind == intents.SIGNER:
        return _others(library, intent, signer_answer(doc), ranked)
    if kind == intents.RECIPIENTS:
        return _others(library, intent, recipients_answer(doc), ranked)
    if kind == intents.ISSUED:
        return _others(library, intent, issued_answer(library, named, doc), ranked)
    if kind == intents.EFFECTIVE:
        return _others(library, intent, effective_answer(library, doc, intent), ranked)
    if kind == intents.BASIS:
        found = basis_answer(library, doc, intent)
        return _others(library, intent, found, ranked) if found is not None else None
    if kind == intents.DEADLINE:
        docs = close_documents(library, intent, named, ranked, today)
        asked = content_query(intent, named)
        found = deadline_answer(library, intent, docs, today, asked, bool(named.docs))
        return _others(library, intent, found, ranked, docs) if found is not None else None
    if kind == intents.UNIT:
        found = unit_answer(intent, [r.doc for r in ranked[:1]])
        return _others(library, intent, found, ranked) if found is not None else None
    if kind == intents.REQUIRES and (named.docs or named.cited) and wants_requirements(intent, doc):
        return requirements_answer(doc)
    return None


def _passage(library: Library, intent: intents.Intent, named: Named, ranked: list[Ranked]) -> Found:
    """The sentence of the document meant that fits the question best, quoted."""
    doc = ranked[0].doc
    query = content_query(intent, named)
    want = want_of(intent)
    spots = best_spots(library, doc, query, want, limit=1 + OTHERS)
    if not spots or not _answers(library, query, spots[0], bool(named.docs)):
        if named.cited and not named.docs and not _asks_more(intent):
            # "kh 118" names a cited directive and nothing else: its card is the answer.
            return Found(cited_line(library, named.cited[0]) + ".", found=False)
        return _not_found(library, named)
    if want is not None and asks_amount(intent) and not want(spots[0].text):
        # "hỗ trợ bao nhiêu tiền?" and the nearest sentence states no sum: not the answer;
        # a close document's sentence stating one may be.
        stated = (
            None if named.docs else _stating_amount(library, query, ranked[1:AMOUNT_DOCS], want)
        )
        if stated is None:
            return absent(library, intent, say.NOT_FOUND, ranked)
        doc, spots = stated.doc, [stated]
    listing = bool(getattr(want, "lists", False))
    picks = [_pick(s, query, listing) for s in spots]
    # A deadline asked of a document stating none: say so, then quote what it says.
    lead = say.NO_DEADLINE.format(doc=doc.name) if _sets_none(intent, doc, spots[0]) else ""
    if named.docs and not lead and asked_part(library, query, doc, spots[0].text) < NAMED_MIN:
        # "Thông báo 659 giao Bộ Quốc phòng làm gì về an ninh mạng?": it names the Ministry
        # among those present, and says nothing of the rest.
        lead = say.NO_CONTENT.format(doc=doc.name)
    found = Found(lead, picks[:1], picks[1:] if named.docs else [], found=not lead)
    return found if named.docs else _others(library, intent, found, ranked)


def _stating_amount(library: Library, query: str, ranked: list[Ranked], want: Want) -> Spot | None:
    """The best sentence of the next documents stating the amount asked, or None."""
    for r in ranked:
        spots = best_spots(library, r.doc, query, want, limit=1)
        if spots and want(spots[0].text) and _answers(library, query, spots[0], False):
            return spots[0]
    return None


def _sets_none(intent: intents.Intent, doc: DocRef, spot: Spot) -> bool:
    """Whether a deadline asked of a document is one it does not set: its sentence for
    the question states no time, or, in a document with no deadline at all (a report, a
    submission), only a year or a past day ("Trong năm 2026, nhà trường tiếp nhận …")."""
    if intent.kind != intents.DEADLINE:
        return False
    if not has_time(spot.text):
        return True
    duties = [d for d in doc.directive.deadlines if _DUE_WORDS.search(d.text)]
    return intent.due and not duties and not _DUE_WORDS.search(spot.text)


def _answers(library: Library, query: str, spot: Spot, named: bool) -> bool:
    """Whether a sentence holds enough of the question to be quoted as its answer.

    Search always ranks something first; in a document the question names, any sentence
    sharing its words will do, elsewhere it must hold a good part of the question.
    """
    # Measured with the library's weights: within the document, its topic words weigh
    # little, but they are still part of what the question asks.
    wanted = Wanted(library, query)
    if wanted.total <= 0:
        return named
    # The words naming the document (its title, its issuer and place) are held by it.
    d = spot.doc.doc
    held = wanted.score(f"{d.title} {d.issuer} {spot.passage.context} {spot.text}")
    return spot.score > 0 and held >= (0.0 if named else MIN_COVER) * wanted.total


def _pick(spot: Spot, query: str, listing: bool = False) -> Pick:
    """A quoted sentence and where it is (a list asked for: its items, whole)."""
    part = {HEAD: say.PREAMBLE, TAIL: say.CLOSING}.get(spot.passage.part, "")
    label = trim(sentence_case(spot.passage.context.split("  ")[0]), "", 120)
    excerpt = quote_list(spot.text, query) if listing else quote(spot.text, query)
    unit = spot.passage.unit
    if unit and fold(unit) not in fold(excerpt[: len(unit) + 40]):
        # "Chủ trì, theo dõi …" under the heading "Sở Y tế": the quote says who.
        excerpt = f"{unit}: {excerpt}"
    return Pick(spot.doc, spot.path, excerpt, label=label, part=part)


def _others(
    library: Library,
    intent: intents.Intent,
    found: Found,
    ranked: list[Ranked],
    taken: list[DocRef] | None = None,
) -> Found:
    """The answer with the best passage of each next document as other candidates: when
    the question names no document, the next candidates are other documents (the one
    chosen may not be the one meant), then more of the same one."""
    query = intent.topic or intent.folded
    seen = {p.doc.id for p in found.main + found.others} | {d.id for d in taken or []}
    others = len({p.doc.id for p in found.others} - {p.doc.id for p in found.main})
    picks: list[Pick] = []
    for r in ranked[1:]:
        if len(picks) + others >= OTHERS:
            break
        if r.doc.id in seen or not _of_year(r.doc, intent.year):
            continue
        seen.add(r.doc.id)
        spots = best_spots(library, r.doc, query)
        if spots and spots[0].passage.part not in (HEAD, TAIL):
            picks.append(_pick(spots[0], query))
        else:  # the header, recipients and signature only say which document it is
            title = short_title(sentence_case(r.doc.doc.title)) or r.doc.name
            picks.append(Pick(r.doc, "", "", label=title, part=say.PREAMBLE))
    main = {p.doc.id for p in found.main}
    elsewhere = [p for p in found.others if p.doc.id not in main]
    same = [p for p in found.others if p.doc.id in main]
    found.others = dedupe([*elsewhere, *picks, *same])
    return found


def _of_year(doc: DocRef, year: int | None) -> bool:
    """Whether a document may be of the year a question names (any, when it names none)."""
    if year is None:
        return True
    d = doc.doc
    return d.year == year or (d.date is not None and d.date.year == year)


def _beyond_unit(intent: intents.Intent) -> bool:
    """Whether a unit question says more than the unit ("… trong kế hoạch dân số")."""
    words = [w for w in syllables(intent.topic) if len(w) > 1]
    return len(words) >= 2


def _asks_more(intent: intents.Intent) -> bool:
    """Whether a question has words beyond a document's type and number ("kh 118")."""
    return any(not w.isdigit() and len(w) > 2 for w in syllables(intent.topic)[2:])


def _not_found(library: Library, named: Named) -> Found:
    found = Found(f"{say.NOT_FOUND}\n\n{say.SUGGEST}", found=False)
    return _with_cited(library, named, found)


def _with_cited(library: Library, named: Named, found: Found) -> Found:
    """Say first that a named directive has no full text, when the answer comes from another."""
    if named.cited and not named.docs:
        first = cited_line(library, named.cited[0]) + "."
        if not found.lead.startswith(first):
            found.lead = "\n\n".join(p for p in (first, found.lead) if p)
    return found
