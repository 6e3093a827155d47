"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and benchmarks.

It speaks enough of the Bot API for python-telegram-bot: getMe, getUpdates (offset and
long-poll timeout), sendMessage, sendDocument, editMessageText, editMessageReplyMarkup,
answerCallbackQuery, getFile and file downloads, setMyCommands, sendChatAction,
setWebhook/deleteWebhook, deleteMyCommands; edits change the stored message, or answer
400 as Telegram does. Tests enqueue updates, read every recorded request, and can make a
method fail to check that the bot carries on. The HTTP serving lives in
tests.fakes.telegram_http; this module holds the state and the method handlers.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from tests.fakes.telegram_http import serve
from tests.fakes.telegram_updates import UpdateFactory

BOT_ID = 777000
# Methods whose whole answer is `true`: the server only records them.
TRUE_METHODS = frozenset(
    {"answerCallbackQuery", "setMyCommands", "deleteMyCommands", "sendChatAction"}
    | {"setWebhook", "deleteWebhook", "close"}
)


@dataclass
class Call:
    """One Bot API request the server received."""

    method: str
    params: dict[str, str]
    at: float = field(default_factory=time.perf_counter)

    def json(self, key: str) -> Any:
        """A parameter that PTB sends JSON-encoded (reply_markup, commands, scope)."""
        return json.loads(self.params[key]) if key in self.params else None

    @property
    def chat_id(self) -> str:
        """The chat the call addresses."""
        return self.params.get("chat_id", "")


@dataclass
class Failure:
    """A planned error answer for a method."""

    status: int
    description: str
    times: int | None = None  # None: for ever
    retry_after: int | None = None


class ApiError(Exception):
    """An error answer of a method: ApiError(status, description), as the Bot API words it."""


class FakeTelegram(UpdateFactory):
    """The server state; start() serves it on a free port of 127.0.0.1."""

    def __init__(self, token: str = "123:ABC", username: str = "danvan_test_bot") -> None:
        super().__init__(
            bot={"id": BOT_ID, "is_bot": True, "first_name": "danvan", "username": username}
        )
        self.token = token
        self.calls: list[Call] = []
        self.files: dict[str, bytes] = {}
        self.failures: dict[str, Failure] = {}
        self.delays: dict[str, float] = {}  # method -> seconds to wait before answering
        self.cond = threading.Condition()
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> FakeTelegram:
        """Serve on 127.0.0.1 in a background thread."""
        self._server = serve(self)
        return self

    def stop(self) -> None:
        """Stop serving and wake any long poll."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        with self.cond:
            self.cond.notify_all()

    @property
    def base_url(self) -> str:
        """The TELEGRAM_API_BASE_URL pointing here."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def fail(
        self,
        method: str,
        status: int = 404,
        description: str = "Not Found",
        times: int | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Make a method answer with an error (times=None: every call)."""
        self.failures[method] = Failure(status, description, times, retry_after)

    def add_file(self, content: bytes) -> str:
        """Store a file for getFile/download; returns its file_id."""
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = content
        return file_id

    def enqueue(self, update: dict[str, Any]) -> float:
        """Queue an update for getUpdates; returns the perf_counter time it was queued."""
        with self.cond:
            self.updates.append(update)
            self.cond.notify_all()
        return time.perf_counter()

    def calls_to(self, method: str, chat_id: str | int | None = None) -> list[Call]:
        """Recorded calls of a method (to one chat)."""
        with self.cond:
            return [
                c
                for c in self.calls
                if c.method == method and (chat_id is None or c.chat_id == str(chat_id))
            ]

    def texts(self, chat_id: str | int) -> list[str]:
        """Texts sent to a chat by sendMessage, in order."""
        return [c.params.get("text", "") for c in self.calls_to("sendMessage", chat_id)]

    def sent_messages(self, chat_id: str | int) -> list[dict[str, Any]]:
        """Messages the bot sent to a chat, as Bot API Message objects, in order."""
        with self.cond:
            return [
                m
                for m in self.messages.values()
                if m["from"]["id"] == BOT_ID and m["chat"]["id"] == int(chat_id)
            ]

    def wait_for(self, predicate: Any, timeout: float = 10.0) -> Any:
        """Wait until predicate() is truthy (re-checked on every request); returns its value."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while not (result := predicate()):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the fake Telegram server did not see what was expected")
                self.cond.wait(min(left, 0.2))
            return result

    def record(self, method: str, params: dict[str, str]) -> None:
        """Record a call and wake whoever waits on the calls."""
        with self.cond:
            self.calls.append(Call(method, params))
            self.cond.notify_all()

    def handle(self, method: str, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call: (HTTP status, JSON body)."""
        if method != "getUpdates":
            self.record(method, params)
        if method in self.delays:
            time.sleep(self.delays[method])  # a slow server: the call stays in flight
        failure = self._failure(method)
        if failure is not None:
            body = _error(failure.status, failure.description)
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return failure.status, body
        answer = getattr(self, f"api_{method}", None)
        if answer is None and method not in TRUE_METHODS:
            return 404, _error(404, "Not Found: method not found")
        with self.cond:  # one call at a time: the message store is shared with the test
            try:
                result = answer(params) if answer is not None else True
            except ApiError as exc:
                return exc.args[0], _error(*exc.args)
            finally:
                self.cond.notify_all()
        return 200, {"ok": True, "result": result}

    def _failure(self, method: str) -> Failure | None:
        with self.cond:
            failure = self.failures.get(method)
            if failure is None:
                return None
            if failure.times is not None:
                failure.times -= 1
                if failure.times <= 0:
                    del self.failures[method]
            return failure

    def api_getMe(self, params: dict[str, str]) -> Any:
        return self.bot

    def api_getUpdates(self, params: dict[str, str]) -> Any:
        offset = int(params.get("offset", "0") or 0)
        timeout = min(float(params.get("timeout", "0") or 0), 30.0)
        deadline = time.monotonic() + timeout
        with self.cond:
            self.confirmed = max(self.confirmed, offset)
            # Telegram forgets confirmed updates: a restarted bot does not see them again.
            self.updates = [u for u in self.updates if u["update_id"] >= self.confirmed]
            while True:
                pending = [u for u in self.updates if u["update_id"] >= offset]
                left = deadline - time.monotonic()
                if pending or left <= 0 or self._server is None:
                    batch = pending[: int(params.get("limit", "100") or 100)]
                    self.delivered = max([self.delivered, *(u["update_id"] for u in batch)])
                    return batch
                self.cond.wait(left)

    def api_sendMessage(self, params: dict[str, str]) -> Any:
        return self.bot_message(
            params["chat_id"], params.get("text", ""), params.get("reply_markup")
        )

    def api_sendDocument(self, params: dict[str, str]) -> Any:
        return self.bot_message(params["chat_id"], params.get("caption", ""), None)

    def api_editMessageText(self, params: dict[str, str]) -> Any:
        return self._edit(params, text=params.get("text", ""))

    def api_editMessageReplyMarkup(self, params: dict[str, str]) -> Any:
        return self._edit(params)

    def _edit(self, params: dict[str, str], **changes: Any) -> Any:
        """Edit a message the bot sent; no (or an empty) keyboard removes its keyboard."""
        message = self.messages.get(int(params.get("message_id") or 0))
        chat = str(message["chat"]["id"]) if message else None
        if message is None or message["from"]["id"] != BOT_ID or chat != params.get("chat_id"):
            raise ApiError(400, "Bad Request: message to edit not found")
        edited = {k: v for k, v in message.items() if k != "reply_markup"} | changes
        markup = json.loads(params.get("reply_markup") or "{}")
        if markup.get("inline_keyboard"):
            edited["reply_markup"] = markup
        if edited == message:
            raise ApiError(400, "Bad Request: message is not modified")
        # A new dict: updates already made keep the message as it was when they were made.
        self.messages[message["message_id"]] = edited | {"edit_date": int(time.time())}
        return self.messages[message["message_id"]]

    def api_getFile(self, params: dict[str, str]) -> Any:
        file_id = params["file_id"]
        size = len(self.files.get(file_id, b""))
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": size,
            "file_path": f"documents/{file_id}",
        }

    def api_getWebhookInfo(self, params: dict[str, str]) -> Any:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}


def _error(status: int, description: str) -> dict[str, Any]:
    """The body of a Bot API error answer."""
    return {"ok": False, "error_code": status, "description": description}
