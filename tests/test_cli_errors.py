"""CLI mistakes and a broken database give one Vietnamese line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


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
