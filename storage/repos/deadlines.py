"""Deadlines, their assignments per branch and period, state transitions and status views.

Stored assignment states are pending, submitted, late and exempt; "overdue" is derived
(pending and the clock past due_at) so it never needs a job to flip it.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select, update

from storage.db import Database
from storage.models import Assignment, Branch, Deadline, Document, SentMessage
from storage.repos.members import admin_chats, branch_chats
from storage.repos.org import target_branches

__all__ = [
    "STATES",
    "AssignmentView",
    "admin_chats",
    "assignment_view",
    "assignment_views",
    "branch_chats",
    "effective_state",
    "expand_periods",
]

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


def _view(a: Assignment, d: Deadline, b: Branch, doc: Document | None) -> AssignmentView:
    assert a.id is not None and d.id is not None
    return AssignmentView(
        a.id, a.state, a.due_at, a.period, d.id, d.title, d.status, d.recurrence, d.section,
        doc.number if doc else None, doc.title if doc else None,
        a.branch_id, b.code, b.name, a.submitted_at, a.submitted_by,
    )  # fmt: skip


def _view_query() -> Any:
    return (
        select(Assignment, Deadline, Branch, Document)
        .join(Deadline, Deadline.id == Assignment.deadline_id)  # type: ignore[arg-type]
        .join(Branch, Branch.id == Assignment.branch_id)  # type: ignore[arg-type]
        .join(Document, Document.id == Deadline.document_id, isouter=True)  # type: ignore[arg-type]
    )


def assignment_view(db: Database, assignment_id: int) -> AssignmentView | None:
    """One assignment with everything a reminder or a confirmation names, or None."""
    with db.session() as session:
        row = session.exec(_view_query().where(Assignment.id == assignment_id)).first()
    return _view(*row) if row else None


def assignment_views(
    db: Database,
    deadline_id: int | None = None,
    branch_id: int | None = None,
    states: Sequence[str] | None = None,
) -> list[AssignmentView]:
    """Assignments of approved deadlines, by due instant, then deadline and branch code."""
    query = _view_query().where(Deadline.status == "approved")
    if deadline_id is not None:
        query = query.where(Assignment.deadline_id == deadline_id)
    if branch_id is not None:
        query = query.where(Assignment.branch_id == branch_id)
    if states is not None:
        query = query.where(col(Assignment.state).in_(list(states)))
    query = query.order_by(col(Assignment.due_at), col(Deadline.id), col(Branch.code))
    with db.session() as session:
        return [_view(*row) for row in session.exec(query).all()]


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
        out.append((_period_label(recurrence, local.year, month), due))
    return out


def _period_label(recurrence: str, year: int, month: int) -> str:
    if recurrence == "monthly":
        return f"{year}-{month:02d}"
    if recurrence == "quarterly":
        return f"{year}-Q{(month - 1) // 3 + 1}"
    if recurrence == "half-yearly":
        return f"{year}-H{(month - 1) // 6 + 1}"
    return str(year)


def get_deadline(db: Database, deadline_id: int) -> Deadline | None:
    """A deadline by id."""
    with db.session() as session:
        return session.get(Deadline, deadline_id)


def deadlines(db: Database, statuses: Sequence[str] = ("approved",)) -> list[Deadline]:
    """Deadlines with these statuses, soonest first (undated last)."""
    with db.session() as session:
        rows = session.exec(
            select(Deadline)
            .where(col(Deadline.status).in_(list(statuses)))
            .order_by(col(Deadline.id))
        ).all()
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(rows, key=lambda d: (d.due_at or far, d.id or 0))


def add_deadline(db: Database, deadline: Deadline) -> Deadline:
    """Store a new deadline row as given."""
    with db.session() as session:
        session.add(deadline)
        session.flush()
        session.refresh(deadline)
    return deadline


def find_proposed_twin(db: Database, deadline: Deadline) -> Deadline | None:
    """The row already made for this document sentence, title and date (idempotent)."""
    with db.session() as session:
        rows = session.exec(
            select(Deadline).where(
                Deadline.document_id == deadline.document_id,
                Deadline.source_text == deadline.source_text,
                Deadline.title == deadline.title,
            )
        ).all()
    for row in rows:
        if row.due_at == deadline.due_at and row.recurrence == deadline.recurrence:
            return row
    return None


def update_deadline(db: Database, deadline_id: int, **fields: Any) -> Deadline | None:
    """Change some fields of a deadline; returns the row, or None when it does not exist."""
    with db.session() as session:
        row = session.get(Deadline, deadline_id)
        if row is None:
            return None
        for key, value in fields.items():
            setattr(row, key, value)
        session.add(row)
    return row


def ensure_assignments(
    db: Database, deadline: Deadline, now: datetime, tz: tzinfo, since: datetime | None = None
) -> int:
    """Create the missing assignments of an approved deadline (periods due after `since`)."""
    if deadline.status != "approved" or deadline.due_at is None or deadline.id is None:
        return 0
    periods = expand_periods(deadline.due_at, deadline.recurrence, tz)
    periods = [p for p in periods if since is None or p[1] >= since]
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


def ensure_all_assignments(db: Database, now: datetime, tz: tzinfo) -> int:
    """Give every approved all-branch deadline's future periods to branches added since."""
    return sum(ensure_assignments(db, d, now, tz, since=now) for d in deadlines(db))


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


def count_states(views: Sequence[AssignmentView], now: datetime) -> dict[str, int]:
    """How many assignments are in each reported state (every state present, maybe 0)."""
    counts = dict.fromkeys(STATES, 0)
    for view in views:
        counts[view.effective(now)] += 1
    return counts


def latest_ref(
    db: Database, channel: str, chat_id: str, prefix: str, since: datetime
) -> str | None:
    """The ref of the newest message sent to a chat since an instant whose ref has a prefix."""
    with db.session() as session:
        return session.exec(
            select(SentMessage.ref)
            .where(
                SentMessage.channel == channel,
                SentMessage.chat_id == chat_id,
                col(SentMessage.ref).startswith(prefix),
                SentMessage.sent_at >= since,
            )
            .order_by(col(SentMessage.sent_at).desc(), col(SentMessage.id).desc())
        ).first()


def find_document(db: Database, ref: str) -> int | None:
    """A document's id by its file's base name or its number (case and marks ignored)."""
    from knowledge.textnorm import fold

    wanted = fold(ref.strip())
    with db.session() as session:
        rows = session.exec(
            select(Document.id, Document.file, Document.number, Document.number_key).order_by(
                col(Document.id).desc()
            )
        ).all()
    for doc_id, file, number, number_key in rows:
        if wanted in {fold(file), fold(number or ""), (number_key or "").lower()}:
            return doc_id
    return None
