"""The admins' morning digest goes out once a day, however many bot instances run."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from bot.app import App
from bot.channels.base import TransientError
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from storage.db import Database
from storage.leases import Holder
from storage.models.messages import DailyRun, SentMessage
from storage.repos.members import bind_chat
from storage.repos.messages import claim_daily
from tests.fakes.channel import KillableChannel, Killed
from tests.support import local
from tests.support_reminders import ADMIN, ADMIN2, add_deadline, add_people, fake, make_app


def digests(*apps: App, chat: str = ADMIN) -> list[str]:
    """The digests a chat received through any of the apps' channels."""
    return [
        s.reply.text
        for app in apps
        for s in fake(app).sent
        if s.chat_id == chat and s.reply.kind == "digest"
    ]


def runs(app: App) -> list[tuple[str, str, str]]:
    """The daily_runs rows: (job, day, status)."""
    with app.db.session() as session:
        rows = session.exec(select(DailyRun).order_by(col(DailyRun.day))).all()
    return [(r.job, r.day, r.status) for r in rows]


def office(tmp_path: Path, clock: FakeClock, url: str | None = None) -> App:
    """An admin, two branches and a report due 04/05 17:00; the clock at 03/05 07:30."""
    app = make_app(tmp_path, clock, url)
    add_people(app)
    add_deadline(app, local(2024, 5, 4, 17, 0))
    clock.set(local(2024, 5, 3, 7, 30))
    return app


async def _two_instances_send_one_digest(tmp_path: Path, clock: FakeClock, url: str | None) -> None:
    one = office(tmp_path, clock, url)
    two = make_app(tmp_path, clock, url)
    first, second = await asyncio.gather(
        ReminderScheduler(one).tick(), ReminderScheduler(two).tick()
    )
    (text,) = digests(one, two)
    assert "Báo cáo 6 tháng" in text
    assert sorted([first.digest, second.digest]) == [False, True]
    clock.advance(timedelta(minutes=30))  # the next sweeps of both
    await asyncio.gather(ReminderScheduler(one).tick(), ReminderScheduler(two).tick())
    assert len(digests(one, two)) == 1
    clock.set(local(2024, 5, 4, 7, 30))  # the next morning: once again
    await asyncio.gather(ReminderScheduler(two).tick(), ReminderScheduler(one).tick())
    assert len(digests(one, two)) == 2
    assert runs(one) == [("digest", "2024-05-03", "done"), ("digest", "2024-05-04", "done")]
    one.db.dispose()
    two.db.dispose()


async def test_two_instances_send_one_digest(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    await _two_instances_send_one_digest(tmp_path, clock, database_url)


def _race_for_the_day(url: str, contenders: int = 8) -> list[bool]:
    """Several processes' connections claim the same day at the same moment."""
    barrier = threading.Barrier(contenders)
    won: list[bool] = []
    now = local(2024, 5, 3, 7, 30)

    def contend() -> None:
        db = Database(url)
        barrier.wait()
        won.append(claim_daily(db, "digest", "2024-05-03", now, Holder()))
        db.dispose()

    threads = [threading.Thread(target=contend) for _ in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return won


def test_only_one_of_many_simultaneous_claims_wins(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)  # creates the schema
    assert sorted(_race_for_the_day(app.settings.database_url)) == [False] * 7 + [True]
    app.db.dispose()


async def test_a_digest_that_reached_no_admin_is_retried_later(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = office(tmp_path, clock, database_url)
    sched = ReminderScheduler(app)
    fake(app).failures[ADMIN] = TransientError("502 Bad Gateway")
    assert (await sched.tick()).digest is False
    assert digests(app) == [] and runs(app) == [("digest", "2024-05-03", "open")]
    del fake(app).failures[ADMIN]
    clock.advance(timedelta(seconds=30))
    assert (await sched.tick()).digest is True
    clock.advance(timedelta(seconds=30))
    await sched.tick()
    assert len(digests(app)) == 1
    app.db.dispose()


async def test_killed_mid_digest_the_restart_sends_only_to_the_admin_left(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    first = office(tmp_path, clock, database_url)
    bind_chat(first.db, "fake", ADMIN2, "admin", None, "Phó Văn phòng")
    channel = KillableChannel()
    first.add_channel(channel)
    channel.kill_at.add((ADMIN2, "digest"))
    with pytest.raises(Killed):
        await ReminderScheduler(first).tick()
    assert len(digests(first)) == 1 and digests(first, chat=ADMIN2) == []
    first.db.dispose()

    second = make_app(tmp_path, clock, database_url)
    restarted = ReminderScheduler(second)
    await restarted.tick()
    assert digests(second, chat=ADMIN2) == []  # the day is still the dead process's
    clock.advance(timedelta(seconds=31))  # its lease ran out: nobody renewed it
    await restarted.tick()
    assert len(digests(second, chat=ADMIN2)) == 1
    assert digests(second) == []  # the first admin is not told twice
    second.db.dispose()


async def test_a_digest_sent_before_the_upgrade_is_not_repeated(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = office(tmp_path, clock, database_url)
    with app.db.session() as session:  # the previous release sent today's digest at 07:30
        session.add(
            SentMessage(
                channel="fake", chat_id=ADMIN, message_id="9", kind="digest", sent_at=clock.now()
            )
        )
    clock.advance(timedelta(minutes=30))
    await ReminderScheduler(app).tick()
    assert digests(app) == [] and runs(app) == [("digest", "2024-05-03", "done")]
    app.db.dispose()


async def test_a_quiet_morning_claims_nothing_and_a_later_item_still_gets_its_digest(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    clock.set(local(2024, 5, 3, 7, 30))
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    sched = ReminderScheduler(app)
    await sched.tick()
    assert digests(app) == [] and runs(app) == []  # nothing overdue or due soon
    clock.set(local(2024, 5, 3, 10, 0))
    add_deadline(app, local(2024, 5, 4, 17, 0))
    await sched.tick()
    (text,) = digests(app)
    assert "Báo cáo 6 tháng" in text
    app.db.dispose()
