"""The reminder ladder as branches and admins see it, driven by a fake clock."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

from bot.app import App, build_app
from bot.channels.fake import FakeChannel
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from core.settings import Settings
from storage.db import Database
from storage.models import Branch, Deadline, Document
from storage.repos import assignments
from storage.repos.members import bind_chat
from tests.conftest import TZ

FOOTER = "Khi đã nộp, chọn «Đã nộp» hoặc nhắn «đã nộp»."
ADMIN, LQD, NTMK = "100", "201", "202"


def make_app(tmp_path: Path, clock: FakeClock, url: str | None = None, **overrides: object) -> App:
    """An app with a fake channel on a database file (a second call is a restart)."""
    settings = Settings(
        database_url=url or f"sqlite:///{tmp_path / 'test.db'}",
        samples_dir=str(tmp_path / "no-samples"),
        _env_file=None,
        **overrides,
    )  # type: ignore[call-arg]
    app = build_app(settings, clock=clock)
    app.add_channel(FakeChannel())
    return app


def fake(app: App) -> FakeChannel:
    """The app's fake channel."""
    channel = app.channels["fake"]
    assert isinstance(channel, FakeChannel)
    return channel


def new_branch(db: Database, code: str, name: str, now: datetime) -> tuple[Branch, bool]:
    """A branch row, as `danvan branch add` (run by another process) leaves it."""
    with db.session() as session:
        branch = Branch(code=code, name=name, created_at=now)
        session.add(branch)
        session.flush()
        session.refresh(branch)
    return branch, True


def add_people(app: App) -> None:
    """An office admin and two branches, each with its secretary's chat."""
    now = app.ctx.clock.now()
    bind_chat(app.db, "fake", ADMIN, "admin", None, "Văn phòng Đảng ủy")
    for code, name, chat in (
        ("LQD", "Chi bộ Trường THPT Lê Quý Đôn", LQD),
        ("NTMK", "Chi bộ Trường THCS Nguyễn Thị Minh Khai", NTMK),
    ):
        branch, _ = new_branch(app.db, code, name, now)
        bind_chat(app.db, "fake", chat, "secretary", branch.id, f"Bí thư {code}")


def add_deadline(
    app: App, due: datetime, title: str = "Báo cáo 6 tháng", recurrence: str | None = None
) -> Deadline:
    """An approved deadline from 34-HD/ĐU, section II, given to every branch."""
    now = app.ctx.clock.now()
    with app.db.session() as session:
        doc = Document(
            file="34-HD.txt",
            content_hash=hashlib.sha1(title.encode()).hexdigest(),
            number="34-HD/ĐU",
            title="Hướng dẫn báo cáo",
            ingested_at=now,
        )
        session.add(doc)
        session.flush()
        deadline = Deadline(
            document_id=doc.id,
            title=title,
            section="II",
            due_at=due,
            recurrence=recurrence,
            status="approved",
            created_at=now,
            approved_at=now,
        )
        session.add(deadline)
    assignments.ensure_assignments(app.db, deadline, now, TZ)
    return deadline


def local(*args: int) -> datetime:
    """A wall-clock instant in Ho Chi Minh City."""
    return datetime(*args, tzinfo=TZ)  # type: ignore[misc]


async def walk(
    app: App,
    sched: ReminderScheduler,
    clock: FakeClock,
    until: datetime,
    step: timedelta = timedelta(hours=1),
) -> list[tuple[str, str, str]]:
    """Tick every step until `until`; returns (local time, chat, text) of reminders sent.

    Reminders include the admins' overdue alert; the daily digest is tested elsewhere.
    """
    seen: list[tuple[str, str, str]] = []
    channel = fake(app)
    while clock.now() <= until:
        before = len(channel.sent)
        await sched.tick()
        stamp = clock.now().astimezone(TZ).strftime("%d/%m %H:%M")
        seen += [
            (stamp, s.chat_id, s.reply.text)
            for s in channel.sent[before:]
            if s.reply.kind in ("reminder", "overdue_alert")
        ]
        clock.advance(step)
    return seen


async def test_full_ladder_for_one_deadline(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(app)
    seen = await walk(app, sched, clock, local(2024, 5, 11, 12, 0))  # hourly: exact times
    seen += await walk(app, sched, clock, local(2024, 5, 25, 12, 0), step=timedelta(hours=5))
    lqd = [(t, text) for t, chat, text in seen if chat == LQD]
    what = "Báo cáo 6 tháng (34-HD/ĐU, mục II) — hạn 10/05/2024."
    assert lqd == [
        ("02/05 09:00", f"Việc mới được giao, còn 8 ngày: {what} {FOOTER}"),
        ("03/05 08:00", f"Còn 7 ngày: {what} {FOOTER}"),
        ("07/05 08:00", f"Còn 3 ngày: {what} {FOOTER}"),
        ("09/05 08:00", f"Còn 1 ngày: {what} {FOOTER}"),
        ("10/05 08:00", f"Hôm nay là hạn chót: {what} {FOOTER}"),
        ("11/05 08:00", f"Quá hạn 1 ngày: {what} Chi bộ chưa nộp. {FOOTER}"),
    ]
    admin = [(t, text) for t, chat, text in seen if chat == ADMIN]
    assert admin == [  # both branches missed it in the same pass: one message names both
        (
            "11/05 08:00",
            "Quá hạn chưa nộp: 2 chi bộ.\n"
            "\n"
            "Báo cáo 6 tháng (34-HD/ĐU, mục II) — hạn 10/05/2024, quá hạn 1 ngày:\n"
            "- Chi bộ Trường THPT Lê Quý Đôn (mã LQD)\n"
            "- Chi bộ Trường THCS Nguyễn Thị Minh Khai (mã NTMK)\n"
            "\n"
            "Các chi bộ đã được nhắc.",
        ),
    ]
    assert len([c for _, c, _ in seen if c == NTMK]) == 6  # the other branch has its own ladder
    app.db.dispose()


async def test_reminder_carries_done_button_and_reference(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    await ReminderScheduler(app).tick()
    sent = fake(app).last(LQD)
    views = assignments.assignment_views(app.db)
    (aid,) = [v.assignment_id for v in views if v.branch_code == "LQD"]
    assert sent.reply.buttons[0][0].label == "Đã nộp"
    assert sent.reply.buttons[0][0].data == f"done:{aid}"
    assert sent.reply.ref == f"assignment:{aid}"
    app.db.dispose()


async def test_quiet_hours_move_a_late_evening_notice_to_the_morning(
    tmp_path: Path, clock: FakeClock
) -> None:
    clock.set(local(2024, 5, 2, 22, 0))
    app = make_app(tmp_path, clock, quiet_hours="21:00-07:00")
    add_people(app)
    add_deadline(app, local(2024, 5, 3, 17, 0))
    seen = await walk(
        app, ReminderScheduler(app), clock, local(2024, 5, 3, 12, 0), step=timedelta(minutes=30)
    )
    lqd = [(t, text.split(":")[0]) for t, chat, text in seen if chat == LQD]
    assert lqd == [("03/05 07:00", "Việc mới được giao, hạn hôm nay")]
    app.db.dispose()


async def test_ladder_time_inside_quiet_hours_waits_for_their_end(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = make_app(tmp_path, clock, quiet_hours="21:00-07:30", reminder_time="06:00")
    add_people(app)
    add_deadline(app, local(2024, 5, 4, 17, 0))
    seen = await walk(
        app, ReminderScheduler(app), clock, local(2024, 5, 4, 12, 0), step=timedelta(minutes=30)
    )
    times = [t for t, chat, _ in seen if chat == LQD]
    assert times == ["02/05 09:00", "03/05 07:30", "04/05 07:30"]  # notice, d1, d0
    app.db.dispose()


async def test_no_reminder_after_submission_or_exemption(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
    add_people(app)
    deadline = add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(app)
    await sched.tick()
    views = {v.branch_code: v for v in assignments.assignment_views(app.db)}
    assert assignments.submit(app.db, views["LQD"].assignment_id, None, clock.now(), "button")
    assert deadline.id is not None and views["NTMK"].branch_id is not None
    assignments.set_exempt(app.db, deadline.id, views["NTMK"].branch_id)
    # Coarse steps suffice: a reminder due between two ticks would go out at the next one.
    seen = await walk(app, sched, clock, local(2024, 5, 20, 12, 0), step=timedelta(hours=5))
    assert seen == []
    app.db.dispose()


async def test_recurring_periods_each_get_their_own_ladder(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = make_app(tmp_path, clock)
    add_people(app)
    add_deadline(app, local(2024, 5, 20, 17, 0), title="Báo cáo tháng", recurrence="monthly")
    sched = ReminderScheduler(app)
    seen = await walk(app, sched, clock, clock.now())  # the notice, at 09:00
    clock.set(local(2024, 5, 3, 8, 0))  # then every morning at reminder time
    seen += await walk(app, sched, clock, local(2024, 6, 25, 12, 0), step=timedelta(days=1))
    lqd = [(t, text.split(" — ")[0]) for t, chat, text in seen if chat == LQD]
    may = [x for x in lqd if "tháng 05/2024" in x[1]]
    june = [x for x in lqd if "tháng 06/2024" in x[1]]
    assert [t for t, _ in may] == [
        "02/05 09:00",
        "13/05 08:00",
        "17/05 08:00",
        "19/05 08:00",
        "20/05 08:00",
        "21/05 08:00",
    ]
    assert [t for t, _ in june] == [
        "23/05 08:00",
        "13/06 08:00",
        "17/06 08:00",
        "19/06 08:00",
        "20/06 08:00",
        "21/06 08:00",
    ]
    app.db.dispose()
