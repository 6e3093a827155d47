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
# Abbreviations typed in questions (folded) and the words documents spell them with;
# documents print either form ("Trường THPT Tân Phong", "trường trung học phổ thông …").
ABBREVIATIONS = {
    "gddt": "giao duc va dao tao",
    "sgddt": "so giao duc va dao tao",
    "pgddt": "phong giao duc va dao tao",
    "gd": "giao duc",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
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
    "gdtx": "giao duc thuong xuyen",
    "gdnn": "giao duc nghe nghiep",
    "hsg": "hoc sinh gioi",
    "gvdg": "giao vien day gioi",
    "bcv": "bao cao vien",
    "tncs": "thanh nien cong san",
    "dtn": "doan thanh nien",
    "ccb": "cuu chien binh",
    "hlhpn": "hoi lien hiep phu nu",
    "lhpn": "lien hiep phu nu",
    "pccc": "phong chay chua chay",
    "cbcc": "can bo cong chuc",
    "cdcs": "cong doan co so",
    "cdn": "cong doan nganh",
    "gvcn": "giao vien chu nhiem",
    "bgh": "ban giam hieu",
    "ubkt": "uy ban kiem tra",
    "vpdu": "van phong dang uy",
    "email": "thu dien tu",
    "mail": "thu dien tu",
}
# Abbreviations that are words or chat shorthand in lower case ("tu" is "từ", "mn" is "mọi
# người"): read as abbreviations only when typed in capitals ("Ban Thường vụ TU").
CAPITALS = {
    "TU": "tinh uy",
    "HU": "huyen uy",
    "ĐU": "dang uy",
    "DU": "dang uy",
    "QU": "quan uy",
    "TH": "tieu hoc",
    "MN": "mam non",
    "CĐ": "cong doan",
    "CD": "cong doan",
}
# What each abbreviation stands for, the longest first, with its abbreviation; one that is
# a word before another ("sở" + "giáo dục và đào tạo") is matched as that one, so that
# "Sở GDĐT" and "Sở GD&ĐT" hold it too.
_SHORT_OF = {
    full: short
    for short, full in sorted(ABBREVIATIONS.items(), key=lambda kv: -len(kv[1]))
    if short != "mail"
    and not any(f != full and full.endswith(f" {f}") for f in ABBREVIATIONS.values())
}
# Capitals no syllable folds to: a document holding one prints the abbreviation ("Trường
# MN Hoa Sen"); "TU", "ĐU" fold to words ("từ", "dự") and are left out.
_SHORT_OF |= {"tieu hoc": "th", "mam non": "mn", "cong doan": "cd"}
# How documents print an abbreviation as more than one word ("Sở GD&ĐT": "gd dt").
PRINTED = {"gddt": ("gddt", "gd dt")}
_CAPITAL = re.compile(r"(?<![\w/-])(" + "|".join(CAPITALS) + r")(?![\w/-])")
# An abbreviation printed as two words ("Sở GD&ĐT", "GD-ĐT"): one word, as typed most.
_SPLIT = re.compile(r"\bgd\s?[&-]\s?dt\b")
# A document named by number: "kh 308", "qd 52", "hd 40-hd/btgdvtw", "ket luan so 212".
_REF = re.compile(
    rf"\b(?:{_DOC_WORD}|hd|tb|kl|nq|ct|ctr|tt|nd)\s?(?:so\s)?\d[\w/.-]*|\b\d+[-/][a-z][\w/.-]*"
)
PairRarity = Callable[[str, str], float]  # how rare two words side by side are (0: never)
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
    question = _CAPITAL.sub(lambda m: CAPITALS[m.group(1)], question)
    folded = " ".join(fold(question).replace("?", " ").split())
    folded = _SPLIT.sub("gddt", folded)
    # No Vietnamese syllable ends in a doubled letter: "caoo", "mayy", "chii" are slips
    # ("pccc" is an abbreviation).
    folded = " ".join(
        w if w.strip(",.;:") in ABBREVIATIONS else _DOUBLED.sub(r"\1", w) for w in folded.split()
    )
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
    paired: PairRarity | None = None,
) -> str:
    """Slips of two swapped letters undone where only one reading is a word the
    documents use ("vein" → "vien", "ngya" → "ngay", "sna" → "san"); with `paired` (how
    rare two words side by side are, 0 when no document has them), also a slip that is a
    word itself but stands beside its neighbours in no document, when the swap does
    ("chuan hao du lieu" → "chuan hoa": "hào" is a word, "chuẩn hào" is not)."""
    words = folded.split()
    for i, word in enumerate(words):
        if len(word) < MEND_MIN or word.isdigit() or word in ABBREVIATIONS:
            continue
        swaps = {word[:j] + word[j + 1] + word[j] + word[j + 2 :] for j in range(len(word) - 1)}
        swaps = {w for w in swaps if w != word and may_be_syllable(w) and known(w)}
        if not (known(word) or may_be_syllable(word)):
            found = list(swaps) or _dropped_vowel(words, i, known, paired)
        elif paired is not None:
            found = _paired_swaps(words, i, swaps, paired)
        else:
            found = []
        if not found and not known(word):
            found = _keyed_slips(word, known)
        if len(found) == 1:
            words[i] = found[0]
    return " ".join(words)


# Telex keys left in a word ("hocj", "nhieeu", "dduoc"): a tone key at the end, a doubled
# vowel or d, a "w" after a vowel are how a phone keyboard without Vietnamese input types.
# No syllable ends in s, f, r, x or j.
_TELEX = ((re.compile(r"(?<=[a-z])[sfrxj]$"), ""), (re.compile(r"([aeod])\1"), r"\1"))
_TELEX_W = re.compile(r"(?<=[aou])w")
# Question words whose one dropped or added letter ("bao nhiu", "khi naoo") is a slip.
_ASKING = frozenset({"nhieu", "nao", "dau", "khong", "chua", "nhung", "ngay", "thang", "may"})


def _keyed_slips(word: str, known: Callable[[str], bool]) -> list[str]:
    """Readings of a word no document uses: its Telex keys undone, else a question word
    one letter away ("nhiu" → "nhieu"); only readings documents use, one at most."""
    undone = word
    for pattern, repl in _TELEX:
        undone = pattern.sub(repl, undone)
    undone = _TELEX_W.sub("", undone)
    if undone != word and known(undone):
        return [undone]
    near = {w for w in _ASKING if _one_letter_apart(word, w) and known(w)}
    return sorted(near)


def _dropped_vowel(
    words: list[str], i: int, known: Callable[[str], bool], paired: PairRarity | None
) -> list[str]:
    """Readings of a word with no vowel ("nhn") with one vowel put back that documents
    print beside a neighbour ("công nhn" → "cong nhan"); none without `paired`."""
    word = words[i]
    if paired is None or re.search(r"[aeiouy]", word):
        return []
    near = {word[:j] + v + word[j:] for j in range(1, len(word)) for v in "aeiouy"}
    near = {w for w in near if may_be_syllable(w) and known(w)}
    return _paired_swaps(words, i, near, paired)


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether one letter added to the shorter word gives the longer one."""
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(len(long))
    )


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
    ("sở gddt" → "so gddt giao duc va dao tao"), and those of what they spell out that
    they use after them ("trung hoc pho thong" → "… thpt"); one they use stays as it is."""
    extra = [
        full
        for short, full in ABBREVIATIONS.items()
        if not known(short) and re.search(rf"\b{short}\b", folded)
    ]
    extra += [
        short
        for full, short in _SHORT_OF.items()
        if known(short)
        and re.search(rf"\b{full}\b", folded)
        and not re.search(rf"\b{short}\b", folded)
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


def shortened(folded: str) -> str:
    """The words with what an abbreviation stands for replaced by it ("truong trung hoc
    pho thong" → "truong thpt"): the form a document printing it holds."""
    for full, short in _SHORT_OF.items():
        folded = re.sub(rf"\b{full}\b", short, folded)
    return folded


def alternatives(words: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """For the terms (words and "a b" pairs) of a spelled-out word sequence that fall in
    or at the edge of what an abbreviation stands for, the terms a document printing the
    abbreviation holds instead, each group held together ("pho thong" → ("thpt",);
    "truong trung" → ("truong thpt",); with "giao duc va dao tao", also ("gd dt",) for
    "GD&ĐT"). A term is held when it or one of its groups is: it counts once."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for start, end, short in _spans(words):
        for printed in PRINTED.get(short, (short,)):
            form = printed.split()
            inner = tuple(f"{a} {b}" for a, b in zip(form, form[1:], strict=False)) or (printed,)
            terms = words[start:end] + [
                f"{a} {b}" for a, b in zip(words[start:end], words[start + 1 : end], strict=False)
            ]
            for term in terms:
                found.setdefault(term, []).append(inner)
            if start and words[start - 1]:
                found.setdefault(f"{words[start - 1]} {words[start]}", []).append(
                    (f"{words[start - 1]} {form[0]}",)
                )
            if end < len(words) and words[end]:
                found.setdefault(f"{words[end - 1]} {words[end]}", []).append(
                    (f"{form[-1]} {words[end]}",)
                )
    return found


def _spans(words: list[str]) -> list[tuple[int, int, str]]:
    """Where what an abbreviation stands for is spelled in a word sequence, the longest
    first and not overlapping: (start, end, the abbreviation)."""
    taken: set[int] = set()
    spans = []
    for full, short in _SHORT_OF.items():
        size = len(full.split())
        for i in range(len(words) - size + 1):
            if " ".join(words[i : i + size]) == full and not taken & set(range(i, i + size)):
                taken |= set(range(i, i + size))
                spans.append((i, i + size, short))
    return spans


def without_refs(folded: str) -> str:
    """A folded question without the documents it names by number ("kh 308", "hd
    40-hd/btgdvtw"): they say which document, not what is asked about it."""
    return " ".join(_REF.sub(" ", folded).split())
