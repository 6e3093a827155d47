"""The audit log: append-only in the database, /nhatky in chat, `danvan audit`, the Excel sheet."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from bot.app import App
from bot.cli import main
from bot.export import write_xlsx
from core.clock import FakeClock
from core.messages import Incoming
from handlers import texts
from handlers.audit import actor_of, record, target_vi, value_vi
from handlers.context import Caller, Request
from storage.db import Database
from storage.repos.audit import Change, entries
from storage.repos.audit import record as record_change
from tests.fakes.channel import FakeChannel
from tests.support import TZ, Person, local
from tests.support_office import make_admin
from tests.support_pg import fresh_pg_database

HOA = "Nguyễn Thị Hoa (Văn phòng, fake:1)"


def seed(app: App, clock: FakeClock) -> None:
    """Three changes on two days, as the office makes them."""
    record(app.ctx, HOA, "invited", "branch:A1", after={"role": "secretary", "branch": "A1"})
    clock.advance(timedelta(days=1))
    record(
        app.ctx,
        "Trần Văn Nam (chi bộ A1, telegram:77)",
        "joined",
        "branch:A1",
        after={"invite": "A1 (secretary)", "chat": "telegram:77"},
    )
    record(
        app.ctx,
        HOA,
        "date_changed",
        "deadline:3",
        before={"due": "2024-05-10T17:00:00+07:00"},
        after={"due": "2024-05-20T17:00:00+07:00"},
    )


def test_entries_come_back_oldest_first_with_their_values(app: App, clock: FakeClock) -> None:
    seed(app, clock)
    found = entries(app.db)
    assert [(e.action, e.target) for e in found] == [
        ("invited", "branch:A1"),
        ("joined", "branch:A1"),
        ("date_changed", "deadline:3"),
    ]
    assert found[2].before == {"due": "2024-05-10T17:00:00+07:00"}
    assert found[0].at == local(2024, 5, 2, 9, 0)
    assert [e.action for e in entries(app.db, limit=2)] == ["joined", "date_changed"]
    since = entries(app.db, since=local(2024, 5, 3, 0, 0))
    assert [e.action for e in since] == ["joined", "date_changed"]


def assert_append_only(db: Database) -> None:
    """Neither UPDATE nor DELETE gets through, whoever runs it."""
    record_change(db, Change("cli:hoa", "exported", "file:a.xlsx"), local(2024, 5, 2, 9))
    for statement in ("UPDATE audit_log SET actor = 'ai đó'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), db.session() as session:
            session.execute(text(statement))
    assert [e.actor for e in entries(db)] == ["cli:hoa"]


def test_the_database_refuses_to_change_or_delete_entries(app: App) -> None:
    assert_append_only(app.db)


def test_postgresql_refuses_too() -> None:
    with fresh_pg_database() as url:
        db = Database(url)
        db.upgrade()
        assert_append_only(db)
        db.dispose()


def test_actor_names_the_member_branch_and_chat(app: App) -> None:
    msg = Incoming("telegram", "77", "77", display_name="Trần Văn Nam")
    secretary = Caller(5, "secretary", 1, "A1", "Chi bộ Trường A", "Trần Văn Nam")
    assert actor_of(Request(msg, secretary, app.ctx)) == "Trần Văn Nam (chi bộ A1, telegram:77)"
    office = Caller(None, "admin")
    assert actor_of(Request(msg, office, app.ctx)) == "Trần Văn Nam (Văn phòng, telegram:77)"
    assert actor_of(Request(msg, None, app.ctx)) == "Trần Văn Nam (chưa đăng ký, telegram:77)"


async def test_admins_read_the_log_in_chat(
    app: App, channel: FakeChannel, clock: FakeClock, stranger: Person
) -> None:
    admin = make_admin(app, channel)
    assert await admin.send("/nhatky") == ["Nhật ký chưa ghi thao tác nào."]
    seed(app, clock)
    (log,) = await admin.send("/nhatky 2")
    assert log.split("\n") == [
        "Nhật ký 2 thao tác gần nhất (cũ trước, mới sau):",
        "• 03/05/2024 09:00 — Trần Văn Nam (chi bộ A1, telegram:77): tham gia chi bộ A1 "
        "(mã mời: A1 (secretary), chat: telegram:77)",
        "• 03/05/2024 09:00 — Nguyễn Thị Hoa (Văn phòng, fake:1): đổi ngày hạn #3 "
        "(trước: hạn: 17:00 10/05/2024; sau: hạn: 17:00 20/05/2024)",
    ]
    assert len((await admin.send("/nhatky"))[0].split("\n")) == 4
    for bad in ("/nhatky 0", "/nhatky 101", "/nhatky mười", "/nhatky ²"):
        assert await admin.send(bad) == [
            "Cách dùng: /nhatky [số thao tác gần nhất, tối đa 100], ví dụ /nhatky 50."
        ]
    assert await stranger.send("/nhatky") == [texts.NOT_REGISTERED]


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    """Run the CLI; its JSON output."""
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_prints_the_log_as_lines_and_json(
    app: App, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(app, clock)
    monkeypatch.setenv("DATABASE_URL", app.settings.database_url)
    rows = cli_json(capsys, "audit", "--json")
    assert rows[0] == {  # type: ignore[index]
        "at": "2024-05-02T09:00:00+07:00",
        "actor": HOA,
        "action": "invited",
        "target": "branch:A1",
        "before": None,
        "after": {"branch": "A1", "role": "secretary"},
    }
    assert [r["action"] for r in cli_json(capsys, "audit", "--since", "2024-05-03", "--json")] == [  # type: ignore[attr-defined]
        "joined",
        "date_changed",
    ]
    assert main(["audit", "--limit", "1"]) == 0
    assert capsys.readouterr().out == (
        "03/05/2024 09:00 — Nguyễn Thị Hoa (Văn phòng, fake:1): đổi ngày hạn #3 "
        "(trước: hạn: 17:00 10/05/2024; sau: hạn: 17:00 20/05/2024)\n"
    )
    assert main(["audit", "--since", "2099-01-01"]) == 0
    assert capsys.readouterr().out == "Nhật ký chưa ghi thao tác nào từ ngày này.\n"
    with pytest.raises(SystemExit):
        main(["audit", "--since", "3/5/2024"])
    assert "--since: cần ngày dạng YYYY-MM-DD, nhận được '3/5/2024'" in capsys.readouterr().err


def test_the_workbook_has_the_log_sheet(app: App, clock: FakeClock, tmp_path: Path) -> None:
    seed(app, clock)
    path = tmp_path / "tinh-hinh.xlsx"
    write_xlsx(app.db, path, clock.now(), TZ)
    sheet = openpyxl.load_workbook(path)["Nhật ký"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Trước", "Sau"]
    assert rows[1][0] == local(2024, 5, 2, 9).replace(tzinfo=None)
    assert rows[3][1:] == [
        HOA,
        "đổi ngày",
        "hạn #3",
        "hạn: 17:00 10/05/2024",
        "hạn: 17:00 20/05/2024",
    ]
    assert len(rows) == 4


def test_targets_read_as_the_office_writes_them() -> None:
    assert target_vi("deadline:12") == "hạn #12"
    assert target_vi("deadline:12/A1") == "hạn #12, chi bộ A1"
    assert target_vi("document:34-HD.docx") == "văn bản 34-HD.docx"
    assert target_vi("Văn phòng") == "Văn phòng"
    assert value_vi({"due": "2024-05-20T10:00:00+00:00", "branches": ["A1", "B2"]}, TZ) == (
        "hạn: 17:00 20/05/2024, chi bộ: A1, B2"
    )
    assert value_vi("x" * 500).endswith("…") and len(value_vi("x" * 500)) == 120
