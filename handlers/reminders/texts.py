"""What each reminder says, the morning message of a branch, and the admins' overdue alert.

Written to be read aloud by an office worker: a member is "đồng chí", dates carry their
weekday, a due date on a day off says so, quotes are “ ”. The ladder is in plan.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from core.messages import Button, ChatRef, Reply
from core.settings import Settings
from handlers.deadline_texts import period_vi
from handlers.reminders.calendar import WorkCalendar, weekday_name
from handlers.reminders.plan import NOTICE
from storage.repos.assignments import AssignmentView

FOOTER = "Khi đã nộp, đồng chí chọn “Đã nộp” hoặc nhắn “đã nộp”."
URGE = "Chi bộ chưa nộp, đề nghị đồng chí khẩn trương hoàn thành."
UNSENT = "chi bộ chưa nộp"
MORNING_HEADER = "{branch} có {count} việc cần lưu ý hôm nay, {day}:"
MORNING_FOOTER = (
    "Khi đã nộp việc nào, đồng chí chọn “Đã nộp” của việc đó, hoặc nhắn “đã nộp” kèm số "
    "thứ tự, ví dụ “đã nộp 1”."
)
BUTTON_CHARS = 60  # Telegram shows about this much of a button on a phone
ALERT_KIND = "overdue_alert"
UNREACHED = "chưa có tài khoản nhận tin nên bot chưa nhắc được"


@dataclass(frozen=True)
class Dates:
    """How reminder texts write and count days: the timezone, the calendar, the counting."""

    tz: ZoneInfo
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    working: bool = False  # DAYS_LEFT_COUNT=working: days left are working days

    @classmethod
    def of(cls, settings: Settings, calendar: WorkCalendar) -> Dates:
        """The office's way, from its settings."""
        return cls(ZoneInfo(settings.timezone), calendar, settings.days_left_count == "working")

    def left(self, due_at: datetime, now: datetime) -> int:
        """Days from today to the due day (negative once past), as the office counts them."""
        today, due = now.astimezone(self.tz).date(), due_at.astimezone(self.tz).date()
        return self.calendar.count_days(today, due) if self.working else (due - today).days

    def days(self, count: int) -> str:
        """'3 ngày' or '3 ngày làm việc'."""
        return f"{count} ngày làm việc" if self.working else f"{count} ngày"

    def day(self, instant: datetime) -> str:
        """'thứ Sáu 10/05/2024'."""
        local = instant.astimezone(self.tz).date()
        return f"{weekday_name(local)} {local:%d/%m/%Y}"

    def due(self, due_at: datetime) -> str:
        """The due day with its weekday, and a note when the office does not work that day."""
        local = due_at.astimezone(self.tz).date()
        off = self.calendar.day_off_name(local)
        if off is None:
            return self.day(due_at)
        note = "ngày nghỉ cuối tuần" if off == weekday_name(local) else f"ngày nghỉ: {off}"
        return f"{self.day(due_at)} ({note})"


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


def _past(view: AssignmentView, now: datetime, dates: Dates) -> bool:
    """Whether the due day is over (the overdue reminder's day or later)."""
    return view.due_at.astimezone(dates.tz).date() < now.astimezone(dates.tz).date()


def lead(kind: str, view: AssignmentView, now: datetime, dates: Dates) -> str:
    """'Còn 3 ngày', 'Hôm nay là hạn chót', 'Quá hạn 2 ngày', 'Việc mới được giao, còn 8 ngày'."""
    left = dates.left(view.due_at, now)
    if _past(view, now, dates):
        return f"Quá hạn {dates.days(max(1, -left))}"
    if now.astimezone(dates.tz).date() == view.due_at.astimezone(dates.tz).date():
        text = "hạn hôm nay" if kind == NOTICE else "hôm nay là hạn chót"
    elif left == 0:  # counted in working days, the due day is a day off: today is the last
        text = "hôm nay là ngày làm việc cuối cùng trước hạn"
    else:
        text = f"còn {dates.days(left)}"
    if kind == NOTICE:
        return f"Việc mới được giao, {text}"
    return text[0].upper() + text[1:]


def item_text(kind: str, view: AssignmentView, now: datetime, dates: Dates) -> str:
    """'Còn 3 ngày: Báo cáo 6 tháng (34-HD/ĐU, mục II) — hạn thứ Sáu 10/05/2024'."""
    return f"{lead(kind, view, now, dates)}: {describe(view)} — hạn {dates.due(view.due_at)}"


def branch_text(kind: str, view: AssignmentView, now: datetime, dates: Dates) -> str:
    """The reminder a branch reads: what, which document and section, the date, days left."""
    urge = f" {URGE}" if _past(view, now, dates) else ""
    return f"{item_text(kind, view, now, dates)}.{urge} {FOOTER}"


def branch_reply(
    kind: str,
    view: AssignmentView,
    now: datetime,
    tz: ZoneInfo,
    to: ChatRef,
    dates: Dates | None = None,
) -> Reply:
    """The reminder message with its “Đã nộp” button, tied to the assignment."""
    aid = view.assignment_id
    return Reply(
        branch_text(kind, view, now, dates or Dates(tz)),
        buttons=((Button("Đã nộp", f"done:{aid}"),),),
        to=to,
        ref=f"assignment:{aid}",
        kind="reminder",
    )


def _urgency(item: tuple[str, AssignmentView]) -> tuple[datetime, int, str]:
    """Overdue first (the earliest due date), then the nearest due date."""
    _, view = item
    return (view.due_at, view.deadline_id, view.period)


def button_label(n: int, view: AssignmentView) -> str:
    """'2. Đã nộp: Báo cáo tháng (tháng 06/2027)': a long title is cut, never the period."""
    period = f" ({period_vi(view.period)})" if view.period else ""
    head = f"{n}. Đã nộp: "
    title = view.deadline_title
    room = BUTTON_CHARS - len(head) - len(period)
    if len(title) > room:
        title = title[: room - 1].rstrip() + "…"
    return f"{head}{title}{period}"


def morning_reply(
    items: list[tuple[str, AssignmentView]], now: datetime, dates: Dates, to: ChatRef
) -> Reply:
    """Several reminders of one branch in one message: a numbered line and a button each.

    The ref lists the assignments in line order, so «đã nộp 2» (typed, or in reply to it)
    picks the second line, and a bare «đã nộp» in reply asks which (handlers.confirm).
    """
    if len(items) == 1:
        kind, view = items[0]
        return branch_reply(kind, view, now, dates.tz, to, dates)
    ordered = sorted(items, key=_urgency)
    first = ordered[0][1]
    lines = [
        MORNING_HEADER.format(branch=first.branch_name, count=len(ordered), day=dates.day(now))
    ]
    buttons = []
    for n, (kind, view) in enumerate(ordered, 1):
        late = f", {UNSENT}" if _past(view, now, dates) else ""
        lines.append(f"{n}. {item_text(kind, view, now, dates)}{late}.")
        buttons.append((Button(button_label(n, view), f"done:{view.assignment_id}"),))
    lines.append(MORNING_FOOTER)
    ref = "pick:" + ",".join(str(v.assignment_id) for _, v in ordered)
    return Reply("\n".join(lines), buttons=tuple(buttons), to=to, ref=ref, kind="reminder")


def admin_text(view: AssignmentView, now: datetime, dates: Dates, reached: bool = True) -> str:
    """The admins' alert about one overdue assignment, naming the branch."""
    late = max(1, -dates.left(view.due_at, now))
    told = "Chi bộ đã được nhắc." if reached else f"Chi bộ {UNREACHED}."
    return (
        f"Quá hạn {dates.days(late)}: {view.branch_name} (mã {view.branch_code}) chưa nộp "
        f"{describe(view)} — hạn {dates.due(view.due_at)}. {told}"
    )


def _group_lines(
    group: list[AssignmentView], unreached: set[int], now: datetime, dates: Dates
) -> list[str]:
    first = group[0]
    late = max(1, -dates.left(first.due_at, now))
    lines = [f"{describe(first)} — hạn {dates.due(first.due_at)}, quá hạn {dates.days(late)}:"]
    for view in sorted(group, key=lambda v: v.branch_code):
        note = f" — {UNREACHED}" if view.assignment_id in unreached else ""
        lines.append(f"- {view.branch_name} (mã {view.branch_code}){note}")
    return lines


def overdue_text(
    views: list[AssignmentView], unreached: set[int], now: datetime, dates: Dates
) -> str:
    """One alert for all assignments found overdue in a pass, grouped by deadline.

    `unreached` holds the assignments whose branch has no chat the reminder could go to.
    """
    if len(views) == 1:
        return admin_text(views[0], now, dates, views[0].assignment_id not in unreached)
    groups: dict[tuple[datetime, int, str], list[AssignmentView]] = defaultdict(list)
    for view in views:  # a moved deadline's kept branches keep their own date: own group
        groups[(view.due_at, view.deadline_id, view.period)].append(view)
    branches = len({v.branch_id for v in views})
    tasks = f", {len(groups)} việc" if len(groups) > 1 else ""
    lines = [f"Quá hạn chưa nộp: {branches} chi bộ{tasks}."]
    for key in sorted(groups):
        lines += ["", *_group_lines(groups[key], unreached, now, dates)]
    missed = len({v.assignment_id for v in views} & unreached)
    if missed == 0:
        lines += ["", "Các chi bộ đã được nhắc."]
    elif missed < len(views):
        lines += ["", "Các chi bộ còn lại đã được nhắc."]
    return "\n".join(lines)


def overdue_reply(
    views: list[AssignmentView], unreached: set[int], now: datetime, dates: Dates, to: ChatRef
) -> Reply:
    """The admins' overdue alert (no button: admins do not submit).

    About a single assignment it keeps that assignment's ref, so an admin answering it
    “đã nộp” records a report that came on paper.
    """
    ref = f"assignment:{views[0].assignment_id}" if len(views) == 1 else None
    return Reply(overdue_text(views, unreached, now, dates), to=to, ref=ref, kind=ALERT_KIND)
