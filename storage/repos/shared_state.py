"""State several bot processes share: messages already handled, pending numbered options.

Every write is one atomic statement (or a few in one transaction) so two processes
answering the same chat never both handle one message or give two options one number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, case, delete, exists, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select

from storage.db import Database
from storage.models.shared import OptionChat, PendingOption, SeenMessage


def _insert(db: Database) -> object:
    return pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert


def first_seen(db: Database, key: str, now: datetime, ttl: timedelta) -> bool:
    """Remember a message key; True for the one caller that saw it first (or after expiry)."""
    insert = _insert(db)
    claim = (
        insert(SeenMessage)  # type: ignore[operator]
        .values(key=key, expires_at=now + ttl)
        .on_conflict_do_nothing()
        .returning(col(SeenMessage.key))
    )
    retake = (
        update(SeenMessage)
        .where(col(SeenMessage.key) == key, col(SeenMessage.expires_at) <= now)
        .values(expires_at=now + ttl)
        .returning(col(SeenMessage.key))
    )
    with db.session() as session:
        if session.execute(claim).first() is not None:
            return True
        return session.execute(retake).first() is not None


def forget_seen(db: Database, now: datetime) -> int:
    """Delete the expired message keys; how many."""
    with db.session() as session:
        result = session.execute(delete(SeenMessage).where(col(SeenMessage.expires_at) <= now))
    return int(getattr(result, "rowcount", 0) or 0)


def _live(chat: str, now: datetime) -> object:
    return and_(col(PendingOption.chat_key) == chat, col(PendingOption.expires_at) > now)


def add_options(
    db: Database, chat: str, buttons: Sequence[tuple[str, str]], now: datetime, ttl: timedelta
) -> int:
    """Number (label, data) options after those pending in the chat; the first number.

    The UPDATE of the chat's row takes the numbers atomically (a second process waits for
    it); a chat silent for a whole `ttl` with nothing pending starts from 1 again.
    """
    count = len(buttons)
    idle = and_(
        col(OptionChat.added_at) <= now - ttl,
        ~exists().where(_live(chat, now)),  # type: ignore[arg-type]
    )
    take = (
        update(OptionChat)
        .where(col(OptionChat.chat_key) == chat)
        .values(
            next_number=case((idle, 1), else_=col(OptionChat.next_number)) + count,
            added_at=now,
        )
        .returning(col(OptionChat.next_number))
    )
    new_chat = _insert(db)(OptionChat).values(  # type: ignore[operator]
        chat_key=chat, next_number=1, added_at=now - ttl
    )
    with db.session() as session:
        session.execute(new_chat.on_conflict_do_nothing())
        first = int(session.execute(take).scalar_one()) - count
        numbers = range(first, first + count)
        session.execute(
            delete(PendingOption).where(
                col(PendingOption.chat_key) == chat, col(PendingOption.number).in_(numbers)
            )
        )  # expired options that had these numbers before the chat started afresh
        rows = [
            {"chat_key": chat, "number": n, "label": label, "data": data}
            | {"expires_at": now + ttl}
            for n, (label, data) in zip(numbers, buttons, strict=True)
        ]
        if rows:
            session.execute(_insert(db)(PendingOption), rows)  # type: ignore[operator]
    return first


def discard_options(db: Database, chat: str, first: int, count: int) -> None:
    """Forget options never shown; their numbers are given again if they were the last."""
    with db.session() as session:
        session.execute(
            delete(PendingOption).where(
                col(PendingOption.chat_key) == chat,
                col(PendingOption.number) >= first,
                col(PendingOption.number) < first + count,
            )
        )
        session.execute(
            update(OptionChat)
            .where(col(OptionChat.chat_key) == chat, col(OptionChat.next_number) == first + count)
            .values(next_number=first)
        )


def option(db: Database, chat: str, number: int, now: datetime) -> tuple[str, str] | None:
    """The (label, data) of a pending option, or None."""
    with db.session() as session:
        row = session.exec(
            select(PendingOption.label, PendingOption.data)
            .where(_live(chat, now))  # type: ignore[arg-type]
            .where(PendingOption.number == number)
        ).first()
    return (row[0], row[1]) if row else None


def option_numbers(db: Database, chat: str, now: datetime) -> list[int]:
    """The numbers pending in a chat, in order."""
    with db.session() as session:
        rows = session.exec(
            select(PendingOption.number)
            .where(_live(chat, now))  # type: ignore[arg-type]
            .order_by(col(PendingOption.number))
        ).all()
    return [int(n) for n in rows]


def remove_option(db: Database, chat: str, number: int) -> None:
    """Forget one option (it was picked)."""
    with db.session() as session:
        session.execute(
            delete(PendingOption).where(
                col(PendingOption.chat_key) == chat, col(PendingOption.number) == number
            )
        )


def clear_options(db: Database, chat: str) -> None:
    """Forget every option of a chat: the next ones number from 1."""
    with db.session() as session:
        session.execute(delete(PendingOption).where(col(PendingOption.chat_key) == chat))
        session.execute(delete(OptionChat).where(col(OptionChat.chat_key) == chat))
