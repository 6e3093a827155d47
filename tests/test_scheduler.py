"""The scheduler: rows written by another process, approval, the digest, APScheduler wiring
and a clean shutdown."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.app import App
from bot.scheduler import ReminderScheduler, start_scheduler
from core.clock import FakeClock
from core.settings import Settings
from handlers.reminders.calendar import WorkCalendar
from handlers.reminders.plan import in_quiet_hours, ladder, quiet_end
from storage.db import Database
from storage.repos import deadlines as dl
from storage.repos.members import bind_chat
from tests.support import TZ, local
from tests.support_reminders import (
    ADMIN,
    LQD,
    add_deadline,
    add_people,
    fake,
    make_app,
    new_branch,
    walk,
)

SETTINGS = Settings(_env_file=None)  # type: ignore[call-arg]
CALENDAR = WorkCalendar()


async def test_branch_and_deadline_added_by_another_process_are_picked_up(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    sched = ReminderScheduler(app)
    await sched.tick()
    cli = make_app(tmp_path, clock, database_url)  # the CLI: its own connection to the same file
    add_deadline(cli, local(2024, 5, 10, 17, 0))
    branch, _ = new_branch(cli.db, "BTX", "Chi bộ Trường THPT Bùi Thị Xuân", clock.now())
    bind_chat(cli.db, "fake", "203", "secretary", branch.id, "Bí thư BTX")
    cli.db.dispose()
    clock.advance(timedelta(seconds=30))  # the next sweep
    await sched.tick()
    assert fake(app).texts(LQD)[0].startswith("Việc mới được giao, còn 8 ngày: Báo cáo 6 tháng")
    assert fake(app).texts("203")[0].startswith("Việc mới được giao")
    app.db.dispose()


async def test_a_new_branch_later_gets_the_open_deadline(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(app)
    await sched.tick()
    clock.set(local(2024, 5, 4, 10, 0))
    other = Database(app.settings.database_url)
    branch, _ = new_branch(other, "BTX", "Chi bộ Trường THPT Bùi Thị Xuân", clock.now())
    bind_chat(other, "fake", "203", "secretary", branch.id, "Bí thư BTX")
    other.dispose()
    await sched.tick()
    assert [t.split(":")[0] for t in fake(app).texts("203")] == ["Việc mới được giao, còn 6 ngày"]
    app.db.dispose()


async def test_proposed_deadline_waits_for_approval(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    deadline = add_deadline(app, local(2024, 5, 10, 17, 0))
    assert deadline.id is not None
    dl.update_deadline(app.db, deadline.id, status="proposed")
    sched = ReminderScheduler(app)
    await sched.tick()
    assert fake(app).texts(LQD) == []
    dl.update_deadline(app.db, deadline.id, status="approved")
    await sched.tick()
    assert len(fake(app).texts(LQD)) == 1
    app.db.dispose()


async def test_discarded_deadline_stops_its_reminders(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    deadline = add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(app)
    await sched.tick()
    assert deadline.id is not None
    dl.update_deadline(app.db, deadline.id, status="discarded")
    seen = await walk(app, sched, clock, local(2024, 5, 12, 12, 0), step=timedelta(hours=5))
    assert seen == []
    app.db.dispose()


async def test_admin_digest_once_each_morning(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 4, 17, 0))
    sched = ReminderScheduler(app)
    digests: list[str] = []
    channel = fake(app)
    while clock.now() < local(2024, 5, 6, 12, 0):
        before = len(channel.sent)
        await sched.tick()
        stamp = clock.now().astimezone(TZ).strftime("%d/%m %H:%M")
        digests += [
            stamp for s in channel.sent[before:] if s.chat_id == ADMIN and s.reply.kind == "digest"
        ]
        clock.advance(timedelta(minutes=30))
    # 02/05 09:00: started after 07:30 and nothing sent yet today, so it goes out late once.
    # Saturday 04/05/2024 was a make-up working day; on Sunday the office reads nothing.
    assert digests == ["02/05 09:00", "03/05 07:30", "04/05 07:30", "06/05 07:30"]
    app.db.dispose()


async def test_apscheduler_wakes_the_scheduler(app: App) -> None:
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    scheduler = start_scheduler(app)
    try:
        for _ in range(100):
            if fake(app).texts(LQD):
                break
            await asyncio.sleep(0.02)
    finally:
        await scheduler.shutdown()
    assert fake(app).texts(LQD)[0].startswith("Việc mới được giao")


class StuckScheduler(ReminderScheduler):
    """A scheduler whose pass waits for `release` (a slow send, a slow database)."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        self.finished = False

    async def tick(self, now: datetime | None = None) -> Any:
        """Wait in the middle of a pass."""
        self.started.set()
        await self.release.wait()
        self.finished = True


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Error records logged (APScheduler logs a cancelled job as one, with a traceback)."""
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_stopping_lets_the_pass_in_hand_finish(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    scheduler = StuckScheduler(app)
    scheduler.start()
    await scheduler.started.wait()
    stopping = asyncio.create_task(scheduler.shutdown())
    await asyncio.sleep(0)
    assert not stopping.done()  # it waits for the pass
    scheduler.release.set()
    await stopping
    assert scheduler.finished and errors(caplog) == []


async def test_stopping_cuts_a_stuck_pass_short_without_a_traceback(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    scheduler = StuckScheduler(app)
    scheduler.start()
    await scheduler.started.wait()
    await scheduler.shutdown(grace=0)
    assert not scheduler.finished
    assert errors(caplog) == []  # was: Job "ReminderScheduler._job" raised … CancelledError


def test_danvan_run_at_end_of_input_exits_without_a_traceback(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        "SAMPLES_DIR": str(tmp_path / "none"),
        "PYTHONIOENCODING": "utf-8",
    }
    for key in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN"):
        env.pop(key, None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert result.stderr == ""  # `danvan run </dev/null` printed a CancelledError traceback
    assert "mở chat trong terminal" in result.stdout


@given(st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2025, 1, 1)))
def test_quiet_end_is_never_quiet(naive: datetime) -> None:
    now = naive.replace(tzinfo=TZ)
    end = quiet_end(now, SETTINGS)
    assert end >= now and not in_quiet_hours(end, SETTINGS)
    assert end - now <= timedelta(hours=10)


@given(
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2025, 1, 1)),
    st.integers(min_value=0, max_value=60),
)
def test_ladder_is_ordered_ahead_and_on_working_days(naive: datetime, days: int) -> None:
    now = naive.replace(tzinfo=TZ)
    due = now + timedelta(days=days)
    rows = ladder(due, now, SETTINGS, CALENDAR)
    kinds = [k for k, _ in rows]
    assert kinds[0] == "notice" and len(set(kinds)) == len(kinds)
    assert all(at >= now for _, at in rows)
    assert [d for _, d in rows] == sorted(d for _, d in rows)
    for kind, at in rows[1:]:  # the planned ones; the notice may answer the office at once
        assert CALENDAR.is_working_day(at.astimezone(TZ).date())
        assert (at.astimezone(TZ).date() > due.date()) == (kind == "overdue")
