"""End to end: `python -m bot run` as a subprocess against a fake Bot API server on 127.0.0.1.

The week of a secretary and an admin is played through real Telegram traffic: the
assertions read what the fake server received (sendMessage, setMyCommands, …).
"""

from __future__ import annotations

import io
import json
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document

from bot.alerts import install_alerts
from bot.app import build_app
from bot.channels.telegram import TelegramChannel
from core.clock import FakeClock
from core.messages import Reply
from core.settings import Settings
from handlers.context import Request
from handlers.routes import PUBLIC, Command
from tests.fakes.bot_process import TOKEN, BotProcess, Person, bot_env
from tests.fakes.telegram_server import FakeTelegram
from tests.support import SEEDS, TZ, wait_for

ADMIN, LAN, MINH = 200, 100, 300


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """The fake Bot API server."""
    server = FakeTelegram(token=TOKEN).start()
    yield server
    server.stop()


def run_bot(
    fake: FakeTelegram, tmp_path: Path, ready: str = "deleteWebhook", **env: str
) -> BotProcess:
    """Start the bot process and wait until it receives updates."""
    return BotProcess(fake, bot_env(fake, tmp_path, **env), tmp_path / "bot.log").start(ready)


def stop_cleanly(bot: BotProcess) -> str:
    """SIGTERM: exit code 0 and a log without the token."""
    assert bot.stop() == 0, bot.log()[-3000:]
    log = bot.log()
    assert TOKEN not in log
    return log


def test_start_up_menus_greeting_and_graceful_shutdown(fake: FakeTelegram, tmp_path: Path) -> None:
    bot = run_bot(fake, tmp_path)
    try:
        scopes = fake.calls_to("setMyCommands")
        menus = {json.dumps(c.json("scope"), sort_keys=True): c.json("commands") for c in scopes}
        member = [c["command"] for c in menus['{"type": "default"}']]
        admin = [c["command"] for c in menus['{"chat_id": 200, "type": "chat"}']]
        assert {"start", "help"} <= set(member) and "tinhhinh" not in member
        assert {"start", "help", "tinhhinh", "moi"} <= set(admin)
        [greeting] = Person(bot, LAN).send("/start")
        assert greeting.startswith("Xin chào đồng chí Lan Nguyễn Thị!") and "mã mời" in greeting
        assert fake.calls_to("sendMessage", LAN)[0].params["parse_mode"] == "HTML"
        # SIGTERM while an answer is on its way: the send completes before the exit.
        fake.delays["sendMessage"] = 1.0
        fake.enqueue(fake.text(LAN, "/help"))
        bot.wait(lambda: len(fake.calls_to("sendMessage", LAN)) == 2)
    finally:
        log = stop_cleanly(bot)
    assert "Các lệnh" in fake.texts(LAN)[1]
    assert fake.confirmed == 3  # the last getUpdates confirmed /help as handled
    assert "<token>" in log  # PTB logged its URLs, redacted


def test_webhook_checks_the_secret_header_on_a_partial_api(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    # A self-hosted server may lack the extras: the bot logs that and carries on.
    fake.fail("setMyCommands", 404, "Not Found: method not found")
    fake.fail("sendChatAction", 400, "Bad Request: not supported")
    port = free_port()
    url = f"http://127.0.0.1:{port}/tg/hook"
    bot = run_bot(
        fake, tmp_path, ready="setWebhook",
        TELEGRAM_WEBHOOK_URL=url, TELEGRAM_WEBHOOK_SECRET="s3cret-Header_1",
        HTTP_HOST="127.0.0.1", HTTP_PORT=str(port),
    )  # fmt: skip
    try:
        [hook] = fake.calls_to("setWebhook")
        assert hook.params["url"] == url and hook.params["secret_token"] == "s3cret-Header_1"
        update = fake.text(LAN, "/start")
        assert post(url, update, None) in {401, 403}
        assert post(url, update, "wrong") in {401, 403}
        assert fake.calls_to("sendMessage") == []
        assert post(url, update, "s3cret-Header_1") == 200
        bot.wait(lambda: fake.texts(LAN))
        assert fake.texts(LAN)[0].startswith("Xin chào")
    finally:
        log = stop_cleanly(bot)
    assert "setMyCommands (secretary) failed" in log


def test_a_week_of_a_secretary_and_an_admin(fake: FakeTelegram, tmp_path: Path) -> None:
    # The office loaded the real directives from the CLI before the week began.
    env = bot_env(fake, tmp_path)
    loaded = subprocess.run(
        [sys.executable, "-m", "bot", "ingest", str(SEEDS), "--json"],
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    # The digest goes out on working days only: the office works today, whatever day it is.
    today = f"{datetime.now(TZ).date():%Y-%m-%d}"
    worked = subprocess.run(
        [sys.executable, "-m", "bot", "holiday", "add", today, "Trực văn phòng", "--workday"],
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert worked.returncode == 0, worked.stderr
    # No TELEGRAM_BOT_USERNAME: the invite links use the name getMe returned. The digest
    # time is midnight so the morning digest goes out as soon as there is something in it.
    bot = run_bot(
        fake, tmp_path, SAMPLES_DIR=str(tmp_path / "no-samples"), QUIET_HOURS="",
        TELEGRAM_BOT_USERNAME="", DIGEST_TIME="00:00",
    )  # fmt: skip
    admin, lan, minh = Person(bot, ADMIN), Person(bot, LAN), Person(bot, MINH)
    try:
        # Monday: the office registers two branches and invites their secretaries. (The
        # approval comes early in the week: the scheduler's sweep runs every 30 seconds.)
        admin.send("/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
        admin.send("/themchibo B2 Chi bộ Trường THCS Lê Lợi", until="B2")
        for person, code in ((lan, "A1"), (minh, "B2")):
            invite = "\n".join(admin.send(f"/moi {code}", until="t.me/"))
            link = re.search(r"https://t\.me/danvan_test_bot\?start=(\w+)", invite)
            assert link, invite
            joined = person.send(f"/start {link.group(1)}")[0]  # what the deep link sends
            assert "Chào mừng" in joined and f"mã {code}" in joined
        # The office uploads a letter; the bot proposes its deadline; the office approves it.
        due = datetime.now(TZ).date() + timedelta(days=2)
        report = "\n".join(admin.upload("cv-bao-cao-nhanh.docx", letter(due), until="Đã nạp"))
        assert "131-CV/ĐU" in report and "Câu nêu hạn tìm thấy: 1" in report, report
        card = next(
            m for m in admin.messages() if "apall:" in json.dumps(m.get("reply_markup", {}))
        )
        admin.press(first_button(card, "apall:"), card["message_id"], until="Đã duyệt")
        # Tuesday: Lan looks a document up and asks about a deadline.
        found = "\n".join(lan.send("kh 89", until="89"))
        assert "chưa hiểu" not in found
        answer = "\n".join(lan.send("hạn nộp báo cáo là khi nào?"))
        assert "chưa hiểu" not in answer and "chưa đăng ký" not in answer
        # The reminders arrive, each with its «Đã nộp» button.
        lan_reminder = lan.wait_for_button("done:", timeout=45)
        minh_reminder = minh.wait_for_button("done:", timeout=45)
        assert f"{due:%d/%m/%Y}" in lan_reminder["text"] == minh_reminder["text"]
        # The office's morning digest lists what is due within three days.
        digest = bot.wait(
            lambda: next((t for t in fake.texts(ADMIN) if t.startswith("Tình hình hạn nộp")), None),
            timeout=45,
        )
        assert "Sắp đến hạn" in digest and f"{due:%d/%m/%Y}" in digest, digest
        # Lan confirms by replying, Minh by the button.
        lan.send("đã nộp", reply_to=lan_reminder["message_id"], until="ghi nhận")
        done = first_button(minh_reminder, "done:")
        minh.press(done, minh_reminder["message_id"], until="ghi nhận")
        assert len(fake.calls_to("answerCallbackQuery")) == 2  # approval + Minh's button
        # Both pressed messages lost their buttons: neither can be pressed twice by mistake.
        pressed = {card["message_id"], minh_reminder["message_id"]}
        bot.wait(lambda: edited_ids(fake) == pressed)
        shown = [m for m in admin.messages() + minh.messages() if m["message_id"] in pressed]
        assert len(shown) == 2 and not any("reply_markup" in m for m in shown)
        # Friday: the office asks how things stand.
        status = "\n".join(admin.send("/tinhhinh", until="Tình hình"))
        assert f"hạn {due:%d/%m/%Y}: đúng hạn 2" in status, status
    finally:
        stop_cleanly(bot)


async def test_one_error_handler_apologises_and_alerts_admins_once(
    fake: FakeTelegram, tmp_path: Path, database_url: str
) -> None:
    settings = Settings(
        telegram_bot_token=TOKEN,  # type: ignore[arg-type]
        telegram_api_base_url=fake.base_url,
        database_url=database_url,
        samples_dir=str(tmp_path / "none"),
        admin_chat_ids="200",
        _env_file=None,  # type: ignore[call-arg]
    )
    clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=TZ))
    app = build_app(settings, clock=clock)

    async def broken(req: Request) -> list[Reply]:
        raise RuntimeError(f"hỏng với {TOKEN}")

    app.router.commands["hong"] = Command("hong", broken, PUBLIC)
    alerts = install_alerts(app)
    channel = TelegramChannel(settings, on_error=alerts.on_error)
    app.add_channel(channel)
    await channel.start(app.process)
    try:
        for minutes in (0, 5, 11):  # the second error is within ten minutes of the first
            clock.set(datetime(2026, 11, 23, 9, minutes, tzinfo=TZ))
            before = len(fake.texts(LAN))
            fake.enqueue(fake.text(LAN, "/hong"))
            await wait_for(lambda: len(fake.texts(LAN)) > before)  # noqa: B023 - awaited here
    finally:
        await channel.stop()
        app.db.dispose()
    assert all(t.startswith("Xin lỗi đồng chí, đã có lỗi") for t in fake.texts(LAN))
    alerts_sent = fake.texts(ADMIN)
    assert len(alerts_sent) == 2 and "RuntimeError" in alerts_sent[0]
    assert TOKEN not in " ".join(alerts_sent)


def letter(day: date) -> bytes:
    """A sample công văn (.docx) asking for a quick report by `day`."""
    document = Document()
    for text in (
        "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "Số 131-CV/ĐU",
        "TP. Hồ Chí Minh, ngày 16 tháng 11 năm 2026",
        "Về báo cáo nhanh tình hình tư tưởng cán bộ, đảng viên",
        "Kính gửi: Các chi bộ trực thuộc",
        "1. Các chi bộ tổ chức nắm tình hình tư tưởng của cán bộ, đảng viên.",
        f"2. Báo cáo nhanh bằng văn bản gửi về Văn phòng Đảng ủy Sở trước ngày {day.day:02d} "
        f"tháng {day.month:02d} năm {day.year}.",
        "T/M BAN THƯỜNG VỤ",
    ):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def edited_ids(fake: FakeTelegram) -> set[int]:
    """Ids of the messages whose keyboard the bot edited."""
    return {int(c.params["message_id"]) for c in fake.calls_to("editMessageReplyMarkup")}


def first_button(message: dict[str, object], prefix: str) -> str:
    """The callback data of the first button whose data starts with prefix."""
    rows = message["reply_markup"]["inline_keyboard"]  # type: ignore[index]
    return next(
        b["callback_data"] for row in rows for b in row if b["callback_data"].startswith(prefix)
    )


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(url: str, update: dict[str, object], secret: str | None) -> int:
    """POST an update to the webhook; the HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code
