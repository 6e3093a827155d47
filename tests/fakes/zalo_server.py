"""A fake Zalo Bot Platform API server on 127.0.0.1 for channel and end-to-end tests.

It speaks the documented JSON (tests/fixtures/zalo/ has the recorded shapes): getMe;
getUpdates (one update a call, no offset, error_code 408 after a short wait when idle,
on HTTP 408 or, as also observed, HTTP 200); sendMessage (1-2000 characters); a monthly
message limit answered by 429 "Quota exceeded"; sendChatAction; setWebhook (its secret
must be 8-256 characters), deleteWebhook, getWebhookInfo (404 without a webhook); an
unknown method is 404 in the body of an HTTP 200; a wrong token 401. With a webhook set,
getUpdates stays idle and each queued update is POSTed to the webhook instead, bare (as
delivered live) or wrapped (as documented), with the secret header, in order.

Tests enqueue updates (the same one twice, to check de-duplication), read every
recorded call, and make a method or one chat fail with any code, on its HTTP status or
in the body of an HTTP 200. The HTTP serving is tests.fakes.telegram_http's.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from tests.fakes.telegram_http import serve

BOT = {"id": "8812345678901234567", "account_name": "bot.danvan", "account_type": "BASIC"}
TOKEN = "8812345678901234567:ZaloFakeTokenAbcdefghijklmnopqrstu"
MAX_TEXT = 2000
TRUE_METHODS = frozenset({"sendChatAction"})
# The error table's words (DOC-A), and what other bots saw for the undocumented codes.
DESCRIPTIONS = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Internal server error",
    404: "Not Found",
    408: "Request timeout",
    410: "The chat_id is invaild",
    422: "You are not permitted to send messages to this chat_id",
    429: "Quota exceeded",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


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
    """A planned error answer: the code, its description, and where it is carried."""

    code: int
    description: str
    times: int | None = None  # None: for ever
    in_body: bool = False  # HTTP 200 with the error in the body (as Zalo often answers)

    @property
    def status(self) -> int:
        """The HTTP status of the answer."""
        return 200 if self.in_body else self.code


@dataclass(frozen=True)
class Sent:
    """A message the server accepted from the bot."""

    chat_id: str
    text: str
    message_id: str


class ApiError(Exception):
    """An error answer of a method: ApiError(code, description)."""


def error(code: int, description: str) -> dict[str, Any]:
    """The body of an error answer."""
    return {"ok": False, "error_code": code, "description": description}


class FakeZalo:
    """The server state; start() serves it on a free port of 127.0.0.1."""

    def __init__(self, token: str = TOKEN, shape: str = "bare", idle_status: int = 408) -> None:
        self.token = token
        self.shape = shape  # how webhooks are delivered: "bare" or "wrapped"
        self.idle_status = idle_status  # HTTP status of an idle getUpdates: 408 or 200
        self.files: dict[str, bytes] = {}  # the HTTP layer's downloads: none on Zalo
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.failures: dict[str, Failure] = {}
        self.chat_failures: dict[str, Failure] = {}  # chat id -> sendMessage answer
        self.monthly_limit: int | None = None  # messages accepted before 429 "Quota exceeded"
        self.webhook: dict[str, str] = {}
        self.pushed: list[int] = []  # HTTP status of each webhook delivery
        self.sent: list[Sent] = []
        self.idle_wait = 0.3  # seconds a getUpdates waits before answering 408
        self.delays: dict[str, float] = {}  # method -> seconds to wait before answering
        self.polls = 0  # getUpdates calls received
        self.polling = 0  # getUpdates calls waiting for an update right now
        self.cond = threading.Condition()
        self._next_id = 0
        self._server: ThreadingHTTPServer | None = None
        self._outbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._pusher: threading.Thread | None = None

    def start(self) -> FakeZalo:
        """Serve on 127.0.0.1 in a background thread."""
        self._server = serve(self)
        self._pusher = threading.Thread(target=self._push_loop, daemon=True)
        self._pusher.start()
        return self

    def stop(self) -> None:
        """Stop serving and wake any long poll."""
        self._outbox.put(None)
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
        description: str | None = None,
        times: int | None = None,
        in_body: bool = False,
    ) -> None:
        """Make a method answer with an error code (times=None: every call); in_body: on
        HTTP 200 with the code in the body. The description defaults to Zalo's words."""
        words = description if description is not None else DESCRIPTIONS.get(status, "Error")
        self.failures[method] = Failure(status, words, times, in_body)

    def block(self, chat_id: str, code: int = 422) -> None:
        """The bot may not write to a chat (422; 410 for an invalid chat id)."""
        self.chat_failures[chat_id] = Failure(code, DESCRIPTIONS[code])

    def message(
        self,
        chat_id: str,
        kind: str = "text",
        text: str = "",
        name: str = "",
        *,
        group: str | None = None,
        event: bool = True,
        first_name: bool = False,
    ) -> dict[str, Any]:
        """A bare update of a user's message (kind: text, image, sticker, voice,
        unsupported); in a group chat (the user's id is chat_id); without event_name, or
        with the sender's name in first_name, as published copies of the API show them."""
        with self.cond:
            self._next_id += 1
            message_id = f"m{self._next_id:06d}"
        who = name or f"Người dùng {chat_id}"
        sender = {"id": chat_id, "is_bot": False}
        sender |= {"first_name": who} if first_name else {"display_name": who}
        chat = (
            {"id": group, "chat_type": "GROUP"}
            if group
            else {"id": chat_id, "chat_type": "PRIVATE"}
        )
        message: dict[str, Any] = {
            "from": sender,
            "chat": chat,
            "message_id": message_id,
            "date": int(time.time() * 1000),
        }
        if kind == "text":
            message["text"] = text
        elif kind == "image":
            message |= {"photo_url": "https://example.invalid/a.jpg", "caption": text}
        elif kind == "sticker":
            message |= {"sticker": "st-1", "url": "https://example.invalid/s.png"}
        elif kind == "voice":
            message["voice_url"] = "https://example.invalid/v.aac"
        if not event:
            return {"message": message}
        return {"event_name": f"message.{kind}.received", "message": message}

    def enqueue(self, update: dict[str, Any], times: int = 1) -> None:
        """Queue an update (times > 1: Zalo delivering it again): for getUpdates, or POSTed
        to the webhook when one is set."""
        with self.cond:
            hooked = bool(self.webhook.get("url"))
            if not hooked:
                self.updates.extend([update] * times)
            self.cond.notify_all()
        for _ in range(times if hooked else 0):
            self._outbox.put(update)

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
            return failure.status, error(failure.code, failure.description)
        if method == "getUpdates":
            return self.api_getUpdates(params)
        answer = getattr(self, f"api_{method}", None)
        if answer is None and method not in TRUE_METHODS:
            return 200, error(404, "Not Found")  # as observed: the code in an HTTP 200
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
                return self.idle_status, error(408, "Request timeout")
            return 200, {"ok": True, "result": self.updates.pop(0)}

    def api_sendMessage(self, params: dict[str, str]) -> Any:
        text = params.get("text", "")
        if not params.get("chat_id"):
            raise ApiError(400, "Bad request: The chat_id must not be empty")
        if not 1 <= len(text) <= MAX_TEXT:
            raise ApiError(400, f"Bad request: text must be 1-{MAX_TEXT} characters")
        if self.monthly_limit is not None and len(self.sent) >= self.monthly_limit:
            raise ApiError(429, DESCRIPTIONS[429])
        self._next_id += 1
        message_id = f"b{self._next_id:06d}"
        self.sent.append(Sent(params.get("chat_id", ""), text, message_id))
        return {"message_id": message_id, "date": int(time.time() * 1000)}

    def api_setWebhook(self, params: dict[str, str]) -> Any:
        url, secret = params.get("url", ""), params.get("secret_token", "")
        if not 8 <= len(secret) <= 256:
            raise ApiError(400, "Bad request: secret_token must be 8-256 characters")
        self.webhook = {"url": url, "secret_token": secret}
        hint = "Your endpoint responded successfully."
        check = {"ok": True, "url": url, "outcome": "webhook.ok", "hint": hint}
        return {"url": url, "updated_at": int(time.time() * 1000), "verification": check}

    def api_deleteWebhook(self, params: dict[str, str]) -> Any:
        self.webhook = {}
        return {"url": "", "updated_at": int(time.time() * 1000)}

    def api_getWebhookInfo(self, params: dict[str, str]) -> Any:
        if not self.webhook:
            raise ApiError(404, "Not Found")  # measured on a real bot without a webhook
        return {"url": self.webhook["url"], "updated_at": int(time.time() * 1000)}

    # ---- webhook delivery ----------------------------------------------------------------
    def _push_loop(self) -> None:
        """POST queued updates to the webhook one at a time, in order."""
        while (update := self._outbox.get()) is not None:
            body = {"ok": True, "result": update} if self.shape == "wrapped" else update
            status = self._post(json.dumps(body, ensure_ascii=False).encode())
            with self.cond:
                self.pushed.append(status)
                self.cond.notify_all()

    def _post(self, data: bytes) -> int:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Java/1.8.0_192",  # what Zalo's calls were seen to send
            "X-Bot-Api-Secret-Token": self.webhook.get("secret_token", ""),
        }
        url = self.webhook.get("url", "")
        request = urllib.request.Request(url, data, headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            exc.close()
            return exc.code
        except OSError:
            return 0
