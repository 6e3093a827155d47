"""A token Telegram refuses (401, or 404 for a malformed one) stops the bot with exit code 2.

At start-up (getMe), while polling (getUpdates) or while sending (sendMessage): the
admins hear it on Zalo when Zalo works, and whoever started the bot reads one line
saying what to fix. Against the fake Bot API servers, as `danvan run` in a subprocess.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.channels.base import DeliveryError, TokenRejected
from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_flow import token_hint
from core.messages import Reply
from core.settings import Settings
from tests.fakes.bot_process import TOKEN, BotProcess, bot_env
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.zalo_server import FakeZalo

ROOT = Path(__file__).resolve().parents[1]
HINT_401 = "Telegram từ chối token (401): kiểm tra TELEGRAM_BOT_TOKEN."
OFFICE_ZALO = "0ffice0ffice0ffice00"


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """The fake Bot API server."""
    server = FakeTelegram(token=TOKEN).start()
    yield server
    server.stop()


@pytest.fixture
def zalo() -> Iterator[FakeZalo]:
    """The fake Zalo Bot API server, where the office also has a chat."""
    server = FakeZalo().start()
    yield server
    server.stop()


def test_a_wrong_token_at_start_stops_with_exit_code_2_and_one_line(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    env = bot_env(fake, tmp_path, TELEGRAM_BOT_TOKEN="999:wrong-token-for-the-fake")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr[-2000:]
    assert HINT_401 in result.stderr.splitlines()
    assert "wrong-token" not in result.stdout + result.stderr


def test_a_token_revoked_while_polling_tells_the_office_on_zalo_and_stops(
    fake: FakeTelegram, zalo: FakeZalo, tmp_path: Path
) -> None:
    env = bot_env(
        fake, tmp_path, ZALO_BOT_TOKEN=zalo.token, ZALO_API_BASE_URL=zalo.base_url,
        ADMIN_CHAT_IDS=f"200,zalo:{OFFICE_ZALO}",
    )  # fmt: skip
    bot = BotProcess(fake, env, tmp_path / "bot.log").start("deleteWebhook")
    zalo.wait_for(lambda: zalo.calls_to("deleteWebhook"), timeout=20)
    fake.token = "999:revoked-in-botfather"  # the next getUpdates answers 401
    assert bot.proc is not None and bot.proc.wait(30) == 2, bot.log()[-3000:]
    assert zalo.texts(OFFICE_ZALO) == [f"⛔ {HINT_401} Bot đã dừng."]
    log = bot.log()
    assert HINT_401 in log.splitlines()
    assert TOKEN not in log and zalo.token not in log


async def test_a_refused_send_calls_the_fatal_hook_once(fake: FakeTelegram) -> None:
    told: list[str] = []

    async def fatal(exc: TokenRejected) -> None:
        told.append(str(exc))

    settings = Settings(
        telegram_bot_token=TOKEN,  # type: ignore[arg-type]
        telegram_api_base_url=fake.base_url,
        _env_file=None,  # type: ignore[call-arg]
    )
    channel = TelegramChannel(settings, on_fatal=fatal)
    await channel.application.initialize()
    try:
        fake.fail("sendMessage", 401, "Unauthorized")
        for _ in range(2):
            with pytest.raises(DeliveryError):
                await channel.send("100", Reply("Chào đồng chí"))
        fake.fail("sendMessage", 404, "Not Found")
        with pytest.raises(DeliveryError):
            await channel.send("100", Reply("Chào đồng chí"))
    finally:
        await channel.application.shutdown()
    assert told == [HINT_401]
    assert "404" in token_hint(404) and "TELEGRAM_API_BASE_URL" in token_hint(404)
