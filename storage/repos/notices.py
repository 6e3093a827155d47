"""Announcements of documents to the branches: drafted, then sent once, or cancelled."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, update

from storage.db import Database
from storage.models.notices import Announcement


def draft(
    db: Database, document_id: int, codes: list[str] | None, member_id: int | None, now: datetime
) -> Announcement:
    """A new announcement waiting for the admin's confirmation."""
    row = Announcement(
        document_id=document_id,
        branch_codes=",".join(codes) if codes else None,
        created_by=member_id,
        created_at=now,
    )
    with db.session() as session:
        session.add(row)
        session.flush()
        session.refresh(row)
    return row


def get(db: Database, announcement_id: int) -> Announcement | None:
    """An announcement by id."""
    with db.session() as session:
        return session.get(Announcement, announcement_id)


def settle(db: Database, announcement_id: int, status: str, now: datetime, chats: int = 0) -> bool:
    """Mark a draft sent (or cancelled); False when it was not a draft any more.

    A conditional UPDATE: two presses of «Gửi», or two processes, send it once.
    """
    values: dict[str, object] = {"status": status}
    if status == "sent":
        values |= {"sent_at": now, "chats": chats}
    with db.session() as session:
        result = session.exec(
            update(Announcement)
            .where(col(Announcement.id) == announcement_id, col(Announcement.status) == "draft")
            .values(**values)
        )
        return bool(result.rowcount)
