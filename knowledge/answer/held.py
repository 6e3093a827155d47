"""How much of what a question is about a document holds: the test of "no answer".

Search always ranks something first, so before answering, the document chosen must hold
the question's content: its words weighed by their rarity in the library, and the pairs
of words side by side that make Vietnamese compounds ("tả lợn", "bóng đá", "Lào Cai":
each syllable alone is in some document, the compound is not). Question words, verbs of
asking and sending, document types and places say nothing of the topic and are left
out; a word no document uses is most often a slip ("sna", "coa"), so it is left out too
rather than counted against every document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.answer.choose import Ranked
from knowledge.answer.intents import Intent, without_date_cues
from knowledge.answer.targets import DocRef, Named
from knowledge.answer.weights import term_set
from knowledge.answer.wording import alternatives, may_be_syllable, spelled, without_refs
from knowledge.search.library import Library
from knowledge.search.passages import BODY, HEAD, TAIL
from knowledge.search.places import places_in, spellings
from knowledge.search.tokens import syllables
from knowledge.vi.docnumbers import find_numbers
from knowledge.vi.number_query import parse_query
from knowledge.vi.places import PLACES
from knowledge.vi.textnorm import fold

ALL_PARTS = (HEAD, BODY, TAIL)
MIN_DIGITS = 2  # "kh 5": too short a number to say that no document bears it
MIN_HELD = 0.7  # part of the question's content the document answering it must hold
# A document whose sentence states what is asked (a count, a phone number) need hold
# less of the words: "cuộc họp" asked, "Hội nghị Chi bộ … có mặt: 25 đồng chí" printed.
STATES_RELIEF = 0.8
NAMED_MIN = 0.3  # the same for a sentence quoted from a document the question names
OBJECT_MIN = 0.6  # part of what is asked a deadline's sentence must hold to be its answer
ELSEWHERE = 0.5  # a word asked that the document holds, but not the deadline's sentence
LEFT_OVER = 0.1  # less content than this beyond the document's naming words: none asked
NEAR = 0.8  # part a document must hold to be pointed at when the document asked is absent
TOP = 3  # best ranked documents checked for the question's content
PAIR_WEIGHT = 0.6  # a pair of content words counts this part of their mean idf
# Phrases of asking that carry no topic (folded), removed before the words are read.
_ASKING = re.compile(
    r"\b(?:bao (?:nhieu|gio|lau)|nhu the nao|the nao|ra sao|khi nao|luc nao|ngay nao"
    r"|ngay may|thang may|nam nao|so may|(?:luc )?may gio|(?:bao nhieu|may) lan|la gi"
    r"|cho biet|xin hoi|vui long"
    r"|dia chi(?= nao\b| gi\b| o dau\b|$)"
    r"|van ban|ke hoach|quyet dinh|cong van|chi thi|thong bao|huong dan|nghi quyet"
    r"|quy dinh|chuong trinh|ket luan|to trinh|noi dung|nhiem vu|yeu cau|trach nhiem"
    r"|thoi han|thoi gian|han chot|cham nhat|hoan thanh|thuc hien|trien khai)\b"
)
# Syllables that ask, link or send and say nothing of what is asked about (folded).
_STOP_WORDS = (
    "la co cua cho va voi o tai trong nhung cac mot duoc phai thi ma neu bang den tu ve theo"
    " nay do khi de da se dang can nhieu gi nao ai vay nhe a the nhu sao khong ko hay"
    " hoac cung con lai ra vao tren duoi sau truoc nop gui xong lam di han ngay thang nam may"
    " keo"
    " kh qd cv hd tb kl nq ct ubnd"
)
STOP = frozenset(_STOP_WORDS.split())


def content_query(intent: Intent, named: Named) -> str:
    """What a question asks about a document: its topic, with the unit it names, without
    the number that names the document ("hd 40 thay thế hướng dẫn nào" → "thay thế…")."""
    query = f"{intent.unit} {intent.topic}" if intent.unit else intent.topic
    query = query or intent.folded
    if named.docs or named.cited:
        query = without_refs(query) or query
    return query


@dataclass
class Content:
    """The content terms of a question (syllables and "a b" pairs) with their weights."""

    weights: dict[str, float]
    places: list[str]
    # Terms of what an abbreviation stands for, and what a document printing it holds.
    alts: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def without_places(self) -> Content:
        """The content without the places it names (what is asked of any place)."""
        words = {w for place in self.places for w in place.split()}
        kept = {t: v for t, v in self.weights.items() if not set(t.split()) <= words}
        return Content(kept, [], self.alts)

    def held(self, have: set[str] | frozenset[str]) -> set[str]:
        """The content terms these terms hold, as spelled or as abbreviated."""
        return {
            t
            for t in self.weights
            if t in have or any(all(a in have for a in group) for group in self.alts.get(t, []))
        }

    def asking(self) -> list[str]:
        """Every term to look for: the content's and their abbreviated forms."""
        extra = {a for groups in self.alts.values() for group in groups for a in group}
        return [*self.weights, *sorted(extra - self.weights.keys())]

    @property
    def total(self) -> float:
        """The weight of every content term."""
        return sum(self.weights.values())


def content_of(library: Library, folded: str) -> Content:
    """The content of a folded question: its rare words and compounds, without places."""
    places = places_in(folded)
    # Document numbers name documents, not topics ("37-nq/tw": not "trung ương").
    text = _ASKING.sub(" | ", spelled(without_refs(folded)))
    for place in places:  # as documents print it: "tphcm" is "Hồ Chí Minh" there
        for typed in sorted((place, *PLACES[place]), key=len, reverse=True):
            text = re.sub(rf"\b(?:tinh |thanh pho |tp )?{typed}\b", f" | {place} | ", text)
    weights: dict[str, float] = {}
    previous = ""
    words = _words(text)
    for word in words:
        known = library.knows(word)
        if not word or word in STOP or word.isdigit() or not (known or may_be_syllable(word)):
            previous = ""
            continue
        weight = library.idf(word) if known else library.idf("")
        weights.setdefault(word, weight)
        if previous:
            # A pair weighs its own rarity when documents use it ("sơ kết" is rarer than
            # "sơ" and "kết"), else its words' (a compound no document uses: "tả lợn").
            rarity = library.pair_idf(previous, word) or (weight + weights[previous]) / 2
            weights.setdefault(f"{previous} {word}", PAIR_WEIGHT * rarity)
        previous = word
    return Content(weights, places, alternatives(words))


def _words(text: str) -> list[str]:
    """Folded syllables, with "" where a removed phrase broke the sequence."""
    words: list[str] = []
    for part in text.split("|"):
        words += [*syllables(part), ""]
    return words


def held_part(library: Library, content: Content, doc_id: int) -> float:
    """The part of a question's content weight a document holds (1.0 when it has none)."""
    total = content.total
    if total <= 0:
        return 1.0
    held = content.held(library.held_terms(content.asking(), doc_id))
    return sum(v for t, v in content.weights.items() if t in held) / total


def missing_places(library: Library, content: Content) -> list[str]:
    """Places the question names that no document of the library names anywhere."""
    return [place for place in content.places if not _naming(library, place)]


def absent_number(library: Library, question: str) -> str | None:
    """The number of a document the question names that the library neither holds nor
    has seen cited, as typed ("999/KH-UBND", "kh 999"); None when it names none."""
    found = [m.number.display() for m in find_numbers(question)]
    query = None if found else parse_query(without_date_cues(question))
    if query is None and not found:
        return None
    if query is not None:
        if len(query.number) < MIN_DIGITS or library.docs_naming(query.number, ALL_PARTS):
            return None  # a short number, or one a text prints: not surely a document's
        code = query.doc_type or ""
        found = [f"{code} {query.number}".strip()]
    for number in found:
        if library.lookup(number, limit=1).matches:
            return None
    return found[0]


def answering(
    library: Library, content: Content, ranked: list[Ranked], of_place: bool = False
) -> list[Ranked] | None:
    """The ranking with the best of its first documents that holds the question's content
    first (the first may be chosen for a word or two, the next may hold it all); None
    when none does. A place the question names must be printed by the document, in its
    header when `of_place` (who signed the plan of Lào Cai: a plan of Lào Cai)."""
    parts = (HEAD,) if of_place else ALL_PARTS
    naming = [_naming(library, place, parts) for place in content.places]
    for i, r in enumerate(ranked[:TOP]):
        of_places = all(r.doc.id in ids for ids in naming)
        least = MIN_HELD * (STATES_RELIEF if r.states else 1.0)
        if of_places and held_part(library, content, r.doc.id) >= least:
            return [r, *ranked[:i], *ranked[i + 1 :]]
    return None


def _naming(library: Library, place: str, parts: tuple[str, ...] = ALL_PARTS) -> set[int]:
    """Ids of the documents that print a place (in these parts)."""
    return set().union(*(library.docs_naming(s, parts) for s in spellings(place)))


def as_typed(question: str, folded: str) -> str:
    """The words of a question that fold to these ("lao cai" → "Lào Cai" as typed)."""
    words = question.split()
    want = folded.split()
    for i in range(len(words) - len(want) + 1):
        run = words[i : i + len(want)]
        if [fold(w).strip(".,;:?!()") for w in run] == want:
            return " ".join(w.strip(".,;:?!()") for w in run)
    return folded.title()


def asked_part(library: Library, asked: str, doc: DocRef, text: str) -> float:
    """The part of what a question asks of a document that a text of it holds (see
    object_part): the words naming the document are its title, issuer and number, and
    without a title its opening ("Thực hiện … về tổ chức Ngày hội Đại đoàn kết …": the
    subject its later sentences take as said)."""
    d = doc.doc
    opening = d.passages[0].text if d.passages and not d.title else ""
    naming = f"{d.title} {d.issuer} {doc.name} {opening}"
    return object_part(library, asked, text, naming, doc.id)


def object_part(library: Library, asked: str, text: str, naming: str, doc_id: int) -> float:
    """The part of what a question asks about (its content without the words naming the
    document: its title, issuer, place) that a text holds; a word the document holds
    elsewhere counts in part (the commune or the plan it names); 1.0 when nothing is left."""
    content = content_of(library, asked)
    named = term_set(naming) | {w for place in content.places for w in place.split()}
    # A pair of two naming words goes too ("kết Phú" of "đoàn kết Phú Hòa" says nothing).
    wanted = {t: v for t, v in content.weights.items() if t not in named and set(t.split()) - named}
    total = sum(wanted.values())
    if total <= LEFT_OVER * content.total:
        return 1.0  # the question only names the document: any deadline of it will do
    have = content.held(term_set(text))
    elsewhere = content.held(library.held_terms(content.asking(), doc_id)) - have
    held = sum(v for t, v in wanted.items() if t in have)
    return (held + ELSEWHERE * sum(wanted[t] for t in elsewhere if t in wanted)) / total
