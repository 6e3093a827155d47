"""The admins' morning digest: overdue items and those due within three days."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from handlers.context import Context
from handlers.deadline_texts import with_period
from handlers.reminders.calendar import load_calendar
from handlers.reminders.texts import Dates
from storage.repos import assignments
from storage.repos.assignments import AssignmentView

SOON_DAYS = 3
# Three working days span at most this many calendar days (Tết and its weekends included).
NEAR = timedelta(days=SOON_DAYS + 14)
DIGEST_HEADER = "Tình hình hạn nộp sáng {day}:"
DIGEST_OVERDUE = "Quá hạn, chưa nộp:"
DIGEST_SOON = "Sắp đến hạn (trong {days}), chưa nộp:"
DIGEST_LINE = "• #{id} {title} — hạn {time} {due}: {branches}"
DIGEST_FOOTER = "Gõ /tinhhinh SỐ để xem chi tiết từng hạn."


def _digest_lines(views: list[AssignmentView], dates: Dates) -> list[str]:
    grouped: dict[tuple[int, str], list[AssignmentView]] = defaultdict(list)
    for view in views:
        grouped[(view.deadline_id, view.period)].append(view)
    lines = []
    for group in grouped.values():
        first = group[0]
        lines.append(
            DIGEST_LINE.format(
                id=first.deadline_id,
                title=with_period(first.deadline_title, first.period),
                time=f"{first.due_at.astimezone(dates.tz):%H:%M}",
                due=dates.due(first.due_at),
                branches=", ".join(v.branch_name for v in group),
            )
        )
    return lines


def digest_text(ctx: Context, dates: Dates | None = None) -> str | None:
    """The admins' morning digest: overdue items and those due within 3 days; None if none.

    "Within 3 days" counts as DAYS_LEFT_COUNT says: calendar days or working days.
    """
    dates = dates or Dates.of(ctx.settings, load_calendar(ctx.db))
    now = ctx.clock.now()
    views = assignments.assignment_views(ctx.db, states=["pending"])
    overdue = [v for v in views if v.due_at < now]
    near = [v for v in views if now <= v.due_at <= now + NEAR]  # cheap before counting
    soon = [v for v in near if dates.left(v.due_at, now) <= SOON_DAYS]
    if not overdue and not soon:
        return None
    lines = [DIGEST_HEADER.format(day=dates.day(now))]
    for label, group in ((DIGEST_OVERDUE, overdue), (DIGEST_SOON, soon)):
        if group:
            label = label.format(days=dates.days(SOON_DAYS))
            lines += ["", label, *_digest_lines(group, dates)]
    lines += ["", DIGEST_FOOTER]
    return "\n".join(lines)
