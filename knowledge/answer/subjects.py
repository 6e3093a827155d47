"""The subject a question names, and whether any document speaks of it at all.

"Lịch thi học sinh giỏi cấp thành phố khi nào?" names its subject after "lịch thi": the
words "học sinh giỏi". When no document prints those words side by side (as written or
abbreviated), a document about a teachers' contest ("hội thi giáo viên dạy giỏi") holds
most of the other words, yet answers another question: the answer says plainly that no
document speaks of the subject. Only a subject of known words is read so: a word no
document uses is most often a slip, and a slip must not hide an answer.
"""

from __future__ import annotations

import re

from knowledge.answer.wording import shortened, spelled
from knowledge.search.library import Library
from knowledge.search.passages import BODY, HEAD, TAIL
from knowledge.search.places import places_in

ALL_PARTS = (HEAD, BODY, TAIL)
MIN_WORDS = 2  # one word alone ("lịch họp") is no subject to look for
MAX_WORDS = 4  # a longer run is most often two phrases, or a rewording
HEAD_WORDS = 3  # the head of a longer subject, printed alone, speaks of it
# Words that name what a member asks the time or plan of; the subject follows them.
_LEAD = re.compile(
    r"\b(?:lich thi|(?<!du )(?<!nhat )lich(?! su\b)|ky thi|cuoc thi|hoi thi|ke hoach|han nop"
    r"|han dang ky|han chot nop|thoi han nop)\s+"
)
# Words a subject does not run past: the level, year, time asked, place, link words.
_END_WORDS = (
    "cap lop nam khi nao bao ngay thang quy tai o cho cua la truoc trong den tu va gui"
    " nop han vao tren duoi theo ve cac nhung may gi the nhu sao co khong ko thi ai"
    " duoc phai se da dang dot lan vong khoi nhe a"
)
_ENDS = frozenset(_END_WORDS.split())
# Words before the subject: the plan carried out ("tổ chức", "về"), the thing sent ("hồ
# sơ", "báo cáo", "danh sách" of …).
_FILLER_WORDS = "to chuc thuc hien trien khai ve cua viec cac ho so bao cao danh sach san pham bai"
_FILLER = frozenset(_FILLER_WORDS.split())


def subjects(folded: str, lead: re.Pattern[str] = _LEAD) -> list[str]:
    """The subjects a folded question names after "lịch", "kế hoạch", "hạn nộp" (`lead`) …
    ("lich thi hoc sinh gioi cap thanh pho" → ["hoc sinh gioi"]): two to four words that
    end where the question goes on to a level, a time, a place or a link word; a longer
    run is no subject read surely (it may run into the next phrase)."""
    for place in places_in(folded):  # "hội thi giáo viên Bắc Ninh": the place ends it
        folded = re.sub(rf"\b{place}\b", " , ", folded)
    found = []
    for match in lead.finditer(folded):
        words = folded[match.end() :].split()
        while words and words[0] in _FILLER:
            words = words[1:]
        size = next((i for i, w in enumerate(words) if w in _ENDS or not w.isalpha()), len(words))
        if MIN_WORDS <= size <= MAX_WORDS:
            found.append(" ".join(words[:size]))
    return found


def _printed(library: Library, phrase: str) -> bool:
    """Whether some document prints the phrase (its pairs held, then all in one passage)."""
    return library.may_print(phrase) and bool(library.docs_naming(phrase, ALL_PARTS))


def unspoken_subject(library: Library, folded: str) -> str | None:
    """A subject the question names that no document prints (its words side by side,
    spelled out or abbreviated); None when every one is printed somewhere, or when a
    word of it is one no document uses (most likely a slip)."""
    for phrase in subjects(folded):
        if not all(library.knows(w) for w in phrase.split()):
            continue
        if not any(_printed(library, form) for form in _forms(phrase)):
            return phrase
    return None


def _forms(phrase: str) -> set[str]:
    """The phrase as typed, spelled out and abbreviated, and the same of its first
    HEAD_WORDS words: a subject read up to four words may run into the next phrase
    ("hội thi dân vận khéo gồm mấy …"), and its head is what a document must print."""
    words = phrase.split()
    heads = {phrase} | ({" ".join(words[:HEAD_WORDS])} if len(words) > HEAD_WORDS else set())
    return {form for head in heads for form in (head, spelled(head), shortened(head))}
