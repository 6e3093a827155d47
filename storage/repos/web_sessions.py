"""The web console's login links and sessions: create, redeem once, look up, end.

Tokens are random and shown once (in the link, in the cookie); only their SHA-256 is stored,
so a copy of the database opens no browser session.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import col, select, update

from storage.db import Database
from storage.models.web import WebLogin, WebSession


@dataclass(frozen=True)
class WebUser:
    """The chat a link or a session belongs to; its member's role is read on every request."""

    channel: str
    chat_id: str
    csrf: str = ""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_login(db: Database, channel: str, chat_id: str, now: datetime, ttl: timedelta) -> str:
    """A new single-use login token for this chat, valid for ttl."""
    token = secrets.token_urlsafe(32)
    with db.session() as session:
        session.add(
            WebLogin(token_hash=_hash(token), channel=channel, chat_id=chat_id,
                     created_at=now, expires_at=now + ttl)
        )  # fmt: skip
    return token


@dataclass(frozen=True)
class Redeemed:
    """What pressing a login link gave: the chat it logs in, or why not and whose link it was."""

    user: WebUser | None  # the chat logged in (None: refused)
    owner: WebUser | None = None  # the chat the link was made for (None: no such link)
    refused: str = ""  # "link_used" | "link_expired" when the link exists but is spent


def redeem_login(db: Database, token: str, now: datetime) -> Redeemed:
    """Spend a login token not yet used nor expired: its chat; else why it was refused."""
    with db.session() as session:
        row = session.exec(select(WebLogin).where(WebLogin.token_hash == _hash(token))).first()
        if row is None:
            return Redeemed(None)
        owner = WebUser(row.channel, row.chat_id)
        if row.used_at is not None:
            return Redeemed(None, owner, "link_used")
        if row.expires_at <= now:
            return Redeemed(None, owner, "link_expired")
        # Two browsers opening the same link at once: only the one whose update lands wins.
        claimed = session.exec(
            update(WebLogin)
            .where(col(WebLogin.id) == row.id, col(WebLogin.used_at).is_(None))
            .values(used_at=now)
        )
        if claimed.rowcount != 1:
            return Redeemed(None, owner, "link_used")
        return Redeemed(owner, owner)


def create_session(
    db: Database, user: WebUser, now: datetime, ttl: timedelta
) -> tuple[str, WebUser]:
    """A new session for this chat: the cookie's token and the user with its CSRF token."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    with db.session() as session:
        session.execute(delete(WebSession).where(col(WebSession.expires_at) <= now))
        session.add(
            WebSession(token_hash=_hash(token), channel=user.channel, chat_id=user.chat_id,
                       csrf=csrf, created_at=now, expires_at=now + ttl)
        )  # fmt: skip
    return token, WebUser(user.channel, user.chat_id, csrf)


def find_session(db: Database, token: str, now: datetime) -> WebUser | None:
    """The user of a session token still valid at now, or None."""
    if not token:
        return None
    with db.session() as session:
        row = session.exec(select(WebSession).where(WebSession.token_hash == _hash(token))).first()
    if row is None or row.expires_at <= now:
        return None
    return WebUser(row.channel, row.chat_id, row.csrf)


def end_session(db: Database, token: str) -> None:
    """Log a browser out: its session no longer opens anything."""
    with db.session() as session:
        session.execute(delete(WebSession).where(col(WebSession.token_hash) == _hash(token)))
