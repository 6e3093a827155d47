"""The hostile table: every attack of the red-team pass, one row each, with the reply it gets.

A row is who does what, and what they must read back: strangers, forged buttons, other
branches' work, hostile text, hostile files, crashes and broken databases, through the
fake channel (or rendered as Telegram shows it) and through the CLI. Every row starts from
the same office (a copy of one template database): branches A1 and B2 with a secretary
each, an approved deadline assigned to both, the sample documents with their proposals.
Floods (many messages from one stranger) come with the next round: add Flood rows here.
"""

from __future__ import annotations

import asyncio
import functools
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
from bot.cli import BUSY, main
from core.messages import Reply
from core.settings import Settings
from handlers import deadline_texts as D
from handlers import org_texts as O
from handlers import texts as X
from handlers.ingest import Steps, ingest_bytes
from handlers.ingest_worker import CRASHED, Budget, memory_message, timeout_message
from handlers.org import make_invite
from handlers.upload import REFUSAL
from storage.models.documents import Document
from storage.models.org import Assignment, Branch, Deadline
from tests.fakes.channel import FakeChannel
from tests.support import SAMPLES, Person, local
from tests.support_hostile import (
    directive_text,
    docx_bomb,
    docx_with_parts,
    docx_with_photos,
    incompressible,
    long_text,
    numbered_deadlines,
    pdf_pages,
)
from tests.support_office import add_branches, join, make_admin
from tests.support_readers import make_pdf

ADMIN, A1, STRANGER = "1", "11", "900"
HTML = "<b>Hoa</b><script>alert(1)</script> & “Tổ” <i>"
SENTENCE = "Các chi bộ gửi báo cáo sơ kết về Văn phòng Đảng ủy trước ngày 15/6/2024."
# A few of the rows below depend on CLI commands or handlers fixed after this table was
# written; nothing is skipped: each row must pass.


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
class Row:
    """One hostile case: its id, the act, the reply the actor reads (exactly, at the start,
    or somewhere), and optional settings and a check of the state afterwards."""

    id: str
    act: Send | Press | Upload | Join | Cli
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


def state_of(world: World, assignment_id: int) -> str:
    """An assignment's stored state."""
    with world.app.db.session() as session:
        row = session.get(Assignment, assignment_id)
        assert row is not None
        return row.state


def b2_untouched(world: World) -> None:
    """B2's assignment is still pending: nobody outside B2 changed it."""
    assert state_of(world, world.ids["b2"]) == "pending"


def stored_as(name: str) -> Callable[[World], None]:
    """The upload is stored under this base name, and nowhere else."""

    def check(world: World) -> None:
        with world.app.db.session() as session:
            files = set(session.exec(select(Document.file)).all())
        assert name in files and not any("/" in f or "\\" in f for f in files)

    return check


def documents_intact(world: World) -> None:
    """The library still has every sample document."""
    with world.app.db.session() as session:
        assert len(session.exec(select(Document.id)).all()) == world.ids["documents"]


def nothing_fetched(world: World) -> None:
    """The bot never downloaded the file."""
    assert all(not p.fetched for p in world.people.values())


def proposals_of(name: str, count: int) -> Callable[[World], None]:
    """The uploaded document proposes exactly this many deadlines."""

    def check(world: World) -> None:
        with world.app.db.session() as session:
            doc_id = session.exec(select(Document.id).where(Document.file == name)).one()
            rows = session.exec(select(Deadline).where(Deadline.document_id == doc_id)).all()
        assert len(rows) == count

    return check


def killed_upload(name: str, data: bytes) -> Callable[[World], None]:
    """An earlier upload of the file was killed after storing it, before its proposals."""

    class Killed(BaseException):
        pass

    def propose(ctx: Any, document_id: int) -> list[Reply]:
        raise Killed

    def setup(world: World) -> None:
        with pytest.raises(Killed):
            ingest_bytes(world.app.ctx, name, data, steps=Steps(propose=propose))

    return setup


@functools.cache
def bomb(megabytes: int) -> bytes:
    """Built once per run: the 300 MB one takes a second."""
    return docx_bomb(megabytes)


def plan(*sentences: str) -> Callable[[], bytes]:
    """A plain-text plan with these deadline sentences."""
    return lambda: directive_text("thực hiện công tác kiểm tra năm 2024", list(sentences))


SHORT = Budget(0.5, 1024)
SMALL = Budget(60, 256)
ROWS = [
    # Strangers get the way in, nothing else.
    Row("stranger-lookup", Send("stranger", "kh 61"), X.NOT_REGISTERED),
    Row("stranger-question", Send("stranger", "Ban Tuyên giáo phải làm gì?"), X.NOT_REGISTERED),
    Row("stranger-admin-command", Send("stranger", "/tinhhinh"), X.NOT_REGISTERED),
    Row("stranger-audit-log", Send("stranger", "/nhatky"), X.NOT_REGISTERED),
    Row("stranger-wrong-invite", Send("stranger", "/start SAIMA123"), O.INVITE_UNKNOWN),
    Row("stranger-huge-invite", Send("stranger", "/start " + "A" * 5000), O.INVITE_UNKNOWN),
    Row("stranger-nul-invite", Send("stranger", "/start \x00\x00"), O.INVITE_UNKNOWN),
    Row("stranger-100k-message", Send("stranger", "kh 61 " * 20_000), X.NOT_REGISTERED),
    Row("stranger-forged-approve", Press("stranger", "ap:{proposal}"), X.NOT_REGISTERED),
    Row("stranger-forged-done", Press("stranger", "done:{a1}"), X.NOT_REGISTERED),
    Row(
        "stranger-file",
        Upload("stranger", "kh.docx", lambda: b"PK\x03\x04"),
        X.NOT_REGISTERED,
        after=nothing_fetched,
    ),
    # Forged buttons and office commands from a secretary.
    Row("secretary-forged-approve", Press("a1", "ap:{proposal}"), X.ADMIN_ONLY),
    Row("secretary-forged-discard", Press("a1", "apx:{proposal}"), X.ADMIN_ONLY),
    Row("secretary-forged-branch-pick", Press("a1", "apb:{proposal}:A1"), X.ADMIN_ONLY),
    Row("secretary-approve-command", Send("a1", "/duyet {proposal}"), X.ADMIN_ONLY),
    Row("secretary-audit-log", Send("a1", "/nhatky"), X.ADMIN_ONLY),
    Row("secretary-file", Upload("a1", "kh.docx", lambda: b"PK\x03\x04"), REFUSAL),
    Row("unknown-button", Press("a1", "zz:1"), X.STALE_BUTTON),
    Row("overlong-button", Press("a1", "x" * 300 + ":1"), X.STALE_BUTTON),
    Row("button-without-id", Press("a1", "done:abc"), D.UNKNOWN_ASSIGNMENT),
    # Other branches' work stays theirs.
    Row("other-branch-done", Press("a1", "done:{b2}"), D.NOT_YOURS, after=b2_untouched),
    Row("other-branch-undo", Press("a1", "undo:{b2}"), D.NOT_YOURS, after=b2_untouched),
    Row(
        "reply-to-other-branch-reminder",
        Send("a1", "đã nộp", reply_to="{b2_reminder}"),
        "Chi bộ Trường A",
        match="has",
        after=b2_untouched,
    ),
    # Hostile text.
    Row("nul-in-lookup", Send("a1", "kh\x0061"), "61-KH/ĐU", match="has"),
    Row("rtl-override-lookup", Send("a1", "\u202ekh 61\u202c"), "61-KH/ĐU", match="has"),
    Row(
        "sql-in-lookup",
        Send("a1", "kh 61'; DROP TABLE documents;--"),
        "61-KH/ĐU",
        "has",
        after=documents_intact,
    ),  # fmt: skip
    Row("100k-message", Send("a1", "x" * 100_000), X.INTERNAL_ERROR, match="not"),
    Row("html-in-name", Join(HTML), "&lt;script&gt;alert(1)&lt;/script&gt;", "has", telegram=True),
    Row(
        "html-in-title",
        Upload("admin", "html.txt", lambda: directive_text(HTML, [SENTENCE])),
        "&lt;b&gt;Hoa&lt;/b&gt;&lt;script&gt;",
        match="has",
        telegram=True,
    ),
    # Hostile files from the office (a stolen admin chat, or an honest mistake).
    Row(
        "path-traversal-name",
        Upload("admin", "../../../etc/passwd.txt", plan(SENTENCE)),
        "Đã nạp «passwd.txt» vào thư viện.",
        "starts",
        after=stored_as("passwd.txt"),
    ),  # fmt: skip
    Row(
        "windows-traversal-name",
        Upload("admin", "..\\..\\win.txt", plan(SENTENCE)),
        "Đã nạp «win.txt» vào thư viện.",
        "starts",
        after=stored_as("win.txt"),
    ),  # fmt: skip
    Row(
        "docx-bomb-30mb",
        Upload("admin", "bom30.docx", lambda: bomb(30)),
        "bom30.docx: phần word/document.xml của tệp .docx nén với tỉ lệ 1:",
        "starts",
    ),  # fmt: skip
    Row(
        "docx-bomb-300mb",
        Upload("admin", "bom300.docx", lambda: bomb(300)),
        "(DOCX_MAX_RATIO); có thể là tệp độc hại (“bom nén”).",
        "has",
    ),  # fmt: skip
    Row(
        "docx-5000-parts",
        Upload("admin", "phan.docx", lambda: docx_with_parts(5000)),
        "phan.docx: tệp .docx chứa 5.0",
        "starts",
    ),  # fmt: skip
    Row(
        "docx-unpacked-too-big",
        Upload("admin", "anh.docx", lambda: docx_with_photos(3 << 20)),
        "(DOCX_MAX_UNPACKED_MB); hãy giảm dung lượng ảnh",
        "has",
        settings={"docx_max_unpacked_mb": 2},
    ),  # fmt: skip
    Row(
        "txt-50000-lines",
        Upload("admin", "dai.txt", lambda: long_text(50_000)),
        "dai.txt: văn bản dài 50.005 dòng, vượt giới hạn 20.000 dòng (MAX_TEXT_LINES); "
        "hãy tách thành nhiều tệp.",
    ),  # fmt: skip
    Row(
        "txt-too-big",
        Upload("admin", "to.txt", lambda: b"a" * (6 << 20)),
        "to.txt: tệp .txt dung lượng 6,0 MB, vượt giới hạn 5,0 MB (TXT_MAX_MB).",
    ),  # fmt: skip
    Row(
        "pdf-too-many-pages",
        Upload("admin", "dai.pdf", lambda: pdf_pages(3)),
        "dai.pdf: tệp PDF có 3 trang, vượt giới hạn 2 trang (PDF_MAX_PAGES); "
        "hãy tách thành nhiều tệp.",
        settings={"pdf_max_pages": 2},
    ),  # fmt: skip
    Row(
        "parse-over-time",
        Upload("admin", "cham.txt", lambda: long_text(15_000)),
        f"cham.txt: {timeout_message(SHORT)}",
        settings={"parse_timeout_seconds": 0.5},
    ),  # fmt: skip
    Row(
        "parse-over-memory",
        Upload("admin", "phinh.docx", lambda: bomb(30)),
        f"phinh.docx: {memory_message(SMALL)}",
        settings={"parse_memory_mb": 256, "docx_max_ratio": 1e9},
    ),  # fmt: skip
    Row(
        "announced-too-big",
        Upload("admin", "lon.pdf", lambda: b"%PDF", size=30 << 20),
        "lon.pdf: tệp dung lượng 30,0 MB vượt giới hạn 20,0 MB",
        "starts",
        after=nothing_fetched,
    ),  # fmt: skip
    Row(
        "exe-named-docx",
        Upload("admin", "chi-thi.docx", lambda: b"MZ" + incompressible(4096)),
        "chi-thi.docx: tệp có đuôi .docx nhưng nội dung là",
        "starts",
    ),  # fmt: skip
    Row(
        "empty-file",
        Upload("admin", "rong.txt", lambda: b""),
        "rong.txt: tệp rỗng, không có nội dung.",
    ),  # fmt: skip
    Row(
        "password-pdf",
        Upload("admin", "mat.pdf", lambda: make_pdf(["Mật"], password="x")),
        "mat.pdf: PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi gửi lại.",
    ),  # fmt: skip
    Row(
        "same-sentence-five-times",
        Upload("admin", "lap.txt", plan(*[SENTENCE] * 5)),
        "• Hạn tìm thấy: 1\n",
        "has",
        after=proposals_of("lap.txt", 1),
    ),  # fmt: skip
    Row(
        "too-many-deadlines",
        Upload("admin", "nhieu.txt", plan(*numbered_deadlines(12))),
        "Lưu ý: Văn bản có 12 hạn khác nhau; chỉ giữ 5 hạn đầu tiên để đề xuất",
        "has",
        settings={"max_deadlines_per_document": 5},
        after=proposals_of("nhieu.txt", 5),
    ),  # fmt: skip
    # Crashes: nothing lost, nothing half-told.
    Row(
        "killed-before-proposals",
        Upload("admin", "kh.txt", plan(SENTENCE)),
        "Đã nạp «kh.txt» vào thư viện.",
        "starts",
        before=killed_upload("kh.txt", plan(SENTENCE)()),
        after=proposals_of("kh.txt", 1),
    ),  # fmt: skip
    Row(
        "cli-busy-database",
        Cli(("branch", "add", "Chi bộ D", "--code", "D4"), 75, "locked"),
        f"{BUSY}\n",
    ),  # fmt: skip
    Row("cli-busy-ingest", Cli(("ingest", "{new_file}"), 75, "locked"), f"{BUSY}\n"),
    Row(
        "cli-corrupt-database",
        Cli(("deadline", "list"), 2, "corrupt"),
        "Không mở được cơ sở dữ liệu (DATABASE_URL): file is not a database\n",
    ),  # fmt: skip
    Row(
        "chat-corrupt-database",
        Cli(("chat",), 2, "corrupt"),
        "Không mở được cơ sở dữ liệu (DATABASE_URL): file is not a database\n",
    ),  # fmt: skip
    Row(
        "cli-truncated-database",
        Cli(("status",), 2, "truncated"),
        "Không mở được cơ sở dữ liệu (DATABASE_URL): database disk image is malformed\n",
    ),  # fmt: skip
    Row(
        "cli-audit-corrupt-database",
        Cli(("audit", "--json"), 2, "corrupt"),
        "Không mở được cơ sở dữ liệu (DATABASE_URL): file is not a database\n",
    ),  # fmt: skip
]
assert CRASHED  # the child-crash refusal is a unit test (tests/test_ingest_worker.py)


def settings_for(path: Path, **overrides: Any) -> Settings:
    """Settings on one database file, no samples."""
    return Settings(
        database_url=f"sqlite:///{path}",
        samples_dir=str(path.parent / "none"),
        _env_file=None,
        **overrides,
    )  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The office every row starts from, saved once."""
    path = tmp_path_factory.mktemp("hostile") / "office.db"
    return path, asyncio.run(_build_office(path))


async def _build_office(path: Path) -> dict[str, Any]:
    from core.clock import FakeClock
    from handlers.ingest import ingest_paths
    from storage.repos.messages import record_sent

    app = build_app(settings_for(path), clock=FakeClock(local(2024, 5, 2, 9)))
    channel = FakeChannel()
    app.add_channel(channel)
    ingest_paths(app.ctx, [SAMPLES])
    admin = make_admin(app, channel, ADMIN)
    await add_branches(admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    await add_branches(admin, ("C3", "Chi bộ Trường C"))
    await join(app, channel, admin, A1, "A1")
    await join(app, channel, admin, "22", "B2")
    (approved,) = await admin.send("/hanmoi 20/5/2024 Báo cáo quý II")
    assert approved.startswith("Đã duyệt"), approved
    with app.db.session() as session:
        by_code = dict(session.exec(select(Branch.code, Branch.id)).all())
        assignment = {
            branch: session.exec(select(Assignment.id).where(Assignment.branch_id == branch)).one()
            for branch in (by_code["A1"], by_code["B2"])
        }
        proposal = session.exec(select(Deadline.id).where(Deadline.status == "proposed")).first()
        documents = len(session.exec(select(Document.id)).all())
    a1, b2 = assignment[by_code["A1"]], assignment[by_code["B2"]]
    # B2's reminder, as the scheduler records it: message 9001 in B2's chat.
    record_sent(app.db, "fake", "22", ["9001"], app.ctx.clock.now(), f"assignment:{b2}", "reminder")
    code = make_invite(app.ctx, "C3", "secretary")["code"]
    app.db.dispose()
    assert not path.with_name(path.name + "-wal").exists()  # all in the one file we copy
    ids = {"a1": a1, "b2": b2, "proposal": proposal, "invite": code, "b2_reminder": "9001"}
    new_file = path.with_name("moi.txt")
    new_file.write_bytes(plan(SENTENCE)())
    return {**ids, "documents": documents, "new_file": str(new_file)}


@pytest.fixture
def world(
    template: tuple[Path, dict[str, Any]], tmp_path: Path, request: pytest.FixtureRequest
) -> World:
    """A fresh copy of the office for one row, with the row's settings."""
    from core.clock import FakeClock

    row: Row = request.param
    path = tmp_path / "office.db"
    shutil.copy(template[0], path)
    app = build_app(
        settings_for(path, **row.settings), clock=FakeClock(local(2024, 5, 3, 9)), migrate=False
    )
    channel = FakeChannel()
    app.add_channel(channel)
    people = {
        who: Person(app, channel, chat, name)
        for who, chat, name in (("admin", ADMIN, "Văn phòng"), ("a1", A1, "Bí thư A1"),
                                ("stranger", STRANGER, ""))
    }  # fmt: skip
    return World(app, channel, template[1], people, path)


@pytest.mark.parametrize("world", ROWS, ids=[r.id for r in ROWS], indirect=True)
async def test_hostile(
    world: World,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    row: Row = request.node.callspec.params["world"]
    if row.before is not None:
        row.before(world)
    replies = await _act(world, row.act, monkeypatch, capsys)
    seen = [_rendered(r) for r in replies] if row.telegram else replies
    assert seen, "the bot must answer"
    first = seen[0]
    if row.match == "is":
        assert first == row.expect
    elif row.match == "starts":
        assert first.startswith(row.expect), first
    elif row.match == "has":
        assert any(row.expect in text for text in seen), seen
    else:
        assert row.expect not in seen and len(first) <= 4096, first
    if row.after is not None:
        row.after(world)
    world.app.db.dispose()


def _rendered(text: str) -> str:
    return "".join(part.text for part in render(Reply(text)))


async def _act(
    world: World,
    act: Send | Press | Upload | Join | Cli,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> list[str]:
    ids = world.ids
    if isinstance(act, Send):
        person = world.people[act.who]
        reply_to = act.reply_to.format(**ids) or None
        return await person.send(act.text.format(**ids) if "{" in act.text else act.text,
                                 reply_to=reply_to)  # fmt: skip
    if isinstance(act, Press):
        return await world.people[act.who].press(act.data.format(**ids))
    if isinstance(act, Upload):
        return await world.people[act.who].send_file(act.name, act.data(), size=act.size)
    if isinstance(act, Join):
        newcomer = Person(world.app, world.channel, "33", act.name)
        await newcomer.send(f"/start {ids['invite']}")
        return [s.reply.text for s in world.channel.sent if s.chat_id == ADMIN]
    return _cli(world, act, monkeypatch, capsys)


def _cli(
    world: World, act: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    world.app.db.dispose()
    if act.database == "corrupt":
        world.path.write_bytes(b"day khong phai co so du lieu\x00" * 500)
    elif act.database == "truncated":
        data = world.path.read_bytes()
        world.path.write_bytes(data[:4096] + b"\x00" * 4096 + data[8192:12288])
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{world.path}")
    monkeypatch.setenv("DATABASE_BUSY_TIMEOUT_SECONDS", "0.05")
    holder = None
    if act.database == "locked":
        holder = sqlite3.connect(world.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    try:
        capsys.readouterr()
        code = main([arg.format(**world.ids) for arg in act.argv])
        out = capsys.readouterr()
    finally:
        if holder is not None:
            holder.execute("ROLLBACK")
            holder.close()
    assert code == act.code, out
    return [out.err + out.out]
