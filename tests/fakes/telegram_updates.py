"""Bot API objects as the real server shapes them: users, chats, messages and updates.

FakeTelegram inherits this, so a test writes `fake.enqueue(fake.text(42, "kh 89"))`.
Message ids come from one counter shared by incoming and sent messages, so a reply to
a message the bot sent carries the id the bot recorded.
"""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

PRIVATE_NAMES = {100: ("Lan", "Nguyễn Thị"), 200: ("Minh", "Trần Văn")}


class UpdateFactory:
    """Builds updates and remembers every message, so reply_to_message can be filled in."""

    def __init__(self, bot: dict[str, Any]) -> None:
        self.bot = bot
        self.updates: list[dict[str, Any]] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.confirmed = 0  # the highest offset getUpdates was called with
        self.delivered = 0  # the highest update_id handed out
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)

    def user(self, chat_id: int) -> dict[str, Any]:
        """The private user behind a chat id."""
        first, last = PRIVATE_NAMES.get(chat_id, (f"Người dùng {chat_id}", None))
        user: dict[str, Any] = {
            "id": chat_id,
            "is_bot": False,
            "first_name": first,
            "language_code": "vi",
        }
        if last:
            user["last_name"] = last
        return user

    def chat(self, chat_id: int) -> dict[str, Any]:
        """A private chat object."""
        user = self.user(chat_id)
        chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
        if "last_name" in user:
            chat["last_name"] = user["last_name"]
        return chat

    def _message(self, chat_id: int, sender: dict[str, Any], **fields: Any) -> dict[str, Any]:
        message_id = next(self._message_ids)
        message = {
            "message_id": message_id,
            "from": sender,
            "chat": self.chat(chat_id),
            "date": int(time.time()),
            **fields,
        }
        self.messages[message_id] = message
        return message

    def bot_message(self, chat_id: str, text: str, markup: str | None) -> dict[str, Any]:
        """A message the bot sent (the result of sendMessage)."""
        fields: dict[str, Any] = {"text": text}
        if markup:
            fields["reply_markup"] = json.loads(markup)
        return self._message(int(chat_id), self.bot, **fields)

    def _update(self, **fields: Any) -> dict[str, Any]:
        return {"update_id": next(self._update_ids), **fields}

    def text(self, chat_id: int, text: str, reply_to: int | None = None) -> dict[str, Any]:
        """An update with a text message (a command when it starts with /)."""
        fields: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            length = len(text.split()[0])
            fields["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if reply_to is not None:
            fields["reply_to_message"] = self.messages[reply_to]
        return self._update(message=self._message(chat_id, self.user(chat_id), **fields))

    def document(
        self,
        chat_id: int,
        file_id: str,
        name: str,
        size: int,
        caption: str | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """An update with a document (file_id from add_file)."""
        mime = {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "pdf": "application/pdf",
            "txt": "text/plain",
        }.get(name.rsplit(".", 1)[-1], "application/octet-stream")
        fields: dict[str, Any] = {
            "document": {
                "file_name": name,
                "mime_type": mime,
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": size,
            }
        }
        if caption:
            fields["caption"] = caption
        if reply_to is not None:
            fields["reply_to_message"] = self.messages[reply_to]
        return self._update(message=self._message(chat_id, self.user(chat_id), **fields))

    def press(self, chat_id: int, message_id: int, data: str) -> dict[str, Any]:
        """An update with a button press on a message the bot sent."""
        query = {
            "id": str(next(self._callback_ids)),
            "from": self.user(chat_id),
            "message": self.messages[message_id],
            "chat_instance": f"ci{chat_id}",
            "data": data,
        }
        return self._update(callback_query=query)
