"""The channel Protocol shared by every chat platform, and what sending can report."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from core.messages import Incoming, Reply


@dataclass
class SendResult:
    """Platform message ids of what was sent (a long text may go out in parts)."""

    message_ids: list[str] = field(default_factory=list)


class DeliveryError(Exception):
    """Sending failed."""


class RetryLater(DeliveryError):
    """The platform asked us to wait (HTTP 429 retry_after)."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after}s")
        self.retry_after = retry_after


class Unreachable(DeliveryError):
    """The chat cannot be reached (blocked the bot, never started it): HTTP 403."""


class TransientError(DeliveryError):
    """A network error or a 5xx: worth retrying."""


Handle = Callable[[Incoming], Awaitable[list[Reply]]]


class Channel(Protocol):
    """A chat platform: turns updates into Incoming and sends Replies."""

    name: str
    max_text: int

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Send one reply to a chat; raises a DeliveryError subclass on failure."""
        ...

    async def run(self, handle: Handle) -> None:
        """Receive updates and pass each to handle until stopped."""
        ...

    async def stop(self) -> None:
        """Stop receiving and release resources."""
        ...


@runtime_checkable
class ChatMenus(Protocol):
    """Optional for a channel: a command menu per chat (Telegram's setMyCommands scopes)."""

    async def set_chat_menu(self, chat_id: str, role: str | None) -> None:
        """Show the menu of a role in one chat (admin: the admin menu; else the default)."""
        ...
