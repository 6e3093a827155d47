"""A fake channel for dialog tests: records what would be sent, fails on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.channels.base import DeliveryError, Handle, SendResult
from core.messages import Incoming, Reply

if TYPE_CHECKING:
    from bot.app import App


@dataclass
class Sent:
    """One message the fake channel 'sent'."""

    chat_id: str
    message_id: str
    reply: Reply


@dataclass
class FakeChannel:
    """Implements the Channel protocol in memory; a Person's messages go straight in."""

    name: str = "fake"
    max_text: int = 4096
    sent: list[Sent] = field(default_factory=list)
    failures: dict[str, DeliveryError] = field(default_factory=dict)
    _next_id: int = 0

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Record the reply (or raise the failure planned for this chat)."""
        if chat_id in self.failures:
            raise self.failures[chat_id]
        self._next_id += 1
        self.sent.append(Sent(chat_id, str(self._next_id), reply))
        return SendResult([str(self._next_id)])

    async def run(self, handle: Handle) -> None:
        """Nothing to receive: tests push messages themselves."""

    async def stop(self) -> None:
        """Nothing to stop."""

    def texts(self, chat_id: str | None = None) -> list[str]:
        """Texts sent so far, optionally to one chat."""
        return [s.reply.text for s in self.sent if chat_id is None or s.chat_id == chat_id]

    def last(self, chat_id: str) -> Sent:
        """The last message sent to a chat."""
        return [s for s in self.sent if s.chat_id == chat_id][-1]

    async def put(self, app: App, msg: Incoming) -> None:
        """A person's message: the app answers it before this returns."""
        await app.process(msg)

    async def wait(self, chat_id: str, before: int, until: str) -> None:
        """Nothing to wait for: the answers are already there."""
        assert not until or any(until in t for t in self.texts(chat_id)[before:]), until


class Killed(BaseException):
    """The process is killed mid-send (not an error the bot could catch and handle)."""


@dataclass
class KillableChannel(FakeChannel):
    """A fake channel whose process dies when it sends a message of a kind to a chat."""

    kill_at: set[tuple[str, str]] = field(default_factory=set)  # (chat, reply kind)

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Die on a (chat, kind) in kill_at, else record the reply."""
        if (chat_id, reply.kind) in self.kill_at:
            raise Killed(chat_id)
        return await super().send(chat_id, reply)
