"""/ketthuc: the office ends a recurring deadline (a series that otherwise goes on every
period, year after year); `danvan deadline end` does the same from the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from core.messages import Reply
from handlers.context import Context, Request
from handlers.deadline_texts import RECURRENCE_VI, period_vi
from handlers.deadlines import split_due
from handlers.reminders.calendar import weekday_name
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.series import end_series

USAGE = (
    "Cách dùng: /ketthuc SỐ để dừng hạn nộp định kỳ sau kỳ đang chờ nộp, hoặc /ketthuc SỐ "
    "NGÀY để kỳ cuối là kỳ có hạn đến hết ngày đó; ví dụ /ketthuc 3 31/12/2026."
)
UNKNOWN = "Không có hạn nộp #{id}."
NOT_RECURRING = "Hạn nộp #{id} “{title}” không định kỳ nên không cần kết thúc."
ENDED = "Đã kết thúc hạn nộp #{id} “{title}” ({cadence}): {last} Bot không giao kỳ mới nữa."
LAST_PERIOD = "kỳ cuối là {period}, hạn {day}."
NO_PERIOD = "không còn kỳ nào phải nộp."
REMOVED = " Đã bỏ {count} việc của các kỳ sau đó đã giao trước cho chi bộ."


@dataclass(frozen=True)
class Ended:
    """A series ended: its last period (label and due), and the assignments removed."""

    last_period: str | None
    last_due: datetime | None
    removed: int


def end(ctx: Context, deadline_id: int, until: datetime | None = None) -> Ended:
    """End a series after `until`, by default after the period the branches work on now.

    That period is the earliest one still to come; when none was assigned yet, the series
    ends now.
    """
    views = assignments.assignment_views(ctx.db, deadline_id=deadline_id)
    now = ctx.clock.now()
    if until is None:
        coming = [v.due_at for v in views if v.due_at >= now]
        until = min(coming, default=now)
    kept = [v for v in views if v.due_at <= until]
    last = max(kept, key=lambda v: v.due_at, default=None)
    removed = end_series(ctx.db, deadline_id, until)
    return Ended(last.period if last else None, last.due_at if last else None, removed)


def end_of_day(day: datetime, ctx: Context) -> datetime:
    """The last instant of a due date's local day: a period due that day still counts."""
    local = day.astimezone(ctx.tz).date()
    return datetime.combine(local + timedelta(days=1), time(), tzinfo=ctx.tz).astimezone(
        UTC
    ) - timedelta(seconds=1)


def ended_text(ctx: Context, deadline_id: int, title: str, cadence: str, ended: Ended) -> str:
    """What the office reads after ending a series."""
    last = NO_PERIOD
    if ended.last_due is not None:
        local = ended.last_due.astimezone(ctx.tz).date()
        period = period_vi(ended.last_period or "") or "kỳ hiện tại"
        last = LAST_PERIOD.format(period=period, day=f"{weekday_name(local)} {local:%d/%m/%Y}")
    text = ENDED.format(id=deadline_id, title=title, cadence=cadence, last=last)
    return text + (REMOVED.format(count=ended.removed) if ended.removed else "")


async def end_series_command(req: Request) -> list[Reply]:
    """/ketthuc SỐ [NGÀY]: stop a recurring deadline after its current (or a given) period."""
    head, _, rest = req.args.strip().partition(" ")
    if not head.lstrip("#").isdigit():
        return [Reply(USAGE)]
    until = None
    if rest.strip():
        due, leftover = split_due(rest, req.ctx.tz, req.ctx.clock.now())
        if due is None or leftover:
            return [Reply(USAGE)]
        until = end_of_day(due, req.ctx)
    deadline_id = int(head.lstrip("#"))
    deadline = repo.get_deadline(req.ctx.db, deadline_id)
    if deadline is None:
        return [Reply(UNKNOWN.format(id=deadline_id))]
    cadence = RECURRENCE_VI.get(deadline.recurrence or "")
    if cadence is None:
        return [Reply(NOT_RECURRING.format(id=deadline_id, title=deadline.title))]
    ended = end(req.ctx, deadline_id, until)
    return [Reply(ended_text(req.ctx, deadline_id, deadline.title, cadence, ended))]
