"""A fake Zalo Bot Platform API server on 127.0.0.1 for channel and end-to-end tests.

It speaks the documented JSON: getMe; getUpdates (one update a call, no offset, HTTP 408
with error_code 408 after a short wait when idle); sendMessage (1-2000 characters, else
the API's error shape); sendChatAction; setWebhook, deleteWebhook, getWebhookInfo. Tests
enqueue updates (the same one twice, to check de-duplication), read every recorded call,
and make a method or one chat fail (429, 5xx, a user who blocked the bot). The HTTP
serving is tests.fakes.telegram_http's: the same /bot<TOKEN>/<method> paths.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from tests.fakes.telegram_http import serve

BOT = {"id": "8812345678901234567", "account_name": "bot.danvan", "account_type": "BASIC"}
TOKEN = "8812345678901234567:ZaloFakeTokenAbcdefghijklmnopqrstu"
MAX_TEXT = 2000
TRUE_METHODS = frozenset({"sendChatAction"})


@dataclass
class Call:
    """One API request the server received."""

    method: str
    params: dict[str, str]
    at: float = field(default_factory=time.perf_counter)

    @property
    def chat_id(self) -> str:
        """The chat the call addresses."""
        return self.params.get("chat_id", "")


@dataclass
class Failure:
    """A planned error answer: HTTP status and the API's error_code and description."""

    status: int
    description: str
    times: int | None = None  # None: for ever
    retry_after: int | None = None


@dataclass(frozen=True)
class Sent:
    """A message the server accepted from the bot."""

    chat_id: str
    text: str
    message_id: str


class ApiError(Exception):
    """An error answer of a method: ApiError(status, description)."""


def error(code: int, description: str) -> dict[str, Any]:
    """The body of an error answer."""
    return {"ok": False, "error_code": code, "description": description}


class FakeZalo:
    """The server state; start() serves it on a free port of 127.0.0.1."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.files: dict[str, bytes] = {}  # the HTTP layer's downloads: none on Zalo
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.failures: dict[str, Failure] = {}
        self.chat_failures: dict[str, Failure] = {}  # chat id -> sendMessage answer
        self.webhook: dict[str, str] = {}
        self.sent: list[Sent] = []
        self.idle_wait = 0.3  # seconds a getUpdates waits before answering 408
        self.delays: dict[str, float] = {}  # method -> seconds to wait before answering
        self.polls = 0  # getUpdates calls received
        self.polling = 0  # getUpdates calls waiting for an update right now
        self.cond = threading.Condition()
        self._next_id = 0
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> FakeZalo:
        """Serve on 127.0.0.1 in a background thread."""
        self._server = serve(self)
        return self

    def stop(self) -> None:
        """Stop serving and wake any long poll."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with self.cond:
            self.cond.notify_all()

    @property
    def base_url(self) -> str:
        """The ZALO_API_BASE_URL pointing here."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    # ---- what tests do -------------------------------------------------------------------
    def fail(
        self,
        method: str,
        status: int = 500,
        description: str = "Internal Server Error",
        times: int | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Make a method answer with an error (times=None: every call)."""
        self.failures[method] = Failure(status, description, times, retry_after)

    def block(self, chat_id: str, description: str = "User has blocked the bot") -> None:
        """The user of a chat blocked the bot: sendMessage to it answers 403."""
        self.chat_failures[chat_id] = Failure(403, description)

    def message(
        self, chat_id: str, kind: str = "text", text: str = "", name: str = ""
    ) -> dict[str, Any]:
        """A bare update of a user's message (kind: text, image, sticker, unsupported)."""
        with self.cond:
            self._next_id += 1
            message_id = f"m{self._next_id:06d}"
        message: dict[str, Any] = {
            "from": {"id": chat_id, "display_name": name or f"Người dùng {chat_id}"},
            "chat": {"id": chat_id, "chat_type": "PRIVATE"},
            "message_id": message_id,
            "date": int(time.time() * 1000),
        }
        if kind == "text":
            message["text"] = text
        elif kind == "image":
            message |= {"photo_url": "https://example.invalid/a.jpg", "caption": text}
        elif kind == "sticker":
            message |= {"sticker": "st-1", "url": "https://example.invalid/s.png"}
        return {"event_name": f"message.{kind}.received", "message": message}

    def enqueue(self, update: dict[str, Any], times: int = 1) -> None:
        """Queue an update for getUpdates (times > 1: Zalo delivering it again)."""
        with self.cond:
            self.updates.extend([update] * times)
            self.cond.notify_all()

    def calls_to(self, method: str, chat_id: str | None = None) -> list[Call]:
        """Recorded calls of a method (to one chat)."""
        with self.cond:
            return [
                c
                for c in self.calls
                if c.method == method and (chat_id is None or c.chat_id == str(chat_id))
            ]

    def texts(self, chat_id: str) -> list[str]:
        """Texts the server accepted for a chat (sendMessage answered ok), in order."""
        with self.cond:
            return [m.text for m in self.sent if m.chat_id == str(chat_id)]

    def wait_for(self, predicate: Any, timeout: float = 10.0) -> Any:
        """Wait until predicate() is truthy (re-checked on every request); returns its value."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while not (result := predicate()):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the fake Zalo server did not see what was expected")
                self.cond.wait(min(left, 0.2))
            return result

    # ---- the API -------------------------------------------------------------------------
    def record(self, method: str, params: dict[str, str]) -> None:
        """Record a call and wake whoever waits on the calls."""
        with self.cond:
            self.calls.append(Call(method, params))
            self.cond.notify_all()

    def handle(self, method: str, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """Answer one API call: (HTTP status, JSON body)."""
        if method != "getUpdates":  # polls are too many to be worth keeping
            self.record(method, params)
        if method in self.delays:
            time.sleep(self.delays[method])  # a slow server: the call stays in flight
        failure = self._failure(self.failures, method)
        if method == "sendMessage" and failure is None:
            failure = self._failure(self.chat_failures, params.get("chat_id", ""))
        if failure is not None:
            body = error(failure.status, failure.description)
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return failure.status, body
        if method == "getUpdates":
            return self.api_getUpdates(params)
        answer = getattr(self, f"api_{method}", None)
        if answer is None and method not in TRUE_METHODS:
            return 404, error(404, "Method not found")
        with self.cond:
            try:
                return 200, {"ok": True, "result": answer(params) if answer else True}
            except ApiError as exc:
                return exc.args[0], error(*exc.args)
            finally:
                self.cond.notify_all()

    def _failure(self, table: dict[str, Failure], key: str) -> Failure | None:
        with self.cond:
            failure = table.get(key)
            if failure is not None and failure.times is not None:
                failure.times -= 1
                if failure.times <= 0:
                    del table[key]
            return failure

    def api_getMe(self, params: dict[str, str]) -> Any:
        return BOT

    def api_getUpdates(self, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        wait = min(float(params.get("timeout", "0") or 0), self.idle_wait)
        deadline = time.monotonic() + wait
        with self.cond:
            self.polls += 1
            self.polling += 1
            self.cond.notify_all()
            try:
                while not self.updates and self._server is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self.cond.wait(left)
            finally:
                self.polling -= 1
            if not self.updates:
                return 408, error(408, "Request timeout")
            return 200, {"ok": True, "result": self.updates.pop(0)}

    def api_sendMessage(self, params: dict[str, str]) -> Any:
        text = params.get("text", "")
        if not 1 <= len(text) <= MAX_TEXT:
            raise ApiError(400, f"text must be 1-{MAX_TEXT} characters")
        self._next_id += 1
        message_id = f"b{self._next_id:06d}"
        self.sent.append(Sent(params.get("chat_id", ""), text, message_id))
        return {"message_id": message_id, "date": int(time.time() * 1000)}

    def api_setWebhook(self, params: dict[str, str]) -> Any:
        self.webhook = {
            "url": params.get("url", ""),
            "secret_token": params.get("secret_token", ""),
        }
        return {"url": self.webhook["url"], "updated_at": int(time.time() * 1000)}

    def api_deleteWebhook(self, params: dict[str, str]) -> Any:
        self.webhook = {}
        return {"url": "", "updated_at": int(time.time() * 1000)}

    def api_getWebhookInfo(self, params: dict[str, str]) -> Any:
        return {"url": self.webhook.get("url", ""), "updated_at": int(time.time() * 1000)}
