"""A headerless text that names itself by a generic word: which organisation it means.

A text without a header often issues in a generic word ("Nhà trường xây dựng Kế hoạch
…", "Chi bộ đề nghị …", "Sở hướng dẫn …", "Đơn vị báo cáo …"). The word stands for an
organisation of its kind ("Nhà trường" → a "Trường …", "Chi bộ" → a "Chi bộ …"; "Đơn
vị", "Cơ quan" take the kind of the signer: "HIỆU TRƯỞNG" → "Trường …", "BÍ THƯ" → "Chi
bộ …"/"Đảng ủy …", "GIÁM ĐỐC" → "Sở …"/"Trung tâm …"), and the issuer is the first such
organisation the text names specifically, as printed: the head word in capitals followed
by a name ("… của Trường THPT Hồng Bàng;", "Chi bộ Trường THCS Lê Lợi"). A name runs over
capitalised words, acronyms, short numbers and the lower-case words of organisation
names ("Sở Giáo dục và Đào tạo thành phố Hải Phòng", "Đảng ủy phường 5"), up to any
other word or a mark; a name with nothing capitalised after its head ("Chi bộ tháng 02",
"Ủy ban nhân dân tỉnh") names no one. Places are read in order: title, preamble and
closing, then the body, then the signer's authority line ("TM. CHI BỘ TRƯỜNG …"). A name
cited with a document number ("Kế hoạch số 12-KH/ĐU … của Đảng ủy X") is most likely a
superior's and is taken only when no other name fits. When nothing specific is named the
text has no issuer of its own: nothing is invented.
"""

from __future__ import annotations

import re

from knowledge.vi.docnumbers import find_numbers
from knowledge.vi.doctypes import flat

_UBND = ("uy ban nhan dan", "ubnd")
# Folded generic subject → folded heads of the organisations it stands for.
_GENERIC: dict[str, tuple[str, ...]] = {
    "nha truong": ("truong",),
    "truong": ("truong",),
    "ban giam hieu": ("truong",),
    "chi bo": ("chi bo",),
    "dang uy": ("dang uy",),
    "dang bo": ("dang bo",),
    "so": ("so",),
    "phong": ("phong",),
    "uy ban": _UBND,
    "ubnd": _UBND,
    "uy ban nhan dan": _UBND,
    "cong doan": ("cong doan",),
    "doan truong": ("doan truong",),
    "chi doan": ("chi doan",),
    "trung tam": ("trung tam",),
    "don vi": (),
    "co quan": (),
    **{level: (level,) for level in ("huyen uy", "quan uy", "thi uy", "thanh uy", "tinh uy")},
}
# A Party committee named by its level alone keeps that name when nothing more is said.
_COMMITTEE_LEVELS = ("huyen uy", "quan uy", "thi uy", "thanh uy", "tinh uy")
# The signer's authority or title → the kind of organisation it leads (first match wins).
_SIGNER_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chi bo", ("chi bo",)),
    ("dang uy", ("dang uy",)),
    ("cong doan", ("cong doan",)),
    ("uy ban nhan dan", _UBND),
    ("hieu truong", ("truong",)),
    ("bi thu", ("chi bo", "dang uy", "dang bo")),
    ("giam doc", ("so", "trung tam")),
    ("truong phong", ("phong",)),
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lower-case nouns of place and level inside organisation names ("Ủy ban nhân dân tỉnh
# X", "Trường THPT chuyên Y", "Đảng ủy phường 5").
_NAME_WORDS = _words(
    "và cơ sở trung ương phổ thông nhân dân ban tỉnh thành phố huyện quận xã phường thị trấn"
    " ngành khối chuyên số cấp đặc biệt khu"
)
# The lower-case second syllable of a capitalised word ("Giáo dục", "Tiểu học").
_SECOND_SYLLABLES = _words(
    "dục tạo học non vụ tế chính hóa hoá thao lịch động binh hội nghệ nghiệp trường pháp"
    " hoạch tộc trú đẳng trị tải ninh quốc niên nữ sản dân phòng dựng tư lợi"
)
_SCHOOL_LEVELS = frozenset({"THPT", "THCS", "TH", "MN", "PTDTNT", "GDTX", "PTDTBT"})
_WORD = re.compile(r"\S+")
_MARK_END = re.compile(r"[,;:.)”\"]+$")
_NAME_MAX = 14


def self_heads(name: str, signer: str = "") -> tuple[str, ...] | None:
    """The kinds of organisation a generic subject stands for, None when it names one."""
    folded = " ".join(flat(name).lower().split())
    heads = _GENERIC.get(folded)
    if heads is None:
        return None
    return heads or signer_heads(signer)


def keeps_bare(name: str) -> bool:
    """True for a committee named by its level alone ("Huyện ủy"): a name of its own."""
    return " ".join(flat(name).lower().split()) in _COMMITTEE_LEVELS


def signer_heads(signer: str) -> tuple[str, ...]:
    """The kind of organisation the signer's authority and title lines name, or ()."""
    folded = " ".join(flat(signer).lower().split())
    for word, heads in _SIGNER_KINDS:
        if re.search(rf"(?<![\w]){word}(?![\w])", folded):
            return heads
    return ()


def named_body(heads: tuple[str, ...], places: list[str]) -> str:
    """The first organisation of one of these kinds the places name specifically, or ""."""
    if not heads:
        return ""
    cited: list[str] = []
    for text in places:
        for name, with_number in _names(heads, text):
            if not with_number:
                return name
            cited.append(name)
    return cited[0] if cited else ""


def _names(heads: tuple[str, ...], text: str) -> list[tuple[str, bool]]:
    """Specific names of these kinds in text, each with whether a number is cited before it."""
    folded = flat(text).lower()
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(h) for h in heads) + r")(?![\w])")
    found: list[tuple[str, bool]] = []
    for head in pattern.finditer(folded):
        if not text[head.start()].isupper():
            continue  # "các trường THPT": many, not one
        name = _name_from(text, head.start(), len(head.group(0).split()))
        if name:
            clause_start = max(text.rfind(";", 0, head.start()), 0)
            found.append((name, bool(find_numbers(text[clause_start : head.start()]))))
    return found


def _name_from(text: str, start: int, head_words: int) -> str:
    """The name printed at start, its head taking head_words words, if it is specific."""
    line_end = text.find("\n", start)
    words: list[str] = []
    for index, match in enumerate(
        _WORD.finditer(text, start, len(text) if line_end < 0 else line_end)
    ):
        word = match.group(0)
        bare = _MARK_END.sub("", word)
        if index >= head_words and not _in_name(bare, words[-1]):
            break
        words.append(bare)
        if bare != word or len(words) > _NAME_MAX:
            break
    while len(words) > head_words and not _may_end(words[-1], words[-2]):
        words.pop()
    rest = words[head_words:]
    if not any(w[:1].isupper() or w.isdigit() for w in rest):
        return ""
    if all(w in _SCHOOL_LEVELS for w in rest):
        return ""  # "Trường THPT": a level, no school
    return " ".join(words)


def _in_name(word: str, previous: str) -> bool:
    if not word or not word[0].isalnum():
        return False
    if word[0].isupper() or (word.isdigit() and len(word) <= 3):
        return True
    return word in _NAME_WORDS or _second_syllable(word, previous)


def _may_end(word: str, previous: str) -> bool:
    return word[:1].isupper() or word.isdigit() or _second_syllable(word, previous)


def _second_syllable(word: str, previous: str) -> bool:
    return word in _SECOND_SYLLABLES and previous[:1].isupper()
