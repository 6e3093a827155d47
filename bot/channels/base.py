"""The channel Protocol shared by every chat platform, and what sending can report."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
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
    """The chat cannot be reached (blocked the bot, or gone): Telegram 403, Zalo 410/422."""


class TransientError(DeliveryError):
    """A network error or a 5xx: worth retrying."""


class QuotaExhausted(DeliveryError):
    """The platform's monthly message budget is used up: nothing goes out until resume_at.

    Not retried: a reminder waits in its row until then, a reply cannot go out.
    """

    def __init__(self, resume_at: datetime) -> None:
        super().__init__(f"monthly message quota used up until {resume_at.isoformat()}")
        self.resume_at = resume_at


class StartRefused(Exception):
    """A channel cannot start for a reason the person running the bot must fix.

    The message says it in one line, in Vietnamese, naming the setting to change.
    """


class TokenRejected(StartRefused):
    """The platform refused the bot's token (Zalo: 401): the channel cannot work at all."""


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
