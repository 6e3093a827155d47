"""The handler path off the event loop: a bounded pool of threads, each call its own loop.

The handlers and the repositories they call are synchronous SQLModel code (one session
per call); a SQLite busy wait or a slow PostgreSQL query inside them would freeze every
chat if it ran on the bot's event loop. So a message is answered on a worker thread,
inside an event loop of that call's own (the handlers are async functions). What must
stay on the bot's loop, because its connections live there (downloading a Telegram
file, alerting the admins), is handed back to it with `on_loop`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, TypeVar

from core.messages import Incoming

T = TypeVar("T")

WORKERS = 8  # threads answering at once; more would only queue on the database


class HandlerThreads:
    """Runs coroutine factories on a bounded pool of threads, one event loop per call."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None

    async def run(self, make: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """Run make() to completion on a worker thread; its result (or its exception)."""
        if self._pool is None:  # created on first use: a CLI command never starts threads
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="handler")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _run, make)

    def close(self) -> None:
        """Let the threads go once their calls are done."""
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None


def _run(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    # asyncio.run closes its loop (and any executor it started) before returning.
    return asyncio.run(make())


def on_loop(
    loop: asyncio.AbstractEventLoop, call: Callable[[], Awaitable[T]]
) -> Callable[[], Awaitable[T]]:
    """call, made runnable from another thread's loop: it runs on `loop` and is awaited."""

    async def bridged() -> T:
        async def inner() -> T:
            return await call()

        future = asyncio.run_coroutine_threadsafe(inner(), loop)
        return await asyncio.wrap_future(future)

    return bridged


def with_fetch_on_loop(msg: Incoming, loop: asyncio.AbstractEventLoop) -> Incoming:
    """The message with its file download run on the bot's loop (where the client lives)."""
    if msg.attachment is None:
        return msg
    fetch = on_loop(loop, msg.attachment.fetch)
    return replace(msg, attachment=replace(msg.attachment, fetch=fetch))
