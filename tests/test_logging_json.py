"""LOG_FORMAT=json: one JSON object a line, readable Vietnamese, and never a token."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logging_setup import REDACTED, setup_logging
from core.settings import Settings
from tests.fakes.bot_process import TOKEN, BotProcess, Person, bot_env
from tests.fakes.telegram_server import FakeTelegram

ZALO_TOKEN = "8812345678901234567:ZaloSecretTokenAbcdefghijklmnop"


@pytest.fixture
def output() -> Iterator[io.StringIO]:
    """The root logger writing to a string through a plain StreamHandler, as a bot's does."""
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    stream = io.StringIO()
    root.handlers = [logging.StreamHandler(stream)]
    yield stream
    root.handlers, root.level = saved, level


def configure(log_format: str) -> None:
    """setup_logging as `danvan run` calls it, with both platform tokens configured."""
    settings = Settings(
        telegram_bot_token=TOKEN,  # type: ignore[arg-type]
        zalo_bot_token=ZALO_TOKEN,  # type: ignore[arg-type]
        log_format=log_format,
        log_level="DEBUG",
        _env_file=None,  # type: ignore[call-arg]
    )
    setup_logging(settings)


def write_lines() -> None:
    """What the libraries and the bot log: URLs with tokens, extras, a traceback."""
    log = logging.getLogger("telegram.ext.ExtBot")
    log.debug("Calling Bot API endpoint https://api.telegram.org/bot%s/getMe", TOKEN)
    logging.getLogger("httpx").warning(
        "HTTP Request: POST https://bot-api.zaloplatforms.com/bot%s/sendMessage", ZALO_TOKEN
    )
    logging.getLogger("bot.runtime").info(
        "Chi bộ %s đã nộp báo cáo", "Trường THPT Nguyễn Du",
        extra={"chat_id": 7, "url": f"https://x/bot{TOKEN}/getUpdates"},
    )  # fmt: skip
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/sendMessage")
    except ConnectionError:
        logging.getLogger("bot.delivery").exception("gửi thất bại")


def test_every_line_is_json_with_the_fields_and_no_token(output: io.StringIO) -> None:
    configure("json")
    write_lines()
    text = output.getvalue()
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) == 4
    assert TOKEN not in text and ZALO_TOKEN not in text and "ZaloSecretToken" not in text
    assert all({"ts", "level", "logger", "msg"} <= set(r) for r in records)
    done = records[2]
    assert done["msg"] == "Chi bộ Trường THPT Nguyễn Du đã nộp báo cáo"  # not \u-escaped
    assert done["chat_id"] == 7 and done["url"] == f"https://x/bot{REDACTED}/getUpdates"
    failed = records[3]
    assert failed["level"] == "ERROR" and "ConnectionError" in failed["exc"]
    assert REDACTED in failed["exc"] and records[0]["ts"].endswith("+00:00")


def test_text_lines_keep_their_format_and_redact_too(output: io.StringIO) -> None:
    configure("text")
    write_lines()
    text = output.getvalue()
    assert TOKEN not in text and ZALO_TOKEN not in text
    assert " INFO bot.runtime: Chi bộ Trường THPT Nguyễn Du đã nộp báo cáo" in text
    assert not text.lstrip().startswith("{")


def test_a_bad_log_format_names_the_key() -> None:
    from core.settings import SettingsError, load_settings

    with pytest.raises(SettingsError, match="LOG_FORMAT: cần text hoặc json"):
        load_settings(log_format="xml", _env_file=None)


def test_a_running_bot_logs_only_json_lines(tmp_path: Path) -> None:
    fake = FakeTelegram(token=TOKEN).start()
    bot = BotProcess(fake, bot_env(fake, tmp_path, LOG_FORMAT="json"), tmp_path / "bot.log")
    try:
        bot.start()
        assert Person(bot, 100).send("/start")[0].startswith("Xin chào")
    finally:
        assert bot.stop() == 0
        fake.stop()
    lines = bot.log().splitlines()
    records = [json.loads(line) for line in lines]  # every line, the banner included
    assert TOKEN not in bot.log() and len(records) > 20
    assert any(r["msg"].startswith("danvan đang chạy trên Telegram") for r in records)
    assert any(r["msg"].startswith("web: listening on http://127.0.0.1:") for r in records)
