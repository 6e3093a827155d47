"""Turning Zalo Bot API updates into neutral Incoming messages, each one only once.

An update is {"event_name": "message.text.received", "message": {from, chat, text,
message_id, date}}; getUpdates and webhooks deliver it wrapped in {"ok", "result"} or
bare. getUpdates has no offset, so the same message can come twice: SeenMessages drops
repeats by message id, remembering a bounded number of them.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from core.messages import Incoming

CHANNEL = "zalo"
TEXT = "text"
SEEN_LIMIT = 4096  # message ids remembered; a repeat comes within seconds, not thousands later


@dataclass(frozen=True)
class ZaloUpdate:
    """One received message: its kind (text, image, sticker, unsupported) and who sent it."""

    kind: str
    chat_id: str
    user_id: str
    message_id: str | None
    text: str = ""
    display_name: str = ""

    @property
    def key(self) -> str | None:
        """What identifies the message for de-duplication (None: cannot tell)."""
        return f"{self.chat_id}:{self.message_id}" if self.message_id else None


def unwrap(body: Any) -> list[dict[str, Any]]:
    """The raw updates in a getUpdates result or a webhook body, wrapped or bare."""
    if isinstance(body, dict) and "event_name" not in body and "result" in body:
        body = body["result"]
    if isinstance(body, dict):
        return [body] if "event_name" in body else []
    if isinstance(body, list):  # a future getUpdates answering a batch, as Telegram does
        return [u for u in body if isinstance(u, dict) and "event_name" in u]
    return []


def parse(raw: dict[str, Any]) -> ZaloUpdate | None:
    """The message an update carries; None for events that are not messages to us."""
    event = raw.get("event_name")
    message = raw.get("message")
    if not isinstance(event, str) or not isinstance(message, dict):
        return None
    parts = event.split(".")
    if len(parts) != 3 or parts[0] != "message" or parts[2] != "received":
        return None  # e.g. a future "message.text.sent" echo: nothing to answer
    sender = _object(message.get("from"))
    chat = _object(message.get("chat"))
    chat_id = _text(chat.get("id")) or _text(sender.get("id"))
    if not chat_id:
        return None
    name = sender.get("display_name") or sender.get("name") or ""
    text = message.get("text")
    return ZaloUpdate(
        kind=parts[1],
        chat_id=chat_id,
        user_id=_text(sender.get("id")) or chat_id,
        message_id=_text(message.get("message_id")) or None,
        text=text if isinstance(text, str) else "",
        display_name=str(name),
    )


def to_incoming(update: ZaloUpdate, callback_data: str | None = None) -> Incoming:
    """The neutral message; callback_data when the text picked a numbered option."""
    if callback_data is not None:
        return Incoming(
            CHANNEL,
            update.chat_id,
            update.user_id,
            message_id=update.message_id,
            callback_data=callback_data,
            display_name=update.display_name,
        )
    return Incoming(
        CHANNEL,
        update.chat_id,
        update.user_id,
        text=update.text,
        message_id=update.message_id,
        display_name=update.display_name,
    )


class SeenMessages:
    """Message ids already handled, the oldest forgotten first beyond a limit."""

    def __init__(self, limit: int = SEEN_LIMIT) -> None:
        self.limit = limit
        self._seen: OrderedDict[str, None] = OrderedDict()

    def first_time(self, update: ZaloUpdate) -> bool:
        """Whether this message is new (and remember it); messages without an id always are."""
        key = update.key
        if key is None:
            return True
        if key in self._seen:
            self._seen.move_to_end(key)
            return False
        self._seen[key] = None
        while len(self._seen) > self.limit:
            self._seen.popitem(last=False)
        return True

    def __len__(self) -> int:
        return len(self._seen)


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    """An id as a string (Zalo sends strings; numbers are accepted too)."""
    if isinstance(value, bool) or value is None:
        return ""
    return str(value).strip()
