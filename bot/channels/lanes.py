"""One lane per chat: different chats are answered side by side, one chat's in order.

Both platforms deliver updates from every chat through one stream. A flood from one chat
must not hold up another, yet one person's messages must be answered in the order they
were sent (a reply to "1" only makes sense after the question before it). Each job waits
for the one before it in its lane, then for a free running place; waiting in a lane takes
no place, so a thousand queued messages of one chat never starve the other chats.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")

RUNNING = 32  # jobs of different chats at work at once (handlers run on threads)


class Lanes:
    """Runs jobs concurrently across keys and one at a time, in arrival order, per key."""

    def __init__(self, running: int = RUNNING) -> None:
        self._running = asyncio.Semaphore(running)
        self._tails: dict[str, asyncio.Future[None]] = {}
        self.waiting = 0  # jobs queued behind another of their lane

    async def run(self, key: str, job: Awaitable[T]) -> T:
        """Await job after every earlier job of this key; its result."""
        before = self._tails.get(key)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        # Taken before the first await: arrival order is the order run() was called in.
        self._tails[key] = done
        started = False
        try:
            if before is not None:
                self.waiting += 1
                try:
                    await asyncio.shield(before)
                finally:
                    self.waiting -= 1
            async with self._running:
                started = True
                return await job
        finally:
            if not started and inspect.iscoroutine(job):
                job.close()  # cancelled while queued: never run, and no warning about it
            done.set_result(None)
            if self._tails.get(key) is done:  # the lane is empty: forget it
                del self._tails[key]

    def busy(self) -> int:
        """How many lanes have a job in hand or queued."""
        return len(self._tails)
