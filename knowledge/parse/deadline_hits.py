"""A deadline phrase found in a sentence, and the grammar pieces the deadline rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from knowledge.vi.periods import key_kind, span

# Patterns run on flat() text (no tone marks, same offsets): "tháng" is "thang" here.
SP = r"[ \t\u00a0]{1,3}"
OPT = r"[ \t\u00a0]{0,3}"
NOT_AFTER_LETTER = r"(?<![^\W\d_])"
YEAR = r"(?:19|20)\d\d(?!\d)"
MONTH = r"(?:1[0-2]|0?[1-9])(?![\d])"
# A time of day before the day it falls on: "17 giờ 00", "16h00", "7 giờ 30 phút sáng".
CLOCK = (
    rf"(?:[01]?\d|2[0-3]){OPT}(?:gio|h)(?:{OPT}[0-5]\d(?:{SP}phut)?)?(?![\w])"
    rf"(?:{SP}(?:sang|trua|chieu|toi))?"
)
WEEKDAY = rf"(?:thu{SP}(?:hai|ba|tu|nam|sau|bay|[2-7])|chu{SP}nhat)(?![\w])"


@dataclass(frozen=True)
class DeadlineHit:
    """A deadline phrase; due is None when the text gives no day (never invented).

    kind is the phrase's form (deadline, window, recurring, periodic, relative); value is
    what it gives (day, month, quarter, year, recurring, unspecified).
    """

    due: date | None
    recurrence: str | None  # None | monthly | quarterly | half-yearly | yearly
    period: str | None  # "2024-Q2", "2024-05", "2024"; "Q3", "--06" without a year
    label: str  # short Vietnamese label: "Báo cáo 6 tháng", "Xây dựng kế hoạch"
    unspecified: bool  # True when a human must set the day
    kind: str  # deadline | window | recurring | periodic | relative
    start: int = 0
    end: int = 0
    day: int | None = None  # day of the month ("ngày 25 hằng tháng", "ngày 15 tháng 12")
    inferred_year: bool = False  # the text gave day and month; the year is the document's
    value: str = ""  # day | month | quarter | year | recurring | unspecified
    period_start: date | None = None
    period_end: date | None = None
    month: int | None = None  # month of a yearly date or period ("tháng 11 hằng năm")
    explicit: bool = True  # a marker or the time column says it is due ("trước", "hạn")


def period_hit(key: str, start: int, end: int, label: str, **more: object) -> DeadlineHit:
    """A month, quarter or year deadline with its bounds; unspecified without a year."""
    bounds = span(key)
    hit = DeadlineHit(None, None, key, label, bounds is None, "window", start, end)
    return replace(
        hit,
        explicit=False,
        value=key_kind(key),
        period_start=bounds[0] if bounds else None,
        period_end=bounds[1] if bounds else None,
        **more,  # type: ignore[arg-type]
    )


def valued(hit: DeadlineHit) -> DeadlineHit:
    """The hit with its value filled in from the fields its rule set."""
    if hit.value:
        return hit
    if hit.recurrence or hit.kind in ("recurring", "periodic"):
        return replace(hit, value="recurring")
    if hit.due is not None:
        return replace(hit, value="day")
    if hit.period:
        return replace(hit, value=key_kind(hit.period))
    return replace(hit, value="unspecified")


def overlaps(hit: DeadlineHit, others: list[DeadlineHit]) -> bool:
    """True when hit shares characters with any of others."""
    return overlaps_span(hit.start, hit.end, others)


def overlaps_span(start: int, end: int, others: list[DeadlineHit]) -> bool:
    """True when [start, end) shares characters with any of others."""
    return any(start < o.end and o.start < end for o in others)


def new_only(found: list[DeadlineHit], taken: list[DeadlineHit]) -> list[DeadlineHit]:
    """The hits of found that overlap none of taken."""
    return [hit for hit in found if not overlaps(hit, taken)]


# Words that make a clause a duty to chase (a report to send, a file to hand over), read
# with their marks: flat text makes "cơ sở kết quả" look like "sơ kết".
_DUTY_WORDS = ("báo cáo", "sơ kết", "tổng kết", "gửi", "nộp", "bàn giao", "cập nhật", "tổng hợp")
_DUES = ("đóng đảng phí", "đóng đoàn phí", "đóng hội phí")  # a member's dues to pay
# ("báo cáo viên" is a person, "sức mạnh tổng hợp" a strength: no duty.)
_DUTY = re.compile(
    rf"(?<![\w])(?<!sức mạnh )(?:{'|'.join(_DUTY_WORDS + _DUES)})(?![\w])(?!\s+viên(?![\w]))"
)
_DUTY_FLAT = re.compile(
    r"(?<![\w])(?<!suc manh )(?:bao cao|so ket|tong ket|gui|nop|ban giao|cap nhat|tong hop"
    r"|dong (?:dang|doan|hoi) phi)"
    r"(?![\w])(?!\s+vien(?![\w]))"
)


def has_duty(text: str) -> bool:
    """True when text (as printed) names a duty: a report, a file to send or hand over."""
    lower = text.lower()
    pattern = _DUTY_FLAT if lower.isascii() else _DUTY
    return pattern.search(lower) is not None
