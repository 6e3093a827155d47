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
    "email": "thu dien tu",
    "mail": "thu dien tu",
}
# A document named by number: "kh 308", "qd 52", "hd 40-hd/btgdvtw", "ket luan so 212".
_REF = re.compile(
    rf"\b(?:{_DOC_WORD}|hd|tb|kl|nq|ct|ctr|tt|nd)\s?(?:so\s)?\d[\w/.-]*|\b\d+[-/][a-z][\w/.-]*"
)
MEND_MIN = 3  # shorter words are abbreviations ("kh", "qd"), never mended
_DOUBLED = re.compile(r"([a-tv-z])\1\b")  # "tựu", "hưu" end in "uu": u stays
# A folded Vietnamese syllable: an onset, a vowel group that occurs, a final consonant.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?"
    r"(?:uye|uya|uyu|uoi|uou|ieu|yeu|oai|oay|oeo|uay|uai|ai|ao|au|ay|eo|ia|ie|iu|oa|oe|oi|oo"
    r"|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)(?:ch|nh|ng|[cmnpt])?"
)
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


def may_be_syllable(word: str) -> bool:
    """Whether a folded word could be a Vietnamese syllable ("chay" of "cháy"), not a
    slip or a foreign word ("sna", "vein", "iso")."""
    return bool(_SYLLABLE.fullmatch(word))


def mend(
    folded: str,
    known: Callable[[str], bool],
    paired: Callable[[str, str], float] | None = None,
) -> str:
    """Slips of two swapped letters undone where only one reading is a word the
    documents use ("vein" → "vien", "ngya" → "ngay", "sna" → "san"); with `paired` (how
    rare two words side by side are, 0 when no document has them), also a slip that is a
    word itself but stands beside its neighbours in no document, when the swap does
    ("chuan hao du lieu" → "chuan hoa": "hào" is a word, "chuẩn hào" is not)."""
    words = folded.split()
    for i, word in enumerate(words):
        if len(word) < MEND_MIN or word.isdigit():
            continue
        swaps = {word[:j] + word[j + 1] + word[j] + word[j + 2 :] for j in range(len(word) - 1)}
        swaps = {w for w in swaps if w != word and may_be_syllable(w) and known(w)}
        if not (known(word) or may_be_syllable(word)):
            found = list(swaps)
        elif paired is not None:
            found = _paired_swaps(words, i, swaps, paired)
        else:
            continue
        if len(found) == 1:
            words[i] = found[0]
    return " ".join(words)


def _paired_swaps(
    words: list[str], i: int, swaps: set[str], paired: Callable[[str, str], float]
) -> list[str]:
    """The swaps of words[i] that documents print beside a neighbour, when words[i]
    stands beside neither neighbour anywhere (else it is most likely meant)."""
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if not swaps or not (before or after):
        return []

    def beside(word: str) -> bool:
        return bool((before and paired(before, word)) or (after and paired(word, after)))

    return [] if beside(words[i]) else [w for w in swaps if beside(w)]


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
