"""The Zalo webhook server against hostile or odd requests, over a real socket."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest

from bot.channels.zalo_webhook import READ_TIMEOUT, WebhookServer

SECRET = "s3cret"
UPDATE = b'{"event_name":"message.text.received","message":{"chat":{"id":"1"},"text":"hi"}}'


@pytest.fixture
async def hook() -> AsyncIterator[tuple[int, list[object]]]:
    """A running webhook server on a free port; the port and the bodies it accepted."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    accepted: list[object] = []

    def accept(body: object) -> bool:
        if body == {"fail": True}:
            raise RuntimeError("a bug while queueing")
        accepted.append(body)
        return True

    server = WebhookServer("127.0.0.1", port, "/zalo/hook", SECRET, accept)
    await server.start()
    yield port, accepted
    await server.stop()


async def status(port: int, head: bytes, body: bytes = b"") -> int:
    """Send a raw request; the status of the answer (read before the timeout would end it)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST /zalo/hook HTTP/1.1\r\nHost: bot\r\n" + head + b"\r\n" + body)
    await writer.drain()
    try:
        line = await asyncio.wait_for(reader.readline(), READ_TIMEOUT / 2)
    finally:
        writer.close()
    return int(line.split()[1])


def secret() -> bytes:
    """The secret header line."""
    return f"X-Bot-Api-Secret-Token: {SECRET}\r\n".encode()


def length(body: bytes) -> bytes:
    """The Content-Length header line."""
    return f"Content-Length: {len(body)}\r\n".encode()


async def test_a_request_without_the_secret_is_refused_before_its_body_is_read(
    hook: tuple[int, list[object]],
) -> None:
    port, accepted = hook
    # The body never comes: answering at all proves it was not waited for.
    assert await status(port, b"Content-Length: 1000000\r\n") == 403
    assert await status(port, b"Content-Length: 5000000\r\n") == 403
    assert accepted == []


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (b"Transfer-Encoding: chunked\r\n", b"", 411),  # answered before any chunk
        (b"", b"", 411),
        (b"Content-Length: -5\r\n", b"", 400),
        (b"Content-Length: 2000000\r\n", b"", 413),
    ],
)
async def test_bodies_without_a_usable_length_are_refused_clearly(
    hook: tuple[int, list[object]], head: bytes, body: bytes, expected: int
) -> None:
    port, accepted = hook
    assert await status(port, secret() + head, body) == expected
    assert accepted == []


@pytest.mark.parametrize(
    "body", [b"[" * 100_000 + b"]" * 100_000, b'{"event_name": NaN}', b"\xff{}"]
)
async def test_bodies_that_are_not_json_updates_are_400(
    hook: tuple[int, list[object]], body: bytes
) -> None:
    port, accepted = hook
    assert await status(port, secret() + length(body), body) == 400
    assert accepted == []


async def test_a_good_update_is_accepted_and_a_bug_answers_500(
    hook: tuple[int, list[object]],
) -> None:
    port, accepted = hook
    assert await status(port, secret() + length(UPDATE), UPDATE) == 200
    assert len(accepted) == 1
    bad = b'{"fail": true}'
    assert await status(port, secret() + length(bad), bad) == 500
