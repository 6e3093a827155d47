"""Dialog-test helpers: a person chatting with the app through the fake channel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.app import App
from bot.channels.fake import FakeChannel, Sent
from core.messages import Incoming

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@dataclass
class Person:
    """Someone in a chat: send() returns the texts the bot answered with."""

    app: App
    channel: FakeChannel
    chat_id: str
    name: str = ""

    async def send(self, text: str, reply_to: str | None = None) -> list[str]:
        """Send a text message; returns the bot's replies as the person sees them."""
        before = len(self.channel.sent)
        await self.app.process(
            Incoming(
                self.channel.name,
                self.chat_id,
                self.chat_id,
                text=text,
                reply_to_message_id=reply_to,
                display_name=self.name,
            )
        )
        return [s.reply.text for s in self.channel.sent[before:] if s.chat_id == self.chat_id]

    async def press(self, data: str) -> list[str]:
        """Press a button with this callback data."""
        before = len(self.channel.sent)
        await self.app.process(
            Incoming(self.channel.name, self.chat_id, self.chat_id, callback_data=data)
        )
        return [s.reply.text for s in self.channel.sent[before:] if s.chat_id == self.chat_id]

    def inbox(self) -> list[Sent]:
        """Everything sent to this chat so far."""
        return [s for s in self.channel.sent if s.chat_id == self.chat_id]
