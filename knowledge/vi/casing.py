"""Sentence case for titles and headings printed in capitals.

A title block is printed in capitals ("KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG CỦA THỦ
TƯỚNG … THÀNH PHỐ CẦN THƠ"); an answer quotes it in sentence case. Lowering it whole
loses what Vietnamese keeps capitalised: document numbers, abbreviations (UBND, THPT),
Roman ordinals (Đại hội XIV), and proper names — "Việt Nam", "Hồ Chí Minh", and the name
after an administrative noun ("thành phố Cần Thơ", "xã An Lão", "Trường THPT Lê Lợi").
"""

from __future__ import annotations

import re

from knowledge.vi.places import PLACES
from knowledge.vi.textnorm import fold

# Printed capitals that are abbreviations, not words (folded, without punctuation).
_ABBREVIATIONS = frozenset(
    [
        "ubnd",
        "hdnd",
        "mttq",
        "thpt",
        "thcs",
        "gddt",
        "gd&dt",
        "ldtbxh",
        "cntt",
        "tncs",
        "tw",
        "hcm",
        "tp",
        "bch",
        "btv",
        "ubkt",
        "ccb",
        "clb",
        "ptdtnt",
        "gdtx",
        "gdnn",
        "khcn",
        "ttg",
        "bgddt",
        "sgddt",
        "bnv",
        "bvhttdl",
        "ubtvqh",
        "lhpn",
    ]
)
_ROMAN = re.compile(r"^[IVXL]+$")
# After these (lower case) the next syllables are the unit's name: "xã An Lão".
_NAME_NOUNS = (
    "xã",
    "phường",
    "thị trấn",
    "huyện",
    "thị xã",
    "trường thpt",
    "trường thcs",
    "trường tiểu học",
    "trường mầm non",
    "trường th",
    "trường mn",
    "chi bộ trường thpt",
)
# Words that end a name (folded): a name never runs into them.
_NAME_STOPS = frozenset(
    [
        "nam",
        "ve",
        "va",
        "cua",
        "trong",
        "giai",
        "doan",
        "den",
        "theo",
        "tai",
        "voi",
        "nham",
        "thuc",
        "hien",
        "tren",
        "dia",
        "ban",
        "tu",
        "cap",
        "thuoc",
        "lan",
        "thu",
        "so",
        "nhiem",
        "ky",
        "hoc",
        "dot",
        "dip",
        "hoi",
        "xa",
        "phuong",
        "huyen",
        "tinh",
        "thanh",
        "pho",
        "quan",
        "thi",
        "tran",
        "truong",
        "chi",
        "bo",
        "dang",
        "uy",
        "nhan",
        "dan",
        "cac",
        "nhung",
    ]
)
_PROPER = ("viet nam", "ho chi minh", "dien bien phu", "truong sa", "hoang sa", *PLACES)
_NAME_MAX = 3
# Bodies and titles Vietnamese always writes with capitals, as they are written.
_FIXED = (
    "Thủ tướng Chính phủ",
    "Chính phủ",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Quốc hội",
    "Ban Chấp hành Trung ương",
    "Trung ương",
    "Mặt trận Tổ quốc",
    "Đảng Cộng sản",
    "Ngày Nhà giáo",
    "Đoàn Thanh niên Cộng sản",
    "Hội Liên hiệp Phụ nữ",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Sở Giáo dục và Đào tạo",
    "Bộ Giáo dục và Đào tạo",
    "Công đoàn",
)
_FIXED_RE = re.compile(r"(?<!\w)(" + "|".join(re.escape(f.lower()) for f in _FIXED) + r")(?!\w)")
_FIXED_FORM = {f.lower(): f for f in _FIXED}
# A document's kind before its number: "Chỉ thị số 27/CT-TTg", "Nghị quyết 71-NQ/TW".
_KIND_BEFORE_NUMBER = re.compile(
    r"(?<!\w)(chỉ thị|nghị quyết|kế hoạch|quyết định|công văn|hướng dẫn|thông báo|kết luận"
    r"|quy định|thông tư|nghị định|chương trình|luật)(?= (?:số )?\d)"
)


def sentence_case(title: str) -> str:
    """A title printed in capitals in sentence case, names and numbers kept; mixed case
    is left as printed."""
    if not is_caps(title):
        return title
    words = title.split()
    lowered = [w if _kept(w) else w.lower() for w in words]
    for start, length in _names(lowered):
        for i in range(start, start + length):
            lowered[i] = lowered[i][:1].upper() + lowered[i][1:]
    text = _FIXED_RE.sub(lambda m: _FIXED_FORM[m.group(1)], " ".join(lowered))
    text = _KIND_BEFORE_NUMBER.sub(lambda m: m.group(1)[:1].upper() + m.group(1)[1:], text)
    return text[:1].upper() + text[1:]


def is_caps(text: str) -> bool:
    """True when every letter is upper case and there are at least two letters."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _bare(word: str) -> str:
    return word.strip(",.;:()“”\"'")


def _kept(word: str) -> bool:
    """True for a word printed as it must stay: a number, an abbreviation, an ordinal."""
    bare = _bare(word)
    if any(ch.isdigit() for ch in bare):
        return True
    return fold(bare) in _ABBREVIATIONS or bool(_ROMAN.match(bare) and len(bare) > 1)


def _names(words: list[str]) -> list[tuple[int, int]]:
    """(start, length) of the proper names among the lowered words."""
    spans: list[tuple[int, int]] = []
    bare = [_bare(w).lower() for w in words]
    folded = [fold(w) for w in bare]
    for i in range(len(words)):
        rest = " ".join(folded[i:])
        spans += [(i, len(n.split())) for n in _PROPER if f"{rest} ".startswith(f"{n} ")]
        text = " ".join(bare[i:])
        noun = next((n for n in _NAME_NOUNS if text.startswith(f"{n} ")), None)
        if noun is not None and not words[i + len(noun.split()) - 1].endswith(","):
            start = i + len(noun.split())
            spans.append((start, _name_length(folded, start)))
            school = noun.split().index("trường") if "trường" in noun else -1
            spans += [(i + school, 1)] if school >= 0 else []  # "Trường THPT Lê Lợi"
    return spans


def _name_length(folded: list[str], start: int) -> int:
    length = 0
    while start + length < len(folded) and length < _NAME_MAX:
        word = folded[start + length]
        if not word.isalpha() or word in _NAME_STOPS:
            break
        length += 1
    return length
