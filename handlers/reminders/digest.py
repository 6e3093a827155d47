"""The admins' morning digest: overdue items and those due within three days."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from handlers import deadline_texts as T
from handlers.context import Context
from storage.repos import assignments
from storage.repos.assignments import AssignmentView

SOON = timedelta(days=3)
DIGEST_HEADER = "Tình hình hạn nộp ngày {date}:"
DIGEST_OVERDUE = "Quá hạn, chưa nộp:"
DIGEST_SOON = "Sắp đến hạn (trong 3 ngày), chưa nộp:"
DIGEST_LINE = "• #{id} {title} — hạn {due}: {branches}"
DIGEST_FOOTER = "Gõ /tinhhinh SỐ để xem chi tiết từng hạn."


def _digest_lines(views: list[AssignmentView], ctx: Context) -> list[str]:
    grouped: dict[tuple[int, str], list[AssignmentView]] = defaultdict(list)
    for view in views:
        grouped[(view.deadline_id, view.period)].append(view)
    lines = []
    for group in grouped.values():
        first = group[0]
        lines.append(
            DIGEST_LINE.format(
                id=first.deadline_id,
                title=T.with_period(first.deadline_title, first.period),
                due=T.when(first.due_at, ctx.tz),
                branches=", ".join(v.branch_name for v in group),
            )
        )
    return lines


def digest_text(ctx: Context) -> str | None:
    """The admins' morning digest: overdue items and those due within 3 days; None if none."""
    now = ctx.clock.now()
    views = assignments.assignment_views(ctx.db, states=["pending"])
    overdue = [v for v in views if v.due_at < now]
    soon = [v for v in views if now <= v.due_at <= now + SOON]
    if not overdue and not soon:
        return None
    lines = [DIGEST_HEADER.format(date=T.day(now, ctx.tz))]
    for label, group in ((DIGEST_OVERDUE, overdue), (DIGEST_SOON, soon)):
        if group:
            lines += ["", label, *_digest_lines(group, ctx)]
    lines += ["", DIGEST_FOOTER]
    return "\n".join(lines)
