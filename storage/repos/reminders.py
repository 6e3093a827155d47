"""Reminder rows: planning a ladder, claiming due rows atomically, recording the outcome."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select

from storage.db import Database
from storage.leases import Holder
from storage.models.messages import Reminder
from storage.models.org import Assignment, Deadline

SETTLED = ("sent", "skipped", "failed")


@dataclass(frozen=True)
class Unplanned:
    """An assignment of an approved deadline that has no reminder rows yet."""

    assignment_id: int
    due_at: datetime
    period: str


def unplanned_assignments(db: Database, limit: int = 2000) -> list[Unplanned]:
    """Pending assignments of approved deadlines without any reminder row."""
    with db.session() as session:
        rows = session.exec(
            select(Assignment.id, Assignment.due_at, Assignment.period)
            .join(Deadline, col(Deadline.id) == col(Assignment.deadline_id))
            .outerjoin(Reminder, col(Reminder.assignment_id) == col(Assignment.id))
            .where(Deadline.status == "approved", Assignment.state == "pending")
            .where(col(Reminder.id).is_(None))
            .order_by(col(Assignment.id))
            .limit(limit)
        ).all()
    return [Unplanned(int(aid), due, period) for aid, due, period in rows if aid is not None]


def insert_plan(db: Database, assignment_id: int, rows: Iterable[tuple[str, datetime]]) -> int:
    """Insert planned rows (kind, due_at); an existing (assignment, kind) is left alone."""
    values = [
        {"assignment_id": assignment_id, "kind": k, "due_at": d, "status": "planned", "attempts": 0}
        for k, d in rows
    ]
    if not values:
        return 0
    # Two processes may plan the same assignment at once: the unique key decides.
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    stmt = insert(Reminder).values(values).on_conflict_do_nothing().returning(col(Reminder.id))
    with db.session() as session:  # RETURNING: psycopg's rowcount is -1 for ON CONFLICT
        return len(session.execute(stmt).all())


def _claimable(now: datetime) -> object:
    """Rows due and free, or claimed by a process whose lease ran out (it stopped)."""
    expired = or_(col(Reminder.lease_until).is_(None), col(Reminder.lease_until) < now)
    return or_(
        and_(col(Reminder.status) == "planned", col(Reminder.due_at) <= now),
        and_(col(Reminder.status) == "claimed", expired),
    )


def _claim_values(now: datetime, holder: Holder) -> dict[str, object]:
    return {
        "status": "claimed",
        "claimed_at": now,
        "claimed_by": holder.name,
        "lease_until": holder.until(now),
        "attempts": col(Reminder.attempts) + 1,
    }


FREE: dict[str, object] = {"status": "planned", "claimed_at": None, "claimed_by": None}
FREE["lease_until"] = None


def due_reminders(db: Database, now: datetime, exclude: Collection[int] = ()) -> list[Reminder]:
    """Claimable rows, oldest first (rows this process is still sending are excluded)."""
    with db.session() as session:
        stmt = select(Reminder).where(_claimable(now))  # type: ignore[arg-type]
        if exclude:
            stmt = stmt.where(col(Reminder.id).not_in(list(exclude)))
        return list(session.exec(stmt.order_by(col(Reminder.due_at), col(Reminder.id))).all())


def claim(db: Database, reminder_id: int, now: datetime, holder: Holder) -> bool:
    """Atomically take a row for sending; False when another worker has it."""
    stmt = (
        update(Reminder)
        .where(col(Reminder.id) == reminder_id)
        .where(_claimable(now))  # type: ignore[arg-type]
        .values(**_claim_values(now, holder))
    )
    with db.session() as session:
        result = session.execute(stmt)
    return bool(getattr(result, "rowcount", 0) == 1)


def renew(db: Database, holder: Holder, now: datetime) -> int:
    """Extend the lease of every row this process holds; how many it holds."""
    stmt = (
        update(Reminder)
        .where(col(Reminder.claimed_by) == holder.name, col(Reminder.status) == "claimed")
        .values(lease_until=holder.until(now))
    )
    with db.session() as session:
        return int(getattr(session.execute(stmt), "rowcount", 0) or 0)


def release_held(db: Database, holder: Holder) -> int:
    """Give back every row this process still holds (it is stopping); how many."""
    stmt = (
        update(Reminder)
        .where(col(Reminder.claimed_by) == holder.name, col(Reminder.status) == "claimed")
        .values(**FREE, last_error="released at shutdown")
    )
    with db.session() as session:
        return int(getattr(session.execute(stmt), "rowcount", 0) or 0)


def skip_rows(db: Database, ids: Collection[int], reason: str) -> None:
    """Mark rows skipped unless they were settled meanwhile (catch-up, submitted, quiet)."""
    if not ids:
        return
    stmt = (
        update(Reminder)
        .where(col(Reminder.id).in_(list(ids)), col(Reminder.status).not_in(SETTLED))
        .values(status="skipped", last_error=reason)
    )
    with db.session() as session:
        session.execute(stmt)


def finish(db: Database, reminder_id: int, status: str, now: datetime, error: str | None) -> None:
    """Settle a claimed row as sent, skipped or failed."""
    values: dict[str, object] = {"status": status, "last_error": error, "lease_until": None}
    if status == "sent":
        values["sent_at"] = now
    with db.session() as session:
        session.execute(update(Reminder).where(col(Reminder.id) == reminder_id).values(**values))


def mark_sent(db: Database, ids: Collection[int], now: datetime) -> None:
    """Settle several claimed rows as sent in one UPDATE."""
    if not ids:
        return
    stmt = (
        update(Reminder)
        .where(col(Reminder.id).in_(list(ids)), col(Reminder.status) == "claimed")
        .values(status="sent", sent_at=now, last_error=None, lease_until=None)
    )
    with db.session() as session:
        session.execute(stmt)


def release(db: Database, reminder_id: int, error: str) -> None:
    """Give a claimed row back so a later sweep retries it."""
    stmt = (
        update(Reminder)
        .where(col(Reminder.id) == reminder_id, col(Reminder.status) == "claimed")
        .values(**FREE, last_error=error)
    )
    with db.session() as session:
        session.execute(stmt)


def give_back(db: Database, reminder_id: int, error: str, failed_at: datetime | None) -> None:
    """Release a claimed row for a retry, or settle it failed when `failed_at` is given."""
    if failed_at is None:
        release(db, reminder_id, error)
    else:
        finish(db, reminder_id, "failed", failed_at, error)


def defer(db: Database, reminder_id: int, due_at: datetime) -> None:
    """Give a claimed row back for a later instant (today is a day off); not a failed try."""
    stmt = (
        update(Reminder)
        .where(col(Reminder.id) == reminder_id, col(Reminder.status) == "claimed")
        .values(
            **FREE,
            due_at=due_at,
            attempts=col(Reminder.attempts) - 1,  # claiming counted one
        )
    )
    with db.session() as session:
        session.execute(stmt)


def planned_between(db: Database, start: datetime, end: datetime) -> list[Reminder]:
    """Rows still planned to go out in [start, end)."""
    with db.session() as session:
        return list(
            session.exec(
                select(Reminder)
                .where(Reminder.status == "planned")
                .where(col(Reminder.due_at) >= start, col(Reminder.due_at) < end)
                .order_by(col(Reminder.due_at), col(Reminder.id))
            ).all()
        )


def reschedule(db: Database, reminder_id: int, due_at: datetime) -> bool:
    """Move a row that is still planned to another instant; False when it left 'planned'."""
    stmt = (
        update(Reminder)
        .where(col(Reminder.id) == reminder_id, col(Reminder.status) == "planned")
        .values(due_at=due_at)
    )
    with db.session() as session:
        return bool(getattr(session.execute(stmt), "rowcount", 0))


def next_due(db: Database) -> datetime | None:
    """The earliest instant a planned row falls due."""
    with db.session() as session:
        value = session.exec(
            select(func.min(Reminder.due_at)).where(Reminder.status == "planned")
        ).one()
    return value


def reminders_of(db: Database, assignment_id: int) -> list[Reminder]:
    """Every reminder row of an assignment, in ladder order."""
    with db.session() as session:
        return list(
            session.exec(
                select(Reminder)
                .where(Reminder.assignment_id == assignment_id)
                .order_by(col(Reminder.due_at), col(Reminder.id))
            ).all()
        )


def claim_many(db: Database, ids: Collection[int], now: datetime, holder: Holder) -> set[int]:
    """Claim several rows in one atomic UPDATE; returns the ids this caller now holds."""
    if not ids:
        return set()
    stmt = (
        update(Reminder)
        .where(col(Reminder.id).in_(list(ids)))
        .where(_claimable(now))  # type: ignore[arg-type]
        .values(**_claim_values(now, holder))
        .returning(col(Reminder.id))
    )
    with db.session() as session:
        return {int(row[0]) for row in session.execute(stmt).all()}
