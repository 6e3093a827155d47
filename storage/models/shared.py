"""State every bot process shares: Zalo messages already handled, pending numbered options.

One process's memory would do for one process; behind a proxy the next update of a chat
may reach another process, so these live in the database (PostgreSQL or SQLite alike).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class SeenMessage(SQLModel, table=True):
    """A received message id already handled; the primary key lets one process win it."""

    __tablename__ = "seen_messages"
    __table_args__ = (Index("ix_seen_messages_expires", "expires_at"),)

    key: str = Field(primary_key=True)  # "zalo:<chat>:<message id>"
    expires_at: datetime  # forgotten after this: a repeat comes within minutes, not days


class OptionChat(SQLModel, table=True):
    """A chat's numbering of pending options: the number the next option gets."""

    __tablename__ = "option_chats"

    chat_key: str = Field(primary_key=True)  # "zalo:<chat id>"
    next_number: int = 1
    added_at: datetime  # when options were last added: a day of silence starts afresh


class PendingOption(SQLModel, table=True):
    """One numbered option shown in a chat (a button's label and data), until it expires."""

    __tablename__ = "pending_options"

    chat_key: str = Field(primary_key=True)
    number: int = Field(primary_key=True)
    label: str
    data: str
    expires_at: datetime


class RateSlot(SQLModel, table=True):
    """The next free sending instant of a pace (one chat, or one bot's overall rate).

    Every process reserves its slot here, so two processes behind one proxy never send
    to one chat, or through one bot token, faster than one process alone would.
    """

    __tablename__ = "rate_slots"

    key: str = Field(primary_key=True)  # "chat:telegram:123" or "out:telegram"
    next_at: float  # seconds since the epoch (wall time: every process reads the same)
