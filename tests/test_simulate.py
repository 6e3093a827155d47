"""See the loop work: `danvan simulate` previews a window, `danvan chat --now` with /tua."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from bot.cli import main
from core.settings import Settings
from storage.db import Database
from storage.models.messages import Reminder, SentMessage
from storage.repos.members import bind_chat
from storage.repos.org import add_branch
from tests.fakes.channel import FakeChannel
from tests.support import Person, local

BRANCHES = (("LQD", "Chi bộ Trường THPT Lê Quý Đôn"), ("ND", "Chi bộ Trường THCS Nguyễn Du"))


def office_database(url: str) -> None:
    """Two branches whose secretaries chat on Telegram, an office on Zalo, two deadlines."""
    db = Database(url)
    db.upgrade()
    now = local(2024, 4, 25, 9, 0)
    bind_chat(db, "zalo", "office-1", "admin", None, "Văn phòng Đảng ủy")
    for n, (code, name) in enumerate(BRANCHES, 1):
        branch, _ = add_branch(db, code, name, now)
        bind_chat(db, "telegram", f"20{n}", "secretary", branch.id, f"Bí thư {code}")
    db.dispose()
    for args in (
        ["--title", "Báo cáo sơ kết 6 tháng", "--due", "2024-05-10"],
        ["--title", "Báo cáo tháng", "--due", "2024-05-20", "--recurrence", "monthly"],
    ):
        assert main(["deadline", "add", *args]) == 0


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """DATABASE_URL of an office's database, as the CLI reads it."""
    database = f"sqlite:///{tmp_path / 'office.db'}"
    monkeypatch.setenv("DATABASE_URL", database)
    monkeypatch.setenv("SAMPLES_DIR", str(tmp_path / "none"))
    office_database(database)
    yield database


def fingerprint(path: Path) -> str:
    """The database file's bytes (WAL checkpointed), to show nothing wrote to it."""
    db = Database(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lines(out: str) -> list[dict[str, object]]:
    """One JSON object a line."""
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_simulate_prints_every_message_of_the_window(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    before = fingerprint(tmp_path / "office.db")
    assert main(["simulate", "--from", "2024-05-09", "--to", "2024-05-13", "--json"]) == 0
    sent = lines(capsys.readouterr().out)
    assert fingerprint(tmp_path / "office.db") == before  # the real database is untouched
    assert set(sent[0]) >= {"at", "channel", "chat_id", "branch", "kind", "text"}
    lqd = [(m["at"], m["text"]) for m in sent if m["branch"] == "LQD"]
    # A window in the past starts at its first midnight, with the database as it is: the
    # deadlines added from the CLI are announced when quiet hours end, then the ladder.
    assert [at for at, _ in lqd] == [
        "2024-05-09T07:00:00+07:00",
        "2024-05-10T08:00:00+07:00",
        "2024-05-13T08:00:00+07:00",
    ]
    kinds = {(m["channel"], m["kind"]) for m in sent}
    assert ("telegram", "reminder") in kinds and ("zalo", "digest") in kinds
    assert ("zalo", "overdue_alert") in kinds
    assert "\n1. Quá hạn 3 ngày: Báo cáo sơ kết 6 tháng — hạn thứ Sáu 10/05/2024" in str(lqd[2][1])
    assert all(str(m["at"]).endswith("+07:00") for m in sent)
    assert not [m for m in sent if str(m["at"]).startswith(("2024-05-11", "2024-05-12"))]
    db = Database(url)
    with db.session() as session:  # and nothing was planned or recorded in it
        assert session.exec(select(Reminder)).all() == []
        assert session.exec(select(SentMessage)).all() == []
    db.dispose()


def test_simulate_reads_as_a_timeline(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["simulate", "--from", "2024-05-13", "--to", "2024-05-13"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Xem trước tin nhắn của bot từ thứ Hai 13/05/2024 đến hết thứ Hai 13/05/2024"
    )
    assert "=== 08:00 thứ Hai 13/05/2024 ===" in out
    assert "→ Chi bộ Trường THPT Lê Quý Đôn (LQD), Bí thư LQD — telegram 201:" in out
    assert "→ Văn phòng Đảng ủy — zalo office-1:" in out
    assert out.rstrip().splitlines()[-1].startswith("Tổng cộng ")


def test_a_window_ahead_starts_from_the_database_as_it_is(url: str) -> None:
    import asyncio

    from bot.simulation import preview

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    result = asyncio.run(
        preview(settings, date(2024, 5, 9), date(2024, 5, 9), local(2024, 5, 2, 9, 0))
    )
    lqd = [m for m in result.messages if m.chat_id == "201"]
    # The notice and d7 went out before the window, unrecorded: only 09/05's d1 is shown.
    assert [(m.at, m.reply.text.split(":")[0]) for m in lqd] == [
        (local(2024, 5, 9, 8, 0), "Còn 1 ngày")
    ]


def test_simulate_checks_its_window(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--from", "2024-05-13", "--to", "2024-05-01"]) == 2
    assert "Ngày --to phải từ ngày --from trở đi." in capsys.readouterr().err
    assert main(["simulate", "--from", "13-13-2024"]) == 2
    assert "Không đọc được ngày --from “13-13-2024”" in capsys.readouterr().err
    assert main(["simulate", "--from", "2024-01-01", "--to", "2026-01-01"]) == 2


def test_simulate_from_postgresql(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support_pg import fresh_pg_database

    with fresh_pg_database() as pg:
        monkeypatch.setenv("DATABASE_URL", pg)
        office_database(pg)
        capsys.readouterr()
        assert main(["simulate", "--from", "2024-05-13", "--to", "2024-05-13", "--json"]) == 0
        sent = lines(capsys.readouterr().out)
    assert {m["branch"] for m in sent} == {"LQD", "ND", None}


def test_chat_at_a_simulated_date_moves_on_with_tua(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("/tua 1\n/tua 10\n/tinhhinh\n"))
    capsys.readouterr()
    assert main(["chat", "--now", "2024-05-02", "--admin"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Chat thử ở ngày giả lập 09:00 thứ Năm 02/05/2024")
    first, day, ten_days, status = out.split("\n> ")
    assert "(gửi tới telegram 201) Chi bộ Trường THPT Lê Quý Đôn có 2 việc" in first
    assert (
        "— 08:00 thứ Sáu 03/05/2024 —\n\n(gửi tới telegram 201) Còn 7 ngày: Báo cáo sơ kết" in day
    )
    assert day.rstrip().endswith(
        "Đồng hồ giả lập đã chuyển thêm 1 ngày, tới 09:00 thứ Sáu 03/05/2024. Trong thời gian "
        "đó bot đã gửi 2 tin nhắn (in ở trên)."
    )
    stamps = [line for line in ten_days.splitlines() if line.startswith("— ")]
    assert stamps[:3] == [  # the digest once the due date is 3 days away, then d3
        "— 07:30 thứ Ba 07/05/2024 —",
        "— 08:00 thứ Ba 07/05/2024 —",
        "— 07:30 thứ Tư 08/05/2024 —",
    ]
    assert stamps[-1] == "— 08:00 thứ Hai 13/05/2024 —"  # the overdue morning
    assert "\nTình hình hạn nộp sáng thứ Tư 08/05/2024:" in ten_days  # the admin's digest
    assert "(gửi tới zalo office-1) Quá hạn chưa nộp: 2 chi bộ." in ten_days
    assert "tới 09:00 thứ Hai 13/05/2024" in ten_days
    assert "(lúc 09:00 ngày 13/05/2024)" in status
    db = Database(url)
    with db.session() as session:  # the chat ran on a copy
        assert session.exec(select(Reminder)).all() == []
    db.dispose()


async def test_tua_only_works_in_the_simulated_terminal(app: object, channel: FakeChannel) -> None:
    from bot.app import App

    assert isinstance(app, App)
    bind_chat(app.db, "fake", "1", "admin", None, "Văn phòng")
    (reply,) = await Person(app, channel, "1").send("/tua 3")
    assert reply.startswith("Lệnh /tua chỉ dùng trong chat thử trên terminal với ngày giả lập")
