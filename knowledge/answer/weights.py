"""How much each word of a question weighs, in the library and within one document.

A word weighs its rarity in the library (idf: "kiểm kê" says more than "báo cáo"); a pair
of the question's words side by side adds part of theirs. Within a document the words
naming it (its title, the place asked about) and the words most of its passages hold (its
topic) weigh less than the words that say which passage is meant. Ordinals ("đợt 2",
"lần thứ nhất") pick the item of a list; what an abbreviation stands for counts in part.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from knowledge.answer.targets import DocRef
from knowledge.answer.wording import expansions, shortened
from knowledge.search.library import Library
from knowledge.search.places import places_in
from knowledge.search.tokens import syllables

PAIR_WEIGHT = 0.6  # a pair of the question's words, side by side, adds this part of their idf
# Three of them in a row add this part more: "báo cáo viên cấp xã" as printed, not "báo cáo
# viên cấp tỉnh và … cấp xã"; "dữ liệu tổ chức đảng", not "dữ liệu để tổ chức".
TRIPLE_WEIGHT = 0.4
ALSO_WEIGHT = 0.5  # a word of what an abbreviation of the question stands for
NAMING_WEIGHT = 0.35  # a word of the document's title, within that document
IN_DOC_FLOOR = 0.2  # a word every passage of the document holds still counts this part
# Words that only link ("là", "của", "các"): they never say which passage is meant, yet
# a document printing few of them weighs them as if rare ("Cơ quan nào là chủ quản …?").
LINKING = frozenset(("la", "cua", "va", "cac", "nhung", "mot", "voi", "nhieu"))  # "bao nhiêu"
LINKING_WEIGHT = 0.1
ORDINAL_SAME = 1.5  # "đợt 2" asked, "Đợt 02: …" found
ORDINAL_OTHER = 0.4  # "đợt 2" asked, "Đợt 01: …" found: the wrong item of the list
ORDINAL_NONE = 0.8  # "đợt 2" asked, a text naming no "đợt" at all
_ORDINAL = re.compile(
    r"\b(dot|lan|giai doan|buoc|vong|khoa|nhiem ky)\s+(?:thu\s+)?"
    r"(\d{1,2}|[ivx]{1,4}|nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)\b"
)
_NUMBER_WORDS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5}
_NUMBER_WORDS |= {"sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}


class Wanted:
    """The question's words, each weighted by its idf in the library, and the ordinals it
    names ("đợt 2", "lần thứ nhất"): a text naming another one of the same is not it."""

    def __init__(self, library: Library, text: str, naming: frozenset[str] = frozenset()) -> None:
        words = [w for w in syllables(text)]
        # A word no document uses counts as the rarest: the question asks about it.
        rare = library.idf("") or 1.0
        self.words = {
            w: (library.idf(w) or rare) * (LINKING_WEIGHT if w in LINKING else 1.0)
            for w in dict.fromkeys(words)
        }
        # Words naming the document ("kế hoạch dân vận Thủ Đức … mục đích?") chose it;
        # within it, the other words say which part is asked about.
        for w in naming & self.words.keys():
            self.words[w] *= NAMING_WEIGHT
        self.asked = set(self.words)
        # What an abbreviation stands for ("ubnd": "ủy ban nhân dân") counts, in part.
        spelled = syllables(" ".join(expansions(" ".join(words))))
        for w in dict.fromkeys(spelled):
            self.words.setdefault(w, ALSO_WEIGHT * (library.idf(w) or rare))
        # And the other way: "trường trung học phổ thông" asked, "Trường THPT" printed.
        short = syllables(shortened(" ".join(words)))
        for w in dict.fromkeys(short):
            self.words.setdefault(w, ALSO_WEIGHT * (library.idf(w) or rare))
        self._sequence = words + [""] + spelled + ([""] + short if short != words else [])
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
        self.pairs |= {
            f"{a} {b} {c}": TRIPLE_WEIGHT * (self.words[a] + self.words[b] + self.words[c]) / 3
            for a, b, c in zip(words, words[1:], words[2:], strict=False)
            if a and b and c
        }

    def score(self, text: str) -> float:
        """How much of the question a text holds."""
        have = term_set(text)
        total = sum(v for w, v in self.words.items() if w in have)
        total += sum(v for p, v in self.pairs.items() if p in have)
        if self.ordinals and total:
            total *= self._ordinal_factor(ordinals(" ".join(syllables(text))))
        return total

    def score_within(self, text: str, context: str, part: float) -> float:
        """How much of the question a text holds, its headings (context) adding `part` of
        the weight of the words the text itself lacks: under "Báo cáo viên cấp tỉnh", a
        line repeating "Trung ương" gains nothing from a heading saying it again, while
        "cấp tỉnh" tells its line from the same line under "Báo cáo viên Trung ương"."""
        have = term_set(text)
        above = term_set(context) - have if context else frozenset()
        total = sum(v for w, v in self.words.items() if w in have)
        total += sum(v for p, v in self.pairs.items() if p in have)
        total += part * sum(v for w, v in self.words.items() if w in above)
        total += part * sum(v for p, v in self.pairs.items() if p in above)
        if self.ordinals and total:
            # The text's own ordinal first ("Đợt 2:"), else the heading's ("II. ĐỢT 2").
            named = ordinals(" ".join(syllables(context))) if context else {}
            named |= ordinals(" ".join(syllables(text)))
            total *= self._ordinal_factor(named)
        return total

    def _ordinal_factor(self, named: dict[str, int]) -> float:
        """How an ordinal the question names fits those a text names."""
        factor = 1.0
        for kind, value in self.ordinals.items():
            if kind not in named:
                factor *= ORDINAL_NONE
            else:
                factor *= ORDINAL_SAME if named[kind] == value else ORDINAL_OTHER
        return factor

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


@lru_cache(maxsize=16384)
def term_set(text: str) -> frozenset[str]:
    """Folded syllables, adjacent pairs and triples of a text (cached: sentences recur)."""
    words = syllables(text)
    pairs = (f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    triples = (f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False))
    return frozenset(words) | frozenset(pairs) | frozenset(triples)


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


def naming_words(doc: DocRef) -> frozenset[str]:
    """The folded words of a document's title and type: within it they say little."""
    title = doc.doc.title
    return frozenset(syllables(f"{title} {doc.doc.doc_type_name}")) if title else frozenset()


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
