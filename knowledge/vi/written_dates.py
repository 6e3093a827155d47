"""Single dates as written in Vietnamese documents: "ngày 24 tháng 12 năm 2021", "03/6/2013".

Only the day-month(-year) grammar lives here; the document's year and the words around
a date are in knowledge.dates, which re-exports this module for its callers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.vi.doctypes import flat
from knowledge.vi.textnorm import nfc

# Patterns run on flat() text (no tone marks, same offsets), so "ngày" is "ngay" here.
# Every repetition is bounded: the grammar must stay linear on hostile input.
_SP = r"[ \t\u00a0]{1,3}"
_OPT = r"[ \t\u00a0]{0,3}"
_LONG = (
    rf"(?:(?<![^\W\d_])(?P<ngay>ngay){_SP})?(?<![\w/.-])(?P<d>\d{{1,2}}){_SP}thang{_SP}"
    rf"(?P<m>\d{{1,2}})(?!\d)(?:{_OPT},?{_OPT}nam{_SP}(?P<y>\d{{4}})(?!\d))?"
)
_NUMERIC = (
    rf"(?:(?<![^\W\d_])(?P<ngay2>ngay){_SP})?(?<![\w/.-])(?P<d2>\d{{1,2}})(?P<sep>[/.-])"
    r"(?P<m2>\d{1,2})(?:(?P=sep)(?P<y2>\d{4}))?(?![\w/]|[.-]\d)"
)
DATE_RE = re.compile(f"{_LONG}|{_NUMERIC}", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """A date found in text; has_year is False when the year came from the default."""

    start: int
    end: int
    date: date
    has_year: bool


@dataclass(frozen=True)
class RawDate:
    """A date as written: the year may be missing."""

    start: int
    end: int
    day: int
    month: int
    year: int | None


def find_raw_dates(text: str, is_flat: bool = False) -> list[RawDate]:
    """Every day-month(-year) written in text, valid as a calendar day, year optional.

    is_flat: text is already flat() (callers that hold both skip a second pass).
    """
    found: list[RawDate] = []
    for match in DATE_RE.finditer(text if is_flat else flat(text)):
        raw = _raw_from_match(match)
        if raw is not None:
            found.append(raw)
    return found


def _raw_from_match(match: re.Match[str]) -> RawDate | None:
    if match.group("d") is not None:
        day, month, year = match.group("d"), match.group("m"), match.group("y")
        if year is None and match.group("ngay") is None:
            return None  # "6 tháng 3 lần" is not a date; a bare "d tháng m" needs "ngày"
    else:
        day, month, year = match.group("d2"), match.group("m2"), match.group("y2")
        # Short "10/5" only counts after "ngày", and only with a slash.
        if year is None and (match.group("ngay2") is None or match.group("sep") != "/"):
            return None
        if year is None and match.group("sep") == ".":
            return None
    year_int = int(year) if year else None
    if not _valid(int(day), int(month), year_int):
        return None
    return RawDate(match.start(), match.end(), int(day), int(month), year_int)


def _valid(day: int, month: int, year: int | None) -> bool:
    if year is not None and not 1900 <= year <= 2100:
        return False
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29/2 without a year is fine
    except ValueError:
        return False
    return True


def make_date(day: int, month: int, year: int) -> date | None:
    """The calendar date, or None when it does not exist (29/2 in a common year)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[DateMatch]:
    """Every date in text; a date without a year takes default_year or is skipped."""
    found: list[DateMatch] = []
    for raw in find_raw_dates(text):
        year = raw.year if raw.year is not None else default_year
        if year is None:
            continue
        value = make_date(raw.day, raw.month, year)
        if value is not None:
            found.append(DateMatch(raw.start, raw.end, value, raw.year is not None))
    return found


def parse_date(text: str, default_year: int | None = None) -> date | None:
    """The first date written in text ("ngày 24 tháng 12 năm 2021", "24/12/2021"), or None."""
    found = find_dates(nfc(text), default_year)  # no offsets are returned: NFD is fine
    return found[0].date if found else None


def date_at(text: str, pos: int, max_gap: int = 12) -> DateMatch | None:
    """A dated phrase starting within max_gap characters after pos (", ngày 03/6/2013")."""
    window = text[pos : pos + max_gap + 40]
    gap = re.match(r"[ \t\u00a0,:(]*(?:ban hanh )?", flat(window), re.IGNORECASE)
    offset = gap.end() if gap else 0
    if offset > max_gap:
        return None
    for raw in find_raw_dates(window):
        if raw.start == offset and raw.year is not None:
            value = make_date(raw.day, raw.month, raw.year)
            if value is not None:
                return DateMatch(pos + raw.start, pos + raw.end, value, True)
        if raw.start >= offset:
            break
    return None
