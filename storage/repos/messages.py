"""Sent messages: what the bot sent, so a reply to it can be traced to its record."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlmodel import select

from storage.db import Database
from storage.models import SentMessage


class _Target(Protocol):
    channel: str
    chat_id: str


class _Sent(Protocol):
    ref: str | None
    kind: str


def record_sent(
    db: Database, target: _Target, message_ids: list[str], reply: _Sent, when: datetime
) -> None:
    """Record each platform message id of a sent reply."""
    if not message_ids:
        return
    with db.session() as session:
        for message_id in message_ids:
            session.add(SentMessage(channel=target.channel, chat_id=target.chat_id,
                                    message_id=message_id, ref=reply.ref, kind=reply.kind,
                                    sent_at=when))


def ref_of_message(db: Database, channel: str, chat_id: str, message_id: str) -> str | None:
    """The record a sent message refers to ("assignment:12"), or None."""
    with db.session() as session:
        row = session.exec(
            select(SentMessage.ref).where(
                SentMessage.channel == channel,
                SentMessage.chat_id == chat_id,
                SentMessage.message_id == message_id,
            )
        ).first()
    return row
