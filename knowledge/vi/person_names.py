"""A person's name as a signature prints it, told from a title line, in its natural case.

- A name is 2-5 syllables of letters, each starting with a capital, with no title word:
  "Nguyễn Văn An", "NGUYỄN VĂN AN", "NGUYỄN Văn An", "Nguyen Van An" (no marks at all).
- A title line names an office or a rank ("PHÓ BÍ THƯ", "CHỦ NHIỆM", "T/M BAN THƯỜNG VỤ",
  "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"). Title words are matched folded, as whole word
  runs: "vu" alone is the surname Vũ, "thuong vu" the standing committee; "truong" alone
  may be the given name Trường, "hieu truong" is a title.
- A line in capitals is a name only when it starts with a common surname (the list is a
  hint, not a rule: strict=False accepts any surname, for a line the block's layout
  already places as the name).
"""

from __future__ import annotations

import re

from knowledge.vi.textnorm import fold, normalize, strip_marks


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MIDDLE_NAMES = _words("van thi")
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 5
# Names of the Central Highlands peoples keep an apostrophe inside a word ("H'Bla").
NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# The most common Vietnamese surnames, folded (Hoàng and Huỳnh, Vũ and Võ fold apart).
SURNAMES = _words(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh trinh "
    "mai luong cao ta ha lam chau luu la tong doan quach kieu khuc trieu thai van tieu "
    "chu ton vuong giang khong kim thach hua au banh dam tang ong mac nghiem lai thieu "
    "quan diep phung tu to bach nong lo ninh hong lu son"
)
# Folded words that never stand in a name (ranks, bodies, signature prefixes); "uy",
# "ban", "phong", "chanh", "dang" may (Uy, Phong, Chánh; the surname Đặng).
_TITLE_WORDS = _words("pho tm kt tl tuq t/m k/t t/l q. bch ubnd hdnd so cuc nguoi")
# Word runs that make a title however the words around them read, with their marks: a
# text printed with marks is matched with them ("văn phòng" is a title, "Văn Phong" a
# given name; "vụ trưởng" / "Vũ Trường", "thanh tra" / "Thanh Trà"), a text without any
# folded.
_TITLE_RUNS = (
    "bí thư",
    "chủ tịch",
    "giám đốc",
    "hiệu trưởng",
    "trưởng ban",
    "trưởng phòng",
    "trưởng đoàn",
    "trưởng khoa",
    "bộ trưởng",
    "thứ trưởng",
    "viện trưởng",
    "tổ trưởng",
    "cục trưởng",
    "vụ trưởng",
    "thủ trưởng",
    "kế toán",
    "chủ nhiệm",
    "thường vụ",
    "thường trực",
    "chấp hành",
    "hội đồng",
    "văn phòng",
    "thủ tướng",
    "tổng biên tập",
    "chủ tọa",
    "lập biểu",
    "đại diện",
    "xác nhận",
    "đơn vị",
    "cơ quan",
    "nhân dân",
    "thư ký",
    "ủy ban",
    "ủy viên",
    "đảng ủy",
    "chi bộ",
    "đảng bộ",
    "giám hiệu",
    "kiểm tra",
    "tổ chức",
    "tuyên giáo",
    "dân vận",
    "mặt trận",
    "công đoàn",
    "chánh án",
    "thanh tra",
)
_FOLDED_RUNS = tuple(fold(run) for run in _TITLE_RUNS)


def has_title_word(text: str) -> bool:
    """True when text holds a title word or run ("PHÓ", "BÍ THƯ", "T/M", "THƯỜNG VỤ")."""
    words = fold(text).split()
    if any(w in _TITLE_WORDS or w.startswith(("tm.", "kt.", "tl.")) for w in words):
        return True
    marked = normalize(text).lower()
    runs = _TITLE_RUNS if strip_marks(marked) != marked else _FOLDED_RUNS
    joined = f" {' '.join(marked.split())} "
    return any(f" {run} " in joined for run in runs)


def is_person_name(text: str, strict: bool = True) -> bool:
    """True for a person's name (any case, marks or not); in capitals only with a common
    surname first unless strict is False."""
    text = normalize(text)  # decomposed marks are no letters to the word pattern
    words = text.split()
    if not NAME_MIN_WORDS <= len(words) <= NAME_MAX_WORDS or len(text) > 50:
        return False
    if not all(NAME_WORD.fullmatch(w) and w[0].isupper() for w in words):
        return False
    if has_title_word(text):
        return False
    if not strict or not all(w.isupper() for w in words):
        return True
    return fold(words[0]) in SURNAMES


def natural_case(name: str) -> str:
    """The name as people write it: a word in capitals gets a capital and small letters
    ("NGUYỄN Văn AN" → "Nguyễn Văn An"); other words stay as printed."""
    return " ".join(w[:1] + w[1:].lower() if w.isupper() else w for w in name.split())


def left_name(names: str) -> str:
    """The first of two names a PDF joined on one line ("Nguyễn Văn An Trần Thị Hà" →
    "Nguyễn Văn An"): cut before the last surname that leaves two words on each side, the
    middle names Văn and Thị aside; the text as it is when there is no such cut."""
    words = names.split()
    cuts = [
        at
        for at in range(2, len(words) - 1)
        if fold(words[at]) in SURNAMES and fold(words[at]) not in _MIDDLE_NAMES
    ]
    return " ".join(words[: cuts[-1]]) if cuts else names


def left_title(titles: str) -> str:
    """The first of two titles a PDF joined on one line ("BÍ THƯ CHỦ NHIỆM" → "BÍ THƯ"):
    cut before the last title run (with its "PHÓ"); the text as it is without two runs."""
    words = normalize(titles).split()
    marked = [w.lower() for w in words]
    bare = strip_marks(" ".join(marked)) == " ".join(marked)
    runs = _FOLDED_RUNS if bare else _TITLE_RUNS
    starts = [
        at
        for at in range(1, len(words))
        for run in runs
        if marked[at : at + len(run.split())] == run.split()
    ]
    if not starts:
        return titles
    cut = starts[-1] - 1 if fold(words[starts[-1] - 1]) == "pho" else starts[-1]
    return " ".join(words[:cut]) if cut >= 2 else titles
