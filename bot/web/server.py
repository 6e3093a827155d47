"""Serving the web application with uvicorn inside the bot's own event loop.

uvicorn installs its own SIGTERM/SIGINT handlers around `serve()` and re-raises the
signal when it is done, which would kill the process before the bot has finished the
updates in hand; our runtime owns the signals and stops things in order, so the server
here captures none and stops when told. The socket is bound before uvicorn starts, so a
port already taken is one clear error at start-up rather than an exit from inside uvicorn.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import socket
from collections.abc import Iterator

import uvicorn
from starlette.types import ASGIApp

log = logging.getLogger(__name__)

GRACEFUL_SECONDS = 10  # at shutdown, how long requests in flight may take
STARTUP_SECONDS = 10.0


class WebServerError(Exception):
    """The web server cannot listen; the message (Vietnamese) names HTTP_HOST/HTTP_PORT."""


class _QuietServer(uvicorn.Server):
    """A uvicorn server that leaves the process's signals alone."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """Capture nothing: the bot's runtime handles SIGTERM and SIGINT."""
        yield


class WebServer:
    """The ASGI app served on host:port until stop()."""

    def __init__(self, app: ASGIApp, host: str, port: int) -> None:
        self.app = app
        self.host = host
        self.port = port
        self._server: _QuietServer | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Bind and start serving; WebServerError when the address cannot be used."""
        sock = bind(self.host, self.port)
        self.port = int(sock.getsockname()[1])  # the real one when HTTP_PORT=0
        config = uvicorn.Config(
            self.app,
            log_config=None,  # our logging (text or JSON, tokens redacted) handles its lines
            access_log=False,  # Docker polls /healthz every 30 s: no line per request
            lifespan="off",
            http="h11",
            ws="none",
            server_header=False,
            timeout_graceful_shutdown=GRACEFUL_SECONDS,
        )
        self._server = _QuietServer(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]), name="web")
        async with asyncio.timeout(STARTUP_SECONDS):
            while not self._server.started:
                if self._task.done():
                    self._task.result()  # raises what stopped it
                    raise WebServerError("máy chủ web dừng ngay khi khởi động")
                await asyncio.sleep(0.01)
        log.info("web: listening on http://%s:%d", self.host, self.port)

    async def stop(self) -> None:
        """Stop accepting connections and let the requests in flight finish."""
        task, self._task = self._task, None
        if task is None or self._server is None:
            return
        self._server.should_exit = True
        try:
            await task
        except (Exception, SystemExit):  # stopping must go on whatever uvicorn did
            log.exception("web: the server stopped with an error")


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (IPv4 or IPv6), or WebServerError saying why not."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as exc:
        raise WebServerError(f"không dùng được HTTP_HOST={host!r}: {exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        busy = exc.errno == errno.EADDRINUSE
        reason = "cổng đang được dùng" if busy else exc.strerror or str(exc)
        raise WebServerError(
            f"Không mở được máy chủ web ở {host}:{port} ({reason}). "
            "Hãy kiểm tra HTTP_HOST và HTTP_PORT."
        ) from None
    sock.setblocking(False)
    return sock
