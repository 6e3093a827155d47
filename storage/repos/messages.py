"""Sent messages: what the bot sent, so a reply to it can be traced to its record."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from storage.db import Database
from storage.models import SentMessage


def record_sent(
    db: Database,
    channel: str,
    chat_id: str,
    message_ids: list[str],
    when: datetime,
    ref: str | None = None,
    kind: str = "reply",
) -> None:
    """Record each platform message id of a sent reply."""
    if not message_ids:
        return
    with db.session() as session:
        for message_id in message_ids:
            session.add(
                SentMessage(
                    channel=channel,
                    chat_id=chat_id,
                    message_id=message_id,
                    ref=ref,
                    kind=kind,
                    sent_at=when,
                )
            )


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
