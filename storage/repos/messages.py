"""Sent messages and chat reachability: what the bot sent, and where it can send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, update
from sqlmodel import col, select

from storage.db import Database
from storage.models import Branch, Member, MemberChat, SentMessage


@dataclass(frozen=True)
class ChatOwner:
    """Who a chat belongs to, for an 'unreachable' alert."""

    display_name: str
    role: str
    branch_code: str | None
    branch_name: str | None


def record_sent(
    db: Database,
    channel: str,
    chat_id: str,
    message_ids: list[str],
    when: datetime,
    ref: str | None = None,
    kind: str = "reply",
    reminder_id: int | None = None,
) -> None:
    """Record each platform message id of a sent reply."""
    if not message_ids:
        return
    row: dict[str, object] = {"channel": channel, "chat_id": chat_id, "ref": ref}
    row |= {"kind": kind, "sent_at": when, "reminder_id": reminder_id}
    # A Core INSERT: this runs once per message sent, so the ORM's overhead shows.
    with db.session() as session:
        session.execute(insert(SentMessage), [row | {"message_id": m} for m in message_ids])


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


def sent_since(db: Database, kind: str, since: datetime) -> bool:
    """Whether a message of this kind went out at or after an instant."""
    with db.session() as session:
        row = session.exec(
            select(SentMessage.id).where(SentMessage.kind == kind, SentMessage.sent_at >= since)
        ).first()
    return row is not None


def mark_unreachable(db: Database, channel: str, chat_id: str) -> ChatOwner | None:
    """Flag a chat unreachable; returns its member and branch, or None if unknown."""
    with db.session() as session:
        session.execute(
            update(MemberChat)
            .where(col(MemberChat.channel) == channel, col(MemberChat.chat_id) == chat_id)
            .values(reachable=False)
        )
        row = session.exec(
            select(Member, Branch)
            .join(MemberChat, col(MemberChat.member_id) == col(Member.id))
            .outerjoin(Branch, col(Branch.id) == col(Member.branch_id))
            .where(MemberChat.channel == channel, MemberChat.chat_id == chat_id)
        ).first()
    if row is None:
        return None
    member, branch = row
    return ChatOwner(
        member.display_name,
        member.role,
        branch.code if branch else None,
        branch.name if branch else None,
    )


def last_numeric_id(db: Database, channel: str, chat_id: str) -> int:
    """The highest numeric message id sent to a chat (0 if none), for channels that number."""
    with db.session() as session:
        ids = session.exec(
            select(SentMessage.message_id).where(
                SentMessage.channel == channel, SentMessage.chat_id == chat_id
            )
        ).all()
    return max((int(i) for i in ids if i.isdigit()), default=0)
