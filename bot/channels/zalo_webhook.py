"""The Zalo webhook receiver: a minimal HTTP/1.1 server on asyncio streams.

It answers one POST per connection at the webhook's path, and only when the request
carries the secret in X-Bot-Api-Secret-Token (403 otherwise). It runs behind the
deployment's HTTPS reverse proxy, as Telegram's webhook server does, so it needs no TLS,
no keep-alive and no framework: the body goes to a callback, which queues the update.
The secret is checked before the body is read, so a stranger cannot make us read a
megabyte. Bodies must come with a Content-Length: chunked ones are refused with 411, so
the proxy in front must buffer request bodies (nginx does by default; keep
proxy_request_buffering on).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

log = logging.getLogger(__name__)

SECRET_HEADER = "x-bot-api-secret-token"
MAX_BODY = 1024 * 1024  # an update is a few hundred bytes; refuse anything absurd
READ_TIMEOUT = 10.0
_REASONS = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    411: "Length Required",
    413: "Payload Too Large",
    500: "Internal Server Error",
}

Accept = Callable[[Any], bool]  # takes the JSON body; False when it holds no update


class WebhookServer:
    """Serves the webhook path on listen:port until stopped."""

    def __init__(self, listen: str, port: int, path: str, secret: str, accept: Accept) -> None:
        self.listen = listen
        self.port = port
        self.path = path or "/"
        self._secret = secret.encode()
        self._accept = accept
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        """Start listening."""
        self._server = await asyncio.start_server(self._serve, self.listen, self.port)
        log.info("zalo: webhook listening on %s:%s%s", self.listen, self.port, self.path)

    async def stop(self) -> None:
        """Stop accepting connections."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            status = await asyncio.wait_for(self._read_and_answer(reader), READ_TIMEOUT)
        except (TimeoutError, ValueError, asyncio.IncompleteReadError, ConnectionError):
            status = 400
        body = json.dumps({"ok": status == 200}).encode()
        head = (
            f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        )
        try:
            writer.write(head.encode() + body)
            await writer.drain()
            writer.close()
            await writer.wait_closed()
        except ConnectionError:  # the caller hung up: nothing more to tell it
            pass

    async def _read_and_answer(self, reader: asyncio.StreamReader) -> int:
        method, target, _ = (await reader.readline()).decode("latin-1").split(" ", 2)
        headers: dict[str, str] = {}
        while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        refused = self.check(method, target, headers)
        if refused is not None:
            return refused  # the body is never read
        if "transfer-encoding" in headers or "content-length" not in headers:
            return 411  # a chunked body: the proxy must buffer it (see the module docstring)
        length = _body_length(headers)
        if length is None:
            return 400
        if length > MAX_BODY:
            return 413
        body = await reader.readexactly(length) if length > 0 else b""
        return self.receive(body)

    def answer(self, method: str, target: str, headers: dict[str, str], body: bytes) -> int:
        """The status for one request; a valid update is handed to accept."""
        return self.check(method, target, headers) or self.receive(body)

    def check(self, method: str, target: str, headers: dict[str, str]) -> int | None:
        """The status refusing a request by its path, method or secret; None if it may pass."""
        if urlparse(target).path.rstrip("/") != self.path.rstrip("/"):
            return 404
        if method.upper() != "POST":
            return 405
        given = headers.get(SECRET_HEADER, "").encode("latin-1")
        if not hmac.compare_digest(given, self._secret):
            log.warning("zalo: webhook request without the right secret refused")
            return 403
        return None

    def receive(self, body: bytes) -> int:
        """Hand a JSON body to accept: 200, or 400 when it is not an update we can read."""
        try:
            data = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
        except (UnicodeDecodeError, ValueError, RecursionError):  # deep nesting: RecursionError
            return 400
        try:
            return 200 if self._accept(data) else 400
        except Exception:  # a bug of ours: Zalo should retry, and we want the traceback
            log.exception("zalo: webhook body could not be queued")
            return 500


def _body_length(headers: dict[str, str]) -> int | None:
    """The Content-Length; None when it is not a number of bytes."""
    value = headers.get("content-length", "")
    if not (value.isascii() and value.isdigit()):
        return None
    return int(value)


def _no_constant(name: str) -> Any:
    """Refuse NaN and Infinity, which are not JSON."""
    raise ValueError(f"{name} is not JSON")


def webhook_path(url: str) -> str:
    """The path part of the public webhook URL, which the proxy forwards unchanged."""
    return urlparse(url).path or "/"
