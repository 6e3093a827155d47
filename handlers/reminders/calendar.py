"""The office's working days: weekends, Vietnam's public holidays and the office's own days.

Public holidays come from the `holidays` package (Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9,
substitute days off, and the government's swaps with their make-up working Saturdays);
the office's declarations (table office_days) override them and the weekend. Saturdays
and Sundays are days off unless declared working days. WorkCalendar is pure: build it
once per pass with `load_calendar` so a day declared from the CLI counts at the next sweep.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from storage.db import Database
from storage.repos.holidays import office_days

PUBLIC, OFFICE, WORKDAY = "public", "office", "workday"
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
# How far to look for a working day: Tết with its weekends is 9 days; an office closing
# for the summer on top stays well inside. Beyond, the day itself is returned.
MAX_SEARCH = 120
_SWAP = re.compile(r"thay cho ngày (\d{2}/\d{2}/\d{4})")


@dataclass(frozen=True)
class CalendarDay:
    """A day that is not what its weekday says: a holiday, a day off, a make-up working day."""

    day: date
    name: str
    kind: str  # public | office | workday


def weekday_name(day: date) -> str:
    """'thứ Hai' … 'thứ Bảy', 'Chủ nhật' (lower-case 'thứ', as written mid-sentence)."""
    return WEEKDAYS[day.weekday()]


@lru_cache(maxsize=64)
def public_days(year: int) -> tuple[CalendarDay, ...]:
    """A year's public holidays (Vietnamese names) and the make-up working Saturdays."""
    found = holidays.country_holidays("VN", years=year, language="vi")
    days = [CalendarDay(d, name, PUBLIC) for d, name in sorted(found.items())]
    # The swap "Ngày nghỉ (thay cho ngày 26/04/2025)" names the Saturday worked instead.
    swapped = {m.group(1): d for d, name in found.items() if (m := _SWAP.search(name))}
    for day in sorted(w for w in getattr(found, "weekend_workdays", ()) if w.year == year):
        off = swapped.get(f"{day:%d/%m/%Y}")
        name = f"Làm bù cho ngày nghỉ {off:%d/%m/%Y}" if off else "Ngày làm việc bù"
        days.append(CalendarDay(day, name, WORKDAY))
    return tuple(sorted(days, key=lambda d: d.day))


@lru_cache(maxsize=64)
def _public_by_day(year: int) -> dict[date, CalendarDay]:
    return {d.day: d for d in public_days(year)}


class WorkCalendar:
    """Which days the office works, and counting in working days."""

    def __init__(self, office: Iterable[CalendarDay] = ()) -> None:
        self._office = {d.day: d for d in office}

    def _entry(self, day: date) -> CalendarDay | None:
        return self._office.get(day) or _public_by_day(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday, not a holiday nor a declared day off; or a declared working day."""
        entry = self._entry(day)
        if entry is not None:
            return entry.kind == WORKDAY
        return day.weekday() < 5

    def day_off_name(self, day: date) -> str | None:
        """Why a day is off ('Tết Nguyên Đán', 'Chủ nhật', the office's name); None if worked."""
        if self.is_working_day(day):
            return None
        entry = self._entry(day)
        return entry.name if entry is not None else weekday_name(day)

    def on_or_before(self, day: date) -> date:
        """The day itself when worked, else the working day before it."""
        return day if self.is_working_day(day) else self.previous_working_day(day)

    def on_or_after(self, day: date) -> date:
        """The day itself when worked, else the working day after it."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before a day."""
        return self._walk(day, -1)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after a day."""
        return self._walk(day, 1)

    def _walk(self, day: date, step: int) -> date:
        for n in range(1, MAX_SEARCH + 1):
            candidate = day + timedelta(days=step * n)
            if self.is_working_day(candidate):
                return candidate
        return day  # the office declared months off: keep the date rather than loop

    def last_working_day(self, start: date, end: date) -> date | None:
        """The latest working day in [start, end], or None when none is worked."""
        day = end
        while day >= start:
            if self.is_working_day(day):
                return day
            day -= timedelta(days=1)
        return None

    def count_days(self, start: date, end: date) -> int:
        """Working days after start up to and including end (negative when end is earlier).

        From Friday to the next Monday is 1; from a day to itself 0.
        """
        if end < start:
            return -self.count_days(end, start)
        return sum(
            self.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1)
        )

    def special_days(self, year: int) -> list[CalendarDay]:
        """The year's public holidays and make-up days, with the office's own taking precedence."""
        days = {d.day: d for d in public_days(year)}
        days.update((d, c) for d, c in self._office.items() if d.year == year)
        return [days[d] for d in sorted(days)]


def load_calendar(db: Database) -> WorkCalendar:
    """The calendar with the office's declarations as stored now."""
    return WorkCalendar(CalendarDay(r.day, r.name, r.kind) for r in office_days(db))
