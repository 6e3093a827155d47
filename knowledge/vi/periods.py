"""Periods a deadline may name instead of a day: a month, a quarter, a year.

A period key is written as the rest of the program reads it: "2025-12" (a month),
"2026-Q1" (a quarter), "2025" (a year); a key without a year ("--06", "Q3") names a
month or quarter of a year the text does not give.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from knowledge.model import Deadline

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_KEY = re.compile(r"^(?P<y>\d{4})(?:-(?:Q(?P<q>[1-4])|(?P<m>\d{2})))?$")


def month_key(month: int, year: int | None) -> str:
    """ "2025-12", or "--12" without a year."""
    return f"{year}-{month:02d}" if year else f"--{month:02d}"


def quarter_key(quarter: int, year: int | None) -> str:
    """ "2026-Q1", or "Q1" without a year."""
    return f"{year}-Q{quarter}" if year else f"Q{quarter}"


def quarter_number(text: str) -> int | None:
    """1-4 from "1", "IV", "ii"; None otherwise."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 4 else None
    return ROMAN_QUARTERS.get(text)


def span(key: str | None) -> tuple[date, date] | None:
    """First and last day of the period a key names, None without a year."""
    match = _KEY.match(key or "")
    if match is None:
        return None
    year = int(match.group("y"))
    if match.group("m"):
        month = int(match.group("m"))
        if not 1 <= month <= 12:
            return None
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if match.group("q"):
        first = 3 * int(match.group("q")) - 2
        last = first + 2
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
    return date(year, 1, 1), date(year, 12, 31)


def key_kind(key: str | None) -> str:
    """ "month", "quarter" or "year" for a key with a year; "unspecified" otherwise."""
    match = _KEY.match(key or "")
    if match is None:
        return "unspecified"
    if match.group("m"):
        return "month"
    return "quarter" if match.group("q") else "year"


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_CYCLE_VI = {
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half-yearly": "định kỳ 6 tháng",
    "yearly": "hằng năm",
}


def when_text(deadline: Deadline) -> str:
    """When a deadline falls, as an office writes it: "10/12/2025", "trong tháng 12/2025",
    "trong quý I/2026", "hằng năm (ngày 15/12)", or the relative phrase kept."""
    kind = deadline.value_kind()
    if kind == "day" and deadline.due is not None:
        return deadline.due.strftime("%d/%m/%Y")
    if kind == "recurring":
        return _cycle_text(deadline)
    bounds = span(deadline.period)
    if kind == "month" and bounds:
        return f"trong tháng {bounds[0].month}/{bounds[0].year}"
    if kind == "quarter" and bounds:
        return f"trong quý {_ROMAN[(bounds[0].month + 2) // 3]}/{bounds[0].year}"
    if kind == "year" and bounds:
        return f"trong năm {bounds[0].year}"
    phrase = " ".join(deadline.phrase.split())
    return f"chưa rõ ngày ({phrase})" if phrase else "chưa rõ ngày"


def _cycle_text(deadline: Deadline) -> str:
    cycle = _CYCLE_VI.get(deadline.recurrence or "", "định kỳ")
    if deadline.due is not None and deadline.recurrence == "yearly":
        return f"{cycle} (ngày {deadline.due.day:02d}/{deadline.due.month:02d})"
    if deadline.day and deadline.month:
        return f"{cycle} (ngày {deadline.day:02d}/{deadline.month:02d})"
    if deadline.day:
        return f"{cycle} (ngày {deadline.day})"
    quarter = deadline.period or ""
    named = f"quý {_ROMAN[int(quarter[1:])]}" if re.fullmatch(r"Q[1-4]", quarter) else ""
    if deadline.month:
        month = f"chậm nhất tháng {deadline.month}" if named else f"tháng {deadline.month}"
        named = f"{named}, {month}" if named else month
    return f"{cycle} ({named})" if named else cycle
