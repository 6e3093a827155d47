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
from handlers.approval import propose_deadlines
from handlers.audit import actor_of, record, target_vi, value_vi
from handlers.context import Caller, Request
from storage.db import Database
from storage.repos.audit import Change, entries
from storage.repos.audit import record as record_change
from storage.repos.deadlines import deadlines
from tests.fakes.channel import FakeChannel
from tests.support import TZ, Person, local
from tests.support_office import add_branches, join, make_admin, store_document
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


def actions(app: App) -> list[tuple[str, str, str]]:
    """(actor, action, target) of every entry, oldest first."""
    return [(e.actor, e.action, e.target) for e in entries(app.db)]


async def test_the_office_day_is_recorded_with_who_did_it(
    app: App, channel: FakeChannel, clock: FakeClock
) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    hoa = await join(app, channel, admin, "11", "A1")
    (added,) = await admin.send("/hanmoi 20/5/2024 Báo cáo quý II")
    deadline_id = int(added.split("#")[1].split(" ")[0])
    assert (await hoa.send("đã nộp"))[0].startswith("Đã ghi nhận")
    assert (await hoa.send("hủy"))[0].startswith("Đã hoàn tác")
    assert (await admin.send(f"/mien {deadline_id} B2"))[0].startswith("Đã miễn")
    assert "Đã dời" in (await admin.send(f"/doihan {deadline_id} 25/5/2024"))[0]
    await admin.send(f"/mien {deadline_id} B2")  # again: nothing changes, nothing recorded
    office, a1 = "Văn phòng (Văn phòng, fake:1)", "Bí thư A1 (chi bộ A1, fake:11)"
    assignment = f"deadline:{deadline_id}/A1"
    assert actions(app) == [
        (office, "branch_added", "branch:A1"),
        (office, "branch_added", "branch:B2"),
        (office, "invited", "branch:A1"),
        ("Bí thư A1 (chưa đăng ký, fake:11)", "joined", "branch:A1"),
        (office, "deadline_added", f"deadline:{deadline_id}"),
        (a1, "confirmed", assignment),
        (a1, "undone", assignment),
        (office, "exempted", f"deadline:{deadline_id}"),
        (office, "date_changed", f"deadline:{deadline_id}"),
    ]
    log = entries(app.db)
    invite_id = log[2].after["invite"]
    assert log[3].after == {"role": "secretary", "invite": invite_id}  # joined through it
    assert log[5].before == {"state": "pending", "submitted_at": None}
    assert log[5].after == {
        "state": "submitted",
        "submitted_at": "2024-05-02T09:00:00+07:00",
        "due": "2024-05-20T17:00:00+07:00",
        "period": None,
    }
    assert log[7].before == {"exempt": []} and log[7].after["exempt"] == ["B2"]
    assert log[8].before == {"due": "2024-05-20T17:00:00+07:00"}
    (shown,) = await admin.send("/nhatky 1")
    assert shown.endswith(
        f"Văn phòng (Văn phòng, fake:1): đổi ngày hạn #{deadline_id} (trước: hạn: 17:00 "
        "20/05/2024; sau: việc: Báo cáo quý II, hạn: 17:00 25/05/2024)"
    )


async def test_approving_and_discarding_proposals_is_recorded(
    app: App, channel: FakeChannel
) -> None:
    admin = make_admin(app, channel)
    document_id = store_document(app)
    propose_deadlines(app.ctx, document_id)
    first, second, third = (d.id for d in deadlines(app.db, ("proposed",)))
    assert (await admin.send(f"/duyet {first}"))[0].startswith("Đã duyệt")
    assert (await admin.press(f"apx:{second}"))[0].startswith("Đã bỏ qua")
    await admin.send(f"/duyet {first}")  # already approved: nothing recorded
    await admin.send(f"/duyet {third}")  # no date: asks for one, nothing recorded
    log = entries(app.db)
    assert [(e.action, e.target) for e in log] == [
        ("approved", f"deadline:{first}"),
        ("discarded", f"deadline:{second}"),
    ]
    assert log[0].before == {"status": "proposed"}
    assert log[0].after["due"] == "2024-05-10T17:00:00+07:00"


def test_cli_changes_are_recorded_as_the_login(
    app: App, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", app.settings.database_url)
    monkeypatch.setenv("USER", "hoa")
    monkeypatch.setenv("LOGNAME", "hoa")
    assert main(["branch", "add", "Chi bộ Trường A", "--code", "A1"]) == 0
    assert main(["invite", "A1"]) == 0
    assert main(["deadline", "add", "--title", "Báo cáo năm", "--due", "2099-11-10"]) == 0
    assert main(["export", "--xlsx", str(tmp_path / "bc.xlsx")]) == 0
    assert [(a, act) for a, act, _ in actions(app)] == [
        ("cli:hoa", "branch_added"),
        ("cli:hoa", "invited"),
        ("cli:hoa", "deadline_added"),
        ("cli:hoa", "exported"),
    ]
    assert entries(app.db)[3].target == "file:bc.xlsx"
