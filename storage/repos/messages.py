"""Sent messages and chat reachability: what the bot sent, and where it can send."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, insert, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select

from storage.db import Database
from storage.leases import Holder
from storage.models.departments import DEFAULT_DEPARTMENT_ID
from storage.models.messages import DailyRun, SentMessage
from storage.models.org import Branch, Member, MemberChat


@dataclass(frozen=True)
class ChatOwner:
    """Who a chat belongs to, for an 'unreachable' alert."""

    display_name: str
    role: str
    branch_code: str | None
    branch_name: str | None
    department_id: int = DEFAULT_DEPARTMENT_ID  # whose admins hear of it


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


def link_reminders(
    db: Database,
    channel: str,
    chat_id: str,
    message_ids: list[str],
    when: datetime,
    reminder_ids: Collection[int],
    kind: str,
    ref: str | None = None,
) -> None:
    """Record that sent messages also delivered these reminder rows (a combined message).

    One INSERT: either every row is known to have reached the chat, or none is. The ref is
    the message's own, so a reply to it is traced whichever row the lookup finds.
    """
    rows = [
        {"channel": channel, "chat_id": chat_id, "message_id": m, "ref": ref, "kind": kind}
        | {"sent_at": when, "reminder_id": rid}
        for m in message_ids
        for rid in reminder_ids
    ]
    if rows:
        with db.session() as session:
            session.execute(insert(SentMessage), rows)


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


def chats_sent_since(db: Database, kind: str, since: datetime) -> set[tuple[str, str]]:
    """The (channel, chat) pairs a message of this kind went to at or after an instant."""
    with db.session() as session:
        rows = session.exec(
            select(SentMessage.channel, SentMessage.chat_id).where(
                SentMessage.kind == kind, SentMessage.sent_at >= since
            )
        ).all()
    return {(channel, chat) for channel, chat in rows}


def claim_daily(db: Database, job: str, day: str, now: datetime, holder: Holder) -> bool:
    """Atomically take a day's run of a job; False when it is done or another process has it.

    The INSERT claims a new day (the primary key lets one process win); the UPDATE takes
    a day given back after a failed send, or held by a process whose lease ran out.
    """
    lease = {"claimed_at": now, "claimed_by": holder.name, "lease_until": holder.until(now)}
    values = {"job": job, "day": day, "status": "claimed", "attempts": 1} | lease
    dialect_insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    expired = or_(col(DailyRun.lease_until).is_(None), col(DailyRun.lease_until) < now)
    retake = (
        update(DailyRun)
        .where(col(DailyRun.job) == job, col(DailyRun.day) == day)
        .where(
            or_(col(DailyRun.status) == "open", and_(col(DailyRun.status) == "claimed", expired))
        )
        .values(status="claimed", attempts=col(DailyRun.attempts) + 1, **lease)
        .returning(col(DailyRun.job))
    )
    # RETURNING, not rowcount: psycopg reports -1 for an INSERT ... ON CONFLICT.
    claim = dialect_insert(DailyRun).values(values).on_conflict_do_nothing()
    with db.session() as session:
        if session.execute(claim.returning(col(DailyRun.job))).first() is not None:
            return True
        return session.execute(retake).first() is not None


def renew_daily(db: Database, holder: Holder, now: datetime) -> int:
    """Extend the lease of the days' runs this process is sending; how many."""
    stmt = (
        update(DailyRun)
        .where(col(DailyRun.claimed_by) == holder.name, col(DailyRun.status) == "claimed")
        .values(lease_until=holder.until(now))
    )
    with db.session() as session:
        return int(getattr(session.execute(stmt), "rowcount", 0) or 0)


def release_daily(db: Database, holder: Holder) -> int:
    """Give back (open) the days' runs this process still holds: it is stopping."""
    stmt = (
        update(DailyRun)
        .where(col(DailyRun.claimed_by) == holder.name, col(DailyRun.status) == "claimed")
        .values(status="open", claimed_by=None, lease_until=None)
    )
    with db.session() as session:
        return int(getattr(session.execute(stmt), "rowcount", 0) or 0)


def settle_daily(db: Database, job: str, day: str, now: datetime, done: bool) -> None:
    """Mark a claimed day done, or give it back (open) so a later tick retries."""
    values: dict[str, object] = {"status": "done", "done_at": now} if done else {"status": "open"}
    stmt = (
        update(DailyRun)
        .where(col(DailyRun.job) == job, col(DailyRun.day) == day)
        .where(col(DailyRun.status) == "claimed")
        .values(claimed_by=None, lease_until=None, **values)
    )
    with db.session() as session:
        session.execute(stmt)


def daily_done(db: Database, job: str, day: str) -> bool:
    """Whether a day's run of a job has already gone out."""
    with db.session() as session:
        row = session.exec(
            select(DailyRun.status).where(DailyRun.job == job, DailyRun.day == day)
        ).first()
    return row == "done"


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
        member.department_id,
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
