"""The sentence of a document that answers a question, quoted as printed.

Within one document, the passages BM25 ranks best are cut into sentences, and each
sentence is scored by the question's words it holds, each weighted by how rare it is in
the library (idf: "kiểm kê" says more than "báo cáo"), pairs of adjacent words counting
extra; the headings above a passage count for part. A question asking for a date, a
duration or an entry into force prefers the sentences that state one. A heading is never
the answer on its own: the body under it is quoted with it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from knowledge.answer.intents import expansions
from knowledge.answer.targets import DocRef
from knowledge.search.library import Library
from knowledge.search.passages import Passage
from knowledge.search.places import places_in
from knowledge.search.tokens import syllables

PAIR_WEIGHT = 0.6  # a pair of the question's words, side by side, adds this part of their idf
CONTEXT_WEIGHT = 0.4  # the headings above a sentence count for this part
WANT_BONUS = 0.35  # a sentence stating what is asked (a date…) gains this part of the best fit
PASSAGES = 8  # passages of a document whose sentences are scored
BODY_CHARS = 600  # a heading is quoted with this much of the body under it
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[-•+*\"“(A-ZÀ-Ỹ0-9])|\n+")
_ABBREVIATIONS = ("TP.", "Tp.", "TS.", "ThS.", "PGS.", "GS.", "Q.", "P.", "KT.", "TM.", "TL.")
_MARKER = re.compile(r"^(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*")  # "II. ", "1.2. ", "a) "
ALSO_WEIGHT = 0.5  # a word of what an abbreviation of the question stands for
NAMING_WEIGHT = 0.35  # a word of the document's title, within that document
NAMED_PART = 1.5  # a heading whose every word the question names
IN_DOC_FLOOR = 0.2  # a word every passage of the document holds still counts this part
ORDINAL_SAME = 1.5  # "đợt 2" asked, "Đợt 02: …" found
ORDINAL_OTHER = 0.4  # "đợt 2" asked, "Đợt 01: …" found: the wrong item of the list
ORDINAL_NONE = 0.8  # "đợt 2" asked, a text naming no "đợt" at all
_ORDINAL = re.compile(
    r"\b(dot|lan|giai doan|buoc|vong|khoa|nhiem ky)\s+(?:thu\s+)?"
    r"(\d{1,2}|[ivx]{1,4}|nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)\b"
)
_NUMBER_WORDS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5}
_NUMBER_WORDS |= {"sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
# "Thời gian hoàn thành:", "Thời hạn thực hiện:", "Tiến độ:", "Hạn nộp:" opening a line.
_TIME_LINE = re.compile(r"^[-+•*]?\s*(?:Thời gian|Thời hạn|Tiến độ|Hạn)\b[^:.;]{0,40}:", re.I)
Want = Callable[[str], bool]


@dataclass
class Spot:
    """A sentence of a document chosen to answer, with where it is."""

    doc: DocRef
    passage: Passage
    row: int  # the passage's position in the document
    text: str  # the sentence, with the body under it when it is a heading
    score: float

    @property
    def path(self) -> str:
        """The section path ("" outside the sections)."""
        return self.passage.path


class Wanted:
    """The question's words, each weighted by its idf in the library, and the ordinals it
    names ("đợt 2", "lần thứ nhất"): a text naming another one of the same is not it."""

    def __init__(self, library: Library, text: str, naming: frozenset[str] = frozenset()) -> None:
        words = [w for w in syllables(text)]
        # A word no document uses counts as the rarest: the question asks about it.
        rare = library.idf("") or 1.0
        self.words = {w: library.idf(w) or rare for w in dict.fromkeys(words)}
        # Words naming the document ("kế hoạch dân vận Thủ Đức … mục đích?") chose it;
        # within it, the other words say which part is asked about.
        for w in naming & self.words.keys():
            self.words[w] *= NAMING_WEIGHT
        self.asked = set(self.words)
        # What an abbreviation stands for ("ubnd": "ủy ban nhân dân") counts, in part.
        spelled = syllables(" ".join(expansions(" ".join(words))))
        for w in dict.fromkeys(spelled):
            self.words.setdefault(w, ALSO_WEIGHT * (library.idf(w) or rare))
        self._sequence = words + [""] + spelled
        self.pairs: dict[str, float] = {}
        self.reweigh_pairs()
        self.ordinals = ordinals(" ".join(words))

    def reweigh_pairs(self) -> None:
        """The pairs' weights from their words' (after the words were reweighed)."""
        words = self._sequence
        self.pairs = {
            f"{a} {b}": PAIR_WEIGHT * (self.words[a] + self.words[b]) / 2
            for a, b in zip(words, words[1:], strict=False)
            if a and b
        }

    def score(self, text: str) -> float:
        """How much of the question a text holds."""
        have = term_set(text)
        total = sum(v for w, v in self.words.items() if w in have)
        total += sum(v for p, v in self.pairs.items() if p in have)
        if self.ordinals and total:
            named = ordinals(" ".join(syllables(text)))
            for kind, value in self.ordinals.items():
                if kind not in named:
                    total *= ORDINAL_NONE
                else:
                    total *= ORDINAL_SAME if named[kind] == value else ORDINAL_OTHER
        return total

    def held_by(self, library: Library, docs: list[DocRef]) -> dict[int, float]:
        """The weight of the question's words each document holds anywhere: the document
        a question's topic names holds them, another one only some."""
        held = library.held(list(self.words), [d.id for d in docs])
        return {d.id: sum(self.words[w] for w in held.get(d.id, [])) for d in docs}

    def names(self, heading: str) -> bool:
        """Whether the question names this heading: two or more of its words, at least
        half of them ("mục đích" of "MỤC ĐÍCH, YÊU CẦU")."""
        words = set(syllables(heading))
        named = len(words & self.asked)
        return named >= 2 and named >= len(words) / 2

    @property
    def total(self) -> float:
        """The score of a text holding every word of the question (as asked)."""
        words = sum(v for w, v in self.words.items() if w in self.asked)
        pairs = sum(v for p, v in self.pairs.items() if set(p.split()) <= self.asked)
        return words + pairs


def ordinals(folded: str) -> dict[str, int]:
    """The ordinals a folded text names: "dot 2" → {"dot": 2}, "lan thu nhat" → {"lan": 1}."""
    found: dict[str, int] = {}
    for match in _ORDINAL.finditer(folded):
        value = _ordinal_value(match.group(2))
        if value is not None:
            found.setdefault(match.group(1), value)
    return found


def _ordinal_value(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if re.fullmatch(r"[ivx]+", word):
        values = [{"i": 1, "v": 5, "x": 10}[c] for c in word]
        return sum(-v if v < n else v for v, n in zip(values, [*values[1:], 0], strict=True))
    return None


def time_line(text: str) -> bool:
    """A line that only says when ("Thời gian hoàn thành: Trước ngày 15/4/2026."): it
    belongs to the task written just before it."""
    return bool(_TIME_LINE.match(text))


@lru_cache(maxsize=16384)
def term_set(text: str) -> frozenset[str]:
    """Folded syllables and adjacent pairs of a text (cached: sentences recur)."""
    words = syllables(text)
    return frozenset(words) | frozenset(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))


def split_sentences(text: str) -> list[str]:
    """Sentences and bullets of a paragraph ("TP. Hồ Chí Minh", "1. Mục đích" are not cut)."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if parts and (parts[-1].endswith(_ABBREVIATIONS) or _MARKER.fullmatch(parts[-1])):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts


def wanted_in(library: Library, doc: DocRef, query: str) -> Wanted:
    """The question's words as they weigh within one document: its title's words less,
    and a word most of its passages hold (its topic: "cho thuê lại lao động") less than
    one that says which passage is meant ("gia hạn", "60 ngày")."""
    title = doc.doc.title
    naming = set(syllables(f"{title} {doc.doc.doc_type_name}")) if title else set()
    # The place a question names chose the document; within it, it says nothing more.
    naming |= {w for place in places_in(" ".join(syllables(query))) for w in place.split()}
    wanted = Wanted(library, query, frozenset(naming))
    counts, size = library.counts_in(list(wanted.words), doc.id)
    for word, held in counts.items():
        if held:
            # BM25's idf within the document, as a part of its largest value there.
            spread = math.log1p((size - held + 0.5) / (held + 0.5)) / math.log1p(size + 1.0)
            wanted.words[word] *= max(IN_DOC_FLOOR, spread)
    wanted.reweigh_pairs()
    return wanted


def best_spots(
    library: Library,
    doc: DocRef,
    query: str,
    want: Want | None = None,
    limit: int = 1,
    require: bool = False,
) -> list[Spot]:
    """The sentences of doc that best answer the query, best first (with `require`, only
    those stating what `want` looks for)."""
    wanted = wanted_in(library, doc, query)
    hits = library.search(" ".join([query, *expansions(query)]), k=PASSAGES, doc_ids={doc.id})
    rows = doc.doc.passages
    seen: set[int] = set()
    spots: list[Spot] = []
    for hit in hits:
        for row in _around(hit.row, rows, want):
            if row in seen:
                continue
            seen.add(row)
            spots += _scored(doc, rows, row, wanted, want)
    if not spots:
        return []
    for spot in spots:  # quoted without its list marker: the citation says where it is
        spot.text = _MARKER.sub("", spot.text.lstrip("-•+* ")) or spot.text
    top = max(s.score for s in spots)
    if want is not None:
        for spot in spots:
            spot.score += WANT_BONUS * top * want(spot.text)
        if require:
            spots = [s for s in spots if want(s.text)]
    spots.sort(key=lambda s: (-s.score, s.row))
    return [_with_body(s, rows) for s in spots[:limit]]


def _around(row: int, rows: list[Passage], want: Want | None) -> list[int]:
    """The passage hit, and for a sought fact (a date…) the next one too: "Đợt 2:" is
    often followed by its dates on the next line."""
    if want is None or row + 1 >= len(rows):
        return [row]
    return [row, row + 1]


def _scored(
    doc: DocRef, rows: list[Passage], row: int, wanted: Wanted, want: Want | None
) -> list[Spot]:
    passage = rows[row]
    context = CONTEXT_WEIGHT * wanted.score(passage.context) if passage.context else 0.0
    if time_line(passage.text) and row > 0:
        # The line says when; the task it times is the paragraph before it.
        text = f"{rows[row - 1].text} {passage.text}"
        return [Spot(doc, passage, row, text, wanted.score(text) + context)]
    found = []
    before = ""
    # "Mục đích của kế hoạch …?": a heading the question names is the part it asks for.
    named = NAMED_PART if passage.opens and wanted.names(_MARKER.sub("", passage.text)) else 1.0
    for sentence in split_sentences(passage.text):
        text = f"{before} {sentence}" if before and time_line(sentence) else sentence
        before = sentence
        score = (wanted.score(text) + context) * named
        if score > 0:
            found.append(Spot(doc, passage, row, text, score))
    return found


def with_task(doc: DocRef, sentence: str) -> str:
    """A sentence that only says when, with the task it times (the sentence or paragraph
    before it); any other sentence as it is."""
    if not time_line(sentence):
        return sentence
    rows = doc.doc.passages
    for row, passage in enumerate(rows):
        if sentence not in passage.text:
            continue
        parts = split_sentences(passage.text)
        at = next((i for i, p in enumerate(parts) if sentence in p), 0)
        if at > 0:
            return f"{parts[at - 1]} {sentence}"
        return f"{rows[row - 1].text} {sentence}" if row > 0 else sentence
    return sentence


def is_heading(spot: Spot) -> bool:
    """A heading line: the opening line of a section, short, with no sentence in it."""
    text = spot.text.rstrip(":")
    letters = [c for c in text if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    opens = spot.passage.opens and spot.passage.text.endswith(spot.text)
    return (caps and len(text) < 200) or (opens and len(text) < 120 and "." not in text[-1:])


def _with_body(spot: Spot, rows: list[Passage]) -> Spot:
    """A heading (or a line announcing a list, "…như sau:") with what follows it."""
    if not (is_heading(spot) or spot.text.endswith(":")):
        return spot
    body: list[str] = []
    size = 0
    for passage in rows[spot.row + 1 :]:
        if passage.part != spot.passage.part or size > BODY_CHARS:
            break
        if spot.passage.path and not _within(passage.path, spot.passage.path):
            break
        body.append(passage.text)
        size += len(passage.text)
    if not body:
        return spot
    spot.text = " ".join([spot.text, *body])
    return spot


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith(f"{parent}.")
