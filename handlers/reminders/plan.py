"""When reminders go out: the ladder of an assignment on working days, quiet hours, what to skip.

Handlers (/doihan re-plans a moved deadline) and the scheduler compute the same ladder.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.settings import Settings, clock_time
from handlers.reminders.calendar import WorkCalendar, load_calendar
from storage.db import Database
from storage.models.messages import Reminder
from storage.repos.assignments import AssignmentView
from storage.repos.reminders import insert_plan, planned_between, reschedule

NOTICE = "notice"
OVERDUE = "overdue"


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """A local wall-clock instant as UTC."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def morning(day: date, settings: Settings) -> datetime:
    """REMINDER_TIME on a day, moved to the end of quiet hours when it falls inside them."""
    return quiet_end(
        _at(day, clock_time(settings.reminder_time), ZoneInfo(settings.timezone)), settings
    )


def _notice_at(
    due_at: datetime, now: datetime, settings: Settings, calendar: WorkCalendar, recurring: bool
) -> datetime:
    """When the branch hears of a new assignment.

    A period of a recurring deadline is announced RECURRENCE_LEAD_DAYS before its due day
    (on the working day before when that is a day off): a branch gets one notice a period,
    not twelve on the first day. Anything else answers the office's own action (an
    approval, /hanmoi), so it goes now, on whatever day the office chose to act.
    """
    if not recurring:
        return now
    tz = ZoneInfo(settings.timezone)
    due_day = due_at.astimezone(tz).date()
    lead = timedelta(days=settings.recurrence_lead_days)
    return max(now, morning(calendar.on_or_before(due_day - lead), settings))


def ladder(
    due_at: datetime,
    now: datetime,
    settings: Settings,
    calendar: WorkCalendar,
    recurring: bool = False,
) -> list[tuple[str, datetime]]:
    """The rows to plan for a new assignment: (kind, due instant), only those still ahead.

    d7/d3/d1/d0 go at REMINDER_TIME on their day, or on the working day before when it is
    a day off; steps landing on the same working day keep the one nearest the due date (its
    text counts the days from that day anyway). The overdue reminder goes on the first
    working day after the due day. A step on the day the notice goes out is dropped: the
    notice already says the same.
    """
    tz = ZoneInfo(settings.timezone)
    due_day = due_at.astimezone(tz).date()
    notice = _notice_at(due_at, now, settings, calendar, recurring)
    today = quiet_end(notice, settings).astimezone(tz).date()
    steps: dict[date, str] = {}
    for days in settings.reminder_offsets:  # largest first: a nearer step overwrites
        day = calendar.on_or_before(due_day - timedelta(days=days))
        if day > today:
            steps[day] = f"d{days}"
    rows = [(NOTICE, notice)]
    rows += [(kind, morning(day, settings)) for day, kind in sorted(steps.items())]
    overdue = morning(calendar.next_working_day(due_day), settings)
    if overdue > now:
        rows.append((OVERDUE, overdue))
    return rows


def deferred_to(
    kind: str, due_at: datetime, now: datetime, settings: Settings, calendar: WorkCalendar
) -> datetime | None:
    """Where a row due today goes when today turned out to be a day off; None to send now.

    The ladder avoids days off, but a day declared off on the morning itself can no longer
    move its rows to the day before. Such a row waits for the next working morning, unless
    that is past the due instant (then it is urgent: send now); an overdue reminder always
    waits. A notice goes now: it answers what the office just did.
    """
    today = now.astimezone(ZoneInfo(settings.timezone)).date()
    if kind == NOTICE or calendar.is_working_day(today):
        return None
    after = morning(calendar.next_working_day(today), settings)
    return after if kind == OVERDUE or after < due_at else None


def move_off_day(
    db: Database, day: date, now: datetime, settings: Settings, calendar: WorkCalendar
) -> int:
    """Move the rows planned on a day just declared off; how many moved.

    As the ladder would have planned them: a reminder before the due date to the working
    day before (when that is still ahead), the overdue reminder to the working day after.
    """
    tz = ZoneInfo(settings.timezone)
    start = datetime.combine(day, time(), tzinfo=tz)
    moved = 0
    for row in planned_between(db, start, start + timedelta(days=1)):
        if row.kind == OVERDUE:
            when = morning(calendar.next_working_day(day), settings)
        else:
            when = morning(calendar.previous_working_day(day), settings)
            if when <= now:
                continue  # too late to go earlier: the pass defers it to the next working day
        moved += reschedule(db, row.id or 0, when)
    return moved


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
    ids = list(assignment_ids)
    if not ids:
        return 0
    rows = ladder(due_at, now, settings, load_calendar(db), recurring)
    rows = [r for r in rows if r[0] != NOTICE]
    return sum(insert_plan(db, assignment_id, rows) for assignment_id in ids)


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
