"""How the branches stand: the /tinhhinh overview and one deadline's detail."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from rapidfuzz import fuzz

from handlers import deadline_texts as T
from handlers.context import Context
from knowledge.vi.textnorm import fold
from storage.models.org import Deadline
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.assignments import AssignmentView

_MATCH = 80  # partial_ratio on folded text: typed words inside the title, typos allowed


def current_period(views: list[AssignmentView]) -> list[AssignmentView]:
    """A recurring deadline's views narrowed to the earliest period still open (else the last)."""
    periods = sorted({(v.due_at, v.period) for v in views})
    if len(periods) <= 1:
        return views
    open_periods = [p for due, p in periods if any(v.period == p and v.is_open for v in views)]
    chosen = open_periods[0] if open_periods else periods[-1][1]
    return [v for v in views if v.period == chosen]


def _counts_text(views: list[AssignmentView], now: datetime) -> str:
    counts = repo.count_states(views, now)
    parts = [f"{T.STATE_VI[s]} {counts[s]}" for s in T.REPORT_ORDER if counts[s]]
    return ", ".join(parts) or T.STATUS_NO_ASSIGNMENTS


def overview(ctx: Context) -> str:
    """Every approved deadline (its current period) with counts per state."""
    now = ctx.clock.now()
    rows = repo.deadlines(ctx.db)
    if not rows:
        return T.STATUS_NONE
    lines = [T.STATUS_OVERVIEW.format(now=T.when(now, ctx.tz))]
    for deadline in rows:
        assert deadline.id is not None
        views = current_period(assignments.assignment_views(ctx.db, deadline_id=deadline.id))
        due = views[0].due_at if views else deadline.due_at
        title = T.with_period(deadline.title, views[0].period if views else "")
        lines.append(
            T.STATUS_OVERVIEW_LINE.format(
                id=deadline.id,
                title=title,
                due=T.day(due, ctx.tz) if due else T.NO_DATE,
                counts=_counts_text(views, now),
            )
        )
    lines += ["", T.STATUS_OVERVIEW_FOOTER]
    return "\n".join(lines)


def find_deadlines(ctx: Context, query: str) -> list[Deadline]:
    """Approved deadlines by id ('3', '#3') or by words of the title (best matches)."""
    query = query.strip()
    rows = repo.deadlines(ctx.db)
    if query.lstrip("#").isdigit():
        return [d for d in rows if d.id == int(query.lstrip("#"))]
    scored = [(fuzz.partial_ratio(fold(query), fold(d.title)), d) for d in rows]
    scored = [(score, d) for score, d in scored if score >= _MATCH]
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [d for score, d in scored if score >= best - 5]


def deadline_status(ctx: Context, deadline: Deadline) -> str:
    """One deadline (its current period): each state with the branch names in it."""
    assert deadline.id is not None
    now = ctx.clock.now()
    views = current_period(assignments.assignment_views(ctx.db, deadline_id=deadline.id))
    due = views[0].due_at if views else deadline.due_at
    title = T.with_period(deadline.title, views[0].period if views else "")
    lines = [
        T.STATUS_DETAIL.format(
            id=deadline.id, title=title, due=T.when(due, ctx.tz) if due else T.NO_DATE
        )
    ]
    if not views:
        return "\n".join([*lines, T.STATUS_NO_ASSIGNMENTS])
    groups: dict[str, list[str]] = defaultdict(list)
    for view in views:
        groups[view.effective(now)].append(f"{view.branch_name} ({view.branch_code})")
    lines.append("")
    for state in T.REPORT_ORDER:
        if groups[state]:
            label = T.STATE_VI[state].capitalize()
            names = ", ".join(groups[state])
            lines.append(
                T.STATUS_STATE_LINE.format(label=label, count=len(groups[state]), branches=names)
            )
    return "\n".join(lines)
