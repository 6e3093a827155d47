"""Monthly message budgets: counted atomically before each send, shared by every process.

A message is taken from the month's budget by one compare-and-set UPDATE before it goes
out (`used + n <= cap`), so two processes sharing the database never both take the last
one; a message the platform did not accept is given back. Reminders that found the
budget used up wait in their own rows (status planned, due when the budget opens again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.db import Database
from storage.models.messages import Reminder
from storage.models.quota import MessageQuota

UNLIMITED = 2**31 - 1  # a limit of 0: counted, never refused by us
QUOTA_WAIT = "waiting for the monthly message quota"  # last_error of a held reminder
LEVELS = (80, 100)  # percent of the budget at which the admins are warned


@dataclass(frozen=True)
class Taken:
    """The outcome of taking messages from a budget: granted or not, and the count after."""

    ok: bool
    used: int


@dataclass(frozen=True)
class Usage:
    """One bot's month: messages sent, refused, and whether the platform said it was full."""

    bot: str
    month: str
    used: int
    refused: int
    full_at: int | None

    def exhausted(self, cap: int) -> bool:
        """Whether nothing more may be sent under this cap."""
        return self.used >= cap or (self.full_at is not None and self.full_at >= cap)


def cap_of(limit: int) -> int:
    """The cap a configured monthly limit means (0: no limit of ours)."""
    return limit or UNLIMITED


def month_of(now: datetime, tz: ZoneInfo) -> str:
    """The local calendar month of an instant, as the budget's key: 2024-05."""
    return now.astimezone(tz).strftime("%Y-%m")


def next_month(now: datetime, tz: ZoneInfo) -> date:
    """The first day of the local month after the one an instant falls in."""
    local = now.astimezone(tz).date()
    return date(local.year + local.month // 12, local.month % 12 + 1, 1)


def _ensure(session: Session, db: Database, bot: str, month: str) -> None:
    """Create the month's row if it is missing (two processes may race: one wins)."""
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    row = {"bot": bot, "month": month, "used": 0, "refused": 0}
    session.execute(insert(MessageQuota).values(row).on_conflict_do_nothing())


def _row(bot: str, month: str) -> object:
    return (col(MessageQuota.bot) == bot) & (col(MessageQuota.month) == month)


def take(db: Database, bot: str, month: str, count: int, cap: int | None) -> Taken:
    """Take `count` messages if they fit under `cap` (None: always, still counted).

    A refusal is counted in `refused`, for /tinhhinh.
    """
    grant = update(MessageQuota).where(_row(bot, month))  # type: ignore[arg-type]
    if cap is not None:
        grant = grant.where(
            col(MessageQuota.used) + count <= cap,
            or_(col(MessageQuota.full_at).is_(None), col(MessageQuota.full_at) < cap),
        )
    grant = grant.values(used=col(MessageQuota.used) + count).returning(col(MessageQuota.used))
    refuse = (
        update(MessageQuota)
        .where(_row(bot, month))  # type: ignore[arg-type]
        .values(refused=col(MessageQuota.refused) + 1)
        .returning(col(MessageQuota.used))
    )
    with db.session() as session:
        _ensure(session, db, bot, month)
        used = session.execute(grant).scalar()
        if used is not None:
            return Taken(True, int(used))
        return Taken(False, int(session.execute(refuse).scalar_one()))


def give_back(db: Database, bot: str, month: str, count: int) -> None:
    """Return messages that were taken but not sent (the platform refused them)."""
    used = col(MessageQuota.used)
    stmt = (
        update(MessageQuota)
        .where(_row(bot, month))  # type: ignore[arg-type]
        .values(used=case((used >= count, used - count), else_=0))
    )
    with db.session() as session:
        session.execute(stmt)


def mark_full(db: Database, bot: str, month: str, cap: int) -> None:
    """The platform said the quota is exceeded: nothing more this month under this cap."""
    stmt = update(MessageQuota).where(_row(bot, month)).values(full_at=cap)  # type: ignore[arg-type]
    with db.session() as session:
        _ensure(session, db, bot, month)
        session.execute(stmt)


def _warned(level: int) -> Any:
    if level not in LEVELS:
        raise ValueError(f"no warning at {level}%")
    return getattr(MessageQuota, f"warned_{level}")


def claim_warning(db: Database, bot: str, month: str, level: int, cap: int) -> bool:
    """Take the right to warn the admins at this level under this cap (once; again after
    the cap is raised). False: another process, or an earlier message, already has it."""
    warned = col(_warned(level))
    stmt = (
        update(MessageQuota)
        .where(_row(bot, month), or_(warned.is_(None), warned < cap))  # type: ignore[arg-type]
        .values({warned: cap})
        .returning(col(MessageQuota.bot))
    )
    with db.session() as session:
        _ensure(session, db, bot, month)
        return session.execute(stmt).first() is not None


def drop_warning(db: Database, bot: str, month: str, level: int) -> None:
    """Give a warning back (no admin chat could be told): the next message claims it again."""
    warned = col(_warned(level))
    stmt = update(MessageQuota).where(_row(bot, month)).values({warned: None})  # type: ignore[arg-type]
    with db.session() as session:
        session.execute(stmt)


def usage(db: Database, month: str, bot: str | None = None) -> list[Usage]:
    """The budgets of a month (of one bot), for /tinhhinh and the channel."""
    stmt = select(MessageQuota).where(MessageQuota.month == month)
    if bot is not None:
        stmt = stmt.where(MessageQuota.bot == bot)
    with db.session() as session:
        rows = session.exec(stmt.order_by(col(MessageQuota.bot))).all()
    return [Usage(r.bot, r.month, r.used, r.refused, r.full_at) for r in rows]


def hold_reminder(db: Database, reminder_id: int, until: datetime) -> None:
    """Give a claimed reminder back to wait for the budget: due again at `until`.

    Its attempts stay counted, so the retry skips the chats it already reached.
    """
    stmt = (
        update(Reminder)
        .where(col(Reminder.id) == reminder_id, col(Reminder.status) == "claimed")
        .values(status="planned", claimed_at=None, due_at=until, last_error=QUOTA_WAIT)
    )
    with db.session() as session:
        session.execute(stmt)


def release_held(db: Database, now: datetime) -> int:
    """Make the reminders waiting for the budget due now (it was raised); how many."""
    stmt = (
        update(Reminder)
        .where(col(Reminder.status) == "planned", col(Reminder.last_error) == QUOTA_WAIT)
        .where(col(Reminder.due_at) > now)
        .values(due_at=now)
        .returning(col(Reminder.id))
    )
    with db.session() as session:
        return len(session.execute(stmt).all())
