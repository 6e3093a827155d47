"""Document numbers (số và ký hiệu) in the Party, State and legal families."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.model import DocNumber
from knowledge.vi.doctypes import (
    ISSUER_PHRASES,
    TYPE_NAME_PHRASES,
    TYPE_NAME_TO_CODE,
    build_legal,
    build_party,
    build_state,
    canonical_issuer,
    canonical_type,
    flat,
    is_known_issuer,
    type_from_name,
)
from knowledge.vi.textnorm import fold, normalize
from knowledge.vi.written_dates import date_at

# The grammar runs on flat() text (Đ→D, no tone marks, same offsets); the canonical
# spelling is then read from the original characters. All repetitions are bounded.
_S = r"[ \t\u00a0]{0,3}"
_DASH = r"[-\u2010-\u2015\u2212]"
_CODE = r"[A-Za-z][A-Za-z0-9]{0,11}"
_CHAIN = rf"{_CODE}(?:{_S}{_DASH}{_S}{_CODE}){{0,3}}"
NUMBER_RE = re.compile(
    rf"(?:(?<=[Ss]o)|(?<![\w/.\-\u2010-\u2015]))(?P<num>\d{{1,5}}){_S}(?:"
    rf"/{_S}(?P<year>(?:19|20)\d\d){_S}/{_S}(?P<legal>{_CHAIN})"
    rf"|{_DASH}{_S}(?P<ptype>[A-Za-z]{{1,6}}){_S}/{_S}(?P<pissuer>{_CHAIN})"
    rf"|/{_S}(?P<stype>[A-Za-z]{{1,8}}\d{{0,2}}){_S}{_DASH}{_S}(?P<sissuer>{_CHAIN})"
    r")(?![\w\u0300-\u036f])"
)
_WORDS = "|".join(p.replace(" ", r"[ \t\u00a0]{1,3}") for p in (*TYPE_NAME_PHRASES, "luat"))
_SO = r"(?:[ \t\u00a0]{1,3}so)?[ \t\u00a0]{0,3}:?[ \t\u00a0]{0,3}"  # "số", "số:"
_TYPE_WORD_BEFORE = re.compile(
    rf"(?<![^\W\d_])(?P<word>{_WORDS}){_SO}$",
    re.IGNORECASE,
)
_LOOKBACK = 48


@dataclass(frozen=True)
class NumberMatch:
    """A document number found in running text, with the type word before it, if any."""

    start: int
    end: int
    number: DocNumber
    type_word: str | None = None
    word_start: int | None = None  # where the type word begins, when there is one
    issued: date | None = None  # the date written right after ("89-KH/TU ngày 24/12/2021")

    @property
    def word_type(self) -> str | None:
        """Type code of the preceding type word ("Quy định" → "QĐ")."""
        return type_from_name(self.type_word) if self.type_word else None


@dataclass(frozen=True)
class BareReference:
    """A type word with a number but no symbol ("Kế hoạch số 210", "Nghị định 30 năm 2020")."""

    start: int
    end: int
    number: str
    doc_type: str | None
    type_word: str
    year: int | None = None


def _build(match: re.Match[str], text: str) -> DocNumber | None:
    raw = text[match.start() : match.end()]

    def orig(group: str) -> str:
        return text[match.start(group) : match.end(group)]

    num = match.group("num")
    if match.group("legal") is not None:
        return build_legal(raw, num, match.group("year"), orig("legal"))
    if match.group("ptype") is not None:
        return build_party(raw, num, orig("ptype"), orig("pissuer"))
    return build_state(raw, num, orig("stype"), orig("sissuer"))


def parse_number(text: str) -> DocNumber | None:
    """Parse one document number in any family and messy form ("Số 34 -HD/ĐU", "89/KH-TU")."""
    found = find_numbers(normalize(text))  # no offsets are returned, so NFD input is fine
    return found[0].number if found else None


def find_numbers(text: str) -> list[NumberMatch]:
    """Every document number in running text (NFC expected), with its type word and date."""
    plain = flat(text)
    found: list[NumberMatch] = []
    for match in NUMBER_RE.finditer(plain):
        number = _build(match, text)
        if number is None:
            continue
        word, word_start = _type_word_before(text, plain, match.start())
        dated = date_at(text, match.end())
        issued = dated.date if dated else None
        found.append(NumberMatch(match.start(), match.end(), number, word, word_start, issued))
    return found


def _type_word_before(text: str, plain: str, pos: int) -> tuple[str | None, int | None]:
    lo = max(0, pos - _LOOKBACK)
    match = _TYPE_WORD_BEFORE.search(plain[lo:pos])
    if not match:
        return None, None
    start = lo + match.start("word")
    return text[start : lo + match.end("word")], start


_BARE_RE = re.compile(
    rf"(?<![^\W\d_])(?P<word>{_WORDS})(?P<so>{_SO})"
    r"(?<![\w/.-])(?P<num>\d{1,5})(?![\w/\-\u2010-\u2015]|[.,]\d)"
    r"(?:[ \t\u00a0]{1,3}nam[ \t\u00a0]{1,3}(?P<year>(?:19|20)\d\d)(?!\d))?",
    re.IGNORECASE,
)
# After the number, these words make it a quantity ("kế hoạch 5 năm"), not a document.
_QUANTITY_AFTER = re.compile(
    r"[ \t\u00a0]{0,3}(?:nam|thang|ngay|tuan|quy|gio|phut|lan|nguoi|%|trieu|ty|nghin)(?![^\W\d_])",
    re.IGNORECASE,
)


def find_bare_references(text: str) -> list[BareReference]:
    """Type word + number without a symbol ("Kế hoạch số 210"); full numbers are excluded."""
    plain = flat(text)
    found: list[BareReference] = []
    for match in _BARE_RE.finditer(plain):
        end = match.end()
        if match.group("year") is None and _QUANTITY_AFTER.match(plain, end):
            continue
        if "so" not in match.group("so").lower() and re.fullmatch(r"(?:19|20)\d\d", match["num"]):
            continue  # "kế hoạch 2024" names a year, not a number
        word = text[match.start("word") : match.end("word")]
        year = int(match.group("year")) if match.group("year") else None
        num = match.group("num").lstrip("0") or "0"
        found.append(BareReference(match.start(), end, num, type_from_name(word), word, year))
    return found



# ---------------------------------------------------------------- what users type
_TOKEN = re.compile(r"[a-z]+|\d+")
_NUMBER_YEAR = re.compile(r"\s*(?:so\s*)?(\d{1,5})\s*/\s*((?:19|20)\d\d)\s*")
_QUERY_PHRASES = [(tuple(name.split()), code) for name, code in TYPE_NAME_TO_CODE]
# A number followed or preceded by these is a quantity or a period, not a document.
_UNITS = {"nam", "thang", "ngay", "tuan", "quy", "gio", "phut", "lan", "nguoi", "lop", "khoa"}
_FILLER = {"so", "van", "ban", "tim", "tra", "cuu", "xem", "ky", "hieu"}
_SAME_TYPE = {"QĐi": "QĐ", "QyĐ": "QĐ"}


@dataclass(frozen=True)
class NumberQuery:
    """What a user typed to look a document up: "kh 89", "nghị định 30 năm 2020"."""

    number: str
    doc_type: str | None = None
    issuer: str | None = None
    year: int | None = None

    def score(self, candidate: DocNumber, candidate_year: int | None = None) -> float:
        """1.0 when every given part matches; 0 when the number, type or issuer contradicts."""
        if (candidate.number.lstrip("0") or "0") != self.number:
            return 0.0
        total = got = 1.0
        if self.doc_type:
            total += 1
            if not _same_type(self.doc_type, candidate):
                return 0.0
            got += 1
        if self.issuer:
            total += 1
            if not _same_issuer(self.issuer, candidate.issuer):
                return 0.0
            got += 1
        if self.year:
            total += 1
            year = candidate.year or candidate_year
            if year == self.year:
                got += 1
            elif year is None:
                got += 0.5  # unknown year: neither confirmed nor contradicted
            elif candidate.family == "legal":
                return 0.0  # the year is part of a legal number
        return got / total


def _same_type(wanted: str, candidate: DocNumber) -> bool:
    have = candidate.doc_type or ("CV" if candidate.family == "state" else "")
    return _SAME_TYPE.get(have, have) == _SAME_TYPE.get(wanted, wanted)


def _same_issuer(wanted: str, have: str) -> bool:
    wanted_f, have_f = fold(wanted), fold(have)
    head = have_f.split("-")[0]
    if wanted_f in (have_f, head):
        return True
    return wanted_f == "qh" and head.startswith("qh")


def parse_query(text: str) -> NumberQuery | None:
    """Read a lookup ("kh 89", "34 hd du", "89-KH/TU"); None when there is no number in it."""
    text = normalize(text)
    full = find_numbers(text)
    if full:
        found = full[0].number
        num = found.number.lstrip("0") or "0"
        return NumberQuery(num, found.doc_type or None, found.issuer or None, found.year)
    legal = _NUMBER_YEAR.fullmatch(fold(text))
    if legal:  # "30/2020": a legal number without its symbol
        return NumberQuery(legal.group(1).lstrip("0") or "0", year=int(legal.group(2)))
    words = _TOKEN.findall(fold(text))
    # The number alone ("89", "số 89") is a lookup; with other words it needs a type or issuer.
    alone = sum(1 for w in words if w not in _FILLER) == 1
    for index, word in enumerate(words):
        if word.isdigit() and len(word) <= 5:
            query = _query_at(words, index, alone)
            if query is not None:
                return query
    return None


def _query_at(words: list[str], index: int, alone: bool) -> NumberQuery | None:
    # Fixed windows around the number keep this linear on long texts.
    before, after = words[max(0, index - 6) : index], words[index + 1 : index + 12]
    if _is_quantity(before, after):
        return None
    if before and before[-1] == "so":
        before = before[:-1]
    issuer = None
    if len(before) > 1 and is_known_issuer(before[-1]) and _type_before(before[:-1]):
        issuer, before = canonical_issuer(before[-1]), before[:-1]  # "kh tu 89"
    doc_type = _type_before(before)
    rest = after
    if doc_type is None and rest and canonical_type(rest[0]):
        doc_type, rest = canonical_type(rest[0]), rest[1:]
    issuer = issuer or _issuer_in(rest)
    year = _year_in(after)
    if doc_type is None and issuer is None and not alone:
        return None
    return NumberQuery(words[index].lstrip("0") or "0", doc_type, issuer, year)


_DATE_QUESTION = frozenset({"nao", "bao", "may", "ky", "ban"})


def _is_quantity(before: list[str], after: list[str]) -> bool:
    if before and before[-1] in _UNITS:
        return True  # "quý 2", "lớp 10"
    if not after or after[0] not in _UNITS:
        return False
    if after[0] == "ngay" and len(after) > 1 and after[1] in _DATE_QUESTION:
        return False  # "kế hoạch 89 ngày nào?" asks for the date of plan 89
    # "nghị định 30 năm 2020" names a year; "kế hoạch 5 năm" is a quantity.
    return not (after[0] == "nam" and len(after) > 1 and _is_year(after[1]))


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and 1900 <= int(word) <= 2100


def _type_before(before: list[str]) -> str | None:
    for phrase, code in _QUERY_PHRASES:
        if len(before) >= len(phrase) and tuple(before[-len(phrase) :]) == phrase:
            return code
    return canonical_type(before[-1]) if before else None


def _issuer_in(rest: list[str]) -> str | None:
    if rest and is_known_issuer(rest[0]):
        return canonical_issuer(rest[0])
    tail = [w for w in rest if w != "cua"]
    for i, word in enumerate(tail[:8]):
        for phrase, code in ISSUER_PHRASES.get(word, ()):
            if tuple(tail[i : i + len(phrase)]) == phrase:
                return code
    return None


def _year_in(after: list[str]) -> int | None:
    for i, word in enumerate(after):
        if _is_year(word) and (i == 0 or after[i - 1] in ("nam", "so")):
            return int(word)
    return None


def number_key(number: DocNumber) -> str:
    """Normalised match key: folded, lower case, no leading zeros, canonical separators."""
    num = number.number.lstrip("0") or "0"
    kind = fold(number.doc_type)
    issuer = fold(number.issuer).replace(" ", "")
    if number.family == "party":
        return f"{num}-{kind}/{issuer}"
    if number.family == "legal":
        return f"{num}/{number.year}/{kind}-{issuer}" if kind else f"{num}/{number.year}/{issuer}"
    return f"{num}/{kind}-{issuer}" if kind else f"{num}/{issuer}"
