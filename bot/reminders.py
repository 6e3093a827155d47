"""The reminder ladder of an assignment, quiet hours, and what each reminder says."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.channels.base import Button, ChatRef, Reply
from bot.settings import Settings, clock_time
from handlers.deadline_texts import period_vi
from storage.repos.deadlines import AssignmentView

NOTICE = "notice"
OVERDUE = "overdue"
NOTICE_LEAD = timedelta(days=28)
FOOTER = "Khi đã nộp, bấm «Đã nộp» hoặc trả lời tin này «đã nộp»."


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


def days_left(view: AssignmentView, now: datetime, tz: ZoneInfo) -> int:
    """Calendar days from today to the due day (negative once past)."""
    return (view.due_at.astimezone(tz).date() - now.astimezone(tz).date()).days


def describe(view: AssignmentView) -> str:
    """'Báo cáo 6 tháng (34-HD/ĐU, mục II)'; a recurring one adds ', kỳ tháng 06/2024'."""
    title = view.deadline_title
    if view.period:
        title = f"{title}, kỳ {period_vi(view.period)}"
    source = [view.document_number or view.document_title or ""]
    if view.section:
        source.append(f"mục {view.section}")
    where = ", ".join(s for s in source if s)
    return f"{title} ({where})" if where else title


def _lead(kind: str, left: int) -> str:
    if left < 0:
        return f"Quá hạn {-left} ngày"
    if kind == NOTICE:
        return "Việc mới được giao" + (", hạn hôm nay" if left == 0 else f", còn {left} ngày")
    return "Hôm nay là hạn chót" if left == 0 else f"Còn {left} ngày"


def branch_text(kind: str, view: AssignmentView, now: datetime, tz: ZoneInfo) -> str:
    """The reminder a branch reads: what, which document and section, the date, days left."""
    left = days_left(view, now, tz)
    due = view.due_at.astimezone(tz)
    unsent = " Chi bộ chưa nộp." if left < 0 else ""
    return f"{_lead(kind, left)}: {describe(view)} — hạn {due:%d/%m/%Y}.{unsent} {FOOTER}"


def admin_text(view: AssignmentView, now: datetime, tz: ZoneInfo) -> str:
    """The admins' copy of an overdue reminder, naming the branch."""
    late = max(1, -days_left(view, now, tz))
    due = view.due_at.astimezone(tz)
    return (
        f"Quá hạn {late} ngày: {view.branch_name} (mã {view.branch_code}) chưa nộp "
        f"{describe(view)} — hạn {due:%d/%m/%Y}. Chi bộ đã được nhắc."
    )


def branch_reply(
    kind: str, view: AssignmentView, now: datetime, tz: ZoneInfo, to: ChatRef
) -> Reply:
    """The reminder message with its «Đã nộp» button, tied to the assignment."""
    aid = view.assignment_id
    return Reply(
        branch_text(kind, view, now, tz),
        buttons=((Button("Đã nộp", f"done:{aid}"),),),
        to=to,
        ref=f"assignment:{aid}",
        kind="reminder",
    )


def admin_reply(view: AssignmentView, now: datetime, tz: ZoneInfo, to: ChatRef) -> Reply:
    """The admins' overdue message (no button: admins do not submit)."""
    aid = view.assignment_id
    return Reply(admin_text(view, now, tz), to=to, ref=f"assignment:{aid}", kind="reminder")


def skip_reason(view: AssignmentView | None) -> str | None:
    """Why a due reminder must not go out now, from the current state; None to send."""
    if view is None:
        return "assignment deleted"
    if view.deadline_status != "approved":
        return f"deadline {view.deadline_status}"
    if view.state != "pending":
        return f"assignment {view.state}"
    return None
