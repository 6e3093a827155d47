"""The hostile table's world: what a row does (its act), the office it runs in, the runner.

tests/test_hostile.py holds the table; this module builds the office once, copies it for
each row and performs a row's act through the fake channel or the CLI.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.app import App, build_app
from bot.channels.telegram_render import render
from bot.cli import main
from core.clock import FakeClock
from core.messages import Reply
from core.settings import Settings
from handlers.ingest import ingest_paths
from handlers.org import make_invite
from storage.models.documents import Document
from storage.models.org import Assignment, Branch, Deadline
from storage.repos.messages import record_sent
from tests.fakes.channel import FakeChannel
from tests.support import SAMPLES, Person, local
from tests.support_office import add_branches, join, make_admin

ADMIN, A1, B2, NEWCOMER, STRANGER = "1", "11", "22", "33", "900"


@dataclass(frozen=True)
class Send:
    """A text from someone: stranger, a1 (secretary of A1) or admin; {ids} are filled in."""

    who: str
    text: str
    name: str = ""
    reply_to: str = ""  # an {id} of a message in the template


@dataclass(frozen=True)
class Press:
    """A button press with this callback data."""

    who: str
    data: str


@dataclass(frozen=True)
class Upload:
    """A file sent to the bot (built when the row runs); size: what the platform announces."""

    who: str
    name: str
    data: Callable[[], bytes]
    size: int | None = None


@dataclass(frozen=True)
class Join:
    """A newcomer with this display name redeems the invite for C3; the office's notice."""

    name: str


@dataclass(frozen=True)
class Cli:
    """A CLI command on the row's database, left intact, locked by another process, or
    replaced by garbage; the row's text is stderr + stdout, and the exit code must match."""

    argv: tuple[str, ...]
    code: int
    database: str = "intact"  # intact | locked | corrupt | truncated


@dataclass(frozen=True)
class Flood:
    """Someone sends the same text `count` times within a minute; the texts read back, in
    order, or (with `then`) what another act right after it reads back."""

    who: str
    count: int
    text: str = "kh 61"
    then: Send | None = None


Act = Send | Press | Upload | Join | Cli | Flood


@dataclass(frozen=True)
class Row:
    """One hostile case: its id, the act, the reply the actor reads (exactly, at the start,
    or somewhere), and optional settings and a check of the state afterwards."""

    id: str
    act: Act
    expect: str
    match: str = "is"  # is | starts | has | not
    telegram: bool = False  # compare with the text as Telegram renders it (HTML)
    settings: dict[str, Any] = field(default_factory=dict)
    before: Callable[[World], None] | None = None
    after: Callable[[World], None] | None = None


@dataclass
class World:
    """The office a row runs in."""

    app: App
    channel: FakeChannel
    ids: dict[str, Any]
    people: dict[str, Person]
    path: Path


def settings_for(path: Path, **overrides: Any) -> Settings:
    """Settings on one database file, no samples."""
    return Settings(
        database_url=f"sqlite:///{path}",
        samples_dir=str(path.parent / "none"),
        _env_file=None,
        **overrides,
    )  # type: ignore[call-arg]


async def build_office(path: Path, new_file_text: bytes) -> dict[str, Any]:
    """The office every row starts from, saved in one SQLite file; the ids rows refer to."""
    app = build_app(settings_for(path), clock=FakeClock(local(2024, 5, 2, 9)))
    channel = FakeChannel()
    app.add_channel(channel)
    ingest_paths(app.ctx, [SAMPLES])
    admin = make_admin(app, channel, ADMIN)
    await add_branches(admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    await add_branches(admin, ("C3", "Chi bộ Trường C"))
    await join(app, channel, admin, A1, "A1")
    await join(app, channel, admin, B2, "B2")
    (approved,) = await admin.send("/hanmoi 20/5/2024 Báo cáo quý II")
    assert approved.startswith("Đã duyệt"), approved
    with app.db.session() as session:
        by_code = dict(session.exec(select(Branch.code, Branch.id)).all())
        a1, b2 = (
            session.exec(select(Assignment.id).where(Assignment.branch_id == by_code[c])).one()
            for c in ("A1", "B2")
        )
        proposal = session.exec(select(Deadline.id).where(Deadline.status == "proposed")).first()
        documents = len(session.exec(select(Document.id)).all())
    # B2's reminder, as the scheduler records it: message 9001 in B2's chat.
    record_sent(app.db, "fake", B2, ["9001"], app.ctx.clock.now(), f"assignment:{b2}", "reminder")
    code = make_invite(app.ctx, "C3", "secretary")["code"]
    app.db.dispose()
    assert not path.with_name(path.name + "-wal").exists()  # all in the one file we copy
    new_file = path.with_name("moi.txt")
    new_file.write_bytes(new_file_text)
    return {
        "a1": a1,
        "b2": b2,
        "proposal": proposal,
        "invite": code,
        "b2_reminder": "9001",
        "documents": documents,
        "new_file": str(new_file),
    }


def open_world(template: Path, ids: dict[str, Any], folder: Path, row: Row) -> World:
    """A fresh copy of the office for one row, with the row's settings, a day later."""
    path = folder / "office.db"
    shutil.copy(template, path)
    settings = settings_for(path, **row.settings)
    app = build_app(settings, clock=FakeClock(local(2024, 5, 3, 9)), migrate=False)
    channel = FakeChannel()
    app.add_channel(channel)
    people = {
        "admin": Person(app, channel, ADMIN, "Văn phòng"),
        "a1": Person(app, channel, A1, "Bí thư A1"),
        "stranger": Person(app, channel, STRANGER),
    }
    return World(app, channel, ids, people, path)


def rendered(text: str) -> str:
    """A text as Telegram shows it (escaped HTML), all parts together."""
    return "".join(part.text for part in render(Reply(text)))


async def act(
    world: World, what: Act, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    """Do a row's act; the texts its actor reads back."""
    ids = world.ids
    if isinstance(what, Send):
        text = what.text.format(**ids) if "{" in what.text else what.text
        reply_to = what.reply_to.format(**ids) or None
        return await world.people[what.who].send(text, reply_to=reply_to)
    if isinstance(what, Press):
        return await world.people[what.who].press(what.data.format(**ids))
    if isinstance(what, Upload):
        return await world.people[what.who].send_file(what.name, what.data(), size=what.size)
    if isinstance(what, Flood):
        flooder, seen = world.people[what.who], []
        for _ in range(what.count):
            seen += await flooder.send(what.text)
        return seen if what.then is None else await act(world, what.then, monkeypatch, capsys)
    if isinstance(what, Join):
        newcomer = Person(world.app, world.channel, NEWCOMER, what.name)
        await newcomer.send(f"/start {ids['invite']}")
        return [s.reply.text for s in world.channel.sent if s.chat_id == ADMIN]
    return _cli(world, what, monkeypatch, capsys)


def _cli(
    world: World, what: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    world.app.db.dispose()
    if what.database == "corrupt":
        world.path.write_bytes(b"day khong phai co so du lieu\x00" * 500)
    elif what.database == "truncated":
        data = world.path.read_bytes()
        world.path.write_bytes(data[:4096] + b"\x00" * 4096 + data[8192:12288])
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{world.path}")
    monkeypatch.setenv("DATABASE_BUSY_TIMEOUT_SECONDS", "0.05")
    holder = sqlite3.connect(world.path, isolation_level=None)
    if what.database == "locked":
        holder.execute("BEGIN IMMEDIATE")  # the bot, in the middle of a write
    try:
        capsys.readouterr()
        code = main([arg.format(**world.ids) for arg in what.argv])
        out = capsys.readouterr()
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert code == what.code, out
    return [out.err + out.out]
