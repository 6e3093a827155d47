"""What /healthz and /metrics read from the database: is it there, and how the reminders stand."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, text
from sqlmodel import col, select

from storage.backup import sqlite_file
from storage.db import Database
from storage.models.messages import Reminder

OVERDUE_SAMPLE = 500  # rows looked at for "overdue": enough to know it is not zero


class DatabaseGone(Exception):
    """The database does not answer, or its file is no longer where the bot writes."""


def ping(db: Database) -> None:
    """Raise DatabaseGone unless the database answers a query (and, for SQLite, its file exists).

    A deleted or unmounted SQLite file keeps answering through the open connection while
    every write goes to a file nobody will see again, so the path is checked as well.
    """
    path = sqlite_file(db.url)
    if path is not None and not path.is_file():
        raise DatabaseGone(f"không còn tệp {path}")
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means the same thing here
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise DatabaseGone(reason[0] if reason else type(exc).__name__) from None


def reminder_counts(db: Database) -> dict[str, int]:
    """Reminder rows per status (planned, claimed, sent, skipped, failed)."""
    with db.session() as session:
        stmt = select(Reminder.status, func.count()).group_by(col(Reminder.status))
        return {status: int(count) for status, count in session.exec(stmt).all()}


def unsent_due_before(db: Database, before: datetime) -> list[datetime]:
    """Due instants of rows still waiting to go out that fell due before `before` (oldest first).

    Claimed rows count too: a claim older than that is a send that never finished.
    """
    with db.session() as session:
        stmt = (
            select(Reminder.due_at)
            .where(col(Reminder.status).in_(("planned", "claimed")))
            .where(col(Reminder.due_at) < before)
            .order_by(col(Reminder.due_at))
            .limit(OVERDUE_SAMPLE)
        )
        return list(session.exec(stmt).all())
