"""The audit log's only SQL: append an entry (alone or inside a caller's transaction), read.

There is deliberately no update or delete here, and the database refuses both (triggers
of migration 0010): the log is a record the office relies on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from storage.db import Database
from storage.models.audit import AuditEntry


@dataclass(frozen=True)
class Change:
    """What to record: who, which action, on what, and the values before and after."""

    actor: str
    action: str
    target: str = ""
    before: Any = None
    after: Any = None


@dataclass(frozen=True)
class Entry:
    """A recorded change as read back (before and after decoded from JSON)."""

    id: int
    at: datetime
    actor: str
    action: str
    target: str
    before: Any
    after: Any


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def add(session: Session, change: Change, at: datetime) -> None:
    """Append an entry inside the caller's transaction (it commits or rolls back with it)."""
    session.add(
        AuditEntry(
            at=at,
            actor=change.actor,
            action=change.action,
            target=change.target,
            before=_json(change.before),
            after=_json(change.after),
        )
    )


def record(db: Database, change: Change, at: datetime) -> None:
    """Append an entry in a transaction of its own."""
    with db.session() as session:
        add(session, change, at)


def entries(db: Database, since: datetime | None = None, limit: int | None = None) -> list[Entry]:
    """Entries oldest first; `since` keeps those at or after it, `limit` the newest ones."""
    query = select(AuditEntry)
    if since is not None:
        query = query.where(col(AuditEntry.at) >= since)
    query = query.order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if limit is not None:
        query = query.limit(limit)
    with db.session() as session:
        rows = list(session.exec(query))
    return [_entry(row) for row in reversed(rows)]


def _entry(row: AuditEntry) -> Entry:
    assert row.id is not None
    return Entry(
        row.id,
        row.at,
        row.actor,
        row.action,
        row.target,
        json.loads(row.before) if row.before is not None else None,
        json.loads(row.after) if row.after is not None else None,
    )
