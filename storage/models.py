"""SQLModel tables. Datetimes are timezone-aware and come back in UTC (sqlmodel UTCDateTime)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class Document(SQLModel, table=True):
    """An ingested file and what the parser found in it."""

    __tablename__ = "documents"

    id: int | None = Field(default=None, primary_key=True)
    file: str = Field(index=True)  # base name of the ingested file
    path: str = ""
    content_hash: str = Field(index=True, unique=True)
    number: str | None = None  # as displayed, e.g. "34-HD/ĐU"
    number_key: str | None = Field(default=None, index=True)
    doc_type: str = ""
    issuer: str = ""
    doc_date: date | None = None
    year: int | None = None
    title: str = ""
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    parsed: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    ingested_at: datetime


class Section(SQLModel, table=True):
    """One section of a document, with its path as printed."""

    __tablename__ = "sections"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True, ondelete="CASCADE")
    ordinal: int = 0
    path: str = ""
    heading: str = ""
    unit: str | None = None
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Citation(SQLModel, table=True):
    """A document cited by an ingested one (it may have no full text of its own)."""

    __tablename__ = "citations"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True, ondelete="CASCADE")
    number: str
    number_key: str = Field(index=True)
    doc_type: str | None = None
    issuer: str | None = None
    cited_date: date | None = None
    relation: str = "mentions"
    title: str = ""


class Branch(SQLModel, table=True):
    """A Party branch (chi bộ / đảng bộ cơ sở)."""

    __tablename__ = "branches"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True)
    name: str
    active: bool = True
    created_at: datetime


class Member(SQLModel, table=True):
    """A person: a branch secretary or deputy, or office staff (admin)."""

    __tablename__ = "members"

    id: int | None = Field(default=None, primary_key=True)
    branch_id: int | None = Field(default=None, foreign_key="branches.id", index=True)
    role: str = "secretary"  # secretary | deputy | admin
    display_name: str = ""
    created_at: datetime


class MemberChat(SQLModel, table=True):
    """A chat in which a member talks to the bot; a member may have several."""

    __tablename__ = "member_chats"
    __table_args__ = (UniqueConstraint("channel", "chat_id", name="uq_member_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    channel: str  # telegram | zalo | console
    chat_id: str
    user_id: str = ""
    reachable: bool = True
    created_at: datetime


class Invite(SQLModel, table=True):
    """A single-use join code; only its hash is stored."""

    __tablename__ = "invites"

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(index=True, unique=True)
    branch_id: int | None = Field(default=None, foreign_key="branches.id")
    role: str = "secretary"
    expires_at: datetime
    used_at: datetime | None = None
    used_by: int | None = Field(default=None, foreign_key="members.id")
    created_at: datetime


class Deadline(SQLModel, table=True):
    """A deadline: found in a document (proposed until approved) or added by hand."""

    __tablename__ = "deadlines"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int | None = Field(
        default=None, foreign_key="documents.id", index=True, ondelete="SET NULL"
    )
    title: str
    section: str = ""
    unit: str | None = None
    source_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    due_at: datetime | None = None  # UTC; None while the text gives no day
    recurrence: str | None = None  # None | monthly | quarterly | half-yearly | yearly
    period: str | None = None
    status: str = "proposed"  # proposed | approved | discarded
    all_branches: bool = True
    created_at: datetime
    approved_at: datetime | None = None


class Assignment(SQLModel, table=True):
    """A deadline for one branch in one period; overdue is derived from due_at and state."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("deadline_id", "branch_id", "period", name="uq_assignment"),
    )

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(foreign_key="deadlines.id", index=True, ondelete="CASCADE")
    branch_id: int = Field(foreign_key="branches.id", index=True, ondelete="CASCADE")
    period: str = ""
    due_at: datetime
    state: str = "pending"  # pending | submitted | late | exempt
    submitted_at: datetime | None = None
    submitted_by: int | None = Field(default=None, foreign_key="members.id")
    created_at: datetime


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
