"""What the office should know about a proposed date: past, a day off, or only a period.

A deadline known only as a period ("trong tháng 12/2025", "quý I/2026") gets a suggested
day, the period's last working day; the office still approves a day of its choice.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from handlers.context import Context
from handlers.reminders.calendar import WorkCalendar, load_calendar
from storage.models.org import Deadline


@dataclass(frozen=True)
class DueCheck:
    """A proposal's date as the office should see it before approving."""

    day: date | None  # the proposed day (local), None when the text gives none
    past: bool = False  # the due instant has passed
    past_days: int = 0  # calendar days since the due day
    day_off: str | None = None  # the name of the day off the day falls on
    previous: date | None = None  # the working day before a day off
    suggested: date | None = None  # for a period without a day: its last working day


def period_bounds(period: str | None) -> tuple[date, date] | None:
    """First and last day of a period key: "2025-12", "2026-Q1", "2026-H2", "2026"."""
    if not period or not period[:4].isdigit():
        return None
    year, _, part = period.partition("-")
    first, last = 1, 12
    if part.startswith("Q") and part[1:] in ("1", "2", "3", "4"):
        first = 3 * int(part[1:]) - 2
        last = first + 2
    elif part.startswith("H") and part[1:] in ("1", "2"):
        first = 1 if part == "H1" else 7
        last = first + 5
    elif part.isdigit() and 1 <= int(part) <= 12:
        first = last = int(part)
    elif part:
        return None
    end = calendar.monthrange(int(year), last)[1]
    return date(int(year), first, 1), date(int(year), last, end)


def work_calendar(ctx: Context) -> WorkCalendar:
    """The office's working days as declared now (holidays, days off, make-up days)."""
    return load_calendar(ctx.db)


def check_due(ctx: Context, row: Deadline, due_at: datetime | None = None) -> DueCheck:
    """Past, day off, or suggested day for a proposal (or for the date the admin typed)."""
    due_at = due_at or row.due_at
    cal = work_calendar(ctx)
    today = ctx.clock.now().astimezone(ctx.tz).date()
    if due_at is None:
        bounds = None if row.recurrence else period_bounds(row.period)
        if bounds is None:
            return DueCheck(None)
        start, end = max(bounds[0], today), bounds[1]
        suggested = cal.last_working_day(start, end) if start <= end else None
        return DueCheck(None, suggested=suggested)
    day = due_at.astimezone(ctx.tz).date()
    past = due_at <= ctx.clock.now()
    name = cal.day_off_name(day)
    previous = cal.previous_working_day(day) if name else None
    return DueCheck(day, past, (today - day).days if past else 0, name, previous)


def example_day(ctx: Context) -> str:
    """A date two weeks ahead, for "ví dụ /duyet 12 dd/mm/yyyy" hints that stay in the future."""
    later = ctx.clock.now().astimezone(ctx.tz).date() + timedelta(days=14)
    return later.strftime("%d/%m/%Y")
