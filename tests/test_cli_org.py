"""The admin CLI for branches, invites, deadlines, status and export (a stable interface)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bot.app import App
from bot.cli import main
from core.settings import Settings
from storage.repos.assignments import assignment_views
from storage.repos.deadlines import get_deadline
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import store_document


@pytest.fixture
def cli(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Any:
    """Run `danvan ...` on the test database (as another process would) and parse --json."""
    monkeypatch.setenv("DATABASE_URL", settings.database_url)

    def run(*argv: str, code: int = 0) -> Any:
        capsys.readouterr()
        assert main(list(argv)) == code
        out = capsys.readouterr().out
        return json.loads(out) if "--json" in argv and code == 0 else out

    return run


def test_branch_add_and_list(cli: Any) -> None:
    assert cli("branch", "add", "Chi bộ Trường A", "--code", "a1", "--json") == {
        "code": "A1",
        "name": "Chi bộ Trường A",
        "created": True,
    }
    assert cli("branch", "add", "Chi bộ Trường A mới", "--code", "A1", "--json")["created"] is False
    assert cli("branch", "list", "--json") == [
        {"code": "A1", "name": "Chi bộ Trường A mới", "members": 0, "active": True}
    ]
    assert "A1\tChi bộ Trường A mới\t0 thành viên" in cli("branch", "list")


async def test_invite_from_the_cli_joins_in_chat(cli: Any, app: App, channel: FakeChannel) -> None:
    cli("branch", "add", "Chi bộ Trường A", "--code", "A1")
    made = cli("invite", "A1", "--json")
    assert set(made) >= {"code", "role", "expires_at", "telegram_link"}
    assert made["role"] == "secretary" and made["telegram_link"] is None
    assert made["expires_at"].endswith("+07:00")
    (joined,) = await Person(app, channel, "10").send(f"/start {made['code']}")
    assert "vai trò bí thư của Chi bộ Trường A (mã A1)" in joined
    admin = cli("invite", "--role", "admin", "--json")
    assert admin["role"] == "admin"
    (joined,) = await Person(app, channel, "11").send(f"/start {admin['code']}")
    assert "cán bộ Văn phòng Đảng ủy" in joined


def test_invite_errors(cli: Any) -> None:
    cli("invite", "--json", code=2)
    cli("invite", "ZZ", "--json", code=1)


def test_deadline_add_creates_approved_rows_with_assignments(cli: Any, app: App) -> None:
    for code in ("A1", "B2"):
        cli("branch", "add", f"Chi bộ {code}", "--code", code)
    made = cli("deadline", "add", "--title", "Báo cáo năm", "--due", "2099-11-10", "--json")
    assert made["title"] == "Báo cáo năm"
    assert made["due"] == "2099-11-10T17:00:00+07:00"  # no time given: 17:00 local
    assert made["branches"] == ["A1", "B2"]
    views = assignment_views(app.db, deadline_id=made["id"])
    assert [(v.branch_code, v.state, v.deadline_status) for v in views] == [
        ("A1", "pending", "approved"),
        ("B2", "pending", "approved"),
    ]
    monthly = cli(
        "deadline", "add", "--title", "Báo cáo tháng", "--due", "2099-10-05T08:00",
        "--branches", "B2", "--recurrence", "monthly", "--json",
    )  # fmt: skip
    assert monthly["branches"] == ["B2"] and monthly["periods"] == ["2099-10", "2099-11", "2099-12"]


def test_deadline_add_errors(cli: Any) -> None:
    cli("branch", "add", "Chi bộ A", "--code", "A1")
    cli("deadline", "add", "--title", "X", "--due", "mai", "--json", code=2)
    cli("deadline", "add", "--title", "X", "--due", "2099-01-01", "--branches", "ZZ", code=1)
    cli("deadline", "add", "--title", "X", "--due", "2099-01-01", "--doc", "kh 1", code=1)


def test_deadline_from_a_document(cli: Any, app: App) -> None:
    doc_id = store_document(app)
    made = cli(
        "deadline", "add", "--title", "Báo cáo", "--due", "2099-01-01", "--doc", "89-KH/ĐU",
        "--json",
    )  # fmt: skip
    deadline = get_deadline(app.db, made["id"])
    assert deadline is not None and deadline.document_id == doc_id
    assert made["branches"] == []  # no branches registered yet
    cli("branch", "add", "Chi bộ A", "--code", "A1")  # a later branch still gets it
    assert [v.branch_code for v in assignment_views(app.db, deadline_id=made["id"])] == ["A1"]


def test_list_status_and_export(cli: Any, tmp_path: Path) -> None:
    cli("branch", "add", "Chi bộ Trường A", "--code", "A1")
    cli("branch", "add", "Chi bộ Trường B", "--code", "B2")
    old = cli("deadline", "add", "--title", "Báo cáo cũ", "--due", "2020-01-10", "--json")
    new = cli("deadline", "add", "--title", "Báo cáo mới", "--due", "2099-01-10", "--json")
    listing = cli("deadline", "list", "--json")
    assert [(d["id"], d["title"]) for d in listing] == [
        (old["id"], "Báo cáo cũ"),
        (new["id"], "Báo cáo mới"),
    ]
    assert listing[0]["counts"] == {
        "pending": 0,
        "submitted": 0,
        "late": 0,
        "overdue": 2,
        "exempt": 0,
    }
    assert listing[1]["due"] == "2099-01-10T17:00:00+07:00"
    rows = cli("status", str(new["id"]), "--json")
    assert [(r["deadline_id"], r["branch"], r["state"], r["submitted_at"]) for r in rows] == [
        (new["id"], "A1", "pending", None),
        (new["id"], "B2", "pending", None),
    ]
    assert len(cli("status", "--json")) == 4
    assert "B2 Chi bộ Trường B: quá hạn" in cli("status", str(old["id"]))
    cli("status", "999", "--json", code=1)
    out = tmp_path / "bao-cao.xlsx"
    assert "Đã xuất 2 hạn nộp" in cli("export", "--xlsx", str(out))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Tổng hợp" and len(book.sheetnames) == 4  # and "Nhật ký"


def test_the_same_flow_on_postgresql(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Branches, invites, deadlines, a submission and status on a real PostgreSQL."""
    from datetime import UTC, datetime

    from storage.db import Database
    from storage.repos.assignments import submit, undo
    from storage.repos.deadlines import latest_ref
    from storage.repos.org import redeem_invite
    from tests.support_pg import fresh_pg_database

    with fresh_pg_database() as url:
        monkeypatch.setenv("DATABASE_URL", url)

        def run(*argv: str) -> Any:
            capsys.readouterr()
            assert main(list(argv)) == 0
            return json.loads(capsys.readouterr().out)

        run("branch", "add", "Chi bộ Trường A", "--code", "A1", "--json")
        invite = run("invite", "A1", "--json")
        made = run("deadline", "add", "--title", "Báo cáo", "--due", "2099-03-10", "--json")
        assert run("branch", "list", "--json")[0]["code"] == "A1"
        db = Database(url)
        now = datetime.now(UTC)
        joined = redeem_invite(db, invite["code"], now, "fake", "10", "10", "Bí thư")
        assert joined.status == "ok"
        assert redeem_invite(db, invite["code"], now, "fake", "11", "11", "").status == "used"
        (view,) = assignment_views(db, deadline_id=made["id"])
        assert submit(db, view.assignment_id, joined.member_id, now, "button")
        assert not submit(db, view.assignment_id, joined.member_id, now, "button")
        assert run("status", "--json")[0]["state"] == "submitted"
        assert undo(db, view.assignment_id, now)
        assert run("deadline", "list", "--json")[0]["counts"]["pending"] == 1
        assert latest_ref(db, "fake", "10", "pick:", now) is None
        db.dispose()
