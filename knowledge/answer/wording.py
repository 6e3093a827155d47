"""How members type: abbreviations, chat shorthand, slips, document numbers in a question.

Read once, folded, before anything else looks at a question; the abbreviations and the
documents a question names by number are undone for the matching of words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.vi.textnorm import fold

_DOC_WORD = (
    r"(?:van ban|ke hoach|huong dan|chuong trinh|cong van|quyet dinh|ket luan|nghi quyet"
    r"|chi thi|thong bao|thong tri|quy dinh|nghi dinh|thong tu|luat|de an|phuong an|qd|kh|cv)"
)
# Abbreviations typed in questions (folded) and the words documents spell them with.
ABBREVIATIONS = {
    "gddt": "giao duc va dao tao",
    "gd": "giao duc",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "btv": "ban thuong vu",
    "bch": "ban chap hanh",
    "bmnn": "bi mat nha nuoc",
    "cntt": "cong nghe thong tin",
    "cds": "chuyen doi so",
    "vhttdl": "van hoa the thao va du lich",
    "tw": "trung uong",
    "ttg": "thu tuong",
    "vpcp": "van phong chinh phu",
    "bnv": "bo noi vu",
    "snv": "so noi vu",
    "thpt": "trung hoc pho thong",
    "thcs": "trung hoc co so",
    "bcv": "bao cao vien",
    "tncs": "thanh nien cong san",
}
# A document named by number: "kh 308", "qd 52", "hd 40-hd/btgdvtw", "ket luan so 212".
_REF = re.compile(
    rf"\b(?:{_DOC_WORD}|hd|tb|kl|nq|ct|ctr|tt|nd)\s?(?:so\s)?\d[\w/.-]*|\b\d+[-/][a-z][\w/.-]*"
)
_DOUBLED = re.compile(r"([a-tv-z])\1\b")  # "tựu", "hưu" end in "uu": u stays
# Chat shorthand read as the words it stands for.
_SHORTHAND = ((re.compile(r"\bdc\b"), "duoc"), (re.compile(r"\bntn\b"), "nhu the nao"))
# A document named before the unit ("KL 212 giao …", "thông báo 659 giao …").


def read(question: str) -> str:
    """The question folded, one space apart, a typed doubled last letter undone ("naoo")."""
    folded = " ".join(fold(question).replace("?", " ").split())
    # No Vietnamese syllable ends in a doubled letter: "caoo", "mayy", "chii" are slips.
    folded = _DOUBLED.sub(r"\1", folded)
    for pattern, words in _SHORTHAND:
        folded = pattern.sub(words, folded)
    return folded


def expand(folded: str, known: Callable[[str], bool]) -> str:
    """The words with the abbreviations the documents never use spelled out after them
    ("sở gddt" → "so gddt giao duc va dao tao"); one they use stays as it is."""
    extra = [
        full
        for short, full in ABBREVIATIONS.items()
        if not known(short) and re.search(rf"\b{short}\b", folded)
    ]
    return " ".join([folded, *extra]) if extra else folded


def expansions(folded: str) -> list[str]:
    """What the abbreviations of a folded text stand for ("ubnd" → "uy ban nhan dan")."""
    return [full for short, full in ABBREVIATIONS.items() if re.search(rf"\b{short}\b", folded)]


def spelled(folded: str) -> str:
    """The words with abbreviations replaced by what they stand for ("so gddt" → "so giao
    duc va dao tao"), for matching names."""
    for short, full in ABBREVIATIONS.items():
        folded = re.sub(rf"\b{short}\b", full, folded)
    return folded


def without_refs(folded: str) -> str:
    """A folded question without the documents it names by number ("kh 308", "hd
    40-hd/btgdvtw"): they say which document, not what is asked about it."""
    return " ".join(_REF.sub(" ", folded).split())
