"""What users type to look a document up ("kh 89", "34 hd du", "nghị định 30 năm 2020")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.model import DocNumber
from knowledge.vi.docnumbers import find_numbers
from knowledge.vi.doctypes import (
    ISSUER_PHRASES,
    TYPE_NAME_TO_CODE,
    canonical_issuer,
    canonical_type,
    is_known_issuer,
)
from knowledge.vi.textnorm import fold, normalize

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
