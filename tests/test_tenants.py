"""Two departments on one deployment: each office sees only its own rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bot.app import App
from bot.cli import main
from core.clock import FakeClock
from handlers.context import scoped_context
from handlers.ingest import ingest_paths
from storage.db import Database
from storage.repos import audit, deadlines
from storage.repos.assignments import assignment_views
from storage.repos.departments import add_department, document_ids, list_departments
from storage.repos.documents import count_documents
from storage.repos.members import bind_chat, members
from storage.repos.org import list_branches
from tests.fakes.channel import FakeChannel
from tests.support import SEEDS, Person, local
from tests.support_office import add_branches, join

ADMIN_A, ADMIN_B = "801", "802"
ONLY_B = "000_f74942306add2ba5.txt"  # 34-HD/ĐU, which implements 89-KH/TU


async def _office(app: App, channel: FakeChannel, code: str, chat: str) -> tuple[int, Person]:
    department, _ = add_department(app.db, code, f"Đảng ủy {code}", app.ctx.clock.now())
    assert department.id is not None
    bind_chat(app.db.scoped(department.id), "fake", chat, "admin", None, f"Văn phòng {code}")
    admin = Person(app, channel, chat, f"Văn phòng {code}")
    await add_branches(admin, ("A1", f"Chi bộ A1 của {code}"))
    return department.id, admin


@pytest.fixture
async def offices(app: App, channel: FakeChannel) -> dict[str, Any]:
    """Departments "so-a" (every seed document) and "so-b" (one), each with a branch A1,
    its secretary, and one approved deadline for all its branches."""
    a, admin_a = await _office(app, channel, "so-a", ADMIN_A)
    b, admin_b = await _office(app, channel, "so-b", ADMIN_B)
    sec_a = await join(app, channel, admin_a, "901", "A1")
    sec_b = await join(app, channel, admin_b, "902", "A1")
    for department, paths in ((a, [SEEDS]), (b, [SEEDS / ONLY_B])):
        ctx = scoped_context(app.ctx, _caller(department))
        assert not ingest_paths(ctx, paths).errors
    for department, title in ((a, "Báo cáo quý của sở A"), (b, "Báo cáo tháng của sở B")):
        await _deadline(app, department, title)
    return {"a": a, "b": b, "admin_a": admin_a, "admin_b": admin_b, "sec_a": sec_a, "sec_b": sec_b}


def _caller(department: int) -> Any:
    from handlers.context import Caller

    return Caller(None, "admin", department_id=department)


async def _deadline(app: App, department: int, title: str) -> None:
    from storage.models.org import Deadline

    now = app.ctx.clock.now()
    db = app.db.scoped(department)
    due = datetime(2024, 6, 28, 10, tzinfo=UTC)
    deadlines.add_deadline(db, Deadline(title=title, due_at=due, status="approved",
                                        created_at=now, approved_at=now))  # fmt: skip
    # The scheduler's sweep runs from no department: each deadline reaches its own branches.
    deadlines.ensure_all_assignments(app.db, now, app.ctx.tz)


async def test_each_office_sees_its_own_status_and_deadlines(offices: dict[str, Any]) -> None:
    status_a = "\n".join(await offices["admin_a"].send("/tinhhinh"))
    status_b = "\n".join(await offices["admin_b"].send("/tinhhinh"))
    assert "sở A" in status_a and "sở B" not in status_a
    assert "sở B" in status_b and "sở A" not in status_b
    tasks_b = "\n".join(await offices["sec_b"].send("/viec"))
    assert "sở B" in tasks_b and "sở A" not in tasks_b


async def test_lookups_and_answers_see_only_the_department_documents(
    offices: dict[str, Any],
) -> None:
    (in_a,) = await offices["sec_a"].send("kế hoạch thủ đức 2023")
    assert "002_0c8db8813ae77d4b.txt" in in_a
    (in_b,) = await offices["sec_b"].send("kế hoạch thủ đức 2023")
    assert "002_0c8db8813ae77d4b.txt" not in in_b
    (number_b,) = await offices["sec_b"].send("34 hd du")
    assert number_b.startswith("Hướng dẫn 34-HD/ĐU") and ONLY_B in number_b
    (cited_b,) = await offices["sec_b"].send("kh 89")
    assert "34-HD/ĐU" in cited_b


async def test_audit_log_is_per_department(offices: dict[str, Any]) -> None:
    log_b = "\n".join(await offices["admin_b"].send("/nhatky"))
    assert "so-b" in log_b or "Chi bộ A1 của so-b" in log_b
    assert "so-a" not in log_b


def _audit_ids(db: Database) -> list[int]:
    from sqlmodel import col, select

    from storage.models.audit import AuditEntry

    assert audit.entries(db)  # what /nhatky reads goes through the same scoped session
    with db.session() as session:
        ids = session.exec(select(AuditEntry.id).order_by(col(AuditEntry.id))).all()
        return [int(i or 0) for i in ids]


def _listings() -> list[tuple[str, Callable[[Database], list[Any]]]]:
    return [
        ("branches", lambda db: [(r.id, r.name) for r in list_branches(db)]),
        ("members", lambda db: [(r.id, r.display_name) for r in members(db, with_retired=True)]),
        ("deadlines", lambda db: [(d.id, d.title) for d in deadlines.deadlines(db)]),
        ("proposals", lambda db: [p.deadline.id for p in deadlines.proposals(db)]),
        # Per document: an id and how many wait, counted in the department only.
        ("proposal_counts", lambda db: [(d, n) for d, _, n in deadlines.proposal_counts(db)]),
        ("assignments", lambda db: [v.assignment_id for v in assignment_views(db)]),
        ("audit", _audit_ids),
        ("documents", lambda db: sorted(document_ids(db))),
    ]


@pytest.mark.parametrize(("name", "listing"), _listings(), ids=[n for n, _ in _listings()])
async def test_no_listing_returns_another_department_rows(
    app: App, offices: dict[str, Any], name: str, listing: Callable[[Database], list[Any]]
) -> None:
    every = set(map(repr, listing(app.db)))
    seen_a = set(map(repr, listing(app.db.scoped(offices["a"]))))
    seen_b = set(map(repr, listing(app.db.scoped(offices["b"]))))
    # 34-HD/ĐU proposes nothing
    assert seen_a and (seen_b or name in ("proposals", "proposal_counts")), name
    assert not seen_a & seen_b, name
    assert seen_a | seen_b <= every


async def test_a_secretary_cannot_confirm_another_office_assignment(
    app: App, offices: dict[str, Any]
) -> None:
    (other,) = assignment_views(app.db.scoped(offices["a"]))
    replies = await offices["sec_b"].press(f"done:{other.assignment_id}")
    assert all("sở A" not in r for r in replies)
    (still,) = assignment_views(app.db.scoped(offices["a"]))
    assert still.state == "pending"


async def test_department_cli_and_counts(
    app: App,
    offices: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", app.settings.database_url)
    rows = {r.code: r for r in list_departments(app.db)}
    assert rows["so-a"].documents == 5 and rows["so-b"].documents == 1
    assert count_documents(app.db.scoped(offices["b"])) == 1
    capsys.readouterr()
    assert main(["branch", "list", "--json", "--department", "so-b"]) == 0
    assert "Chi bộ A1 của so-b" in capsys.readouterr().out
    assert main(["branch", "list", "--department", "khong-co"]) == 2
    assert "Không có đơn vị" in capsys.readouterr().err


def test_migration_moves_existing_rows_into_the_default_department(tmp_path: Path) -> None:
    from alembic import command

    from storage.db import alembic_config

    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(db.engine), "0016")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO branches (code, name, active, created_at) "
                          "VALUES ('A1', 'Chi bộ A1', 1, '2024-01-01')"))  # fmt: skip
    db.upgrade()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT department_id FROM branches")).scalar() == 1
        assert conn.execute(text("SELECT code FROM departments")).scalar() == "mac-dinh"
    db.dispose()


def _to(channel: FakeChannel, chat: str, kind: str) -> str:
    """Everything of one kind a chat received."""
    sent = [s.reply.text for s in channel.sent if s.chat_id == chat and s.reply.kind == kind]
    return "\n".join(sent)


async def test_each_office_hears_only_of_its_own_branches(
    app: App, channel: FakeChannel, clock: FakeClock, offices: dict[str, Any]
) -> None:
    from bot.scheduler import ReminderScheduler

    scheduler = ReminderScheduler(app)
    await scheduler.tick()  # the notices, weeks ahead
    clock.set(local(2024, 7, 1, 8, 30))  # Monday after the due Friday: overdue, digest day
    await scheduler.tick()
    for mine, theirs, chat in (("sở A", "sở B", ADMIN_A), ("sở B", "sở A", ADMIN_B)):
        digest, alert = _to(channel, chat, "digest"), _to(channel, chat, "overdue_alert")
        assert mine in digest and theirs not in digest
        assert mine in alert and theirs not in alert


async def test_a_join_is_told_only_to_its_own_office(
    channel: FakeChannel, offices: dict[str, Any]
) -> None:
    assert "so-a" in _to(channel, ADMIN_A, "notice")
    assert "so-a" not in _to(channel, ADMIN_B, "notice")
    assert "so-b" in _to(channel, ADMIN_B, "notice")


async def test_cited_by_counts_only_the_department_documents_even_under_a_shared_file_name(
    app: App, channel: FakeChannel, offices: dict[str, Any], tmp_path: Path
) -> None:
    c, admin_c = await _office(app, channel, "so-c", "803")
    sec_c = await join(app, channel, admin_c, "903", "A1")
    # Its own plan, under the very file name that cites 89-KH/TU in the other offices.
    (tmp_path / ONLY_B).write_text(
        "ĐẢNG ỦY PHƯỜNG AN KHÁNH\n\nSố 12-KH/ĐU\n\nKẾ HOẠCH\n"
        "tổ chức hội nghị học tập chuyên đề năm 2024 cho cán bộ, đảng viên\n\n"
        "Các chi bộ tổ chức học tập trước ngày 30 tháng 9 năm 2024.\n",
        encoding="utf-8",
    )
    assert not ingest_paths(scoped_context(app.ctx, _caller(c)), [tmp_path / ONLY_B]).errors
    (cited_c,) = await sec_c.send("kh 89")
    assert "34-HD/ĐU" not in cited_c
    (cited_b,) = await offices["sec_b"].send("kh 89")
    assert "34-HD/ĐU" in cited_b


async def test_an_office_cannot_send_or_cancel_another_office_announcement(
    offices: dict[str, Any], channel: FakeChannel
) -> None:
    admin_a, admin_b = offices["admin_a"], offices["admin_b"]
    await admin_b.send("/thongbao 34 hd du")
    draft = (channel.last(ADMIN_B).reply.ref or "").split(":")[1]
    for verb in ("gui", "huy"):
        (reply,) = await admin_a.send(f"/thongbao {verb} {draft}")
        assert reply == f"Không có thông báo #{draft}."
    assert not any("34-HD/ĐU" in text for text in offices["sec_b"].inbox())
