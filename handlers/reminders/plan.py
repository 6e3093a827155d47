"""When reminders go out: the ladder of an assignment, quiet hours, what to skip (no sending).

Handlers (/doihan re-plans a moved deadline) and the scheduler compute the same ladder.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.settings import Settings, clock_time
from storage.db import Database
from storage.models.messages import Reminder
from storage.repos.assignments import AssignmentView
from storage.repos.reminders import insert_plan

NOTICE = "notice"
OVERDUE = "overdue"
NOTICE_LEAD = timedelta(days=28)


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """A local wall-clock instant as UTC."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def ladder(
    due_at: datetime, now: datetime, settings: Settings, recurring: bool = False
) -> list[tuple[str, datetime]]:
    """The rows to plan for a new assignment: (kind, due instant), only those still ahead.

    The notice goes now, except for a period of a recurring deadline: all its periods are
    assigned at once, so each period's notice waits until NOTICE_LEAD before its due day
    (a branch gets one notice a period, not twelve on the first day). d7/d3/d1/d0 and
    the overdue reminder go at REMINDER_TIME local time. A ladder step on the day the
    notice goes out (after quiet hours) is dropped: the notice already says the same.
    """
    tz = ZoneInfo(settings.timezone)
    at = clock_time(settings.reminder_time)
    due_day = due_at.astimezone(tz).date()
    notice = now
    if recurring:
        notice = max(now, _at(due_day - NOTICE_LEAD, at, tz))
    today = quiet_end(notice, settings).astimezone(tz).date()
    rows = [(NOTICE, notice)]
    for days in settings.reminder_offsets:
        day = due_day - timedelta(days=days)
        if day > today:
            rows.append((f"d{days}", _at(day, at, tz)))
    overdue = _at(due_day + timedelta(days=1), at, tz)
    if overdue > now:
        rows.append((OVERDUE, overdue))
    return rows


def in_quiet_hours(now: datetime, settings: Settings) -> bool:
    """Whether reminders must wait (QUIET_HOURS, possibly spanning midnight)."""
    window = settings.quiet_window
    if window is None:
        return False
    start, end = window
    local = now.astimezone(ZoneInfo(settings.timezone)).time()
    if start <= end:
        return start <= local < end
    return local >= start or local < end


def quiet_end(now: datetime, settings: Settings) -> datetime:
    """The first instant at or after now outside quiet hours."""
    window = settings.quiet_window
    if window is None or not in_quiet_hours(now, settings):
        return now
    tz = ZoneInfo(settings.timezone)
    local = now.astimezone(tz)
    end = _at(local.date(), window[1], tz)
    return end if end > now else _at(local.date() + timedelta(days=1), window[1], tz)


def replan(
    db: Database,
    assignment_ids: Iterable[int],
    due_at: datetime,
    now: datetime,
    settings: Settings,
    recurring: bool = False,
) -> int:
    """Plan a moved due date's ladder for assignments whose old ladder had already started.

    The scheduler's sweep plans only assignments without any reminder row, so a move
    inserts the new ladder itself. The notice is left out, since the branches hear the
    new date from the move; kinds already sent for the old date conflict on
    (assignment, kind) and are not repeated.
    """
    rows = [r for r in ladder(due_at, now, settings, recurring) if r[0] != NOTICE]
    return sum(insert_plan(db, assignment_id, rows) for assignment_id in assignment_ids)


def skip_reason(view: AssignmentView | None) -> str | None:
    """Why a due reminder must not go out now, from the current state; None to send."""
    if view is None:
        return "assignment deleted"
    if view.deadline_status != "approved":
        return f"deadline {view.deadline_status}"
    if view.state != "pending":
        return f"assignment {view.state}"
    return None


def latest_per_assignment(rows: list[Reminder]) -> tuple[list[Reminder], list[Reminder]]:
    """Catch-up: per assignment, the latest due row goes out and the older ones are dropped."""
    latest: dict[int, Reminder] = {}
    for row in rows:
        best = latest.get(row.assignment_id)
        if best is None or (row.due_at, row.id or 0) > (best.due_at, best.id or 0):
            latest[row.assignment_id] = row
    keep = {id(r) for r in latest.values()}
    return list(latest.values()), [r for r in rows if id(r) not in keep]
