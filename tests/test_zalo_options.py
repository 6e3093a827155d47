"""Numbered options on Zalo: a typed number picks the option shown with it, or says why not.

The channel runs against the fake Zalo Bot API with a small handler of its own: a text is
echoed, an option's data is confirmed with an «Hoàn tác» option of its own, and «boom»
fails once. Assertions read what the user was sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from bot.channels.base import DeliveryError
from bot.channels.text import typed_number
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_options import OPTION_TTL, PendingOptions
from bot.channels.zalo_render import ERROR_TEXT, render
from core.messages import Button, Incoming, Reply
from core.settings import Settings
from tests.fakes.zalo_server import TOKEN, FakeZalo

LAN = "6ede9afa66b88fe6d6a9"
NONE_PENDING = (
    "Không có lựa chọn số {n} đang chờ. Gõ “đã nộp” để báo đã nộp, hoặc /viec để xem "
    "việc của chi bộ."
)


# ---- pieces ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "digits"),
    [("2", "2"), (" 12 ", "12"), ("01", "01"), ("²", None), ("١", None), ("1a", None),
     ("", None), ("-1", None), ("1 2", None), ("1" * 10, None)],
)  # fmt: skip
def test_only_ascii_digits_are_a_typed_number(text: str, digits: str | None) -> None:
    assert typed_number(text) == digits


def test_options_are_numbered_from_the_first_number_given() -> None:
    reply = Reply("Nhắc hạn.", buttons=((Button("Đã nộp", "done:2"),),))
    [text] = render(reply, first=2)
    assert text.endswith("  [2] Đã nộp\n(Gõ số thứ tự để chọn, ví dụ “2”.)")


def test_a_pick_list_keeps_its_own_number_only_when_it_matches() -> None:
    reply = Reply("Chọn:", buttons=((Button("1. Báo cáo quý 2", "done:1"),),))
    assert "  [1] Báo cáo quý 2" in render(reply)[0]
    assert "  [3] 1. Báo cáo quý 2" in render(reply, first=3)[0]


def test_pending_options_accumulate_and_expire() -> None:
    now = [0.0]
    options = PendingOptions(clock=lambda: now[0])
    a, b = Button("Đã nộp", "done:1"), Button("Đã nộp", "done:2")
    assert (options.add(LAN, [a]), options.add(LAN, [b])) == (1, 2)
    options.remove(LAN, 1)
    assert options.get(LAN, 1) is None and options.get(LAN, 2) == b
    assert options.add(LAN, [a]) == 3  # numbering goes on after a pick
    options.discard(LAN, 3, 1)
    assert options.numbers(LAN) == [2]
    now[0] = OPTION_TTL + 1
    assert options.numbers(LAN) == [] and options.add(LAN, [a]) == 1  # a day later: afresh
    options.clear(LAN)
    assert options.add(LAN, [b]) == 1


# ---- the channel -------------------------------------------------------------------------
@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    """The fake Zalo Bot API server."""
    server = FakeZalo().start()
    yield server
    server.stop()


class Echo:
    """A handler: confirms picked options (offering to undo), echoes texts, fails on boom."""

    def __init__(self) -> None:
        self.channel: ZaloChannel | None = None
        self.got: list[Incoming] = []
        self.failures = {"boom"}

    async def __call__(self, msg: Incoming) -> None:
        self.got.append(msg)
        assert self.channel is not None
        data = msg.callback_data
        if data in self.failures:
            self.failures.discard(data)
            raise RuntimeError("handler failed")
        if data is not None:
            undo = ((Button("Hoàn tác", f"undo:{data}"),),)
            await self.channel.send(msg.chat_id, Reply(f"Đã chọn {data}.", buttons=undo))
        else:
            await self.channel.send(msg.chat_id, Reply(f"Bạn gõ: {msg.text}"))


@pytest.fixture
async def echo(fake: FakeZalo) -> AsyncIterator[Echo]:
    """A started Zalo channel whose handler is an Echo; its clock is echo.now."""
    handler = Echo()
    now = [0.0]
    settings = Settings(
        zalo_bot_token=TOKEN,  # type: ignore[arg-type]
        zalo_api_base_url=fake.base_url,
        _env_file=None,  # type: ignore[call-arg]
    )
    channel = ZaloChannel(settings, poll_seconds=1, clock=lambda: now[0])
    channel.now = now  # type: ignore[attr-defined]
    handler.channel = channel
    await channel.start(handler)
    yield handler
    await channel.stop()


async def say(fake: FakeZalo, text: str) -> str:
    """Send a text to the bot; the one reply it gets."""
    before = len(fake.texts(LAN))
    fake.enqueue(fake.message(LAN, text=text))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while len(fake.texts(LAN)) == before:
        assert loop.time() < deadline, "no reply"
        await asyncio.sleep(0.02)
    return fake.texts(LAN)[before]


async def push(channel: Any, data: str) -> None:
    """The bot sends a reminder with a «Đã nộp» option, as the scheduler does."""
    await channel.send(LAN, Reply("Nhắc hạn.", buttons=((Button("Đã nộp", data),),)))


async def test_two_reminders_in_a_row_are_picked_by_their_own_numbers(
    fake: FakeZalo, echo: Echo
) -> None:
    channel = echo.channel
    await push(channel, "done:A")
    await push(channel, "done:B")
    assert [t.splitlines()[-2] for t in fake.texts(LAN)] == ["  [1] Đã nộp", "  [2] Đã nộp"]
    assert "Đã chọn done:A.\n\n  [3] Hoàn tác" in await say(fake, "1")
    assert "Đã chọn done:B.\n\n  [4] Hoàn tác" in await say(fake, " 2 ")
    assert await say(fake, "2") == (
        "Không có lựa chọn số 2 đang chờ. Các số đang chờ: 3, 4. Gõ “đã nộp” để báo đã "
        "nộp, hoặc /viec để xem việc của chi bộ."
    )
    assert (await say(fake, "123")).startswith("Không có lựa chọn số 123 đang chờ.")
    # Any other message clears the options: its replies number from 1 again.
    assert await say(fake, "xin chào") == "Bạn gõ: xin chào"
    assert await say(fake, "3") == NONE_PENDING.format(n=3)
    assert await say(fake, "1234") == "Bạn gõ: 1234"  # nothing pending: a document number
    assert await say(fake, "²") == "Bạn gõ: ²"
    await push(channel, "done:C")
    assert fake.texts(LAN)[-1].splitlines()[-2] == "  [1] Đã nộp"
    picks = [m.callback_data for m in echo.got if m.callback_data]
    assert picks == ["done:A", "done:B"]


async def test_an_option_whose_handling_failed_can_be_picked_again(
    fake: FakeZalo, echo: Echo
) -> None:
    await push(echo.channel, "boom")
    assert await say(fake, "1") == ERROR_TEXT
    assert "Đã chọn boom." in await say(fake, "1")


async def test_options_expire_after_a_day(fake: FakeZalo, echo: Echo) -> None:
    channel = echo.channel
    await push(channel, "done:A")
    channel.now[0] += OPTION_TTL + 1  # type: ignore[union-attr]
    assert await say(fake, "1") == NONE_PENDING.format(n=1)


async def test_options_of_a_reply_that_was_not_sent_are_not_pending(
    fake: FakeZalo, echo: Echo
) -> None:
    assert echo.channel is not None
    fake.fail("sendMessage", 400, "Invalid parameter", times=1)
    with pytest.raises(DeliveryError):
        await push(echo.channel, "done:A")
    assert await echo.channel.options.numbers(LAN) == []
    await push(echo.channel, "done:B")
    assert fake.texts(LAN)[-1].splitlines()[-2] == "  [1] Đã nộp"
