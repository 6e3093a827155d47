"""End to end on Zalo: `python -m bot run` as a subprocess against the fake Zalo Bot API.

The week of two secretaries (one in a private chat, one in his branch's group) and the
office is played on the webhook, the fake posting each update as Zalo does; the
assertions read what the fake server was asked to send, and the bot's log, which must
never show the token or the secret. A refused token stops the bot with exit code 2.
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
from typing import Any

import pytest

from tests.fakes.bot_process import TOKEN as TELEGRAM_TOKEN
from tests.fakes.bot_process import BotProcess, Person, bot_env, zalo_env
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.zalo_server import TOKEN as ZALO_TOKEN
from tests.fakes.zalo_server import FakeZalo
from tests.support import SEEDS, TZ

ROOT = Path(__file__).resolve().parents[1]
OFFICE, LAN, MINH = "0ffice0ffice0ffice00", "6ede9afa66b88fe6d6a9", "7fa1b2c3d4e5f6a7b8c9"
GROUP = "g7c2a9d4e1f8b3a6c5d0"  # the Zalo group of branch B2, where Minh writes
SECRET = "zalo-Hook_s3cret"


@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    """The fake Zalo Bot API server."""
    server = FakeZalo().start()
    yield server
    server.stop()


def run_bot(fake: FakeZalo, tmp_path: Path, ready: str = "deleteWebhook", **env: str) -> BotProcess:
    """Start `danvan run` with only ZALO_BOT_TOKEN; ready once it has cleared the webhook
    (polling) or set it."""
    environment = zalo_env(fake, tmp_path, ADMIN_CHAT_IDS=f"zalo:{OFFICE}", **env)
    return BotProcess(fake, environment, tmp_path / "bot.log").start(ready)  # type: ignore[arg-type]


def stop_cleanly(bot: BotProcess, fake: FakeZalo) -> str:
    """SIGTERM: exit code 0 and a log without the token."""
    assert bot.stop() == 0, bot.log()[-3000:]
    log = bot.log()
    assert fake.token not in log and fake.token.split(":")[1] not in log
    return log


def test_a_week_on_the_webhook(fake: FakeZalo, tmp_path: Path) -> None:
    # The office loaded the real directives from the CLI before the week began.
    loaded = subprocess.run(
        [sys.executable, "-m", "bot", "ingest", str(SEEDS), "--json"],
        env={**zalo_env(fake, tmp_path), "PYTHONPATH": str(ROOT)},
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    # The digest goes out on working days only: the office works today, whatever day it is.
    today = f"{datetime.now(TZ).date():%Y-%m-%d}"
    worked = subprocess.run(
        [sys.executable, "-m", "bot", "holiday", "add", today, "Trực văn phòng", "--workday"],
        env={**zalo_env(fake, tmp_path), "PYTHONPATH": str(ROOT)},
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert worked.returncode == 0, worked.stderr
    port = free_port()
    url = f"http://127.0.0.1:{port}/zalo/hook"
    # Webhook mode, as Zalo recommends for production; the digest goes out at once.
    bot = run_bot(
        fake, tmp_path, "setWebhook", ZALO_WEBHOOK_URL=url, ZALO_WEBHOOK_SECRET=SECRET,
        HTTP_HOST="127.0.0.1", HTTP_PORT=str(port), QUIET_HOURS="", DIGEST_TIME="00:00",
        ZALO_BOT_NAME="Bot Đảng ủy",
    )  # fmt: skip
    office, lan = Person(bot, OFFICE, "Văn phòng"), Person(bot, LAN, "Nguyễn Thị Lan")
    try:
        assert fake.webhook == {"url": url, "secret_token": SECRET}
        # A stranger posting to the webhook without the secret is refused.
        assert post(url, fake.message(MINH, text="/start"), None) == 403
        assert post(url, fake.message(MINH, text="/start"), "wrong-secret") == 403
        # Monday: the office registers two branches and invites their secretaries.
        office.send("/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
        office.send("/themchibo B2 Chi bộ Trường THCS Lê Lợi", until="B2")
        lan_code, group_code = invite(office, "A1"), invite(office, "B2")
        # No deep links on Zalo: Lan sends «/start CODE»; Minh joins his branch's group,
        # where the bot hears only messages that mention it.
        assert "mã A1" in lan.send(f"/start {lan_code}", until="Chào mừng")[-1]
        assert "mã B2" in in_group(bot, f"@Bot Đảng ủy /start {group_code}", "Chào mừng")
        # Tuesday: Lan looks a directive up; an older client sends no event_name.
        found = "\n".join(lan.send("kh 89", until="89"))
        assert "chưa hiểu" not in found and "chưa đăng ký" not in found, found
        plain = fake.message(LAN, text="hạn nộp báo cáo là khi nào?", event=False, first_name=True)
        answer = exchange(bot, LAN, plain)
        assert "chưa hiểu" not in answer and "chưa đăng ký" not in answer, answer
        # The office sets a deadline; the reminders arrive with «Đã nộp» as option [1].
        due = datetime.now(TZ).date() + timedelta(days=2)
        office.send(f"/hanmoi {due:%d/%m/%Y} Báo cáo nhanh tình hình tư tưởng", until="#")
        reminder = lan.wait_for("] Đã nộp", timeout=45)
        assert f"{due:%d/%m/%Y}" in reminder and "Gõ số thứ tự" in reminder
        option = re.search(r"\[(\d+)\] Đã nộp", reminder)
        assert option, reminder
        bot.wait(lambda: any("] Đã nộp" in t for t in fake.texts(GROUP)), timeout=45)
        digest = office.wait_for("Tình hình hạn nộp", timeout=45)
        assert "Sắp đến hạn" in digest and f"{due:%d/%m/%Y}" in digest, digest
        # Lan confirms by the option's number, Minh by mentioning the bot in the group.
        done = lan.send(option.group(1), until="Đã ghi nhận")[-1]
        assert "Chi bộ Trường THPT Nguyễn Du đã nộp" in done
        assert "Chi bộ Trường THCS Lê Lợi đã nộp" in in_group(
            bot, "@Bot Đảng ủy đã nộp", "Đã ghi nhận"
        )
        # Friday: the office asks how things stand, and sees the month's Zalo messages.
        sent = len(fake.sent)  # every message so far, each counted once
        status = "\n".join(office.send("/tinhhinh", until="Zalo:"))
        assert f"hạn {due:%d/%m/%Y}: đúng hạn 2" in status, status
        used = re.search(r"Zalo: đã dùng (\d+)/3\.000 tin nhắn tháng", status)
        assert used and int(used.group(1)) == sent, status
        assert all(len(t) <= 2000 for t in (m.text for m in fake.sent))
        assert fake.polls == 0 and set(fake.pushed) == {200}  # everything came by webhook
    finally:
        log = stop_cleanly(bot, fake)
    assert SECRET not in log and "zalo: bot.danvan receiving by webhook" in log
    assert fake.calls_to("deleteWebhook") == []


def invite(office: Person, code: str) -> str:
    """The office makes an invite with /moi; the code to send as «/start CODE»."""
    made = "\n".join(office.send(f"/moi {code}", until="/start"))
    found = re.search(r"/start (\w+)", made)
    assert found and "t.me" not in made, made
    return found.group(1)


def in_group(bot: BotProcess, text: str, until: str) -> str:
    """Minh writes in his branch's Zalo group; the bot's answer there containing `until`."""
    fake: FakeZalo = bot.fake  # type: ignore[assignment]
    return exchange(
        bot, GROUP, fake.message(MINH, text=text, name="Trần Văn Minh", group=GROUP), until
    )


def exchange(bot: BotProcess, chat: str, update: dict[str, Any], until: str = "") -> str:
    """Deliver an update; the first answer in the chat after it containing `until`."""
    fake: FakeZalo = bot.fake  # type: ignore[assignment]
    before = len(fake.texts(chat))
    fake.enqueue(update)
    found: str = bot.wait(lambda: next((t for t in fake.texts(chat)[before:] if until in t), None))
    return found


def test_a_wrong_token_stops_with_exit_code_2_and_says_what_to_fix(
    fake: FakeZalo, tmp_path: Path
) -> None:
    env = zalo_env(fake, tmp_path, ZALO_BOT_TOKEN="999:wrong-token-for-the-fake-server")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Zalo từ chối token (401): kiểm tra ZALO_BOT_TOKEN." in result.stderr.splitlines()
    assert "wrong-token" not in result.stdout + result.stderr


def test_a_secret_zalo_would_refuse_stops_start_up(fake: FakeZalo, tmp_path: Path) -> None:
    env = zalo_env(
        fake, tmp_path, ZALO_WEBHOOK_URL="https://bot.truong-dang.vn/zalo/hook",
        ZALO_WEBHOOK_SECRET="ngan",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and fake.calls_to("setWebhook") == []
    assert result.stderr.strip() == (
        "Cấu hình sai ở ZALO_WEBHOOK_SECRET: Zalo cần khóa bí mật webhook dài từ 8 đến 256 "
        "ký tự, khóa đang đặt có 4 ký tự"
    )


def test_a_token_revoked_while_running_tells_the_office_on_telegram_and_stops(
    fake: FakeZalo, tmp_path: Path
) -> None:
    telegram = FakeTelegram(token=TELEGRAM_TOKEN).start()
    try:
        env = bot_env(
            telegram, tmp_path, ZALO_BOT_TOKEN=fake.token, ZALO_API_BASE_URL=fake.base_url
        )
        bot = BotProcess(fake, env, tmp_path / "bot.log").start("deleteWebhook")  # type: ignore[arg-type]
        telegram.wait_for(lambda: telegram.calls_to("deleteWebhook"), timeout=20)
        fake.token = "8812345678901234567:revoked"  # revoked in Zalo Bot Manager
        assert bot.proc is not None and bot.proc.wait(30) == 2
        told = telegram.texts(200)
        assert told == ["⛔ Zalo từ chối token (401): kiểm tra ZALO_BOT_TOKEN. Bot đã dừng."]
        assert "Zalo từ chối token (401): kiểm tra ZALO_BOT_TOKEN." in bot.log()
        log = bot.log()
        assert TELEGRAM_TOKEN not in log, [x for x in log.splitlines() if TELEGRAM_TOKEN in x]
        assert ZALO_TOKEN not in log and ZALO_TOKEN.split(":")[1] not in log
    finally:
        telegram.stop()


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
