"""Dialog-test helpers: a person chatting with the app through a channel, on any platform.

The same Person talks through the in-memory FakeChannel (the app answers before send()
returns) or through a running Telegram or Zalo channel against its fake server
(TelegramLine, ZaloLine: send() waits for the answer). The channel is a parameter.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from bot.app import App
from core.messages import Attachment, Incoming
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.zalo_server import FakeZalo

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
T = TypeVar("T")


def local(*args: int) -> datetime:
    """A wall-clock instant in Ho Chi Minh City."""
    return datetime(*args, tzinfo=TZ)  # type: ignore[misc]


async def wait_for(predicate: Callable[[], T | None], timeout: float = 10.0) -> T:
    """Wait in the event loop until predicate() is truthy; returns its value."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (result := predicate()):
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)
    return result


class Line(Protocol):
    """A channel as a person in a test uses it: messages in, the bot's texts out."""

    name: str

    def texts(self, chat_id: str) -> list[str]:
        """Every text the bot sent to a chat so far."""
        ...

    async def put(self, app: App, msg: Incoming) -> None:
        """Hand a person's message to the bot."""
        ...

    async def wait(self, chat_id: str, before: int, until: str) -> None:
        """Wait until a text after the first `before` contains `until`."""
        ...


@dataclass
class Person:
    """Someone in a chat: send() and press() return the texts the bot answered with."""

    app: App
    channel: Line
    chat_id: str
    name: str = ""
    fetched: list[str] = field(default_factory=list)  # files the bot downloaded

    async def send(self, text: str, reply_to: str | None = None, until: str = "") -> list[str]:
        """Send a text, optionally replying to a message id; the bot's answers.

        `until` waits for an answer containing it (other messages may come first); the
        list then ends with that answer.
        """
        chat = self.chat_id
        msg = Incoming(
            self.channel.name,
            chat,
            chat,
            text=text,
            reply_to_message_id=reply_to,
            display_name=self.name,
        )
        return await self._exchange(msg, until)

    async def press(self, data: str, message_id: str | None = None, until: str = "") -> list[str]:
        """Press a button with this callback data (on message_id, where the platform needs it)."""
        chat = self.chat_id
        msg = Incoming(self.channel.name, chat, chat, message_id=message_id, callback_data=data)
        return await self._exchange(msg, until)

    async def send_file(
        self,
        name: str,
        data: bytes,
        size: int | None = None,
        reply_to: str | None = None,
        fail: bool = False,
    ) -> list[str]:
        """Send a file (fail: its download breaks); the bot's answers."""

        async def fetch() -> bytes:
            if fail:
                raise ConnectionError("network down")
            self.fetched.append(name)
            return data

        attachment = Attachment(name, len(data) if size is None else size, fetch)
        chat = self.chat_id
        msg = Incoming(
            self.channel.name, chat, chat, reply_to_message_id=reply_to, attachment=attachment
        )
        return await self._exchange(msg, "")

    def inbox(self) -> list[str]:
        """Every text the bot sent to this chat so far."""
        return self.channel.texts(self.chat_id)

    async def _exchange(self, msg: Incoming, until: str) -> list[str]:
        before = len(self.inbox())
        await self.channel.put(self.app, msg)
        await self.channel.wait(self.chat_id, before, until)
        answers = self.inbox()[before:]
        if until:
            answers = answers[: next(i for i, t in enumerate(answers) if until in t) + 1]
        return answers


@dataclass
class TelegramLine:
    """A running Telegram channel, reached through its fake Bot API server."""

    fake: FakeTelegram
    name: str = "telegram"

    def texts(self, chat_id: str) -> list[str]:
        """Texts the server was asked to send to a chat."""
        return self.fake.texts(chat_id)

    async def put(self, app: App, msg: Incoming) -> None:
        """Queue the message (or button press) for the bot's next getUpdates."""
        chat = int(msg.chat_id)
        if msg.callback_data:
            assert msg.message_id, "a Telegram button belongs to a message"
            self.fake.enqueue(self.fake.press(chat, int(msg.message_id), msg.callback_data))
            return
        reply_to = int(msg.reply_to_message_id) if msg.reply_to_message_id else None
        self.fake.enqueue(self.fake.text(chat, msg.text, reply_to))

    async def wait(self, chat_id: str, before: int, until: str) -> None:
        """Wait for an answer containing `until` (any answer when it is empty)."""
        await wait_for(lambda: any(until in t for t in self.texts(chat_id)[before:]))


@dataclass
class ZaloLine:
    """A running Zalo channel, reached through its fake Zalo Bot API server."""

    fake: FakeZalo
    name: str = "zalo"

    def texts(self, chat_id: str) -> list[str]:
        """Texts the server accepted for a chat."""
        return self.fake.texts(chat_id)

    async def put(self, app: App, msg: Incoming) -> None:
        """Queue the text for the bot (Zalo has no buttons: options are typed numbers)."""
        assert not msg.callback_data, "Zalo has no buttons"
        self.fake.enqueue(self.fake.message(msg.chat_id, "text", msg.text, msg.display_name))

    async def wait(self, chat_id: str, before: int, until: str) -> None:
        """Wait for an answer containing `until` (any answer when it is empty)."""
        await wait_for(lambda: any(until in t for t in self.texts(chat_id)[before:]))
