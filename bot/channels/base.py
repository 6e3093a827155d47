"""Neutral message types and the channel Protocol shared by every chat platform."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Button:
    """An answer option: an inline button on Telegram, a numbered option elsewhere."""

    label: str
    data: str


@dataclass(frozen=True)
class Attachment:
    """A file sent by the user; fetch() downloads its bytes."""

    name: str
    size: int | None
    fetch: Callable[[], Awaitable[bytes]]
    mime: str | None = None


@dataclass(frozen=True)
class ChatRef:
    """A chat on a channel."""

    channel: str
    chat_id: str


@dataclass(frozen=True)
class Incoming:
    """A message, button press or file from a user, as every channel delivers it."""

    channel: str
    chat_id: str
    user_id: str = ""
    text: str = ""
    message_id: str | None = None
    reply_to_message_id: str | None = None
    callback_data: str | None = None
    attachment: Attachment | None = None
    display_name: str = ""

    @property
    def chat(self) -> ChatRef:
        """The chat this message came from."""
        return ChatRef(self.channel, self.chat_id)


@dataclass(frozen=True)
class Reply:
    """Something to send: plain text (never markup), optional buttons and file.

    `to` sends it to another chat (an alert to the admins); `ref` ties the sent
    message to a record ("assignment:12") so a later reply to it can be traced.
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    file_path: str | None = None
    to: ChatRef | None = None
    ref: str | None = None
    kind: str = "reply"


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
