"""/healthz: healthy when the bot does its job, 503 naming what is wrong when it does not."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from bot.app import App
from bot.channels.webhook import Activity
from bot.scheduler import ReminderScheduler
from bot.web.app import build_web
from bot.web.health import Health, is_late
from core.clock import FakeClock
from tests.support import local, wait_for
from tests.support_pg import PG_ADMIN_URL, fresh_pg_database
from tests.support_reminders import add_deadline, add_people, make_app


@dataclass
class Ticks:
    """A scheduler that ticked at a given instant."""

    last_tick: datetime | None
    running: bool = True


@dataclass
class Polling:
    """A polling channel whose last answered poll the test sets."""

    name: str = "telegram"
    seconds: float = 0.0
    activity: Activity = field(init=False)

    def __post_init__(self) -> None:
        self.activity = Activity("polling", clock=lambda: self.seconds)


async def healthz(health: Health) -> tuple[int, dict[str, Any]]:
    """GET /healthz on the web app; status and body."""
    web = build_web(health, health.app.metrics)
    transport = httpx.ASGITransport(app=web)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
        answer = await client.get("/healthz")
    return answer.status_code, answer.json()


@pytest.fixture
def clock() -> FakeClock:
    """A Tuesday morning, outside quiet hours."""
    return FakeClock(local(2026, 11, 25, 9, 0))  # a working day (24/11 is a holiday from 2026)


@pytest.fixture
def office(tmp_path: Path, clock: FakeClock, database_url: str) -> Iterator[App]:
    """An app with an office and two branches on the test database."""
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    yield app
    app.db.dispose()


async def test_a_running_bot_is_healthy_and_a_dead_scheduler_is_not(
    office: App, clock: FakeClock
) -> None:
    sched = ReminderScheduler(office)
    health = Health(office, [Polling()], sched)
    assert (await healthz(health))[1]["failing"] == ["scheduler"]  # not started yet
    sched.start()
    try:
        await wait_for(lambda: sched.last_tick)  # the first sweep runs at once
        status, body = await healthz(health)
        assert status == 200 and body["ok"] and body["failing"] == []
        assert body["database"] == {"ok": True} and body["reminders"] == {"ok": True, "overdue": 0}
        assert body["channels"]["telegram"]["mode"] == "polling"
        # Six minutes without a tick: the scheduler's task is stuck.
        clock.advance(timedelta(minutes=6))
        status, body = await healthz(health)
        assert status == 503 and body["failing"] == ["scheduler"]
        assert body["scheduler"]["error"] == "lượt quét cuối cách đây 6 phút"
    finally:
        await sched.shutdown()
    status, body = await healthz(health)
    assert status == 503 and body["scheduler"]["error"] == "bộ hẹn giờ nhắc hạn không chạy"


@pytest.mark.sqlite_only  # deletes the database file
async def test_a_deleted_sqlite_file_is_a_database_gone(
    office: App, clock: FakeClock, tmp_path: Path
) -> None:
    health = Health(office, [], Ticks(clock.now()))
    assert (await healthz(health))[0] == 200
    # The open connection would still answer; the writes would go to a file nobody sees.
    shutil.move(tmp_path / "test.db", tmp_path / "moved.db")
    status, body = await healthz(health)
    assert status == 503 and body["failing"] == ["database", "reminders"]
    assert "không còn tệp" in body["database"]["error"]
    assert body["reminders"]["error"] == "cơ sở dữ liệu không trả lời"


async def test_a_dropped_postgresql_database_is_gone(tmp_path: Path, clock: FakeClock) -> None:
    with fresh_pg_database() as url:
        app = make_app(tmp_path, clock, url=url)
        health = Health(app, [], Ticks(clock.now()))
        assert (await healthz(health))[0] == 200
        app.db.dispose()
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            name = url.rsplit("/", 1)[1]
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
        status, body = await healthz(health)
        app.db.dispose()
    assert status == 503 and body["failing"] == ["database", "reminders"]
    assert "does not exist" in body["database"]["error"]


async def test_reminders_waiting_too_long_make_the_bot_unhealthy_until_sent(
    office: App, clock: FakeClock
) -> None:
    add_deadline(office, local(2026, 12, 20, 17, 0))
    sched = ReminderScheduler(office)
    sched.plan(clock.now())  # the notice row falls due now, the ladder later
    health = Health(office, [], Ticks(clock.now()))
    clock.advance(timedelta(minutes=10))
    health.scheduler = Ticks(clock.now())
    assert (await healthz(health))[0] == 200  # ten minutes: within HEALTH_OVERDUE_MINUTES
    clock.advance(timedelta(minutes=10))
    health.scheduler = Ticks(clock.now())
    status, body = await healthz(health)
    assert status == 503 and body["failing"] == ["reminders"]
    assert body["reminders"]["overdue"] == 2  # the notice to each of the two branches
    assert body["reminders"]["error"] == "2 nhắc hạn quá 15 phút chưa gửi"
    await sched.run_due(clock.now())
    assert (await healthz(health))[0] == 200


@pytest.mark.parametrize(
    ("due", "now", "late"),
    [
        (local(2026, 11, 24, 9, 0), local(2026, 11, 24, 9, 14), False),
        (local(2026, 11, 24, 9, 0), local(2026, 11, 24, 9, 16), True),
        # Due in quiet hours: held until 07:00, then 15 minutes to go out.
        (local(2026, 11, 24, 22, 30), local(2026, 11, 25, 6, 59), False),
        (local(2026, 11, 24, 22, 30), local(2026, 11, 25, 7, 10), False),
        (local(2026, 11, 24, 22, 30), local(2026, 11, 25, 7, 16), True),
        # Due just before quiet hours and not sent: quiet hours are not late...
        (local(2026, 11, 24, 20, 55), local(2026, 11, 24, 23, 0), False),
        # ...and the morning gives the scheduler its 15 minutes again.
        (local(2026, 11, 24, 20, 55), local(2026, 11, 25, 7, 5), False),
        (local(2026, 11, 24, 20, 55), local(2026, 11, 25, 7, 20), True),
        (local(2026, 11, 20, 10, 0), local(2026, 11, 24, 12, 0), True),  # days behind
    ],
)
def test_late_counts_sendable_time_only(
    office: App, due: datetime, now: datetime, late: bool
) -> None:
    assert is_late(due, now, timedelta(minutes=15), office.settings) is late


def test_without_quiet_hours_late_is_plain_time(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url, quiet_hours="")
    try:
        grace, due = timedelta(minutes=15), local(2026, 11, 24, 23, 0)
        assert is_late(due, local(2026, 11, 24, 23, 16), grace, app.settings)
        assert not is_late(due, local(2026, 11, 24, 23, 5), grace, app.settings)
    finally:
        app.db.dispose()


async def test_a_silent_poller_is_unhealthy_a_silent_webhook_is_not(
    office: App, clock: FakeClock
) -> None:
    poller = Polling()
    hook = Polling("zalo")
    hook.activity = Activity("webhook", clock=lambda: poller.seconds)
    health = Health(office, [poller, hook], Ticks(clock.now()))
    poller.seconds = 60.0
    poller.activity.ok()
    poller.seconds = 60.0 + 299
    assert (await healthz(health))[0] == 200
    poller.seconds = 60.0 + 301  # no answered poll for five minutes
    status, body = await healthz(health)
    assert status == 503 and body["failing"] == ["channels.telegram"]
    assert body["channels"]["telegram"]["error"] == "không nhận được gì từ nền tảng trong 5 phút"
    assert body["channels"]["zalo"]["ok"] and body["channels"]["zalo"]["mode"] == "webhook"
