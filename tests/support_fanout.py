"""A send-out to many branch chats through real `danvan run` processes: the seeded
office, and what the fake Bot API saw (lost, duplicated, when the last chat was served)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlmodel import col

from storage.db import Database
from storage.models.calendar import OfficeDay
from storage.models.messages import Reminder
from storage.models.org import Assignment, Branch, Deadline, Member, MemberChat

FIRST_CHAT = 10_000_000
TITLE = "Báo cáo sơ kết công tác 6 tháng"
OFFICE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")  # the default TIMEZONE


def chat_ids(chats: int) -> list[str]:
    """The branch chats of a seeded office."""
    return [str(FIRST_CHAT + i) for i in range(chats)]


def seed(url: str, chats: int, due_in: timedelta = timedelta(minutes=-1)) -> None:
    """A migrated database with `chats` branches, one secretary chat each, and one
    reminder each due in `due_in` (by default already due; today is declared a working
    day: any day can be measured)."""
    db = Database(url)
    db.upgrade()
    now = datetime.now(UTC)
    due = now + timedelta(days=3)
    ids = range(1, chats + 1)
    deadline = dict(id=1, title=TITLE, section="II", source_text="", due_at=due)
    deadline |= dict(status="approved", all_branches=True, created_at=now)
    stamp = dict(created_at=now)
    tables: list[tuple[Any, list[dict[str, Any]]]] = [
        (Branch, [dict(id=i, code=f"B{i:05d}", name=f"Chi bộ số {i}", active=True, **stamp)
                  for i in ids]),
        (Member, [dict(id=i, branch_id=i, role="secretary", display_name="", **stamp)
                  for i in ids]),
        (MemberChat, [dict(member_id=i, channel="telegram", chat_id=str(FIRST_CHAT + i - 1),
                           user_id="", reachable=True, **stamp) for i in ids]),
        (Deadline, [deadline]),
        (Assignment, [dict(id=i, deadline_id=1, branch_id=i, period="", due_at=due,
                           state="pending", **stamp) for i in ids]),
        (Reminder, [dict(assignment_id=i, kind="d3", status="planned", attempts=0,
                         due_at=now + due_in) for i in ids]),
        (OfficeDay, [dict(day=now.astimezone(OFFICE_TZ).date(), name="Đo tải",
                          kind="workday", **stamp)]),
    ]  # fmt: skip
    with db.session() as session:
        for table, rows in tables:
            session.execute(insert(table), rows)
    # PostgreSQL: the explicit ids above did not move the sequences.
    if db.engine.dialect.name == "postgresql":
        with db.session() as session:
            for table in ("branches", "members", "deadlines", "assignments"):
                session.execute(
                    func.setval(func.pg_get_serial_sequence(table, "id"), chats + 1).select()
                )
    db.dispose()


def statuses(url: str) -> Counter[str]:
    """Reminder rows per status."""
    db = Database(url)
    with db.session() as session:
        rows = session.execute(select(col(Reminder.status), func.count()).group_by(Reminder.status))
        counts = Counter({str(s): int(n) for s, n in rows.all()})
    db.dispose()
    return counts


def held_by(url: str, pid: int) -> int:
    """Rows a process (by its pid) holds claimed: its sends in flight."""
    db = Database(url)
    with db.session() as session:
        count = session.execute(
            select(func.count())
            .select_from(Reminder)
            .where(col(Reminder.status) == "claimed")
            .where(col(Reminder.claimed_by).like(f"%:{pid}:%"))
        ).scalar_one()
    db.dispose()
    return int(count)


@dataclass
class Outcome:
    """What the branch chats received."""

    delivered: int
    lost: int
    duplicated: int
    last_at: float  # perf_counter of the last reminder the server received


def outcome(fake: Any, chats: int) -> Outcome:
    """Count, per branch chat, the reminders the fake server received."""
    expected = set(chat_ids(chats))
    calls = [c for c in fake.calls_to("sendMessage") if c.chat_id in expected]
    per_chat = Counter(c.chat_id for c in calls)
    return Outcome(
        delivered=len(calls),
        lost=len(expected - set(per_chat)),
        duplicated=sum(n - 1 for n in per_chat.values()),
        last_at=max((c.at for c in calls), default=0.0),
    )


def reminders_sent(fake: Any, chats: int) -> int:
    """How many reminders reached branch chats so far."""
    expected = set(chat_ids(chats))
    return sum(1 for c in fake.calls_to("sendMessage") if c.chat_id in expected)
