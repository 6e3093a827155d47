"""A fake Telegram Bot API server for the fan-out benchmark (127.0.0.1 only).

It answers getMe and sendMessage like the Bot API, enforces a global rate (token bucket
counted on delivered messages) and one message a second per chat with 429 + retry_after,
injects faults (429, 500/502, and timeouts: the request is held longer than the client
waits and is then dropped undelivered), and records every delivered (chat_id, text).
It stops by itself after `lifetime` seconds.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Faults:
    """Fractions of sendMessage calls answered with a fault instead of a delivery."""

    retry_after: float = 0.04  # 429 with parameters.retry_after
    server_error: float = 0.03  # 500 or 502
    timeout: float = 0.03  # held past the client's timeout, then dropped
    hold_seconds: float = 6.0  # PTB's default read timeout is 5 s
    retry_after_seconds: int = 1


@dataclass
class Stats:
    """What the server saw; guarded by `lock`."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    delivered: list[tuple[str, str, float]] = field(default_factory=list)
    faults: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0

    def snapshot(self) -> dict[str, Any]:
        """Counts for the report."""
        with self.lock:
            return {"delivered": len(self.delivered), "faults": dict(self.faults)}


class Limits:
    """The platform's limits: a global token bucket and a per-chat interval."""

    def __init__(self, rate: float, burst: float, per_chat: float) -> None:
        self.rate, self.burst, self.per_chat = rate, burst, per_chat
        self.tokens, self.stamp = burst, time.monotonic()
        self.last: dict[str, float] = {}
        self.lock = threading.Lock()

    def admit(self, chat_id: str) -> float:
        """0 when the message may go now (and is counted), else seconds to wait."""
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            last = self.last.get(chat_id)
            if last is not None and now - last < self.per_chat:
                return self.per_chat - (now - last)
            if self.tokens < 1:
                return (1 - self.tokens) / self.rate
            self.tokens -= 1
            self.last[chat_id] = now
            return 0.0


class FakeBotAPI:
    """The server; start() runs it on a daemon thread, stop() ends it."""

    def __init__(
        self,
        rate: float = 30.0,
        burst: float = 5.0,
        faults: Faults | None = None,
        seed: int = 7,
        lifetime: float = 1800.0,
    ) -> None:
        self.limits = Limits(rate, burst, per_chat=1.0)
        self.faults = faults or Faults()
        self.random = random.Random(seed)
        self.random_lock = threading.Lock()
        self.stats = Stats()
        self.lifetime = lifetime
        self.next_id = 0
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True

    @property
    def base_url(self) -> str:
        """The TELEGRAM_API_BASE_URL for clients (the token is appended)."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def start(self) -> FakeBotAPI:
        """Serve on a daemon thread; a timer stops the server after `lifetime`."""
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        timer = threading.Timer(self.lifetime, self.stop)
        timer.daemon = True
        timer.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

    def fault(self) -> str | None:
        """Draw the fate of one call: None to deliver, or the fault to inject."""
        with self.random_lock:
            x = self.random.random()
        f = self.faults
        if x < f.retry_after:
            return "429"
        if x < f.retry_after + f.server_error:
            return "500" if x < f.retry_after + f.server_error / 2 else "502"
        if x < f.retry_after + f.server_error + f.timeout:
            return "timeout"
        return None

    def send_message(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The sendMessage logic: fault, limit, or deliver and record."""
        chat_id, text = str(body.get("chat_id")), str(body.get("text", ""))
        fault = self.fault()
        if fault == "timeout":
            self._count("timeout")
            time.sleep(self.faults.hold_seconds)
            return 504, {"ok": False, "error_code": 504, "description": "Gateway Timeout"}
        if fault == "429":
            self._count("429_injected")
            return _too_many(self.faults.retry_after_seconds)
        if fault in ("500", "502"):
            self._count(fault)
            return int(fault), {"ok": False, "error_code": int(fault), "description": "Bad Gateway"}
        wait = self.limits.admit(chat_id)
        if wait > 0:
            self._count("429_rate_limit")
            return _too_many(max(1, round(wait + 0.5)))
        with self.stats.lock:
            self.next_id += 1
            self.stats.delivered.append((chat_id, text, time.monotonic()))
            message_id = self.next_id
        return 200, {"ok": True, "result": _message(message_id, chat_id, text)}

    def _count(self, what: str) -> None:
        with self.stats.lock:
            self.stats.faults[what] += 1

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                method = self.path.rstrip("/").rsplit("/", 1)[-1]
                body = _parse(raw, self.headers.get("Content-Type", ""))
                with api.stats.lock:
                    api.stats.in_flight += 1
                try:
                    status, answer = api.dispatch(method, body)
                finally:
                    with api.stats.lock:
                        api.stats.in_flight -= 1
                payload = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up (a timeout fault): nothing was delivered

            def log_message(self, *args: Any) -> None:
                """Quiet: thousands of requests."""

        return Handler

    def dispatch(self, method: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Route one Bot API method."""
        if method == "getMe":
            me = {
                "id": 1,
                "is_bot": True,
                "first_name": "danvan",
                "username": "danvan_bot",
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
            return 200, {"ok": True, "result": me}
        if method == "sendMessage":
            return self.send_message(body)
        if method in ("deleteWebhook", "setMyCommands", "close", "logOut"):
            return 200, {"ok": True, "result": True}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client killed mid-request (the SIGKILL scenario) is expected: stay quiet."""


def _too_many(seconds: int) -> tuple[int, dict[str, Any]]:
    return 429, {
        "ok": False,
        "error_code": 429,
        "description": f"Too Many Requests: retry after {seconds}",
        "parameters": {"retry_after": seconds},
    }


def _message(message_id: int, chat_id: str, text: str) -> dict[str, Any]:
    chat = int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id
    return {
        "message_id": message_id,
        "date": int(time.time()),
        "text": text,
        "chat": {"id": chat, "type": "private", "first_name": "Chi bộ"},
    }


def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
    if "json" in content_type:
        return dict(json.loads(raw or b"{}"))
    from urllib.parse import parse_qsl

    return dict(parse_qsl(raw.decode()))
