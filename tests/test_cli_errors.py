"""CLI mistakes and a broken database give one Vietnamese line, never a traceback."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import BUSY, main


def test_unreachable_postgresql_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:secretpw@127.0.0.1:1/db")
    assert main(["deadline", "list"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("Không mở được cơ sở dữ liệu (DATABASE_URL):")
    assert "\n" not in err and "secretpw" not in err


def test_unwritable_sqlite_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{blocker}/sub/x.db")
    assert main(["deadline", "list"]) == 2
    assert "Không mở được cơ sở dữ liệu" in capsys.readouterr().err


def test_usage_errors_are_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["status", "abc"])
    assert info.value.code == 2
    assert "DEADLINE_ID cần một số nguyên, nhận được 'abc'" in capsys.readouterr().err


def test_unknown_choice_lists_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["invite", "A1", "--role", "phó"])
    assert "--role không nhận giá trị 'phó' (chọn một trong:" in capsys.readouterr().err


@pytest.fixture
def locked_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A migrated SQLite file whose write lock another process holds (the bot, mid-write)."""
    path = tmp_path / "ban.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("DATABASE_BUSY_TIMEOUT_SECONDS", "0.05")
    assert main(["db", "upgrade"]) == 0
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield path
    holder.execute("ROLLBACK")
    holder.close()


@pytest.mark.parametrize(
    "argv",
    [
        ["branch", "add", "Chi bộ Trường Lê Lợi", "--code", "LL"],
        ["deadline", "add", "--title", "Báo cáo quý", "--due", "2099-07-15"],
    ],
)
def test_a_busy_database_is_one_line_and_a_temporary_failure(
    locked_db: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 75
    assert capsys.readouterr().err == f"{BUSY}\n"


def test_ingest_into_a_busy_database_stops_with_one_line(
    locked_db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = tmp_path / "kh12.txt"
    doc.write_text("Số 12-KH/ĐU\nKẾ HOẠCH\nCác chi bộ báo cáo trước ngày 10/5/2024.\n")
    assert main(["ingest", str(doc)]) == 75
    captured = capsys.readouterr()
    assert captured.err == f"{BUSY}\n"
    assert "Traceback" not in captured.out
    assert BUSY == "Cơ sở dữ liệu đang bận (một tiến trình khác đang ghi); hãy thử lại sau ít phút."


def test_a_corrupt_database_file_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hong.db"
    path.write_bytes(b"day khong phai co so du lieu SQLite\x00" * 200)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    assert main(["deadline", "list"]) == 2
    err = capsys.readouterr().err
    assert err == "Không mở được cơ sở dữ liệu (DATABASE_URL): file is not a database\n"
