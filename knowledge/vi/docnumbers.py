"""Document numbers (số và ký hiệu) in the Party, State and legal families."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.model import DocNumber
from knowledge.vi.doctypes import (
    TYPE_NAME_PHRASES,
    build_legal,
    build_party,
    build_state,
    flat,
    type_from_name,
)
from knowledge.vi.textnorm import fold, normalize
from knowledge.vi.written_dates import date_at

# The grammar runs on flat() text (Đ→D, no tone marks, same offsets); the canonical
# spelling is then read from the original characters. All repetitions are bounded.
_S = r"[ \t\u00a0]{0,3}"
_DASH = r"[-\u2010-\u2015\u2212]"
# A code may join two parts with "&" ("CTTN&BĐG": Công tác thanh niên và Bình đẳng giới).
_CODE = r"[A-Za-z](?:[A-Za-z0-9]|&(?=[A-Za-z])){0,11}"
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
