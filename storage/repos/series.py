"""Recurring deadlines as series: each next period is assigned ahead of its due date, on and
on, until the office ends the series.

Approval assigns the first year's periods (storage.repos.assignments.ensure_assignments);
the scheduler's sweep calls `extend_series`, which creates the periods after the last one
assigned once they come within the lead time, for every branch the deadline targets. After
a downtime only the latest period already due is created, as the reminders catch up with
the latest due only. Creation is idempotent: (deadline, branch, period) is unique.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta, tzinfo

from sqlalchemy import delete, func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select, update

from storage.db import Database
from storage.models.org import Assignment, Branch, Deadline
from storage.repos.assignments import period_label
from storage.repos.org import target_branches

STEP_MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}

Period = tuple[str, datetime]  # (label, due instant UTC)


def series_periods(
    first_due: datetime, recurrence: str, tz: tzinfo, after: datetime | None, until: datetime
) -> list[Period]:
    """The periods due after `after` (from the first when None) up to `until`, in order.

    Each falls on the first due date's day of the month (clamped to the month's end: a
    series on the 31st is due on 29/2) at its time of day.
    """
    step = STEP_MONTHS[recurrence]
    local = first_due.astimezone(tz)
    out: list[Period] = []
    for k in range(100_000):  # bounded by `until`; the range only guards against a bad one
        index = local.month - 1 + k * step
        year, month = local.year + index // 12, index % 12 + 1
        day = min(local.day, calendar.monthrange(year, month)[1])
        due = local.replace(year=year, month=month, day=day).astimezone(UTC)
        if due > until:
            break
        if after is None or due > after:
            out.append((period_label(recurrence, year, month), due))
    return out


def _assigned(db: Database, deadline_id: int) -> dict[str, datetime]:
    """The periods a deadline has assignments for, with their (earliest) due instant."""
    with db.session() as session:
        rows = session.exec(
            select(Assignment.period, func.min(Assignment.due_at))
            .where(Assignment.deadline_id == deadline_id)
            .group_by(col(Assignment.period))
        ).all()
    return {period: due for period, due in rows}


def next_periods(
    deadline: Deadline, assigned: dict[str, datetime], now: datetime, tz: tzinfo, lead: timedelta
) -> list[Period]:
    """The periods to assign now: after the last one assigned, due within the lead time,
    not after the series' end; of those already due (a downtime), only the latest."""
    assert deadline.due_at is not None and deadline.recurrence is not None
    until = now + lead
    if deadline.series_until is not None:
        until = min(until, deadline.series_until)
    last = max(assigned.values(), default=None)
    new = series_periods(deadline.due_at, deadline.recurrence, tz, last, until)
    new = [p for p in new if p[0] not in assigned]
    missed = [p for p in new if p[1] < now]
    return missed[-1:] + [p for p in new if p[1] >= now]


def extend_series(db: Database, now: datetime, tz: tzinfo, lead: timedelta) -> int:
    """Assign the coming periods of every approved recurring deadline; how many were created.

    Branches added since also get the periods already assigned that are still ahead.
    """
    created = 0
    for deadline in _series(db):
        assert deadline.id is not None
        assigned = _assigned(db, deadline.id)
        periods = next_periods(deadline, assigned, now, tz, lead)
        periods += [(p, due) for p, due in assigned.items() if due >= now]
        if periods:
            created += _insert(db, deadline.id, target_branches(db, deadline), periods, now)
    return created


def _series(db: Database) -> list[Deadline]:
    with db.session() as session:
        return list(
            session.exec(
                select(Deadline)
                .where(Deadline.status == "approved")
                .where(col(Deadline.recurrence).in_(list(STEP_MONTHS)))
                .where(col(Deadline.due_at).is_not(None))
                .order_by(col(Deadline.id))
            ).all()
        )


def _insert(
    db: Database, deadline_id: int, branches: list[Branch], periods: list[Period], now: datetime
) -> int:
    """Insert the missing (branch, period) assignments; a pair inserted meanwhile is skipped."""
    with db.session() as session:
        have = set(
            session.exec(
                select(Assignment.branch_id, Assignment.period).where(
                    Assignment.deadline_id == deadline_id
                )
            ).all()
        )
    values = [
        {"deadline_id": deadline_id, "branch_id": b.id, "period": p, "due_at": due}
        | {"state": "pending", "created_at": now}
        for b in branches
        for p, due in periods
        if b.id is not None and (b.id, p) not in have
    ]
    if not values:
        return 0
    # Two processes may extend the same series at once: the unique key decides.
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    stmt = insert(Assignment).values(values).on_conflict_do_nothing().returning(col(Assignment.id))
    with db.session() as session:
        return len(session.execute(stmt).all())


def end_series(db: Database, deadline_id: int, until: datetime) -> int:
    """End a series after `until`: no later period is created, and the pending assignments
    of later periods (created ahead) are removed with their reminders; how many went."""
    with db.session() as session:
        session.exec(
            update(Deadline).where(col(Deadline.id) == deadline_id).values(series_until=until)
        )
        result = session.execute(
            delete(Assignment).where(
                col(Assignment.deadline_id) == deadline_id,
                col(Assignment.state) == "pending",
                col(Assignment.due_at) > until,
            )
        )
    return int(getattr(result, "rowcount", 0) or 0)
