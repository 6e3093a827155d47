"""Reminders and sent messages (owner: reminders/delivery work)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Reminder(SQLModel, table=True):
    """A planned reminder; (assignment, kind) is unique so none goes out twice."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("assignment_id", "kind", name="uq_reminder"),
        Index("ix_reminders_status_due", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    assignment_id: int = Field(foreign_key="assignments.id", index=True, ondelete="CASCADE")
    kind: str  # notice | d7 | d3 | d1 | d0 | overdue
    due_at: datetime
    status: str = "planned"  # planned | claimed | sent | skipped | failed
    claimed_at: datetime | None = None
    # Who holds a claimed row (host:pid:random) and until when: the holder renews the
    # lease while it lives, so a crashed process's rows are free again within a minute.
    claimed_by: str | None = Field(default=None, index=True)
    lease_until: datetime | None = None
    sent_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None


class SentMessage(SQLModel, table=True):
    """A message the bot sent, with the platform id so a reply to it can be traced."""

    __tablename__ = "sent_messages"
    __table_args__ = (Index("ix_sent_lookup", "channel", "chat_id", "message_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str
    chat_id: str
    message_id: str
    ref: str | None = None  # e.g. "assignment:12", "reminder:40"
    kind: str = "reply"
    sent_at: datetime
    # The reminder row this message delivered: a re-send after a crash skips chats
    # that already have it, so at most the messages in flight are repeated.
    reminder_id: int | None = Field(default=None, index=True)


class DailyRun(SQLModel, table=True):
    """A once-a-day job (the admins' digest) for one local date.

    The primary key makes claiming atomic: of two processes inserting the same
    (job, day), one gets the row and sends, the other sees the conflict and stays quiet.
    """

    __tablename__ = "daily_runs"

    job: str = Field(primary_key=True)
    day: str = Field(primary_key=True)  # the local date, ISO: 2024-05-03
    status: str = "claimed"  # claimed | open (free again after a failed send) | done
    claimed_at: datetime | None = None
    claimed_by: str | None = None  # the process sending it (host:pid:random)
    lease_until: datetime | None = None  # renewed while that process lives
    done_at: datetime | None = None
    attempts: int = 0
