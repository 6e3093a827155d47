"""The web console's one-time login links and sessions (only hashes of the tokens are kept)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class WebLogin(SQLModel, table=True):
    """A link /web sent to an admin's chat: single use, valid for a few minutes."""

    __tablename__ = "web_logins"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True)
    channel: str  # the chat that asked: its member's role is checked on every page
    chat_id: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class WebSession(SQLModel, table=True):
    """A browser logged in through a link: the cookie holds the token, this row its hash."""

    __tablename__ = "web_sessions"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True)
    channel: str
    chat_id: str
    csrf: str  # the token every form of this session carries
    created_at: datetime
    expires_at: datetime = Field(index=True)
