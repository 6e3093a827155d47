"""Assignments (a deadline for one branch in one period): creation, state changes, views.

Stored states are pending, submitted, late and exempt; "overdue" is derived (pending past
due_at) so no job has to flip it."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import delete
from sqlalchemy import select as select_columns
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from storage.db import Database
from storage.models.documents import Document
from storage.models.messages import Reminder
from storage.models.org import Assignment, Branch, Deadline
from storage.repos.org import target_branches

STATES = ("pending", "submitted", "late", "overdue", "exempt")
UNDO_WINDOW = timedelta(hours=24)
_STEP = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}


def effective_state(state: str, due_at: datetime, now: datetime) -> str:
    """The state as reported: a pending assignment past its due instant is overdue."""
    return "overdue" if state == "pending" and now > due_at else state


@dataclass(frozen=True)
class AssignmentView:
    """One assignment with its deadline, document and branch, as reminders and reports use it."""

    assignment_id: int
    state: str  # stored: pending | submitted | late | exempt
    due_at: datetime
    period: str
    deadline_id: int
    deadline_title: str
    deadline_status: str
    recurrence: str | None
    section: str
    document_number: str | None
    document_title: str | None
    branch_id: int
    branch_code: str
    branch_name: str
    submitted_at: datetime | None
    submitted_by: int | None

    def effective(self, now: datetime) -> str:
        """pending, submitted, late, overdue or exempt at this instant."""
        return effective_state(self.state, self.due_at, now)

    @property
    def is_open(self) -> bool:
        """Still waiting for a submission (pending or overdue)."""
        return self.state == "pending"


# Columns, not entities: the board reads 15,000 views at once, and whole rows (a document
# with its text, four entities a view) made that take seconds.
_COLUMNS: tuple[Any, ...] = (
    Assignment.id, Assignment.state, Assignment.due_at, Assignment.period, Deadline.id,
    Deadline.title, Deadline.status, Deadline.recurrence, Deadline.section, Document.number,
    Document.title, Assignment.branch_id, Branch.code, Branch.name, Assignment.submitted_at,
    Assignment.submitted_by,
)  # fmt: skip


def view_of(row: Any) -> AssignmentView:
    """The view of one row of view_query()."""
    return AssignmentView(*row)


def view_query() -> Any:
    """Assignments joined to what a view names (deadline, branch, document), as columns."""
    return (
        select_columns(*_COLUMNS)
        .join(Deadline, col(Deadline.id) == col(Assignment.deadline_id))
        .join(Branch, col(Branch.id) == col(Assignment.branch_id))
        .join(Document, col(Document.id) == col(Deadline.document_id), isouter=True)
    )


def assignment_view(db: Database, assignment_id: int) -> AssignmentView | None:
    """One assignment with everything a reminder or a confirmation names, or None."""
    with db.session() as session:
        row = session.execute(view_query().where(Assignment.id == assignment_id)).first()
    return view_of(row) if row else None


def assignment_views(
    db: Database,
    deadline_id: int | None = None,
    branch_id: int | None = None,
    states: Sequence[str] | None = None,
) -> list[AssignmentView]:
    """Assignments of approved deadlines, by due instant, then deadline and branch code."""
    query = view_query().where(Deadline.status == "approved")
    if deadline_id is not None:
        query = query.where(Assignment.deadline_id == deadline_id)
    if branch_id is not None:
        query = query.where(Assignment.branch_id == branch_id)
    if states is not None:
        query = query.where(col(Assignment.state).in_(list(states)))
    query = query.order_by(col(Assignment.due_at), col(Deadline.id), col(Branch.code))
    with db.session() as session:
        return [view_of(row) for row in session.execute(query).all()]


def expand_periods(
    first_due: datetime, recurrence: str | None, tz: tzinfo
) -> list[tuple[str, datetime]]:
    """(period, due_at) pairs: one for a single deadline; for a recurring one, every period
    from the first due date to the end of that year, on the same day (clamped) and time."""
    if recurrence not in _STEP:
        return [("", first_due)]
    local = first_due.astimezone(tz)
    out = []
    for month in range(local.month, 13, _STEP[recurrence]):
        day = min(local.day, calendar.monthrange(local.year, month)[1])
        due = local.replace(month=month, day=day).astimezone(UTC)
        out.append((period_label(recurrence, local.year, month), due))
    return out


def period_label(recurrence: str, year: int, month: int) -> str:
    """'2024-05', '2024-Q2', '2024-H1' or '2024': the key of the period a due month falls in."""
    if recurrence == "monthly":
        return f"{year}-{month:02d}"
    if recurrence == "quarterly":
        return f"{year}-Q{(month - 1) // 3 + 1}"
    if recurrence == "half-yearly":
        return f"{year}-H{(month - 1) // 6 + 1}"
    return str(year)


def ensure_assignments(
    db: Database, deadline: Deadline, now: datetime, tz: tzinfo, since: datetime | None = None
) -> int:
    """Create the missing assignments of an approved deadline (periods due after `since`)."""
    if deadline.status != "approved" or deadline.due_at is None or deadline.id is None:
        return 0
    periods = expand_periods(deadline.due_at, deadline.recurrence, tz)
    periods = [p for p in periods if since is None or p[1] >= since]
    if deadline.series_until is not None:  # the office ended the series (/ketthuc)
        periods = [p for p in periods if p[1] <= deadline.series_until]
    if not periods:  # the sweep calls this every minute: past deadlines cost no query
        return 0
    branches = target_branches(db, deadline)
    try:
        return _insert_missing(db, deadline.id, branches, periods, now)
    except IntegrityError:
        # Another process (the bot's sweep, the CLI) inserted some at the same moment.
        return _insert_missing(db, deadline.id, branches, periods, now)


def _insert_missing(
    db: Database,
    deadline_id: int,
    branches: list[Branch],
    periods: list[tuple[str, datetime]],
    now: datetime,
) -> int:
    created = 0
    with db.session() as session:
        existing = set(
            session.exec(
                select(Assignment.branch_id, Assignment.period).where(
                    Assignment.deadline_id == deadline_id
                )
            ).all()
        )
        for branch in branches:
            for period, due in periods:
                if branch.id is None or (branch.id, period) in existing:
                    continue
                session.add(
                    Assignment(
                        deadline_id=deadline_id,
                        branch_id=branch.id,
                        period=period,
                        due_at=due,
                        created_at=now,
                    )
                )
                created += 1
    return created


def submit(
    db: Database, assignment_id: int, member_id: int | None, now: datetime, via: str
) -> bool:
    """Mark a pending assignment submitted (on time) or late; False when it was not pending."""
    with db.session() as session:
        row = session.get(Assignment, assignment_id)
        if row is None:
            return False
        state = "submitted" if now <= row.due_at else "late"
        # A conditional UPDATE: two presses (or two processes) can only win once.
        result = session.exec(
            update(Assignment)
            .where(col(Assignment.id) == assignment_id, col(Assignment.state) == "pending")
            .values(state=state, submitted_at=now, submitted_by=member_id, submitted_via=via)
        )
        return bool(result.rowcount)


def undo(db: Database, assignment_id: int, now: datetime) -> bool:
    """Put a submission made within the undo window back to pending."""
    with db.session() as session:
        result = session.exec(
            update(Assignment)
            .where(
                col(Assignment.id) == assignment_id,
                col(Assignment.state).in_(("submitted", "late")),
                col(Assignment.submitted_at) >= now - UNDO_WINDOW,
            )
            .values(state="pending", submitted_at=None, submitted_by=None, submitted_via=None)
        )
        return bool(result.rowcount)


def latest_submission(db: Database, branch_id: int, now: datetime) -> int | None:
    """The branch's most recent submission still inside the undo window, or None."""
    with db.session() as session:
        return session.exec(
            select(Assignment.id)
            .where(
                Assignment.branch_id == branch_id,
                col(Assignment.state).in_(("submitted", "late")),
                col(Assignment.submitted_at) >= now - UNDO_WINDOW,
            )
            .order_by(col(Assignment.submitted_at).desc())
        ).first()


def set_exempt(db: Database, deadline_id: int, branch_id: int) -> int:
    """Exempt a branch from a deadline's open assignments; returns how many changed."""
    with db.session() as session:
        result = session.exec(
            update(Assignment)
            .where(
                col(Assignment.deadline_id) == deadline_id,
                col(Assignment.branch_id) == branch_id,
                col(Assignment.state) == "pending",
            )
            .values(state="exempt", submitted_via="admin")
        )
        return int(result.rowcount or 0)


def open_period(db: Database, deadline_id: int) -> str | None:
    """The earliest period of a deadline that still has pending assignments, or None."""
    with db.session() as session:
        return session.exec(
            select(Assignment.period)
            .where(Assignment.deadline_id == deadline_id, Assignment.state == "pending")
            .order_by(col(Assignment.due_at), col(Assignment.period))
        ).first()


@dataclass(frozen=True)
class Moved:
    """Assignments given a new due instant; `replan` are those whose reminders had started."""

    assignment_ids: tuple[int, ...]
    replan: tuple[int, ...]


def move_due(db: Database, deadline_id: int, period: str, due_at: datetime) -> Moved:
    """Give a period's pending assignments a new due instant and drop their unsent reminders.

    Submitted, late and exempt ones keep their date. Only 'planned' reminder rows go: sent
    ones stay as the record (and no new row may take over an id SentMessage points to).
    The sweep plans only assignments without any reminder row, and storage.repos.reminders
    has no re-plan yet: assignments left with rows are in `replan` for the caller to plan.
    """
    stmt = (
        update(Assignment)
        .where(
            col(Assignment.deadline_id) == deadline_id,
            col(Assignment.period) == period,
            col(Assignment.state) == "pending",
        )
        .values(due_at=due_at)
        .returning(col(Assignment.id))
    )
    with db.session() as session:
        moved = tuple(sorted(int(row[0]) for row in session.execute(stmt).all()))
        return Moved(moved, _drop_planned(session, moved) if moved else ())


def _drop_planned(session: Session, ids: tuple[int, ...]) -> tuple[int, ...]:
    """Delete the planned reminder rows of assignments; the ids that still have rows."""
    session.execute(
        delete(Reminder).where(
            col(Reminder.assignment_id).in_(ids), col(Reminder.status) == "planned"
        )
    )
    kept = session.exec(
        select(Reminder.assignment_id).where(col(Reminder.assignment_id).in_(ids)).distinct()
    ).all()
    return tuple(sorted(set(kept)))
