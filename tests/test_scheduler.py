"""The scheduler: rows written by another process, approval, the digest, APScheduler wiring."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.app import App
from bot.scheduler import ReminderScheduler, start_scheduler
from core.clock import FakeClock
from core.settings import Settings
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


async def test_branch_and_deadline_added_by_another_process_are_picked_up(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = make_app(tmp_path, clock)
    add_people(app)
    sched = ReminderScheduler(app)
    await sched.tick()
    cli = make_app(tmp_path, clock)  # the CLI: its own connection to the same file
    add_deadline(cli, local(2024, 5, 10, 17, 0))
    branch, _ = new_branch(cli.db, "BTX", "Chi bộ Trường THPT Bùi Thị Xuân", clock.now())
    bind_chat(cli.db, "fake", "203", "secretary", branch.id, "Bí thư BTX")
    cli.db.dispose()
    clock.advance(timedelta(seconds=30))  # the next sweep
    await sched.tick()
    assert fake(app).texts(LQD)[0].startswith("Việc mới được giao, còn 8 ngày: Báo cáo 6 tháng")
    assert fake(app).texts("203")[0].startswith("Việc mới được giao")
    app.db.dispose()


async def test_a_new_branch_later_gets_the_open_deadline(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
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


async def test_proposed_deadline_waits_for_approval(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
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


async def test_discarded_deadline_stops_its_reminders(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
    add_people(app)
    deadline = add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(app)
    await sched.tick()
    assert deadline.id is not None
    dl.update_deadline(app.db, deadline.id, status="discarded")
    seen = await walk(app, sched, clock, local(2024, 5, 12, 12, 0), step=timedelta(hours=5))
    assert seen == []
    app.db.dispose()


async def test_admin_digest_once_each_morning(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
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
    assert digests == ["02/05 09:00", "03/05 07:30", "04/05 07:30", "05/05 07:30", "06/05 07:30"]
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
        scheduler.shutdown()
    assert fake(app).texts(LQD)[0].startswith("Việc mới được giao")


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
def test_ladder_is_ordered_and_ahead(naive: datetime, days: int) -> None:
    now = naive.replace(tzinfo=TZ)
    rows = ladder(now + timedelta(days=days), now, SETTINGS)
    kinds = [k for k, _ in rows]
    assert kinds[0] == "notice" and len(set(kinds)) == len(kinds)
    assert all(due >= now for _, due in rows)
    assert [d for _, d in rows] == sorted(d for _, d in rows)
