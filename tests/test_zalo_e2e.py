"""End to end on Zalo: `python -m bot run` as a subprocess against the fake Zalo Bot API.

A secretary joins with an invite code, looks a directive up, gets a reminder and
confirms it, all through real HTTP traffic; the assertions read what the fake server
was asked to send, and the bot's log, which must never show the token.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.fakes.bot_process import TOKEN as TELEGRAM_TOKEN
from tests.fakes.bot_process import BotProcess, Person, bot_env, zalo_env
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.zalo_server import FakeZalo
from tests.support import SEEDS, TZ

ROOT = Path(__file__).resolve().parents[1]
OFFICE, LAN, MINH = "0ffice0ffice0ffice00", "6ede9afa66b88fe6d6a9", "7fa1b2c3d4e5f6a7b8c9"


@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    """The fake Zalo Bot API server."""
    server = FakeZalo().start()
    yield server
    server.stop()


def run_bot(fake: FakeZalo, tmp_path: Path, **env: str) -> BotProcess:
    """Start `danvan run` with only ZALO_BOT_TOKEN; ready once it has cleared the webhook."""
    environment = zalo_env(fake, tmp_path, ADMIN_CHAT_IDS=f"zalo:{OFFICE}", **env)
    return BotProcess(fake, environment, tmp_path / "bot.log").start("deleteWebhook")  # type: ignore[arg-type]


def stop_cleanly(bot: BotProcess, fake: FakeZalo) -> str:
    """SIGTERM: exit code 0 and a log without the token."""
    assert bot.stop() == 0, bot.log()[-3000:]
    log = bot.log()
    assert fake.token not in log and fake.token.split(":")[1] not in log
    return log


def test_a_secretary_joins_looks_up_and_confirms_a_reminder_on_zalo(
    fake: FakeZalo, tmp_path: Path
) -> None:
    # The office loaded the real directives from the CLI beforehand.
    loaded = subprocess.run(
        [sys.executable, "-m", "bot", "ingest", str(SEEDS), "--json"],
        env={**zalo_env(fake, tmp_path), "PYTHONPATH": str(ROOT)},
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    bot = run_bot(fake, tmp_path, QUIET_HOURS="")
    office, lan = Person(bot, OFFICE, "Văn phòng"), Person(bot, LAN, "Nguyễn Thị Lan")
    try:
        assert "Telegram" not in bot.log() and fake.calls_to("getMe")
        office.send("/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
        invite = "\n".join(office.send("/moi A1", until="/start"))
        code = re.search(r"/start (\w+)", invite)
        assert code and "t.me" not in invite, invite
        # No deep links on Zalo: the secretary sends «/start CODE» as a message.
        joined = lan.send(f"/start {code.group(1)}", until="Chào mừng")[0]
        assert "mã A1" in joined
        found = "\n".join(lan.send("kh 89", until="89"))
        assert "chưa hiểu" not in found and "chưa đăng ký" not in found, found
        # The office sets a deadline; the scheduler reminds the branch on Zalo at once.
        due = datetime.now(TZ).date() + timedelta(days=2)
        office.send(f"/hanmoi {due:%d/%m/%Y} Báo cáo nhanh tình hình tư tưởng", until="#")
        reminder = lan.wait_for("[1] Đã nộp", timeout=20)
        assert f"{due:%d/%m/%Y}" in reminder and "Gõ số thứ tự" in reminder
        done = "\n".join(lan.send("đã nộp", until="Đã ghi nhận"))
        assert "Chi bộ Trường THPT Nguyễn Du đã nộp" in done
        assert all(len(t) <= 2000 for t in fake.texts(LAN) + fake.texts(OFFICE))
    finally:
        log = stop_cleanly(bot, fake)
    assert "zalo: bot.danvan receiving by polling" in log


def test_a_wrong_token_stops_with_a_hint(fake: FakeZalo, tmp_path: Path) -> None:
    env = zalo_env(fake, tmp_path, ZALO_BOT_TOKEN="999:wrong-token-for-the-fake-server")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Không kết nối được Zalo" in result.stderr and "ZALO_BOT_TOKEN" in result.stderr
    assert "wrong-token" not in result.stdout + result.stderr


def test_sigterm_finishes_the_answer_in_flight(fake: FakeZalo, tmp_path: Path) -> None:
    bot = run_bot(fake, tmp_path)
    minh = Person(bot, MINH)
    try:
        assert minh.send("/start", until="Xin chào")[0].startswith("Xin chào")
        fake.delays["sendMessage"] = 1.0
        fake.enqueue(fake.message(MINH, text="/help"))
        bot.wait(lambda: len(fake.calls_to("sendMessage", MINH)) == 2)
    finally:
        stop_cleanly(bot, fake)
    assert "Các lệnh" in fake.texts(MINH)[1]


def test_telegram_and_zalo_run_side_by_side(fake: FakeZalo, tmp_path: Path) -> None:
    telegram = FakeTelegram(token=TELEGRAM_TOKEN).start()
    try:
        env = bot_env(
            telegram, tmp_path, ZALO_BOT_TOKEN=fake.token, ZALO_API_BASE_URL=fake.base_url
        )
        bot = BotProcess(fake, env, tmp_path / "bot.log").start("deleteWebhook")  # type: ignore[arg-type]
        try:
            telegram.wait_for(lambda: telegram.calls_to("deleteWebhook"), timeout=20)
            assert Person(bot, MINH).send("/start", until="Xin chào")
            telegram.enqueue(telegram.text(100, "/start"))
            bot.wait(lambda: telegram.texts(100))
            assert telegram.texts(100)[0].startswith("Xin chào")
            assert "Telegram và Zalo" in bot.log()
        finally:
            log = stop_cleanly(bot, fake)
        assert TELEGRAM_TOKEN not in log
    finally:
        telegram.stop()


def test_webhook_mode_refuses_posts_without_the_secret(fake: FakeZalo, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/zalo/hook"
    environment = zalo_env(
        fake, tmp_path, ZALO_WEBHOOK_URL=url, ZALO_WEBHOOK_SECRET="zalo-Hook_s3cret",
        HTTP_HOST="127.0.0.1", HTTP_PORT=str(port),
    )  # fmt: skip
    bot = BotProcess(fake, environment, tmp_path / "bot.log").start("setWebhook")  # type: ignore[arg-type]
    try:
        assert fake.webhook == {"url": url, "secret_token": "zalo-Hook_s3cret"}
        update = fake.message(MINH, text="/start")
        assert post(url, update, None) == 403
        assert post(url, update, "wrong") == 403
        assert post(url, {"ok": True, "result": update}, "zalo-Hook_s3cret") == 200
        bot.wait(lambda: fake.texts(MINH))
        assert fake.texts(MINH)[0].startswith("Xin chào")
    finally:
        log = stop_cleanly(bot, fake)
    assert "zalo-Hook_s3cret" not in log and fake.calls_to("deleteWebhook") == []


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(url: str, body: dict[str, object], secret: str | None) -> int:
    """POST a webhook body as Zalo does; the HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code
