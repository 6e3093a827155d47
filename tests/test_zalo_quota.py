"""Zalo's monthly message quota: counted in the database, warned about, waited out.

The app runs on a FakeClock with its Zalo channel against the fake Zalo Bot API; an admin
sits on Zalo and another on an in-memory "telegram" channel. Reminders fan out from the
real scheduler; assertions read what each chat was sent and what Zalo was asked.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import build_app
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from core.settings import Settings
from handlers.quota import zalo_quota_line
from storage.db import Database
from storage.repos import quota as repo
from storage.repos.assignments import assignment_views
from storage.repos.reminders import reminders_of
from tests.fakes.zalo_server import FakeZalo
from tests.support import Person, local, wait_for
from tests.support_reminders import add_deadline
from tests.support_zalo import OFFICE_TELEGRAM, OFFICE_ZALO, telegram, zalo_app, zalo_branches

WARN_80 = "⚠️ Zalo: bot đã dùng 4/5 tin nhắn của tháng 07/2024 (80%)."
WARN_100 = "⛔ Zalo: bot đã dùng hết 5/5 tin nhắn của tháng 07/2024."


@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    """The fake Zalo Bot API server."""
    server = FakeZalo().start()
    yield server
    server.stop()


def notices(fake: FakeZalo, chats: list[str]) -> dict[str, int]:
    """How many reminders each branch chat got."""
    return {c: sum("Việc mới được giao" in t for t in fake.texts(c)) for c in chats}


async def test_the_quota_runs_out_in_the_middle_of_a_fan_out_and_the_rest_go_on_the_1st(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    clock = FakeClock(local(2024, 7, 30, 9, 0))
    async with zalo_app(fake, tmp_path, clock, database_url, zalo_monthly_limit=5) as app:
        chats = zalo_branches(app, 6, clock.now())
        deadline = add_deadline(app, local(2024, 8, 20, 17, 0))
        scheduler = ReminderScheduler(app, concurrency=1)  # one at a time: a known order
        report = await scheduler.tick()
        # Four notices fit; the fourth reached 80%, and that warning took the fifth message.
        assert sorted(notices(fake, chats).values()) == [0, 0, 1, 1, 1, 1]
        assert (report.sent, report.held) == (4, 2)
        for admin in (telegram(app).texts(OFFICE_TELEGRAM), fake.texts(OFFICE_ZALO)):
            assert len(admin) == 2 and admin[0].startswith(WARN_80), admin
            assert admin[1].startswith(WARN_100) and "07:00 ngày 01/08/2024" in admin[1]
        held = [r for v in assignment_views(app.db) for r in reminders_of(app.db, v.assignment_id)]
        waiting = [r for r in held if r.last_error == repo.QUOTA_WAIT]
        assert len(waiting) == 2 and all(r.status == "planned" for r in waiting)
        assert {r.due_at.astimezone(local(2024, 8, 1).tzinfo) for r in waiting} == {
            local(2024, 8, 1, 7, 0)
        }
        # Nothing is retried in a loop: the sweeps until the 1st do not call Zalo at all.
        calls = len(fake.calls_to("sendMessage"))
        for day in (30, 31):
            clock.set(local(2024, 7, day, 15, 0))
            assert (await scheduler.tick()).held == 0
        assert len(fake.calls_to("sendMessage")) == calls
        # The 1st, 07:00: a new month; the rest go out, and nobody gets anything twice.
        clock.set(local(2024, 8, 1, 7, 0))
        assert (await scheduler.tick()).sent == 2
        assert notices(fake, chats) == dict.fromkeys(chats, 1)
        assert deadline.id is not None
        usage = repo.usage(app.db, "2024-08")
        assert [(u.used, u.refused) for u in usage] == [(2, 0)]


async def test_a_raised_limit_releases_the_waiting_reminders_at_the_next_start(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    clock = FakeClock(local(2024, 7, 30, 9, 0))
    async with zalo_app(fake, tmp_path, clock, database_url, zalo_monthly_limit=2) as app:
        chats = zalo_branches(app, 4, clock.now())
        add_deadline(app, local(2024, 8, 20, 17, 0))
        # Two fit (the second reached 100%: its warning took one more); two wait.
        assert (await ReminderScheduler(app, concurrency=1).tick()).held == 2
    clock.set(local(2024, 7, 30, 11, 0))
    # The office upgraded the plan: a higher limit, then a restart.
    async with zalo_app(fake, tmp_path, clock, database_url, zalo_monthly_limit=3000) as app:
        assert (await ReminderScheduler(app).tick()).sent == 2
        assert notices(fake, chats) == dict.fromkeys(chats, 1)
        # /tinhhinh shows the month's count to the office.
        office = Person(app, telegram(app), OFFICE_TELEGRAM)
        *_, status = await office.send("/tinhhinh")
        assert status.endswith(
            "Zalo: đã dùng 5/3.000 tin nhắn tháng 07/2024. Trong tháng có 2 tin nhắn phải dừng "
            "vì hết hạn mức."
        )


async def test_when_used_up_a_reply_cannot_go_out_and_tinhhinh_says_when_it_opens(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    clock = FakeClock(local(2024, 7, 30, 9, 0))
    async with zalo_app(fake, tmp_path, clock, database_url, zalo_monthly_limit=1) as app:
        stranger = "5b1c9e2f7a3d4c6e8f01"
        fake.enqueue(fake.message(stranger, text="/start"))
        [warned] = await wait_for(lambda: telegram(app).texts(OFFICE_TELEGRAM))
        assert warned.startswith("⛔ Zalo: bot đã dùng hết 1/1 tin nhắn của tháng 07/2024.")
        assert fake.texts(stranger)[0].startswith("Xin chào")
        await wait_for(lambda: fake.texts(OFFICE_ZALO))  # the warning is never refused
        sends = len(fake.calls_to("sendMessage"))
        fake.enqueue(fake.message(stranger, text="/help"))  # its answer cannot go out
        await wait_for(lambda: repo.usage(app.db, "2024-07")[0].refused)
        office = Person(app, telegram(app), OFFICE_TELEGRAM)
        *_, status = await office.send("/tinhhinh")
        assert status.endswith(
            "Zalo: đã dùng 2/1 tin nhắn tháng 07/2024. Đã hết hạn mức: nhắc hạn qua Zalo chờ "
            "tới 07:00 ngày 01/08/2024. Trong tháng có 1 tin nhắn phải dừng vì hết hạn mức."
        )
        assert len(fake.texts(stranger)) == 1 and len(fake.calls_to("sendMessage")) == sends


async def test_zalo_saying_429_fills_the_month_whatever_was_counted(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    fake.monthly_limit = 1  # Zalo counts more than we do (its own messages, say)
    clock = FakeClock(local(2024, 7, 30, 9, 0))
    async with zalo_app(fake, tmp_path, clock, database_url) as app:
        chats = zalo_branches(app, 3, clock.now())
        add_deadline(app, local(2024, 8, 20, 17, 0))
        report = await ReminderScheduler(app, concurrency=1).tick()
        assert (report.sent, report.held) == (1, 2)
        [warning] = telegram(app).texts(OFFICE_TELEGRAM)
        assert warning.startswith(
            "⛔ Zalo báo đã vượt hạn mức (mã 429) khi bot mới đếm được 1/3.000 tin nhắn của "
            "tháng 07/2024."
        )
        # One 429 per held reminder at most: the second was refused before asking Zalo.
        assert len(fake.calls_to("sendMessage")) == 3  # the notice, the 429, the admin's
        assert sum(notices(fake, chats).values()) == 1


# ---- the counter itself, shared by processes ---------------------------------------------
@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """The upgraded test database (each pass: SQLite, PostgreSQL)."""
    db = Database(database_url)
    db.upgrade()
    yield db
    db.dispose()


def test_concurrent_takers_never_pass_the_cap(database: Database) -> None:
    granted: list[bool] = []
    lock = threading.Lock()

    def taker() -> None:
        for _ in range(5):
            taken = repo.take(database, "zalo:1", "2024-07", 1, 12)
            with lock:
                granted.append(taken.ok)

    threads = [threading.Thread(target=taker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert granted.count(True) == 12 and granted.count(False) == 8
    [usage] = repo.usage(database, "2024-07")
    assert (usage.used, usage.refused, usage.exhausted(12), usage.exhausted(13)) == (
        12, 8, True, False,
    )  # fmt: skip


def test_each_warning_is_claimed_once_per_month_and_again_after_a_raise(
    database: Database,
) -> None:
    claim = repo.claim_warning
    assert claim(database, "zalo:1", "2024-07", 80, 3000)
    assert not claim(database, "zalo:1", "2024-07", 80, 3000)  # another process: no
    assert claim(database, "zalo:1", "2024-07", 100, 3000)
    assert claim(database, "zalo:1", "2024-07", 80, 5000)  # the office raised the limit
    assert claim(database, "zalo:1", "2024-08", 80, 3000)  # a new month
    repo.drop_warning(database, "zalo:1", "2024-08", 80)  # nobody could be told
    assert claim(database, "zalo:1", "2024-08", 80, 3000)


def test_given_back_and_platform_full(database: Database) -> None:
    assert repo.take(database, "zalo:1", "2024-07", 3, 10).used == 3
    repo.give_back(database, "zalo:1", "2024-07", 5)  # never below zero
    assert repo.take(database, "zalo:1", "2024-07", 1, None).used == 1
    repo.mark_full(database, "zalo:1", "2024-07", 10)
    assert not repo.take(database, "zalo:1", "2024-07", 1, 10).ok
    assert repo.take(database, "zalo:1", "2024-07", 1, 20).ok  # a raised limit: try again
    assert repo.take(database, "zalo:1", "2024-07", 1, None).ok  # a warning always goes


@pytest.mark.parametrize(
    ("extra", "line"),
    [
        ({}, None),  # no Zalo: nothing to say
        ({"zalo_bot_token": "1:x"}, "Zalo: đã dùng 0/3.000 tin nhắn tháng 05/2024."),
        (
            {"zalo_bot_token": "1:x", "zalo_monthly_limit": 0},
            "Zalo: đã dùng 0 tin nhắn tháng 05/2024 (không đặt giới hạn).",
        ),
    ],
)
def test_the_tinhhinh_line(database_url: str, extra: dict[str, object], line: str | None) -> None:
    settings = Settings(database_url=database_url, _env_file=None, **extra)  # type: ignore[arg-type, call-arg]
    app = build_app(settings, clock=FakeClock(local(2024, 5, 31, 23, 59)))
    try:
        assert zalo_quota_line(app.ctx) == line
    finally:
        app.db.dispose()
