"""Lookup by words, and the narrowing a lookup gets from the place it names.

A lookup that is not a number ("bảo vệ bí mật nhà nước chỉ thị 32") is matched two ways:
the catalogue's labels (type, number, title, issuer, year; rapidfuzz over BM25
candidates) and the documents' own passages (a text whose header was lost has no title,
but its subject and body are there). An ingested document comes before a directive only
cited by others: a cited one found by its title brings the documents citing it first.
A number nobody bears as its own ("cv 6386 bvhttdl") finds the document that prints it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol

from knowledge.search.lookup import Catalogue, Entry, LookupResult, match_of
from knowledge.search.passages import BODY, HEAD, TAIL
from knowledge.search.places import places_in, spellings
from knowledge.search.tokens import syllables
from knowledge.vi.docnumbers import number_key, parse_number
from knowledge.vi.doctypes import ISSUER_NAMES, TYPE_NAME_TO_CODE
from knowledge.vi.number_query import parse_query
from knowledge.vi.textnorm import fold

if TYPE_CHECKING:
    from knowledge.search.library_doc import LibraryDoc


class Library(Protocol):
    """What lookups by words read of knowledge.search.library.Library."""

    catalogue: Catalogue

    def docs_by_words(self, text: str, k: int = 5) -> list[tuple[LibraryDoc, float]]:
        """Documents whose words fit a text best."""

    def held(self, words: list[str], doc_ids: list[int]) -> dict[int, list[str]]:
        """For each document, the syllables of these that it holds."""

    def entry_of(self, doc_id: int) -> Entry | None:
        """The catalogue entry of an ingested document."""

    def docs_naming(self, phrase: str, parts: tuple[str, ...] = ...) -> set[int]:
        """Documents with a passage of these parts holding the phrase."""

    def title_entries(self, text: str) -> list[tuple[Entry, float]]:
        """Entries whose labels or passages fit a lookup by words."""

    def visible_docs(self) -> list[LibraryDoc]:
        """The documents this view shows."""


CONTENT_DOCS = 5  # documents ranked by their passages for a title lookup
LABEL_SURE = 0.8  # a full text's label fitting this well needs no search of the passages
CONTENT_COVER = 0.6  # part of a lookup's words a document must hold to be found by them
CONTENT_TOP = 0.8  # score of the document whose passages fit best (labels reach 0.9)
BOTH = 0.05  # a document found by its label and by its passages gains this much
CITED = 0.85  # a cited-only directive's label score counts this part against full texts
CITING = 0.01  # a document citing the directive found comes just before it
PRINTED = 0.5  # score of a document that prints the number asked for
PRINTED_DIGITS = 3  # a number this long may be looked for alone; "40" needs its type
FILED = 0.45  # score of a document without a number whose file is named by the one asked
_DIGITS = re.compile(r"\d+")
TITLE_WORDS = 2  # words of a title typed with a number that make it a search by title
TITLE_OVER = 0.6  # a stored document found by those words this well comes first
_FILLERS = frozenset(("so", "cua", "ve", "va", "nam", "ngay", "thang", "ky", "hieu"))
# Type names, their codes and the issuers' names: words that name a number, not a title.
_NAMING_PHRASES = sorted(
    {*(n for n, _ in TYPE_NAME_TO_CODE), *(n for n, _ in ISSUER_NAMES)}, key=len, reverse=True
) + ["kh", "qd", "cv", "hd", "tb", "kl", "nq", "ct", "ctr", "nd", "tt", "ubnd", "hdnd"]
PLACE_LIFT = 1.1  # the header names the province or city the lookup names
YEAR_LIFT = 1.05  # the document is of the year the lookup names
TITLE_MAX = 0.95  # a lookup by words stays below any number typed in full
_YEAR = re.compile(r"(?<![\d/-])(20\d\d)(?![\d/-])")
HEADER_READS = 3  # documents read to see whether a cited number is their own
PLACE_TIE = 0.005  # among equal matches, the one whose header names the place asked about
ALL_PARTS = (HEAD, BODY, TAIL)


def title_matches(
    library: Library, text: str, labels: list[tuple[Entry, float]]
) -> list[tuple[Entry, float]]:
    """Entries for a lookup by words: label matches and passage matches, full texts first."""
    scores: dict[int, tuple[Entry, float]] = {}

    def offer(entry: Entry, score: float) -> None:
        key = id(entry)
        if key not in scores or scores[key][1] < score:
            scores[key] = (entry, score)

    for entry, score in labels:
        offer(entry, score if entry.doc is not None else CITED * score)
    sure = any(entry.doc is not None and score >= LABEL_SURE for entry, score in labels)
    # A title that fits well is found by its label; the passages are searched otherwise
    # (a text whose header was lost has no title).
    ranked = [] if sure else library.docs_by_words(text, k=CONTENT_DOCS)
    words = list(dict.fromkeys(syllables(text)))
    held = library.held(words, [d.id for d, _ in ranked]) if ranked else {}
    ranked = [
        (doc, score)
        for doc, score in ranked
        if len(held.get(doc.id, [])) >= CONTENT_COVER * len(words)
    ]
    top = ranked[0][1] if ranked else 0.0
    for doc, score in ranked:
        own = library.entry_of(doc.id)
        if own is None:
            continue
        content = CONTENT_TOP * score / top
        found = scores.get(id(own))
        offer(own, max(found[1] + BOTH, content) if found else content)
    for entry, score in labels:
        if entry.doc is None:
            for doc in entry.cited_by:
                citing = library.entry_of(doc.id)
                if citing is not None:
                    offer(citing, CITED * score + CITING)
    return _narrowed(library, text, [pair for pair in scores.values() if pair[1] > 0])


def _narrowed(
    library: Library, text: str, found: list[tuple[Entry, float]]
) -> list[tuple[Entry, float]]:
    """Documents of the place (header) and year a lookup names lifted a little."""
    folded = " ".join(fold(text).split())
    naming: set[int] = set()
    for place in places_in(folded):
        for spelling in spellings(place):
            naming |= library.docs_naming(spelling)
    years = {int(y) for y in _YEAR.findall(folded)}
    lifted = []
    for entry, score in found:
        doc_id = entry.doc.id if entry.doc is not None else None
        if doc_id in naming:
            score *= PLACE_LIFT
        if entry.year in years:
            score *= YEAR_LIFT
        lifted.append((entry, min(score, TITLE_MAX)))
    return lifted


def full_texts_first(library: Library, query: str, result: LookupResult) -> LookupResult:
    """A number that only a citation bears, typed with words of a title ("bảo vệ bí mật nhà
    nước chỉ thị 32"): the stored documents those words find come before the citation."""
    if result.how != "number" or not result.matches or result.matches[0].ingested:
        return result
    if len(title_words(query, result.matches[0].issuer)) < TITLE_WORDS:
        return result
    top = result.matches[0].score
    found = [
        (entry, score)
        for entry, score in library.title_entries(query)
        if entry.doc is not None and score >= TITLE_OVER
    ]
    found.sort(key=lambda pair: -pair[1])
    first = [match_of(e, top + CITING * (len(found) - i)) for i, (e, _) in enumerate(found)]
    taken = {m.doc_id for m in first}
    result.matches = first + [
        m for m in result.matches if m.doc_id is None or m.doc_id not in taken
    ]
    result.ambiguous = False
    return result


def own_numbers(library: Library, result: LookupResult) -> LookupResult:
    """A "cited" number that a document without a number prints as its own ("Số:
    986/QĐ-UBND" in a header the parser could not read, or an annex caption "Kèm theo
    Công văn số 6386/…") is that document's number."""
    if result.ambiguous:
        return result  # "kh 2": many documents bear it; reading their headers would cost
    for index, match in enumerate(result.matches[:1]):
        parsed = parse_number(match.number or "")
        if match.ingested or parsed is None:
            continue
        key = fold(match.number or "").replace(" ", "")
        stubs = library.catalogue.by_key.get(number_key(parsed), [])
        citing = [d for stub in stubs if stub.doc is None for d in stub.cited_by]
        digits = parsed.number
        for doc in [d for d in citing if not d.number][:HEADER_READS]:
            entry = library.entry_of(doc.id)
            if entry is not None and _in_header(doc, key, digits):
                result.matches[index] = match_of(entry, match.score)
                break
    return result


def _in_header(doc: LibraryDoc, key: str, digits: str) -> bool:
    """Whether a document prints the number as its own: "Số: …" in its header, or the
    caption of its annex "(Kèm theo Công văn số … của …)"."""
    for passage in doc.passages:
        if digits not in passage.text:
            continue
        folded = fold(passage.text).replace(" ", "")
        if passage.part == HEAD and folded.startswith("so") and key in folded[:40]:
            return True
        caption = folded.startswith(("(kemtheo", "kemtheo"))
        if passage.part != HEAD and caption and key in folded[:120]:
            return True
    return False


def title_words(query: str, issuer: str = "") -> list[str]:
    """The words of a lookup besides its number, type, issuer and place ("bảo vệ bí mật
    nhà nước" of "bảo vệ bí mật nhà nước chỉ thị 32"); words whose initials spell the
    issuer's code ("ban dân vận" for BDVTU) name the issuer."""
    folded = " ".join(fold(query).split())
    for place in places_in(folded):
        folded = folded.replace(place, " ")
    for phrase in _NAMING_PHRASES:
        folded = re.sub(rf"\b{phrase}\b", " ", folded)
    words = [w for w in syllables(folded) if not w.isdigit() and w not in _FILLERS]
    code = fold(issuer)
    initials = "".join(w[0] for w in words)
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            if code and code.startswith(initials[start : start + size]) and size >= 2:
                return words[:start] + words[start + size :]
    return words


def printed_number(library: Library, query: str, limit: int) -> LookupResult:
    """Documents whose text prints the number asked for, though none bears it as its own
    ("cv 6386 bvhttdl": a reply whose header was lost, its number in an annex caption)."""
    result = LookupResult(query=query)
    wanted = parse_query(query)
    if wanted is None:
        return result
    words = syllables(query)
    at = words.index(wanted.number) if wanted.number in words else len(words)
    after = [w for w in words[at + 1 : at + 3] if not w.isdigit()]
    kind = [fold(wanted.doc_type)] if wanted.doc_type and wanted.doc_type != "CV" else []
    # As printed: "40-HD/BTGDVTW", "6386/BVHTTDL-KHCNĐTMT": the number, its type, its issuer.
    phrases = [[*kind, *after], after, kind] if kind or after else []
    if len(wanted.number) >= PRINTED_DIGITS and not kind and not after:
        phrases.append([])  # "cv 6386": a công văn's number has no type
    for phrase in (" ".join([wanted.number, *p]) for p in phrases if p or not (kind or after)):
        found = library.docs_naming(phrase, ALL_PARTS)
        entries = [e for e in (library.entry_of(i) for i in sorted(found)) if e is not None]
        if entries:
            result.matches = [match_of(e, PRINTED) for e in entries[:limit]]
            result.ambiguous = len(entries) > 1
            result.how = "text"
            return result
    return filed_number(library, query, limit) if len(wanted.number) >= PRINTED_DIGITS else result


def filed_number(library: Library, query: str, limit: int) -> LookupResult:
    """Documents printing no number of their own whose file is named by the number asked
    for ("cv 4169": "CV 4169-UBND-VX.pdf", a reply pasted without its header)."""
    result = LookupResult(query=query)
    wanted = parse_query(query)
    if wanted is None:
        return result
    number = wanted.number.lstrip("0")
    found = [
        d
        for d in library.visible_docs()
        if not d.number and any(run.lstrip("0") == number for run in _DIGITS.findall(d.file))
    ]
    entries = [e for e in (library.entry_of(d.id) for d in found) if e is not None]
    if entries:
        result.matches = [match_of(e, FILED) for e in entries[:limit]]
        result.ambiguous = len(entries) > 1
        result.how = "file"
    return result


def prefer_place(library: Library, query: str, result: LookupResult) -> LookupResult:
    """Equal matches of a number ("kh 308 ubnd ha noi"): the one of the place asked about."""
    if not result.ambiguous or len(result.matches) < 2:
        return result
    naming: set[int] = set()
    for place in places_in(" ".join(fold(query).split())):
        for spelling in spellings(place):
            naming |= library.docs_naming(spelling)
    if not naming:
        return result
    top = result.matches[0].score
    for match in result.matches:
        if match.doc_id in naming and abs(match.score - top) < PLACE_TIE:
            match.score += PLACE_TIE
    result.matches.sort(key=lambda m: -m.score)
    tied = [m for m in result.matches if result.matches[0].score - m.score < PLACE_TIE / 2]
    result.ambiguous = len(tied) > 1
    return result
