"""The Telegram channel in pieces: rendering, update conversion, error mapping, redaction."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Document, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.channels.base import DeliveryError, RetryLater, TransientError, Unreachable
from bot.channels.telegram import TelegramChannel, file_base_url
from bot.channels.telegram_flow import mapped
from bot.channels.telegram_render import MAX_TEXT, command_menu, render
from bot.channels.telegram_updates import is_command, to_incoming
from bot.logging_setup import REDACTED, RedactTokens
from core.messages import Button, Incoming, Reply
from core.settings import Settings
from tests.fakes.telegram_server import FakeTelegram
from tests.support import wait_for

FIXTURES = Path(__file__).parent / "fixtures" / "telegram"


def update(name: str) -> Update:
    """A recorded Bot API update, parsed by python-telegram-bot."""
    data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    parsed = Update.de_json(data, None)
    assert parsed is not None
    return parsed


def no_download(document: Document) -> Any:
    async def fetch() -> bytes:
        return document.file_id.encode()

    return fetch


# ---- rendering ---------------------------------------------------------------------------
def test_text_is_html_escaped() -> None:
    [out] = render(Reply("Điều 3 <b>nhấn mạnh</b> & «trách nhiệm»"))
    assert out.kwargs()["text"] == "Điều 3 &lt;b&gt;nhấn mạnh&lt;/b&gt; &amp; «trách nhiệm»"
    assert out.kwargs()["parse_mode"] == "HTML"
    assert "reply_markup" not in out.kwargs()


def test_long_text_splits_on_paragraphs_and_counts_before_escaping() -> None:
    paragraph = "&" * 3000  # 3000 characters for Telegram, 15000 once escaped
    parts = render(Reply(f"{paragraph}\n\n{paragraph}\n\nKết thúc."))
    assert len(parts) == 2
    assert parts[0].text == "&amp;" * 3000
    assert parts[1].text.endswith("Kết thúc.")


def test_every_part_fits_the_limit() -> None:
    text = "\n\n".join(f"Mục {i}. " + "nội dung " * 120 for i in range(30))
    parts = render(Reply(text))
    assert len(parts) > 1
    assert all(len(p.text) <= MAX_TEXT for p in parts)


def test_buttons_become_an_inline_keyboard_on_the_last_part() -> None:
    reply = Reply(
        "a" * 5000,
        buttons=((Button("Đã nộp", "confirm:12"), Button("Chưa", "later:12")),),
    )
    first, last = render(reply)
    assert first.reply_markup is None
    assert last.reply_markup is not None
    markup = last.reply_markup.to_dict()
    assert markup == {
        "inline_keyboard": [
            [
                {"text": "Đã nộp", "callback_data": "confirm:12"},
                {"text": "Chưa", "callback_data": "later:12"},
            ]
        ]
    }


def test_callback_data_over_64_bytes_is_refused() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        render(Reply("x", buttons=((Button("Dài", "đ" * 33),),)))


def test_empty_text_with_buttons_still_sends_a_message() -> None:
    [out] = render(Reply("", buttons=((Button("OK", "ok:1"),),)))
    assert out.text and out.reply_markup is not None


def test_command_menu_keeps_only_names_telegram_accepts() -> None:
    menu = command_menu(
        [("help", "Trợ giúp"), ("Bad", "x"), ("tinhhinh", " Tình hình "), ("x", "")]
    )
    assert menu == [("help", "Trợ giúp"), ("tinhhinh", "Tình hình")]


def test_file_url_follows_the_api_url() -> None:
    assert file_base_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_base_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"


# ---- updates -----------------------------------------------------------------------------
def test_text_message() -> None:
    msg = to_incoming(update("update_text"), no_download)
    assert msg is not None
    assert (msg.channel, msg.chat_id, msg.user_id) == ("telegram", "5123456789", "5123456789")
    assert msg.text == "Kế hoạch 89 yêu cầu gì? <b>& gì nữa</b>"
    assert msg.message_id == "1201" and msg.reply_to_message_id is None
    assert msg.display_name == "Lan Nguyễn Thị"
    assert not is_command(msg)


def test_deep_link_start_keeps_its_payload() -> None:
    msg = to_incoming(update("update_start_payload"), no_download)
    assert msg is not None and msg.text == "/start X7K2PQ9M" and is_command(msg)


def test_reply_carries_the_replied_message_id() -> None:
    msg = to_incoming(update("update_reply"), no_download)
    assert msg is not None
    assert msg.text == "đã nộp" and msg.reply_to_message_id == "1297"


def test_button_press() -> None:
    msg = to_incoming(update("update_callback"), no_download)
    assert msg is not None
    assert msg.callback_data == "confirm:13"
    assert (msg.chat_id, msg.user_id, msg.text) == ("5234567890", "5234567890", "")


async def test_document_becomes_an_attachment() -> None:
    msg = to_incoming(update("update_document"), no_download)
    assert msg is not None and msg.attachment is not None
    assert msg.attachment.name == "KH-89-KH-DU.docx"
    assert msg.attachment.size == 48213
    assert msg.attachment.mime is not None and "wordprocessingml" in msg.attachment.mime
    assert msg.text == "Kế hoạch mới"  # the caption
    assert (await msg.attachment.fetch()).startswith(b"BQACAgUA")


def test_edits_are_ignored_and_groups_keep_their_chat() -> None:
    assert to_incoming(update("update_edited"), no_download) is None
    msg = to_incoming(update("update_group_command"), no_download)
    assert msg is not None
    assert msg.chat_id == "-1002003004005" and msg.user_id == "5123456789"
    assert msg.text == "/help@danvan_bot"


# ---- errors ------------------------------------------------------------------------------
async def _raise(exc: Exception) -> None:
    raise exc


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (Forbidden("Forbidden: bot was blocked by the user"), Unreachable),
        (BadRequest("Bad Request: chat not found"), Unreachable),
        (BadRequest("Bad Request: can't parse entities"), DeliveryError),
        (TimedOut(), TransientError),
        (NetworkError("Internal Server Error (500)"), TransientError),
    ],
)
async def test_telegram_errors_map_to_delivery_errors(
    error: Exception, expected: type[Exception]
) -> None:
    with pytest.raises(expected):
        await mapped(_raise(error))


@pytest.mark.parametrize("after", [7, timedelta(seconds=7)])
async def test_flood_control_becomes_retry_later(after: Any) -> None:
    with pytest.raises(RetryLater) as caught:
        await mapped(_raise(RetryAfter(after)))
    assert caught.value.retry_after == 7.0


# ---- logging -----------------------------------------------------------------------------
def test_token_is_redacted_from_messages_and_tracebacks() -> None:
    token = "123456789:AAHk-secret_Token-value-0123456789ab"
    redactor = RedactTokens(["123:ABC"])
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{token}/getMe failed")
    except RuntimeError as exc:
        record = logging.LogRecord(
            "httpx",
            logging.ERROR,
            __file__,
            1,
            "url %s and %s",
            ("/bot123:ABC/x", token),
            (type(exc), exc, exc.__traceback__),
        )
    redactor.filter(record)
    formatted = logging.Formatter().format(record)
    assert "123:ABC" not in formatted and token not in formatted
    assert formatted.count(REDACTED) == 3


# ---- the channel against the fake Bot API server -------------------------------------------
@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """A fake Bot API server on 127.0.0.1."""
    server = FakeTelegram().start()
    yield server
    server.stop()


def channel_for(fake: FakeTelegram, **kwargs: Any) -> TelegramChannel:
    settings = Settings(
        telegram_bot_token="123:ABC",  # type: ignore[arg-type]
        telegram_api_base_url=fake.base_url,
        admin_chat_ids="200,zalo:9",
        _env_file=None,  # type: ignore[call-arg]
    )
    return TelegramChannel(settings, **kwargs)


async def test_send_returns_every_part_and_maps_failures(fake: FakeTelegram) -> None:
    channel = channel_for(fake)
    await channel.application.initialize()
    try:
        result = await channel.send("100", Reply("a" * 5000, buttons=((Button("OK", "ok:1"),),)))
        assert len(result.message_ids) == 2
        sent = fake.calls_to("sendMessage", 100)
        assert sent[0].json("reply_markup") is None
        assert sent[1].json("reply_markup") == {
            "inline_keyboard": [[{"text": "OK", "callback_data": "ok:1"}]]
        }
        for status, expected in [(429, RetryLater), (403, Unreachable), (500, TransientError)]:
            fake.fail(
                "sendMessage", status, "Lỗi thử", times=1, retry_after=3 if status == 429 else None
            )
            with pytest.raises(expected):
                await channel.send("100", Reply("xin chào"))
    finally:
        await channel.application.shutdown()


async def test_updates_reach_the_handler_even_when_extras_fail(fake: FakeTelegram) -> None:
    fake.fail("setMyCommands", 404)
    fake.fail("answerCallbackQuery", 400, "Bad Request: query is too old")
    seen: list[Incoming] = []

    async def handle(msg: Incoming) -> list[Reply]:
        seen.append(msg)
        return []

    channel = channel_for(fake, menu=lambda role: [("help", f"Trợ giúp {role}")])
    await channel.start(handle)
    try:
        sent = await channel.send(
            "100", Reply("Nhắc hạn", buttons=((Button("Đã nộp", "confirm:1"),),))
        )
        message_id = int(sent.message_ids[0])
        fake.enqueue(fake.text(100, "đã nộp", reply_to=message_id))
        fake.enqueue(fake.press(100, message_id, "confirm:1"))
        await wait_for(lambda: len(seen) == 2)
    finally:
        await channel.stop()
    assert seen[0].reply_to_message_id == str(message_id)
    assert seen[1].callback_data == "confirm:1"
    assert len(fake.calls_to("answerCallbackQuery")) == 1
    assert len(fake.calls_to("setMyCommands")) == 1  # the first failed: no second try


async def test_menus_typing_and_downloads(fake: FakeTelegram) -> None:
    file_id = fake.add_file(b"KE HOACH 89")
    downloads: list[bytes] = []

    async def slow(msg: Incoming) -> list[Reply]:
        if msg.attachment is not None:
            downloads.append(await msg.attachment.fetch())
        await asyncio.sleep(0.3)  # a long answer being composed
        return []

    channel = channel_for(
        fake, menu=lambda role: [("help", "Trợ giúp"), (role, "Vai")], typing_after=0.05
    )
    await channel.start(slow)
    try:
        fake.enqueue(fake.document(200, file_id, "kh89.txt", 11))
        await wait_for(lambda: downloads and fake.calls_to("sendChatAction"))
    finally:
        await channel.stop()
    assert downloads == [b"KE HOACH 89"]
    scopes = [
        (c.json("scope"), [m["command"] for m in c.json("commands")])
        for c in fake.calls_to("setMyCommands")
    ]
    assert scopes == [
        ({"type": "default"}, ["help", "secretary"]),
        ({"type": "chat", "chat_id": 200}, ["help", "admin"]),
    ]
