"""Periods a deadline may name instead of a day: a month, a quarter, a year.

A period key is written as the rest of the program reads it: "2025-12" (a month),
"2026-Q1" (a quarter), "2025" (a year); a key without a year ("--06", "Q3") names a
month or quarter of a year the text does not give.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

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
