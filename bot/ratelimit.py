"""Pacing for outgoing messages: a global token bucket and one message a second per chat.

Pacing runs on a Ticker (monotonic time plus sleep), a boundary of its own: the real one
sleeps, the virtual one only advances its counter, so tests never wait.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Protocol


class Ticker(Protocol):
    """Monotonic seconds and a way to wait, for pacing and backoff."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never goes back."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait this long."""
        ...


class RealTicker:
    """The process's monotonic clock and asyncio.sleep."""

    def monotonic(self) -> float:
        """time.monotonic()."""
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        """asyncio.sleep."""
        await asyncio.sleep(max(0.0, seconds))


class VirtualTicker:
    """Time that moves only when someone sleeps; it records every wait."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        """The virtual instant."""
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Advance virtual time instead of waiting (yielding once to other tasks)."""
        if seconds > 0:
            self.sleeps.append(seconds)
            self.now += seconds
        await asyncio.sleep(0)


class TokenBucket:
    """A global rate: `rate` tokens a second, at most `capacity` saved up.

    Waiters reserve their token up front (the balance may go negative), so concurrent
    senders queue fairly without a lock and the sustained rate never exceeds `rate`.
    """

    def __init__(self, rate: float, ticker: Ticker, capacity: float = 1.0) -> None:
        self.rate = rate
        self.capacity = capacity
        self.ticker = ticker
        self.tokens = capacity
        self.stamp = ticker.monotonic()

    def _refill(self) -> None:
        now = self.ticker.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    async def acquire(self) -> None:
        """Take one token, waiting for it when the bucket is empty."""
        self._refill()
        self.tokens -= 1
        if self.tokens < 0:
            await self.ticker.sleep(-self.tokens / self.rate)

    def refund(self) -> None:
        """Give a token back: the platform refused the message, so it did not count."""
        self._refill()
        self.tokens = min(self.capacity, self.tokens + 1)


class ChatPacer:
    """At most one message every `interval` seconds to the same chat."""

    def __init__(self, ticker: Ticker, interval: float = 1.0) -> None:
        self.ticker = ticker
        self.interval = interval
        self.next_slot: dict[str, float] = {}

    async def acquire(self, chat: str) -> None:
        """Wait for this chat's next free slot and take it."""
        now = self.ticker.monotonic()
        slot = max(now, self.next_slot.get(chat, now))
        self.next_slot[chat] = slot + self.interval
        if len(self.next_slot) > 10_000:
            self._forget_before(now)
        if slot > now:
            await self.ticker.sleep(slot - now)

    def _forget_before(self, now: float) -> None:
        # Chats whose slot has passed need no memory; keeps a 5,000-chat fan-out small.
        self.next_slot = {c: t for c, t in self.next_slot.items() if t > now}


class Limiter:
    """The per-chat pace first, then a global token (so no token is held while waiting)."""

    def __init__(self, rate: float, ticker: Ticker, per_chat_interval: float = 1.0) -> None:
        self.ticker = ticker
        self.bucket = TokenBucket(rate, ticker)
        self.chats = ChatPacer(ticker, per_chat_interval)

    async def acquire(self, chat: str) -> None:
        """Wait until one more message to this chat is allowed."""
        await self.chats.acquire(chat)
        await self.bucket.acquire()

    def refund(self) -> None:
        """The last message was refused by the platform; its global token is returned."""
        self.bucket.refund()


Reserve = Callable[[str, float, float], float]


class SharedLimiter:
    """The same pacing, with its slots kept where every process sees them (PostgreSQL).

    Each send reserves a slot of its chat's pace, then one of its bot's overall rate;
    the reservation is one statement, so two processes never take the same slot. A
    refused message's slot simply goes unused.
    """

    def __init__(
        self,
        rate: float,
        reserve: Reserve,
        ticker: Ticker,
        per_chat_interval: float = 1.0,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.interval = 1.0 / rate
        self.reserve = reserve
        self.ticker = ticker
        self.per_chat_interval = per_chat_interval
        self.wall = wall

    async def acquire(self, chat: str) -> None:
        """Wait for this chat's next slot, then for the bot's (its channel's) next one."""
        channel = chat.split(":", 1)[0]
        await self._take(f"chat:{chat}", self.per_chat_interval)
        await self._take(f"out:{channel}", self.interval)

    async def _take(self, key: str, interval: float) -> None:
        # A database call: in a worker thread, so the event loop goes on meanwhile.
        slot = await asyncio.to_thread(self.reserve, key, self.wall(), interval)
        wait = slot - self.wall()  # read again: the reservation itself took time
        if wait > 0:
            await self.ticker.sleep(wait)

    def refund(self) -> None:
        """Nothing to give back: the unused slot only spaces the next send."""
