"""A fake channel for dialog tests: records what would be sent, fails on demand."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.channels.base import DeliveryError, Handle, SendResult
from core.messages import Reply


@dataclass
class Sent:
    """One message the fake channel 'sent'."""

    chat_id: str
    message_id: str
    reply: Reply


@dataclass
class FakeChannel:
    """Implements the Channel protocol in memory."""

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
