"""The README quick start: piping lines into `danvan chat` answers each in Vietnamese."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support import SAMPLES

ROOT = Path(__file__).resolve().parents[1]


def _chat(tmp_path: Path, lines: str, *args: str, code: int = 0) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'quick.db'}",
        "SAMPLES_DIR": str(SAMPLES),
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", *args],
        input=lines,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == code, result.stderr
    return result.stdout


def test_piped_chat_answers_each_line(tmp_path: Path) -> None:
    out = _chat(tmp_path, "/start\n/help\n")
    assert "> /start" in out and "> /help" in out
    assert "Xin chào đồng chí! Tôi là danvan" in out
    assert "/help — Xem hướng dẫn và các lệnh" in out
    assert "Traceback" not in out


def test_quick_start_talks_about_the_samples(tmp_path: Path) -> None:
    out = _chat(tmp_path, "/start\nkh 61\nhạn nộp báo cáo 6 tháng?\n")
    start, lookup, ask = out.split("> ")[1:]
    assert "Xin chào" in start
    assert "61-KH/ĐU" in lookup and "mau-02-ke-hoach-bao-cao.txt" in lookup
    assert "hạn 10/06/2027" in ask and "14-CTr/ĐU" in ask


def test_unknown_branch_is_explained(tmp_path: Path) -> None:
    out = _chat(tmp_path, "/start\n", "--as", "ZZ9", code=2)
    assert "Không có chi bộ mã ZZ9" in out
