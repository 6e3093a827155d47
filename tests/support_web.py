"""Helpers for tests of the bot's web server: serve it in the test's loop, speak raw HTTP to it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from bot.app import App
from bot.runtime import BotChannel, web_server
from bot.web.health import Health


@dataclass
class Served:
    """A web server running in the test's event loop."""

    port: int
    health: Health

    @property
    def url(self) -> str:
        """Its base URL."""
        return f"http://127.0.0.1:{self.port}"


@asynccontextmanager
async def serving(app: App, channels: Sequence[BotChannel]) -> AsyncIterator[Served]:
    """The bot's web server for these channels (as `danvan run` builds it) on a free port."""
    app.settings.http_host, app.settings.http_port = "127.0.0.1", 0
    web, health = web_server(app, list(channels))
    await web.start()
    try:
        yield Served(web.port, health)
    finally:
        await web.stop()


@dataclass(frozen=True)
class Answer:
    """An HTTP answer read off the socket."""

    status: int
    body: bytes

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)


async def raw_post(
    port: int, path: str, headers: dict[str, str], body: bytes | Sequence[bytes] = b""
) -> Answer:
    """POST over a plain socket; a list of byte strings is sent as a chunked body.

    The answer is read as soon as it comes: a server that refuses before reading the
    body answers although the body never arrives.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = [f"POST {path} HTTP/1.1", "Host: bot", "Connection: close"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    if isinstance(body, bytes):
        payload = body
    else:
        head.append("Transfer-Encoding: chunked")
        payload = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in body) + b"0\r\n\r\n"
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)  # strangers send UTF-8
    await writer.drain()
    try:
        return await asyncio.wait_for(_read_answer(reader), 10)
    finally:
        writer.close()


async def _read_answer(reader: asyncio.StreamReader) -> Answer:
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    return Answer(status, await reader.readexactly(length) if length else b"")


def chunks(data: bytes, size: int) -> list[bytes]:
    """A body cut into pieces of `size` bytes (for a chunked request)."""
    return [data[i : i + size] for i in range(0, len(data), size)]
