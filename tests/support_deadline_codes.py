"""Deadlines written as the real corpus labels write them, for table-driven phrase tests.

A term reads as its due value: a day "2027-03-15", a month "2027-01", a quarter
"2027-Q1", a year as its last month "2026-12", a cycle "recurring/monthly" (the cycle
not stated: "recurring/None"), a relative or open term "unspecified".
"""

from __future__ import annotations

import unicodedata
from datetime import date

from knowledge.parse.deadline_hits import DeadlineHit
from knowledge.parse.deadlines import find_deadlines
from knowledge.parse.directive import parse_text
from knowledge.vi.textnorm import normalize

# A plan of the Đảng ủy signed on 20 November 2026: a yearly day before then is next year's.
YEAR = 2026
ISSUED = date(2026, 11, 20)


def code(hit: DeadlineHit) -> str:
    """The label convention's `due` for a deadline the sentence rules found."""
    if hit.value == "recurring":
        return f"recurring/{hit.recurrence}"
    if hit.value == "day" and hit.due is not None:
        return hit.due.isoformat()
    if hit.value in ("month", "quarter") and hit.period:
        return hit.period
    if hit.value == "year" and hit.period_end is not None:
        return hit.period_end.isoformat()[:7]
    return "unspecified"


def codes(sentence: str, year: int | None = YEAR, issued: date | None = ISSUED) -> list[str]:
    """The terms of one sentence, normalised first as the parser does (NFC, tone marks)."""
    return [code(hit) for hit in find_deadlines(normalize(sentence), year, issued)]


def nfd(text: str) -> str:
    """Text as Word on macOS or a PDF extractor gives it: decomposed marks."""
    return unicodedata.normalize("NFD", text)


HEAD = (
    "ĐẢNG BỘ XÃ AN PHÚ\nĐẢNG ỦY TRƯỜNG THPT AN PHÚ\n*\nSố 15-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
    "An Phú, ngày 20 tháng 11 năm 2026\nKẾ HOẠCH\nthực hiện nhiệm vụ trọng tâm\n"
)


def document_codes(body: str, head: str = HEAD) -> list[str]:
    """The terms `danvan parse` gives a whole document: the header, then body."""
    found = parse_text(head + body).deadlines
    return [
        f"recurring/{d.recurrence}" if d.value_kind() == "recurring" else d.due_code()
        for d in found
    ]
