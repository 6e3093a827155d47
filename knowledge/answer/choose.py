"""Which documents a question is about, best first.

A document the question names by number comes first. Otherwise the library ranks the
documents by their passages (knowledge.search.library.rank_docs) on the question's
topic, and what the question names narrows the ranking: a province or city its header
names, a year, a type of document ("kế hoạch", "công văn"). The other documents of the
ranking are the other candidates an answer lists, so they come from other documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from knowledge.answer import scope
from knowledge.answer.intents import Intent, without_date_cues
from knowledge.answer.targets import DocRef, Named, implementing_docs, ref_of
from knowledge.answer.wording import expand
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc
from knowledge.search.passages import BODY, HEAD, TAIL
from knowledge.search.places import places_in, spellings
from knowledge.vi.doctypes import TYPE_NAME_TO_CODE
from knowledge.vi.number_query import parse_query
from knowledge.vi.textnorm import fold, syllables

RANKED = 12  # documents ranked for one question: the answer, its candidates and spares
CLOSE_DOCS = 0.6  # documents ranked this close to the best may hold the deadline meant
CLOSE_READ = 8  # of them, the ones read (those due soonest first): a read costs a few ms
MAX_SCOPE = 20  # documents implementing a cited one that are read for one question
PLACE_BOOST = 1.6  # the header names the province or city asked about
TYPE_BOOST = 1.15  # the document is of the type the question names
YEAR_BOOST = 1.1  # the document is of the year the question names
TITLE_BOOST = 1.3  # its title holds the words after the type the question names
TITLE_PAIRS = 2  # pairs of words read after the type word ("kế hoạch [về] dân số")
NUMBER_BOOST = 2.0  # the document prints the number the question names ("cv 6386")
NUMBER_DIGITS = 2  # shorter numbers ("kh 5") are too common in texts to narrow anything
ALL_PARTS = (HEAD, BODY, TAIL)
TITLE_HEAD = 6  # "Ban hành Kế hoạch …": the words of a title that say what it issues
_CODES = {"kh": "KH", "qd": "QĐ", "cv": "CV", "hd": "HD", "tb": "TB", "kl": "KL", "nq": "NQ"}
_CODES |= {"ct": "CT", "ctr": "CTr", "tt": "TT", "nd": "NĐ"}
_TYPE_WORDS = re.compile(
    r"\b(" + "|".join(sorted((*(n for n, _ in TYPE_NAME_TO_CODE), *_CODES), key=len)[::-1]) + r")\b"
)
# Type words that are nouns only ("báo cáo", "hướng dẫn", "quyết định" are verbs as often).
_TITLED = re.compile(
    r"\b(?:ke hoach|cong van|chuong trinh|nghi quyet|de an|phuong an|van ban|kh|cv|ctr)\b"
)
_YEAR = re.compile(r"(?<![\d/-])(20\d\d)(?![\d/-])")


@dataclass
class Ranked:
    """A document and how well it fits the question."""

    doc: DocRef
    score: float
    states: bool = False  # its sentence for the question states what it asks (a count…)


def ranked_documents(library: Library, intent: Intent, named: Named) -> list[Ranked]:
    """The documents a question is about, best first (named ones first of all)."""
    if named.docs:  # a number decides: the other documents are not what was asked about
        return [Ranked(d, float("inf")) for d in named.docs]
    query = expand(intent.topic or intent.folded, library.knows)
    within = _implementing(library, named)
    found = library.rank_docs(query, k=max(RANKED, scope.MAX_READ), doc_ids=within)
    if within and not found:  # "kế hoạch thực hiện 77-KH/TU": any document implementing it
        found = [(d, 0.0) for d in library.visible_docs() if d.id in within][:RANKED]
    return _narrowed(library, intent, found, bool(named.cited))


def _implementing(library: Library, named: Named) -> set[int] | None:
    """A cited-only number named: the documents implementing it (or citing it)."""
    ids: set[int] = set()
    for match in named.cited:
        ids |= {d.id for d in implementing_docs(library, match.number or "", MAX_SCOPE)}
    return ids or None


def _narrowed(
    library: Library,
    intent: Intent,
    found: list[tuple[LibraryDoc, float]],
    named_any: bool = False,
) -> list[Ranked]:
    """The ranking with the documents of the place, year and type asked about lifted."""
    if not found:
        return []
    folded = intent.folded
    boost = {d.id: 1.0 for d, _ in found}
    for place in places_in(folded):
        naming: set[int] = set()
        for spelling in spellings(place):
            naming |= library.docs_naming(spelling)
        for doc_id in naming & boost.keys():
            boost[doc_id] *= PLACE_BOOST
    if not named_any:
        # "cv 6386" that no document bears as its own number: the one printing it.
        typed = parse_query(without_date_cues(folded))
        if typed is not None and len(typed.number) >= NUMBER_DIGITS:
            for doc_id in library.docs_naming(typed.number, ALL_PARTS) & boost.keys():
                boost[doc_id] *= NUMBER_BOOST
    kinds = _types(folded)
    titled = _title_pairs(folded)
    years = {int(y) for y in _YEAR.findall(folded)}
    for doc, _ in found:
        if kinds and _of_type(doc, kinds):
            boost[doc.id] *= TYPE_BOOST
        if titled and titled & _pairs(doc.title):
            boost[doc.id] *= TITLE_BOOST
        if years and (doc.year in years or (doc.date is not None and doc.date.year in years)):
            boost[doc.id] *= YEAR_BOOST
    scored = [Ranked(ref_of(d), s * boost[d.id]) for d, s in found]
    scored.sort(key=lambda r: -r.score)
    return scored


def _types(folded: str) -> set[str]:
    """Types of document the question names without a number ("kế hoạch dân số …")."""
    found = set()
    for match in _TYPE_WORDS.finditer(folded):
        after = folded[match.end() :].lstrip()
        if after[:1].isdigit():
            continue  # "kh 308" names one document: the lookup resolved it
        word = match.group(1)
        found.add(_CODES.get(word) or dict(TYPE_NAME_TO_CODE)[word])
    return found


def _title_pairs(folded: str) -> set[str]:
    """The pairs of words a question names a document by, after its type ("kế hoạch dân
    số", "công văn về xếp loại chất lượng"): the first TITLE_PAIRS pairs after each."""
    found: set[str] = set()
    for match in _TITLED.finditer(folded):
        words = syllables(folded[match.end() :])[: TITLE_PAIRS + 1]
        if words and not words[0].isdigit():
            found |= {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    return found


def _pairs(title: str) -> set[str]:
    """The pairs of adjacent words of a title (folded)."""
    words = syllables(title)
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def _of_type(doc: LibraryDoc, kinds: set[str]) -> bool:
    """Of one of these types; a Quyết định issuing a plan is a plan too."""
    if doc.doc_type in kinds or ("CV" in kinds and not doc.doc_type):
        return True
    opening = " ".join(fold(doc.title).split()[:TITLE_HEAD])
    return any(name in opening for name, code in TYPE_NAME_TO_CODE if code in kinds)


def close_documents(
    library: Library, intent: Intent, named: Named, ranked: list[Ranked], today: date | None
) -> list[DocRef]:
    """The documents whose deadlines answer a deadline question: the one named, else the
    best ranked and every one that fits the question as well (the plans of four years
    asked "hạn nộp báo cáo 6 tháng?"), with those due soonest among them."""
    if named.docs:
        return list(named.docs)
    top = ranked[0].score
    if len(ranked) < 2 or ranked[1].score < CLOSE_DOCS * top:
        return [ranked[0].doc]
    wide = list(ranked[: scope.MAX_READ])
    ahead = _ahead(library, today)
    within = _implementing(library, named)
    extra = ahead - {r.doc.id for r in wide}
    extra = extra & within if within is not None else extra
    if extra:
        query = expand(intent.topic or intent.folded, library.knows)
        wide += _narrowed(library, intent, library.rank_docs(query, doc_ids=extra), True)
    close = [r for r in wide if r.score >= CLOSE_DOCS * top]
    # The ones due soonest are kept: the nearest deadline ahead is the one meant.
    close.sort(key=lambda r: (r.doc.id not in ahead, -r.score))
    docs = [ranked[0].doc] + [r.doc for r in close if r.doc.id != ranked[0].doc.id]
    return docs[: min(scope.MAX_READ, CLOSE_READ)]


def _ahead(library: Library, today: date | None) -> set[int]:
    """Ids of the documents with the nearest deadlines ahead (scope.UPCOMING_DOCS)."""
    if today is None:
        return set()
    soon = library.docs_with_deadlines_between(today, today + timedelta(days=366), False)
    return {d.id for d in soon[: scope.UPCOMING_DOCS]}
