"""The web server in `danvan run`: a taken port is one clear line, backup and restore around a
running bot do what the deployment guide says."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import App
from bot.web.server import WebServer, WebServerError, bind
from tests.fakes.bot_process import TOKEN, BotProcess, Person, bot_env
from tests.fakes.telegram_server import FakeTelegram
from tests.support_web import serving

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """The fake Bot API server."""
    server = FakeTelegram(token=TOKEN).start()
    yield server
    server.stop()


@pytest.fixture
def taken() -> Iterator[int]:
    """A port some other program listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield int(sock.getsockname()[1])


def cli(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with the bot's environment."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**env, "PYTHONPATH": str(ROOT)}, cwd=cwd,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_bind_says_which_setting_to_check(taken: int) -> None:
    with pytest.raises(WebServerError, match=f"127.0.0.1:{taken} \\(cổng đang được dùng\\)"):
        bind("127.0.0.1", taken)
    with pytest.raises(WebServerError, match="HTTP_HOST='máy-không-có'"):
        bind("máy-không-có", 8080)


async def test_port_0_picks_a_free_port_and_stop_lets_go_of_it(app: App) -> None:
    async with serving(app, []) as served:
        assert served.port > 0
        port = served.port
    bind("127.0.0.1", port).close()  # free again once stopped
    await WebServer(object(), "127.0.0.1", 0).stop()  # type: ignore[arg-type]  # never started


def test_a_taken_port_stops_the_bot_with_one_line(
    fake: FakeTelegram, tmp_path: Path, taken: int
) -> None:
    result = cli(bot_env(fake, tmp_path, HTTP_PORT=str(taken)), tmp_path, "run")
    assert result.returncode == 1
    assert f"127.0.0.1:{taken} (cổng đang được dùng)" in result.stderr
    assert "HTTP_HOST và HTTP_PORT" in result.stderr and "Traceback" not in result.stderr
    assert fake.calls_to("getMe") == []  # nothing was started


def test_backup_while_the_bot_runs_restore_once_it_stopped(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    env = bot_env(fake, tmp_path)
    bot = BotProcess(fake, env, tmp_path / "bot.log").start()
    try:
        admin = Person(bot, 200)
        admin.send("/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
        made = cli(env, tmp_path, "backup", str(tmp_path / "sao-luu.db"), "--json")
        assert made.returncode == 0, made.stderr
        assert json.loads(made.stdout)["bytes"] > 0
        admin.send("/themchibo B2 Chi bộ Trường THCS Lê Lợi", until="B2")
        refused = cli(env, tmp_path, "restore", str(tmp_path / "sao-luu.db"))
        assert refused.returncode == 1 and "Bot đang chạy" in refused.stderr
    finally:
        assert bot.stop() == 0
    done = cli(env, tmp_path, "restore", str(tmp_path / "sao-luu.db"), "--json")
    assert done.returncode == 0, done.stderr
    assert "before-restore" in json.loads(done.stdout)["kept"]
    listed = cli(env, tmp_path, "branch", "list", "--json")
    assert [b["code"] for b in json.loads(listed.stdout)] == ["A1"]  # B2 came after the copy
