"""The hostile table: every attack of the red-team pass, one row each, with the reply it gets.

A row is who does what, and what they must read back: strangers, forged buttons, other
branches' work, hostile text, hostile files, crashes and broken databases, through the
fake channel (or rendered as Telegram shows it) and through the CLI. Every row starts from
the same office (tests/support_hostile_world.py, a copy of one template database):
branches A1 and B2 with a secretary each, an approved deadline assigned to both, a
reminder sent to B2, the sample documents with their proposals, an invite for C3.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.cli import BUSY
from bot.flood import SLOW_DOWN
from core.messages import Reply
from handlers import approval_texts as A
from handlers import confirm_texts as C
from handlers import deadline_texts as D
from handlers import org_texts as O
from handlers import texts as X
from handlers.announce import USAGE as ANNOUNCE_USAGE
from handlers.ingest import Steps, ingest_bytes
from handlers.ingest_worker import Budget, memory_message, timeout_message
from handlers.upload import REFUSAL
from storage.models.documents import Document
from storage.models.org import Assignment, Deadline
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
from tests.support_hostile_world import (
    Cli,
    Flood,
    Join,
    Press,
    Row,
    Send,
    Upload,
    World,
    act,
    build_office,
    open_world,
    rendered,
)
from tests.support_readers import make_pdf

HTML = "<b>Hoa</b><script>alert(1)</script> & “Tổ” <i>"
SENTENCE = "Các chi bộ gửi báo cáo sơ kết về Văn phòng Đảng ủy trước ngày 15/6/2024."
BROKEN = "Không mở được cơ sở dữ liệu (DATABASE_URL): "
NOT_DB = "file is not a database\n"
SHORT = Budget(0.5, 1024)
SMALL = Budget(60, 256)


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


def nothing_approved(world: World) -> None:
    """Only the deadline the office approved by hand is approved."""
    with world.app.db.session() as session:
        approved = session.exec(select(Deadline.id).where(Deadline.status == "approved")).all()
    assert len(approved) == 1


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


def flood_counted(dropped: int, notices: int) -> Callable[[World], None]:
    """The flood control dropped this many messages and told the chat once."""

    def check(world: World) -> None:
        metrics = world.app.metrics
        assert metrics.flood_dropped.labels("fake")._value.get() == dropped
        assert metrics.flood_notices.labels("fake")._value.get() == notices
        told = [t for t in world.channel.texts() if t == SLOW_DOWN]
        assert len(told) == notices

    return check


@functools.cache
def bomb(megabytes: int) -> bytes:
    """Built once per run: the 300 MB one takes a second."""
    return docx_bomb(megabytes)


def plan(*sentences: str) -> Callable[[], bytes]:
    """A plain-text plan with these deadline sentences."""
    return lambda: directive_text("thực hiện công tác kiểm tra năm 2024", list(sentences))


# fmt: off
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
    Row("stranger-file", Upload("stranger", "kh.docx", lambda: b"PK\x03\x04"), X.NOT_REGISTERED,
        after=nothing_fetched),
    # Forged buttons and office commands from a secretary.
    Row("secretary-forged-approve", Press("a1", "ap:{proposal}"), X.ADMIN_ONLY),
    Row("secretary-forged-discard", Press("a1", "apx:{proposal}"), X.ADMIN_ONLY),
    Row("secretary-forged-branch-pick", Press("a1", "apb:{proposal}:A1"), X.ADMIN_ONLY),
    Row("secretary-approve-command", Send("a1", "/duyet {proposal}"), X.ADMIN_ONLY),
    Row("secretary-audit-log", Send("a1", "/nhatky"), X.ADMIN_ONLY),
    Row("secretary-forged-approve-all", Press("a1", "apall:a999"), X.ADMIN_ONLY),
    Row("secretary-forged-announce", Press("a1", "tb:ok:1"), X.ADMIN_ONLY),
    Row("secretary-retire-command", Send("a1", "/thoi 1"), X.ADMIN_ONLY),
    Row("secretary-file", Upload("a1", "kh.docx", lambda: b"PK\x03\x04"), REFUSAL),
    Row("unknown-button", Press("a1", "zz:1"), X.STALE_BUTTON),
    Row("overlong-button", Press("a1", "x" * 300 + ":1"), X.STALE_BUTTON),
    Row("button-without-id", Press("a1", "done:abc"), C.UNKNOWN_ASSIGNMENT),
    Row("button-id-past-int64", Press("a1", "done:99999999999999999999"), C.UNKNOWN_ASSIGNMENT),
    Row("undo-id-past-int64", Press("a1", "undo:99999999999999999999"), C.UNKNOWN_ASSIGNMENT),
    # Forged or mistyped ids from the office: never an apology, never another row.
    Row("approve-id-past-int64", Send("admin", "/duyet 99999999999999999999"), A.APPROVE_USAGE),
    Row("approve-button-past-int64", Press("admin", "ap:99999999999999999999"), A.APPROVE_USAGE),
    Row("approve-arabic-digits", Send("admin", "/duyet ١٢"), A.APPROVE_USAGE,
        after=nothing_approved),
    Row("bulk-approve-arabic-digits", Send("admin", "/duyet ١,٢"), A.APPROVE_USAGE,
        after=nothing_approved),
    Row("bulk-approve-past-int64", Send("admin", f"/duyet {'9' * 20},{'9' * 19}8"),
        A.APPROVE_USAGE, after=nothing_approved),
    Row("typed-bulk-approve-past-int64", Send("admin", f"duyệt {'9' * 20}, {'9' * 19}8"),
        A.APPROVE_USAGE, after=nothing_approved),
    Row("bulk-discard-past-int64", Send("admin", f"/boqua {'9' * 20},{'9' * 19}8"),
        A.APPROVE_USAGE),
    Row("suggested-day-forged", Press("admin", "apsug:{proposal}:20241399"), A.APPROVE_USAGE,
        after=nothing_approved),
    Row("proposal-card-past-int64", Press("admin", "apv:99999999999999999999"), A.APPROVE_USAGE),
    Row("announce-button-past-int64", Press("admin", "tb:ok:99999999999999999999"), ANNOUNCE_USAGE),
    Row("retire-id-past-int64", Send("admin", "/thoi 99999999999999999999"), O.RETIRE_USAGE),
    Row("exempt-id-past-int64", Send("admin", "/mien 99999999999999999999 A1"), D.EXEMPT_USAGE),
    Row("move-id-past-int64", Send("admin", "/doihan 99999999999999999999 1/6/2024"),
        D.MOVE_USAGE),
    Row("branch-pick-forged-code", Press("admin", "apb:{proposal}:../../etc"),
        D.UNKNOWN_CODES.format(codes="../../etc")),
    # Other branches' work stays theirs.
    Row("other-branch-done", Press("a1", "done:{b2}"), C.NOT_YOURS, after=b2_untouched),
    Row("other-branch-undo", Press("a1", "undo:{b2}"), C.NOT_YOURS, after=b2_untouched),
    Row("reply-to-other-branch-reminder", Send("a1", "đã nộp", reply_to="{b2_reminder}"),
        "Chi bộ Trường A", "has", after=b2_untouched),
    # Hostile text.
    Row("nul-in-lookup", Send("a1", "kh\x0061"), "61-KH/ĐU", "has"),
    Row("rtl-override-lookup", Send("a1", "\u202ekh 61\u202c"), "61-KH/ĐU", "has"),
    Row("sql-in-lookup", Send("a1", "kh 61'; DROP TABLE documents;--"), "61-KH/ĐU", "has",
        after=documents_intact),
    Row("100k-message", Send("a1", "x" * 100_000), X.INTERNAL_ERROR, "not"),
    Row("html-in-name", Join(HTML), "&lt;script&gt;alert(1)&lt;/script&gt;", "has",
        telegram=True),
    Row("html-in-title", Upload("admin", "html.txt", lambda: directive_text(HTML, [SENTENCE])),
        "&lt;b&gt;Hoa&lt;/b&gt;&lt;script&gt;", "has", telegram=True),
    # Hostile files from the office (a stolen admin chat, or an honest mistake).
    Row("path-traversal-name", Upload("admin", "../../../etc/passwd.txt", plan(SENTENCE)),
        "Đã nạp “passwd.txt” vào thư viện.", "starts", after=stored_as("passwd.txt")),
    Row("windows-traversal-name", Upload("admin", "..\\..\\win.txt", plan(SENTENCE)),
        "Đã nạp “win.txt” vào thư viện.", "starts", after=stored_as("win.txt")),
    Row("rtl-override-file-name", Upload("admin", "kh\u202egpj.txt", plan(SENTENCE)),
        "Đã nạp “khgpj.txt” vào thư viện.", "starts", after=stored_as("khgpj.txt")),
    Row("nul-in-file-name", Upload("admin", "kh\x00.txt", plan(SENTENCE)),
        "Đã nạp “kh.txt” vào thư viện.", "starts", after=stored_as("kh.txt")),
    Row("docx-bomb-30mb", Upload("admin", "bom30.docx", lambda: bomb(30)),
        "bom30.docx: phần word/document.xml của tệp .docx nén với tỉ lệ 1:", "starts"),
    Row("docx-bomb-300mb", Upload("admin", "bom300.docx", lambda: bomb(300)),
        "(DOCX_MAX_RATIO); có thể là tệp độc hại (“bom nén”).", "has"),
    Row("docx-5000-parts", Upload("admin", "phan.docx", lambda: docx_with_parts(5000)),
        "phan.docx: tệp .docx chứa 5.0", "starts"),
    Row("docx-unpacked-too-big", Upload("admin", "anh.docx", lambda: docx_with_photos(3 << 20)),
        "(DOCX_MAX_UNPACKED_MB); hãy giảm dung lượng ảnh", "has",
        settings={"docx_max_unpacked_mb": 2}),
    Row("txt-50000-lines", Upload("admin", "dai.txt", lambda: long_text(50_000)),
        "dai.txt: văn bản dài 50.005 dòng, vượt giới hạn 20.000 dòng (MAX_TEXT_LINES); "
        "hãy tách thành nhiều tệp."),
    Row("txt-too-big", Upload("admin", "to.txt", lambda: b"a" * (6 << 20)),
        "to.txt: tệp .txt dung lượng 6,0 MB, vượt giới hạn 5,0 MB (TXT_MAX_MB)."),
    Row("pdf-too-many-pages", Upload("admin", "dai.pdf", lambda: pdf_pages(3)),
        "dai.pdf: tệp PDF có 3 trang, vượt giới hạn 2 trang (PDF_MAX_PAGES); "
        "hãy tách thành nhiều tệp.", settings={"pdf_max_pages": 2}),
    Row("parse-over-time", Upload("admin", "cham.txt", lambda: long_text(15_000)),
        f"cham.txt: {timeout_message(SHORT)}", settings={"parse_timeout_seconds": 0.5}),
    Row("parse-over-memory", Upload("admin", "phinh.docx", lambda: bomb(30)),
        f"phinh.docx: {memory_message(SMALL)}",
        settings={"parse_memory_mb": 256, "docx_max_ratio": 1e9}),
    Row("announced-too-big", Upload("admin", "lon.pdf", lambda: b"%PDF", size=30 << 20),
        "lon.pdf: tệp dung lượng 30,0 MB vượt giới hạn 20,0 MB", "starts",
        after=nothing_fetched),
    Row("exe-named-docx", Upload("admin", "chi-thi.docx", lambda: b"MZ" + incompressible(4096)),
        "chi-thi.docx: tệp có đuôi .docx nhưng nội dung là", "starts"),
    Row("empty-file", Upload("admin", "rong.txt", lambda: b""),
        "rong.txt: tệp rỗng, không có nội dung."),
    Row("password-pdf", Upload("admin", "mat.pdf", lambda: make_pdf(["Mật"], password="x")),
        "mat.pdf: PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi gửi lại."),
    Row("same-sentence-five-times", Upload("admin", "lap.txt", plan(*[SENTENCE] * 5)),
        "Văn bản 15-KH/ĐU có 1 hạn nộp chờ đồng chí duyệt", "has",
        after=proposals_of("lap.txt", 1)),
    Row("too-many-deadlines", Upload("admin", "nhieu.txt", plan(*numbered_deadlines(12))),
        "Văn bản có 12 hạn nộp khác nhau; chỉ đề xuất 5 hạn đầu tiên (giới hạn "
        "MAX_DEADLINES_PER_DOCUMENT)", "has",
        settings={"max_deadlines_per_document": 5}, after=proposals_of("nhieu.txt", 5)),
    # Crashes and broken databases: nothing lost, one clear line.
    Row("killed-before-proposals", Upload("admin", "kh.txt", plan(SENTENCE)),
        "Đã nạp “kh.txt” vào thư viện.", "starts",
        before=killed_upload("kh.txt", plan(SENTENCE)()), after=proposals_of("kh.txt", 1)),
    Row("cli-busy-database", Cli(("branch", "add", "Chi bộ D", "--code", "D4"), 75, "locked"),
        f"{BUSY}\n"),
    Row("cli-busy-ingest", Cli(("ingest", "{new_file}"), 75, "locked"), f"{BUSY}\n"),
    Row("cli-corrupt-database", Cli(("deadline", "list"), 2, "corrupt"), f"{BROKEN}{NOT_DB}"),
    Row("chat-corrupt-database", Cli(("chat",), 2, "corrupt"), f"{BROKEN}{NOT_DB}"),
    Row("cli-audit-corrupt-database", Cli(("audit", "--json"), 2, "corrupt"),
        f"{BROKEN}{NOT_DB}"),
    Row("cli-truncated-database", Cli(("status",), 2, "truncated"),
        f"{BROKEN}database disk image is malformed\n"),
    # Floods: one notice, then silence, and the other chats answered as usual.
    Row("flood-stranger-20", Flood("stranger", 20), SLOW_DOWN, "has",
        after=flood_counted(dropped=15, notices=1)),
    Row("flood-secretary-25", Flood("a1", 25), SLOW_DOWN, "has",
        after=flood_counted(dropped=5, notices=1)),
    Row("flood-stranger-low-limit", Flood("stranger", 4, "/help"), SLOW_DOWN, "has",
        settings={"flood_stranger_per_minute": 3}, after=flood_counted(dropped=1, notices=1)),
    Row("flood-office-still-answered", Flood("stranger", 200, then=Send("admin", "/help")),
        "/tinhhinh", "has", after=flood_counted(dropped=195, notices=1)),
    # The office approving a batch of deadlines has its own, higher limit (60 a minute).
    Row("flood-office-batch-40", Flood("admin", 40, "/help"), SLOW_DOWN, "not",
        after=flood_counted(dropped=0, notices=0)),
    Row("flood-office-65", Flood("admin", 65, "/help"), SLOW_DOWN, "has",
        after=flood_counted(dropped=5, notices=1)),
    Row("flood-office-low-limit", Flood("admin", 30, "/help"), SLOW_DOWN, "has",
        settings={"flood_office_per_minute": 25}, after=flood_counted(dropped=5, notices=1)),
    Row("flood-office-limit-not-below-members", Flood("admin", 21, "/help"), SLOW_DOWN, "has",
        settings={"flood_office_per_minute": 5}, after=flood_counted(dropped=1, notices=1)),
]
# fmt: on


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The office every row starts from, built once."""
    path = tmp_path_factory.mktemp("hostile") / "office.db"
    return path, asyncio.run(build_office(path, plan(SENTENCE)()))


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
async def test_hostile(
    row: Row,
    template: tuple[Path, dict[str, Any]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = open_world(*template, tmp_path, row)
    if row.before is not None:
        row.before(world)
    replies = await act(world, row.act, monkeypatch, capsys)
    seen = [rendered(r) for r in replies] if row.telegram else replies
    assert seen, "the bot must answer"
    if row.match == "is":
        assert seen[0] == row.expect
    elif row.match == "starts":
        assert seen[0].startswith(row.expect), seen[0]
    elif row.match == "has":
        assert any(row.expect in text for text in seen), seen
    else:  # "not": any answer but this one, and one that fits a message
        assert row.expect not in seen and len(seen[0]) <= 4096, seen[0]
    if row.after is not None:
        row.after(world)
    world.app.db.dispose()
