"""Restarts and downtime: the database decides what still has to go out, once."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from sqlmodel import select

from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from storage.leases import Holder
from storage.models.messages import SentMessage
from storage.repos import assignments
from storage.repos import reminders as repo
from tests.support import local
from tests.support_reminders import LQD, add_deadline, add_people, fake, make_app, walk


def _lqd_assignment(app: object) -> int:
    views = assignments.assignment_views(app.db)  # type: ignore[attr-defined]
    (aid,) = [v.assignment_id for v in views if v.branch_code == "LQD"]
    return aid


async def test_restart_between_two_reminders_neither_repeats_nor_loses(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    first = make_app(tmp_path, clock, database_url)
    add_people(first)
    add_deadline(first, local(2024, 5, 10, 17, 0))
    seen = await walk(first, ReminderScheduler(first), clock, local(2024, 5, 3, 12, 0))
    assert [t for t, chat, _ in seen if chat == LQD] == ["02/05 09:00", "03/05 08:00"]
    first.db.dispose()  # the process stops; a new one starts on the same file

    second = make_app(tmp_path, clock, database_url)
    seen = await walk(second, ReminderScheduler(second), clock, local(2024, 5, 13, 12, 0))
    lqd = [(t, text.split(":")[0]) for t, chat, text in seen if chat == LQD]
    assert lqd == [
        ("07/05 08:00", "Còn 3 ngày"),
        ("09/05 08:00", "Còn 1 ngày"),
        ("10/05 08:00", "Hôm nay là hạn chót"),
        ("13/05 08:00", "Quá hạn 3 ngày"),  # Monday: the first working day after
    ]
    second.db.dispose()


async def test_catch_up_after_downtime_sends_only_the_latest_due(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    first = make_app(tmp_path, clock, database_url)
    add_people(first)
    add_deadline(first, local(2024, 5, 10, 17, 0))
    await ReminderScheduler(first).tick()  # the notice
    first.db.dispose()

    clock.set(local(2024, 5, 9, 10, 30))  # down through d7, d3 and d1
    second = make_app(tmp_path, clock, database_url)
    seen = await walk(second, ReminderScheduler(second), clock, local(2024, 5, 9, 20, 0))
    assert [(t, text.split(":")[0]) for t, c, text in seen if c == LQD] == [
        ("09/05 10:30", "Còn 1 ngày")
    ]
    kinds = {r.kind: r.status for r in repo.reminders_of(second.db, _lqd_assignment(second))}
    assert kinds == {
        "notice": "sent",
        "d7": "skipped",
        "d3": "skipped",
        "d1": "sent",
        "d0": "planned",
        "overdue": "planned",
    }
    second.db.dispose()


async def _two_instances(tmp_path: Path, clock: FakeClock, url: str | None) -> None:
    one = make_app(tmp_path, clock, url)
    add_people(one)
    for n in range(10):
        add_deadline(one, local(2024, 5, 10 + n, 17, 0), title=f"Báo cáo số {n + 1}")
    two = make_app(tmp_path, clock, url)
    await asyncio.gather(ReminderScheduler(one).tick(), ReminderScheduler(two).tick())
    # The ten notices reach the branch once each, in one message or (if the two
    # processes split the branch's rows) in two.
    texts = "\n".join(fake(one).texts(LQD) + fake(two).texts(LQD))
    assert all(texts.count(f"Báo cáo số {n + 1} (") == 1 for n in range(10))
    with one.db.session() as session:
        rows = session.exec(select(SentMessage).where(SentMessage.chat_id == LQD)).all()
    assert sorted(r.reminder_id or 0 for r in rows) == sorted({r.reminder_id or 0 for r in rows})
    assert len(rows) == 10
    one.db.dispose()
    two.db.dispose()


async def test_two_instances_share_the_work_without_duplicates(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    await _two_instances(tmp_path, clock, database_url)


async def test_claimed_row_of_a_killed_process_is_resent_once_its_lease_runs_out(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(app)
    sched.plan(clock.now())
    notice = repo.reminders_of(app.db, _lqd_assignment(app))[0]
    assert notice.id is not None
    dead = Holder("other-host:4242:dead", lease=timedelta(seconds=30))
    assert repo.claim(app.db, notice.id, clock.now(), dead)  # then that process died
    await sched.tick()
    assert fake(app).texts(LQD) == []  # still someone else's, maybe being sent
    clock.advance(timedelta(seconds=31))  # its lease ran out: nobody renewed it
    await sched.tick()
    await sched.tick()
    assert len(fake(app).texts(LQD)) == 1
    app.db.dispose()


async def test_a_living_process_renews_its_lease_and_keeps_its_rows(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(app)
    sched.plan(clock.now())
    notice = repo.reminders_of(app.db, _lqd_assignment(app))[0]
    assert notice.id is not None
    alive = Holder("other-host:4243:alive", lease=timedelta(seconds=30))
    assert repo.claim(app.db, notice.id, clock.now(), alive)
    for _ in range(6):  # three minutes of a slow send, renewed every 10 s ... and 30 s here
        clock.advance(timedelta(seconds=29))
        assert repo.renew(app.db, alive, clock.now()) == 1
        await sched.tick()
    assert fake(app).texts(LQD) == []  # still that process's: it is alive
    assert repo.release_held(app.db, alive) == 1  # it stops and gives the row back
    row = repo.reminders_of(app.db, _lqd_assignment(app))[0]
    assert (row.status, row.claimed_by, row.lease_until) == ("planned", None, None)
    await sched.tick()
    assert len(fake(app).texts(LQD)) == 1
    app.db.dispose()


async def test_crash_after_send_before_marking_does_not_repeat_a_recorded_message(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(app)
    sched.plan(clock.now())
    notice = repo.reminders_of(app.db, _lqd_assignment(app))[0]
    assert notice.id is not None
    repo.claim(app.db, notice.id, clock.now(), Holder("gone:1:x"))
    with app.db.session() as session:  # the message went out and was recorded, then SIGKILL
        session.add(
            SentMessage(
                channel="fake",
                chat_id=LQD,
                message_id="77",
                ref="x",
                kind="reminder",
                sent_at=clock.now(),
                reminder_id=notice.id,
            )
        )
    clock.advance(timedelta(minutes=11))
    await sched.tick()
    assert fake(app).texts(LQD) == []
    assert repo.reminders_of(app.db, _lqd_assignment(app))[0].status == "sent"
    app.db.dispose()
