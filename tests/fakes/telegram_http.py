"""The HTTP side of the fake Telegram Bot API server: routing, body parsing, replies.

It knows nothing of Bot API methods: it checks the token, turns a request into
(method, params) and hands it to the served object, or serves a stored file for a
download. The method handlers and their state live in tests.fakes.telegram_server.
"""

from __future__ import annotations

import json
import sys
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qsl, unquote, urlparse


class ServedApi(Protocol):
    """What the HTTP layer needs from the fake Bot API it serves."""

    token: str
    files: dict[str, bytes]

    def record(self, method: str, params: dict[str, str]) -> None:
        """Record a request that did not go through handle()."""

    def handle(self, method: str, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call: (HTTP status, JSON body)."""


def serve(api: ServedApi) -> ThreadingHTTPServer:
    """Serve api on a free port of 127.0.0.1 in a background thread."""
    handler = type("Handler", (_Handler,), {"fake": api})
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client hanging up mid long-poll (the bot stopping) is normal here."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    fake: ServedApi
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects
    # Headers and body go out in two writes; with Nagle on, the body would wait for the
    # client's delayed ACK (40 ms on Linux) and the benchmark would measure that.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        path = unquote(urlparse(self.path).path)  # httpx sends the token's colon as %3A
        prefix = f"/file/bot{self.fake.token}/documents/"
        if path.startswith(prefix) and path[len(prefix) :] in self.fake.files:
            self.fake.record("download", {"file_id": path[len(prefix) :]})
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
