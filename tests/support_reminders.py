"""Reminder tests' world: an app on a database file, an office, two branches, a deadline."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

from bot.app import App, build_app
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from core.settings import Settings
from storage.db import Database
from storage.models.documents import Document
from storage.models.org import Branch, Deadline
from storage.repos import assignments
from storage.repos.members import bind_chat
from tests.fakes.channel import FakeChannel
from tests.support import TZ

ADMIN, ADMIN2, LQD, NTMK = "100", "101", "201", "202"


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
