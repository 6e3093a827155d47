"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and benchmarks.

It speaks enough of the Bot API for python-telegram-bot: getMe, getUpdates (offset and
long-poll timeout), sendMessage, sendDocument, editMessageText, editMessageReplyMarkup,
answerCallbackQuery, getFile and file downloads, setMyCommands, sendChatAction,
setWebhook/deleteWebhook. Tests enqueue updates, read every recorded request, and can
make a method fail to check that the bot carries on.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlparse

from tests.fakes.telegram_updates import UpdateFactory

BOT_ID = 777000


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
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = _Server(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
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

    def handle(self, method: str, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call: (HTTP status, JSON body)."""
        if method != "getUpdates":
            with self.cond:
                self.calls.append(Call(method, params))
                self.cond.notify_all()
        if method in self.delays:
            time.sleep(self.delays[method])  # a slow server: the call stays in flight
        failure = self._failure(method)
        if failure is not None:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.status,
                "description": failure.description,
            }
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return failure.status, body
        answer = getattr(self, f"api_{method}", None)
        if answer is None:
            return 404, {
                "ok": False,
                "error_code": 404,
                "description": "Not Found: method not found",
            }
        with self.cond:  # one call at a time: the message store is shared with the test
            result = answer(params)
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
        return self.bot_message(
            params.get("chat_id", "0"), params.get("text", ""), params.get("reply_markup")
        )

    def api_getFile(self, params: dict[str, str]) -> Any:
        file_id = params["file_id"]
        size = len(self.files.get(file_id, b""))
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": size,
            "file_path": f"documents/{file_id}",
        }

    def _true(self, params: dict[str, str]) -> Any:
        return True

    api_editMessageReplyMarkup = _true
    api_answerCallbackQuery = _true
    api_setMyCommands = _true
    api_deleteMyCommands = _true
    api_sendChatAction = _true
    api_setWebhook = _true
    api_deleteWebhook = _true
    api_close = _true

    def api_getWebhookInfo(self, params: dict[str, str]) -> Any:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client hanging up mid long-poll (the bot stopping) is normal here."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeTelegram
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects
    # Headers and body go out in two writes; with Nagle on, the body would wait for the
    # client's delayed ACK (40 ms on Linux) and the benchmark would measure that.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        path = unquote(urlparse(self.path).path)  # httpx sends the token's colon as %3A
        prefix = f"/file/bot{self.fake.token}/documents/"
        if path.startswith(prefix) and path[len(prefix) :] in self.fake.files:
            with self.fake.cond:
                self.fake.calls.append(Call("download", {"file_id": path[len(prefix) :]}))
                self.fake.cond.notify_all()
            self._reply(200, self.fake.files[path[len(prefix) :]], "application/octet-stream")
            return
        if path.startswith("/bot"):
            self._api(path, dict(parse_qsl(urlparse(self.path).query)))
            return
        self._reply(404, b"not found", "text/plain")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        self._api(
            unquote(urlparse(self.path).path), _form(self.headers.get("Content-Type", ""), body)
        )

    def _api(self, path: str, params: dict[str, str]) -> None:
        token, _, method = path[len("/bot") :].partition("/")
        if token != self.fake.token:
            status, body = 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        else:
            status, body = self.fake.handle(method, params)
        self._reply(status, json.dumps(body).encode(), "application/json")

    def _reply(self, status: int, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the tests read the recorded calls instead."""


def _form(content_type: str, body: bytes) -> dict[str, str]:
    """Parameters from a JSON, urlencoded or multipart body (files become their name)."""
    if content_type.startswith("application/json"):
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in json.loads(body).items()}
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + body)
        params = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            text = payload.decode("utf-8") if isinstance(payload, bytes) else ""
            params[str(name)] = part.get_filename() or text
        return params
    return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
