"""The neutral vocabulary every channel and handler speaks: messages in, replies out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass


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
