"""Finding a directive by number or title: exact keys, typed numbers, then fuzzy titles.

The catalogue holds every ingested document and every number that stored documents
only cite (no full text), each with who cites it. Lookup order:
1. a document number in the query matched as a whole key ("89-KH/TU", "34 -HD/ĐU");
2. a typed number read by number_query.parse_query ("kh 89", "34 hd du", "30"), scored
   against the catalogue entries with that number; equal best scores are ambiguous;
3. fuzzy titles: BM25 over folded labels (type, number, title, year) picks candidates,
   rapidfuzz ranks them, which tolerates missing diacritics and misspellings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process

from knowledge.model import DocNumber
from knowledge.search.library_doc import LibraryDoc
from knowledge.search.tokens import syllables
from knowledge.vi.docnumbers import find_numbers, number_key
from knowledge.vi.doctypes import type_name
from knowledge.vi.number_query import NumberQuery, parse_query

MAX_QUERY = 300  # a lookup is a number or a title; longer text is a question
FUZZY_FLOOR = 62.0  # rapidfuzz score below which a title is not a match
TIE = 1e-6
TITLE_MIN_WORDS = 3  # words besides digits a numbered query needs to be tried as a title


@dataclass(eq=False)
class Entry:
    """A directive the library knows: ingested (doc set) or only cited by others."""

    number: str | None
    key: str | None
    parsed: DocNumber | None
    doc_type: str
    doc_type_name: str
    issuer: str
    date: date | None
    year: int | None
    title: str
    doc: LibraryDoc | None = None
    cited_by: list[LibraryDoc] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Text fuzzy matching runs on: type name, number, title, issuer, year (not folded)."""
        parts = [self.doc_type_name, self.number or "", self.title, self.issuer]
        return " ".join(p for p in [*parts, str(self.year or "")] if p)


@dataclass
class LookupMatch:
    """One directive found by a lookup."""

    number: str | None
    title: str
    doc_type: str
    doc_type_name: str
    issuer: str
    date: date | None
    file: str | None
    ingested: bool
    cited_by: list[tuple[str | None, str]]
    score: float
    doc_id: int | None
    # The ids of the citing documents, in cited_by's order: a department's view filters
    # on them (two departments may each hold a file of the same name).
    cited_by_ids: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The `danvan lookup --json` match shape (DESIGN.md) plus type, issuer and date."""
        return {
            "number": self.number,
            "title": self.title,
            "file": self.file,
            "ingested": self.ingested,
            "cited_by": [{"number": n, "file": f} for n, f in self.cited_by],
            "score": round(self.score, 4),
            "doc_type": self.doc_type,
            "doc_type_name": self.doc_type_name,
            "issuer": self.issuer,
            "date": self.date.isoformat() if self.date else None,
            "doc_id": self.doc_id,
        }


@dataclass
class LookupResult:
    """What a lookup found; ambiguous when several candidates fit equally well."""

    query: str
    matches: list[LookupMatch] = field(default_factory=list)
    ambiguous: bool = False
    how: str = "none"  # key | number | title | none


# Step 3 of a lookup: entries whose label fits the text, with scores in (0, 0.9].
TitleFinder = Callable[[str], "list[tuple[Entry, float]]"]


def match_of(entry: Entry, score: float) -> LookupMatch:
    """The public view of a catalogue entry."""
    doc = entry.doc
    return LookupMatch(
        number=entry.number,
        title=entry.title,
        doc_type=entry.doc_type,
        doc_type_name=entry.doc_type_name,
        issuer=entry.issuer,
        date=entry.date,
        file=doc.file if doc else None,
        ingested=doc is not None,
        cited_by=[(c.number, c.file) for c in entry.cited_by],
        score=score,
        doc_id=doc.id if doc else None,
        cited_by_ids=[c.id for c in entry.cited_by],
    )


def entry_type_name(parsed: DocNumber | None, doc_type: str) -> str:
    """Vietnamese type name of a catalogue entry ("Công văn" for a State number without type)."""
    if parsed is not None and not parsed.doc_type and parsed.family == "state":
        return "Công văn"
    family = parsed.family if parsed is not None else "state"
    return type_name(doc_type, family) if doc_type else ""


def _rank(entry: Entry) -> tuple[int, float]:
    # Among equal scores: documents with full text first, then the most recent.
    when = entry.date.toordinal() if entry.date else (entry.year or 0) * 366
    return (0 if entry.doc is not None else 1, -float(when))


class Catalogue:
    """Every known directive, indexed by key, by bare number and by folded label."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_key: dict[str, list[Entry]] = {}
        self.by_number: dict[str, list[Entry]] = {}
        for entry in entries:
            if entry.key:
                self.by_key.setdefault(entry.key, []).append(entry)
            if entry.parsed is not None:
                bare = entry.parsed.number.lstrip("0") or "0"
                self.by_number.setdefault(bare, []).append(entry)
        self.labels = [entry.label for entry in entries]
        self._folded_labels: dict[int, str] = {}

    def lookup(self, query: str, limit: int, titles: TitleFinder) -> LookupResult:
        """Find directives for a lookup query (never raises on odd input)."""
        text = query.strip()[:MAX_QUERY]
        result = LookupResult(query=query)
        if not syllables(text):
            return result
        scored = self._by_key(text)
        if scored:
            return _result(query, "key", scored, limit)
        wanted = parse_query(text)
        scored = self._by_number(wanted) if wanted is not None else []
        if scored:
            return _result(query, "number", scored, limit)
        if wanted is not None and len(_words(text)) <= TITLE_MIN_WORDS:
            # "quyết định 4242" names a number nobody has: a title guess would mislead.
            return result
        scored = titles(text)
        return _result(query, "title", scored, limit) if scored else result

    def _by_key(self, text: str) -> list[tuple[Entry, float]]:
        found: list[tuple[Entry, float]] = []
        for match in find_numbers(text):
            found.extend((e, 1.0) for e in self.by_key.get(number_key(match.number), []))
        return found

    def _by_number(self, wanted: NumberQuery) -> list[tuple[Entry, float]]:
        scored = []
        for entry in self.by_number.get(wanted.number, []):
            assert entry.parsed is not None
            score = wanted.score(entry.parsed, entry.year)
            if score > 0:
                scored.append((entry, score * 0.99))  # below an exact key match
        return scored

    def _folded(self, index: int) -> str:
        # Folded on first use: folding 20,000 labels at start-up costs more than it saves.
        label = self._folded_labels.get(index)
        if label is None:
            label = self._folded_labels[index] = " ".join(syllables(self.labels[index]))
        return label

    def fuzzy(self, text: str, candidates: list[int]) -> list[tuple[Entry, float]]:
        """Rank candidate entries by rapidfuzz similarity of folded labels to the query."""
        folded = " ".join(syllables(text))
        choices = {i: self._folded(i) for i in candidates}
        ranked = process.extract(
            folded, choices, scorer=_title_score, limit=10, score_cutoff=FUZZY_FLOOR
        )
        # Full text beats a mere citation with the same title ("chương trình dân vận 2024").
        return [
            (self.entries[i], 0.88 * score / 100.0 + (0.02 if self.entries[i].doc else 0.0))
            for _, score, i in ranked
        ]


def _words(text: str) -> list[str]:
    return [w for w in syllables(text) if not w.isdigit()]


def _title_score(query: str, label: str, **_: object) -> float:
    # Queries name a few words of a title ("kế hoạch thủ đức 2023"): word-set overlap
    # rewards that, partial ratio forgives misspelt words.
    return 0.7 * fuzz.token_set_ratio(query, label) + 0.3 * fuzz.partial_ratio(query, label)


def _result(query: str, how: str, scored: list[tuple[Entry, float]], limit: int) -> LookupResult:
    best: dict[int, tuple[Entry, float]] = {}
    for entry, score in scored:
        if id(entry) not in best or best[id(entry)][1] < score:
            best[id(entry)] = (entry, score)
    ordered = sorted(best.values(), key=lambda pair: (-pair[1], *_rank(pair[0])))
    top = ordered[0][1]
    tied = [pair for pair in ordered if top - pair[1] <= TIE]
    # Equal best scores: "30", "105", or one key held by documents of two terms.
    ambiguous = len(tied) > 1
    matches = [match_of(entry, score) for entry, score in ordered[:limit]]
    return LookupResult(query=query, matches=matches, ambiguous=ambiguous, how=how)
