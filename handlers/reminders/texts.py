"""What each reminder says, and the admins' overdue alert (the ladder is in plan.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

from core.messages import Button, ChatRef, Reply
from handlers.deadline_texts import period_vi
from handlers.reminders.plan import NOTICE
from storage.repos.assignments import AssignmentView

FOOTER = "Khi đã nộp, chọn «Đã nộp» hoặc nhắn «đã nộp»."
ALERT_KIND = "overdue_alert"
UNREACHED = "chưa có tài khoản nhận tin nên bot chưa nhắc được"


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


def admin_text(view: AssignmentView, now: datetime, tz: ZoneInfo, reached: bool = True) -> str:
    """The admins' alert about one overdue assignment, naming the branch."""
    late = max(1, -days_left(view, now, tz))
    due = view.due_at.astimezone(tz)
    told = "Chi bộ đã được nhắc." if reached else f"Chi bộ {UNREACHED}."
    return (
        f"Quá hạn {late} ngày: {view.branch_name} (mã {view.branch_code}) chưa nộp "
        f"{describe(view)} — hạn {due:%d/%m/%Y}. {told}"
    )


def _group_lines(
    group: list[AssignmentView], unreached: set[int], now: datetime, tz: ZoneInfo
) -> list[str]:
    first = group[0]
    late = max(1, -days_left(first, now, tz))
    due = first.due_at.astimezone(tz)
    lines = [f"{describe(first)} — hạn {due:%d/%m/%Y}, quá hạn {late} ngày:"]
    for view in sorted(group, key=lambda v: v.branch_code):
        note = f" — {UNREACHED}" if view.assignment_id in unreached else ""
        lines.append(f"- {view.branch_name} (mã {view.branch_code}){note}")
    return lines


def overdue_text(
    views: list[AssignmentView], unreached: set[int], now: datetime, tz: ZoneInfo
) -> str:
    """One alert for all assignments found overdue in a pass, grouped by deadline.

    `unreached` holds the assignments whose branch has no chat the reminder could go to.
    """
    if len(views) == 1:
        return admin_text(views[0], now, tz, views[0].assignment_id not in unreached)
    groups: dict[tuple[datetime, int, str], list[AssignmentView]] = defaultdict(list)
    for view in views:  # a moved deadline's kept branches keep their own date: own group
        groups[(view.due_at, view.deadline_id, view.period)].append(view)
    branches = len({v.branch_id for v in views})
    tasks = f", {len(groups)} việc" if len(groups) > 1 else ""
    lines = [f"Quá hạn chưa nộp: {branches} chi bộ{tasks}."]
    for key in sorted(groups):
        lines += ["", *_group_lines(groups[key], unreached, now, tz)]
    missed = len({v.assignment_id for v in views} & unreached)
    if missed == 0:
        lines += ["", "Các chi bộ đã được nhắc."]
    elif missed < len(views):
        lines += ["", "Các chi bộ còn lại đã được nhắc."]
    return "\n".join(lines)


def overdue_reply(
    views: list[AssignmentView], unreached: set[int], now: datetime, tz: ZoneInfo, to: ChatRef
) -> Reply:
    """The admins' overdue alert (no button: admins do not submit).

    About a single assignment it keeps that assignment's ref, so an admin answering it
    «đã nộp» records a report that came on paper.
    """
    ref = f"assignment:{views[0].assignment_id}" if len(views) == 1 else None
    return Reply(overdue_text(views, unreached, now, tz), to=to, ref=ref, kind=ALERT_KIND)
