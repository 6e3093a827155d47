"""Every documented shape of a Zalo update becomes the message it carries, or is skipped.

The recorded updates are in tests/fixtures/zalo/ (README: their sources). Unknown shapes
are logged once and ignored; nothing a platform sends can stop the poller or webhook.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_updates import Skipped, ZaloUpdate, parse, strip_mention, unwrap
from core.settings import Settings
from tests.fakes.zalo_server import BOT, TOKEN, FakeZalo

FIXTURES = Path(__file__).parent / "fixtures" / "zalo"
BOT_NAMES = ["1459232241454765289", "bot.VDKyGxQvc", "Bot Đảng ủy"]
MINH, GROUP, TED = "5b1c9e2f7a3d4c6e8f01", "g7c2a9d4e1f8b3a6c5d0", "6ede9afa66b88fe6d6a9"
NAME = "Trần Văn Minh"


def recorded(name: str) -> Any:
    """A recorded update body."""
    return json.loads((FIXTURES / name).read_bytes())


def read(body: Any) -> list[ZaloUpdate | Skipped]:
    """What the channel makes of a body: each update parsed."""
    return [parse(raw, BOT_NAMES) for raw in unwrap(body)]


@pytest.mark.parametrize(
    ("fixture", "kind", "chat", "text", "name"),
    [
        ("14_webhook_text_wrapped.json", "text", TED, "Xin chào", "Ted"),
        ("15_webhook_text_bare.json", "text", TED, "/gia btc", "Nguyen Van A"),
        (
            "40_update_no_event_name_first_name.json",
            "text",
            MINH,
            "hạn nộp báo cáo quý III?",
            "Minh",
        ),
        ("41_update_group_command.json", "text", GROUP, "/start 7KQ2MX", NAME),
        ("42_update_group_question.json", "text", GROUP, "kế hoạch 89 giao việc gì?", NAME),
        ("43_update_image_photo_url.json", "image", MINH, "", NAME),
        ("44_update_voice.json", "voice", MINH, "", NAME),
        ("45_update_sticker.json", "sticker", MINH, "", NAME),
        ("46_update_link.json", "text", MINH, "https://example.invalid/van-ban/89-kh-tu", NAME),
    ],
)
def test_documented_updates_become_messages(
    fixture: str, kind: str, chat: str, text: str, name: str
) -> None:
    [update] = read(recorded(fixture))
    assert isinstance(update, ZaloUpdate), update
    assert (update.kind, update.chat_id, update.text) == (kind, chat, text)
    assert (update.display_name, update.group) == (name, chat == GROUP)
    assert update.user_id != GROUP and update.message_id  # the sender, not the group


@pytest.mark.parametrize(
    ("fixture", "unknown"),
    [
        ("16_webhook_unsupported_no_message.json", False),  # documented: nothing to answer
        ("47_update_reaction.json", False),
        ("49_update_own_echo.json", False),  # the bot's own message coming back
        ("48_update_unknown_event.json", True),
        ("17_getUpdates_one_update.json", True),  # a text without a chat: nowhere to answer
    ],
)
def test_updates_without_a_message_to_answer_are_skipped(fixture: str, unknown: bool) -> None:
    [skipped] = read(recorded(fixture))
    assert isinstance(skipped, Skipped) and skipped.unknown is unknown


@pytest.mark.parametrize(
    "body",
    [None, {}, {"ok": True}, {"ok": True, "result": None}, {"ok": True, "result": {}},
     {"ok": False, "error_code": 408, "description": "Request timeout"}, [1, 2], "x", 7],
)  # fmt: skip
def test_bodies_without_updates(body: object) -> None:
    assert unwrap(body) == []


def test_a_batch_of_updates_wrapped_or_not_is_read_in_order() -> None:
    one, two = recorded("15_webhook_text_bare.json"), recorded("46_update_link.json")
    for body in ([one, two], {"ok": True, "result": [one, {"ok": True, "result": two}]}):
        assert [u.text for u in read(body) if isinstance(u, ZaloUpdate)] == [
            "/gia btc",
            "https://example.invalid/van-ban/89-kh-tu",
        ]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("@Bot Đảng ủy kh 89", BOT_NAMES, "kh 89"),
        ("@bot đảng ủy   /tinhhinh", BOT_NAMES, "/tinhhinh"),  # any case, any spacing
        ("đã nộp @Bot Đảng ủy", BOT_NAMES, "đã nộp"),
        ("@Bot Mochi /start 7KQ2MX", [], "/start 7KQ2MX"),  # a name we do not know: the command
        ("@danvan hạn nộp báo cáo?", [], "hạn nộp báo cáo?"),  # else its first word
        ("@Bot Đảng ủy", BOT_NAMES, ""),
        ("gửi @Lan xem kh 89", BOT_NAMES, "gửi @Lan xem kh 89"),  # someone else named inside
    ],
)
def test_a_group_mention_is_taken_out(text: str, names: list[str], expected: str) -> None:
    assert strip_mention(text, names) == expected


@pytest.mark.parametrize(
    "raw",
    [
        {"event_name": 42, "message": {}},
        {"event_name": "message.text.received", "message": "xin chào"},
        {"event_name": "message.text.received", "message": {"from": "x", "chat": ["y"], "text": 5}},
        {"event_name": "message.text.received", "message": {"chat": {"id": True}}},
        {"event_name": "", "message": {"chat": {"id": "1"}, "text": "a"}},
        {"message": {"chat": {"id": 1234567}, "from": {"id": 7, "first_name": 3}, "text": "kh 89"}},
    ],
)
def test_odd_shapes_never_raise(raw: dict[str, Any]) -> None:
    assert isinstance(parse(raw, BOT_NAMES), ZaloUpdate | Skipped)


@pytest.fixture
async def channel() -> AsyncIterator[ZaloChannel]:
    """A Zalo channel that is never started, knowing its own names."""
    settings = Settings(zalo_bot_token=TOKEN, _env_file=None)  # type: ignore[arg-type, call-arg]
    zalo = ZaloChannel(settings)
    zalo.bot_names = BOT_NAMES
    yield zalo
    await zalo.stop()


async def test_an_unknown_shape_is_logged_once_and_ignored(
    channel: ZaloChannel, caplog: pytest.LogCaptureFixture
) -> None:
    video = recorded("48_update_unknown_event.json")
    with caplog.at_level(logging.DEBUG, logger="bot.channels.zalo"):
        for _ in range(3):
            assert channel.accept(video)  # a body Zalo must not send again
        assert channel.accept(recorded("47_update_reaction.json"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "message.video.received" in warnings[0]
    assert '"message": ["chat", "date", "from", "message_id"]' in warnings[0]
    assert channel.worker.queue.qsize() == 0


async def test_the_fake_servers_variants_are_read_like_the_records(channel: ZaloChannel) -> None:
    fake = FakeZalo()  # not started: only its update builder
    bodies = [
        fake.message(MINH, text="kh 89"),
        fake.message(MINH, text="kh 90", event=False, first_name=True, name="Minh"),
        fake.message(MINH, text="@Bot Đảng ủy kh 91", group=GROUP),
        fake.message(MINH, "voice"),
        {"ok": True, "result": fake.message(MINH, "image")},
    ]
    for body in bodies:
        assert channel.accept(body)
    queued = [channel.worker.queue.get_nowait() for _ in bodies]
    assert [(u.kind, u.text, u.chat_id) for u in queued] == [
        ("text", "kh 89", MINH),
        ("text", "kh 90", MINH),
        ("text", "kh 91", GROUP),
        ("voice", "", MINH),
        ("image", "", MINH),
    ]
    assert queued[1].display_name == "Minh" and BOT["id"] not in channel.bot_names
