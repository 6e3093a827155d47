"""Announcements of a newly loaded document to the branches (owner: office work)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class Announcement(SQLModel, table=True):
    """An admin's announcement of a document: drafted, then sent after a confirmation."""

    __tablename__ = "announcements"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int | None = Field(
        default=None, foreign_key="documents.id", index=True, ondelete="SET NULL"
    )
    # The chosen branch codes, comma-separated ("A1,B2"); None means every branch.
    branch_codes: str | None = None
    status: str = "draft"  # draft | sent | cancelled
    created_by: int | None = Field(default=None, foreign_key="members.id")
    created_at: datetime
    sent_at: datetime | None = None
    chats: int = 0  # how many chats it went to
