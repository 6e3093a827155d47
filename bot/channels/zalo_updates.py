"""Turning Zalo Bot API updates into neutral Incoming messages, each one only once.

Every documented variant is read (tests/fixtures/zalo/ has them, with their sources):
- the envelope: wrapped {"ok", "result": update} (the docs, getUpdates) or bare (what
  webhooks deliver live); a result that is a list, or an empty {} (no update);
- the update: {"event_name": "message.<kind>.received", "message": {...}}, or a message
  without event_name (published copies of the API), its kind then told by its fields;
  kinds text, image, sticker, voice, link, unsupported (which may carry no message) and
  reaction (nothing to answer);
- the sender's name in from.display_name, or first_name (+ last_name) in older copies;
- groups (chat_type GROUP): the bot receives only mentions and replies, and the mention
  stays in the text ("@danvan /start ABC"): it is taken out.
Anything else is Skipped, with a signature the channel logs once. getUpdates has no
offset, so the same message can come twice (and, behind a proxy, reach two processes): a
SeenStore drops repeats by message id, in the shared database (SharedSeen) or in memory.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from core.messages import Incoming
from storage.db import Database
from storage.repos import shared_state

CHANNEL = "zalo"
TEXT = "text"
# Kinds of message a person sends; any other event is unknown. A reaction needs no answer.
KINDS = frozenset({"text", "image", "sticker", "voice", "link", "unsupported"})
SILENT = frozenset({"reaction"})
SEEN_LIMIT = 4096  # message ids remembered; a repeat comes within seconds, not thousands later
SEEN_TTL = timedelta(days=1)  # how long the shared store remembers an id
SWEEP_EVERY = 500  # the shared store deletes expired ids once every this many messages
_MENTION = re.compile(r"^@\S+\s*")


@dataclass(frozen=True)
class ZaloUpdate:
    """One received message: its kind (text, image, sticker, unsupported) and who sent it."""

    kind: str
    chat_id: str
    user_id: str
    message_id: str | None
    text: str = ""
    display_name: str = ""
    group: bool = False

    @property
    def key(self) -> str | None:
        """What identifies the message for de-duplication (None: cannot tell)."""
        return f"{self.chat_id}:{self.message_id}" if self.message_id else None


@dataclass(frozen=True)
class Skipped:
    """An update the bot does not answer: why, and whether it is a shape we do not know."""

    reason: str
    signature: str  # the same for every update of this shape: logged once
    unknown: bool = False


def unwrap(body: Any) -> list[dict[str, Any]]:
    """The raw updates in a getUpdates result or a webhook body, wrapped or bare."""
    if isinstance(body, dict) and not _is_update(body):
        if "result" in body:
            return unwrap(body["result"])
        return []  # an envelope without an update ({"ok": false, ...}), or {}
    if isinstance(body, dict):
        return [body]
    if isinstance(body, list):  # a getUpdates answering a batch, as Telegram does
        return [u for item in body for u in unwrap(item)]
    return []


def _is_update(body: dict[str, Any]) -> bool:
    return "event_name" in body or "message" in body


def parse(raw: dict[str, Any], bot: Iterable[str] = ()) -> ZaloUpdate | Skipped:
    """The message an update carries, or why it is skipped; `bot` names the bot (its own
    id and names: its echoes are skipped and its mention taken out of group texts)."""
    message = raw.get("message")
    kind = _kind(raw.get("event_name"), message)
    if isinstance(kind, Skipped):
        return kind
    if not isinstance(message, dict):
        # Documented for "unsupported" (a sender the law protects, a bot added to a group).
        return Skipped(f"{kind} without a message", f"{kind}:no-message", kind != "unsupported")
    if kind in SILENT:
        return Skipped(f"a {kind}", kind)
    sender, chat = _object(message.get("from")), _object(message.get("chat"))
    chat_id = _text(chat.get("id")) or _text(sender.get("id"))
    if not chat_id:
        return Skipped("no chat id", f"{kind}:no-chat", unknown=True)
    names = [n for n in bot if n]
    if sender.get("is_bot") is True or _text(sender.get("id")) in names:
        return Skipped("the bot's own message", "echo")
    group = str(chat.get("chat_type") or "").upper() == "GROUP"
    text = message.get("text")
    text = text if isinstance(text, str) else ""
    return ZaloUpdate(
        kind=TEXT if kind == "link" and text else kind,
        chat_id=chat_id,
        user_id=_text(sender.get("id")) or chat_id,
        message_id=_text(message.get("message_id")) or None,
        text=strip_mention(text, names) if group else text,
        display_name=sender_name(sender),
        group=group,
    )


def _kind(event: Any, message: Any) -> str | Skipped:
    """The kind of message an event names, or that its fields show when it names none."""
    if event is None:
        return _kind_of(message) if isinstance(message, dict) else Skipped("empty", "empty", True)
    if not isinstance(event, str):
        return Skipped("event_name is not a string", "event_name:odd", unknown=True)
    parts = event.split(".")
    if len(parts) != 3 or parts[0] != "message" or parts[2] != "received":
        return Skipped(f"event {event}", event, unknown=True)  # e.g. a "message.text.sent" echo
    if parts[1] not in KINDS | SILENT:
        return Skipped(f"event {event}", event, unknown=True)
    return parts[1]


def _kind_of(message: dict[str, Any]) -> str:
    """A message without event_name: text, image, sticker or voice by its fields."""
    if isinstance(message.get("text"), str):
        return "text"
    if message.get("photo") or message.get("photo_url"):
        return "image"
    if message.get("sticker"):
        return "sticker"
    if message.get("voice_url"):
        return "voice"
    return "unsupported"


def sender_name(sender: dict[str, Any]) -> str:
    """The sender's name: display_name (documented), or first and last name (older copies)."""
    for key in ("display_name", "name"):
        if isinstance(sender.get(key), str) and sender[key].strip():
            return str(sender[key]).strip()
    parts = [sender.get("first_name"), sender.get("last_name")]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


def strip_mention(text: str, names: Iterable[str] = ()) -> str:
    """A group text without the bot's @mention, wherever it stands.

    The bot's names are taken out first (a display name may hold spaces: "@Bot Đảng ủy");
    a leading mention of a name we do not know ends at the command it introduces, else
    at its first word.
    """
    stripped = text
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        stripped = re.sub(rf"@{re.escape(name)}(?!\w)", " ", stripped, flags=re.IGNORECASE)
    stripped = " ".join(stripped.split())
    if stripped.startswith("@"):
        slash = stripped.find(" /")
        stripped = stripped[slash + 1 :] if slash > 0 else _MENTION.sub("", stripped, count=1)
    return stripped.strip()


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


class SeenStore(Protocol):
    """Where the channel remembers the messages it handled (the shared database, or memory)."""

    def first_time(self, update: ZaloUpdate) -> bool:
        """Whether this message is new, remembering it."""
        ...


class SeenMessages:
    """Message ids already handled, in memory, the oldest forgotten first beyond a limit."""

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


class SharedSeen:
    """Message ids already handled, in the database: of two processes given the same
    message, exactly one handles it. Ids are forgotten after `ttl`."""

    def __init__(
        self, db: Database, now: Callable[[], datetime], ttl: timedelta = SEEN_TTL
    ) -> None:
        self.db, self.now, self.ttl = db, now, ttl
        self._count = 0

    def first_time(self, update: ZaloUpdate) -> bool:
        """Whether this message is new (and remember it); messages without an id always are."""
        key = update.key
        if key is None:
            return True
        self._count += 1
        if self._count % SWEEP_EVERY == 0:
            shared_state.forget_seen(self.db, self.now())
        return shared_state.first_seen(self.db, f"{CHANNEL}:{key}", self.now(), self.ttl)


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    """An id as a string (Zalo sends strings; numbers are accepted too)."""
    if isinstance(value, bool) or value is None:
        return ""
    return str(value).strip()
