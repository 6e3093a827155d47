"""The Zalo channel in pieces: rendering, de-duplication, the client's network errors.

Update shapes are in tests/test_zalo_updates.py, error codes in tests/test_zalo_errors.py.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.channels.base import DeliveryError, TransientError
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_client import ZaloClient
from bot.channels.zalo_render import MAX_TEXT, PICK_HINT, render
from bot.channels.zalo_updates import SeenMessages, ZaloUpdate, parse
from bot.logging_setup import REDACTED, RedactTokens
from core.messages import Button, Incoming, Reply
from core.settings import Settings
from tests.fakes.zalo_server import TOKEN, FakeZalo

LAN = "6ede9afa66b88fe6d6a9"


def recorded(event: str, wrapped: bool, **message: Any) -> dict[str, Any]:
    """An update as Zalo sends it (shape of the Bot Platform docs), wrapped or bare."""
    body = {
        "event_name": event,
        "message": {
            "from": {"id": LAN, "display_name": "Nguyễn Thị Lan", "is_bot": False},
            "chat": {"id": LAN, "chat_type": "PRIVATE"},
            "message_id": message.pop("message_id", "2d758cb5e222177a4e35"),
            "date": 1750316131602,
            **message,
        },
    }
    return {"ok": True, "result": body} if wrapped else body


# ---- rendering ---------------------------------------------------------------------------
def test_plain_text_is_sent_as_is_without_markup() -> None:
    assert render(Reply("Điều 3 <b>nhấn mạnh</b> & «trách nhiệm»")) == [
        "Điều 3 <b>nhấn mạnh</b> & «trách nhiệm»"
    ]


def test_buttons_become_numbered_options_with_a_hint() -> None:
    reply = Reply(
        "Còn 3 ngày: báo cáo 6 tháng, hạn 10/05/2024.",
        buttons=((Button("Đã nộp", "done:12"), Button("Hủy", "undo:12")),),
    )
    [text] = render(reply)
    assert text == (
        "Còn 3 ngày: báo cáo 6 tháng, hạn 10/05/2024.\n\n  [1] Đã nộp\n  [2] Hủy\n"
        + PICK_HINT.format(first=1)
    )


def test_a_numbered_pick_list_is_not_numbered_twice() -> None:
    reply = Reply("Chọn:", buttons=((Button("1. Báo cáo quý 2", "done:1"),),))
    assert "[1] Báo cáo quý 2" in render(reply)[0]


def test_long_text_is_split_at_2000_characters_on_paragraphs() -> None:
    text = "\n\n".join(f"Mục {i}. " + "nội dung " * 100 for i in range(10))
    parts = render(Reply(text, buttons=((Button("Đã nộp", "done:1"),),)))
    assert len(parts) > 1 and all(len(p) <= MAX_TEXT for p in parts)
    assert parts[0].startswith("Mục 0.") and parts[-1].endswith(PICK_HINT.format(first=1))


def test_a_file_is_named_instead_of_sent() -> None:
    [text] = render(Reply("Bảng tình hình nộp báo cáo.", file_path="/tmp/tinh-hinh.xlsx"))
    assert "“tinh-hinh.xlsx” không gửi được qua Zalo" in text


def test_an_empty_reply_is_never_an_empty_message() -> None:
    assert render(Reply("")) == ["…"]


# ---- de-duplication ----------------------------------------------------------------------
def test_a_repeated_message_id_is_seen_once_and_memory_stays_bounded() -> None:
    seen = SeenMessages(limit=3)
    first = parse(recorded("message.text.received", False, text="a", message_id="m1"))
    assert isinstance(first, ZaloUpdate)
    assert seen.first_time(first) and not seen.first_time(first)
    for n in range(2, 10):
        other = parse(recorded("message.text.received", False, text="b", message_id=f"m{n}"))
        assert isinstance(other, ZaloUpdate) and seen.first_time(other)
    assert len(seen) == 3
    assert seen.first_time(first)  # long forgotten: a new message as far as memory goes


@pytest.fixture
async def channel() -> AsyncIterator[ZaloChannel]:
    """A Zalo channel that is never started (nothing listens at its URL)."""
    zalo = ZaloChannel(zalo_settings("http://127.0.0.1:9/bot"))
    yield zalo
    await zalo.stop()


async def test_the_channel_answers_each_message_once(channel: ZaloChannel) -> None:
    body = recorded("message.text.received", True, text="kh 89")
    assert channel.accept(body) and channel.accept(json.loads(json.dumps(body)))
    handled: list[str] = []

    async def handle(msg: Incoming) -> None:
        handled.append(msg.text)

    channel.worker.start(handle)
    await asyncio.wait_for(channel.worker.queue.join(), 5)
    assert handled == ["kh 89"]  # the repeat was dropped in the chat's lane
    assert not channel.accept({"ok": True, "result": {}})


# ---- errors ------------------------------------------------------------------------------
@pytest.fixture
async def fake() -> AsyncIterator[FakeZalo]:
    """The fake Zalo Bot API server."""
    server = FakeZalo().start()
    yield server
    server.stop()


@pytest.fixture
async def client(fake: FakeZalo) -> AsyncIterator[ZaloClient]:
    """A client of the fake server."""
    zalo = ZaloClient(fake.base_url, TOKEN, poll_seconds=1)
    yield zalo
    await zalo.close()


async def test_too_long_text_is_refused_by_the_api(fake: FakeZalo) -> None:
    channel = ZaloChannel(zalo_settings(fake.base_url))
    try:
        with pytest.raises(DeliveryError, match="1-2000"):
            await channel.call(channel.client.send_message(LAN, "a" * 2001))
    finally:
        await channel.stop()


async def test_no_server_is_transient_and_names_no_url() -> None:
    offline = ZaloChannel(zalo_settings("http://127.0.0.1:9/bot"))
    try:
        with pytest.raises(TransientError) as info:
            await offline.send(LAN, Reply("Xin chào"))
    finally:
        await offline.stop()
    assert TOKEN not in str(info.value) and "127.0.0.1" not in str(info.value)


async def test_a_call_after_close_is_transient(fake: FakeZalo) -> None:
    channel = ZaloChannel(zalo_settings(fake.base_url))
    await channel.stop()  # a send racing the shutdown
    with pytest.raises(TransientError, match="sendMessage"):
        await channel.send(LAN, Reply("Xin chào"))


async def test_an_idle_poll_is_not_an_error(fake: FakeZalo, client: ZaloClient) -> None:
    assert await client.get_update() is None
    fake.enqueue(fake.message(LAN, text="kh 89"))
    update = await client.get_update()
    assert update["message"]["text"] == "kh 89"


def test_percent_encoded_tokens_are_redacted_too() -> None:
    redactor = RedactTokens(["88123:zalo-secret"])
    line = "POST http://h/bot88123%3Azalo-secret/sendMessage and 88123:zalo-secret"
    assert redactor.redact(line) == f"POST http://h/bot{REDACTED}/sendMessage and {REDACTED}"


def test_token_never_reaches_a_log_line(caplog: pytest.LogCaptureFixture) -> None:
    redactor = RedactTokens([TOKEN])
    logging.getLogger("httpx").addFilter(redactor)
    try:
        with caplog.at_level(logging.INFO, logger="httpx"):
            logging.getLogger("httpx").info('HTTP Request: POST http://x/bot%s/getMe "200"', TOKEN)
    finally:
        logging.getLogger("httpx").removeFilter(redactor)
    assert TOKEN not in caplog.text and REDACTED in caplog.text


def zalo_settings(base_url: str, **extra: Any) -> Settings:
    """Settings with a Zalo token pointing at base_url."""
    return Settings(
        zalo_bot_token=TOKEN,  # type: ignore[arg-type]
        zalo_api_base_url=base_url,
        _env_file=None,  # type: ignore[call-arg]
        **extra,
    )
