"""Branches, members, invites, deadlines and assignments (owner: deadlines work)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.departments import department_field


class Branch(SQLModel, table=True):
    """A Party branch (chi bộ / đảng bộ cơ sở)."""

    __tablename__ = "branches"
    __table_args__ = (Index("uq_branch_code", "department_id", "code", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_field()
    code: str = Field(index=True)
    name: str
    active: bool = True
    created_at: datetime


class Member(SQLModel, table=True):
    """A person: a branch secretary or deputy, or office staff (admin)."""

    __tablename__ = "members"

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_field()
    branch_id: int | None = Field(default=None, foreign_key="branches.id", index=True)
    role: str = "secretary"  # secretary | deputy | admin
    display_name: str = ""
    created_at: datetime
    # Set when the member handed the post over (or left): the chat stops being a member's,
    # and the row stays so the branch's history still names who submitted what.
    retired_at: datetime | None = None


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
    department_id: int = department_field()
    code_hash: str = Field(index=True, unique=True)
    branch_id: int | None = Field(default=None, foreign_key="branches.id")
    role: str = "secretary"
    expires_at: datetime
    used_at: datetime | None = None
    used_by: int | None = Field(default=None, foreign_key="members.id")
    created_at: datetime
    # A hand-over invite: whoever redeems it takes the post from the branch's current
    # holders of the role, who are retired at that moment.
    replaces: bool = False


class Deadline(SQLModel, table=True):
    """A deadline: found in a document (proposed until approved) or added by hand."""

    __tablename__ = "deadlines"

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_field()
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
    # When not all branches: the chosen codes, comma-separated ("A1,B2"); kept on the
    # deadline so a choice made before approval survives until assignments exist.
    branch_codes: str | None = None
    created_at: datetime
    approved_at: datetime | None = None
    # A recurring deadline is a series: the scheduler creates each period ahead of its due
    # date until the office ends it; no period due after this instant (UTC) is created.
    series_until: datetime | None = None


class Assignment(SQLModel, table=True):
    """A deadline for one branch in one period; overdue is derived from due_at and state."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("deadline_id", "branch_id", "period", name="uq_assignment"),
        Index("ix_assignments_due_at", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(foreign_key="deadlines.id", index=True, ondelete="CASCADE")
    branch_id: int = Field(foreign_key="branches.id", index=True, ondelete="CASCADE")
    period: str = ""
    due_at: datetime
    state: str = "pending"  # pending | submitted | late | exempt
    submitted_at: datetime | None = None
    submitted_by: int | None = Field(default=None, foreign_key="members.id")
    submitted_via: str | None = None  # button | reply | text | file | admin
    created_at: datetime
