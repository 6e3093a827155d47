"""The Zalo channel's de-duplication and numbered options, as the event loop calls them.

SeenStore and OptionStore are synchronous: a dict in memory, or one short statement on the
shared database (PostgreSQL, several processes). A database call made on the event loop,
however short, holds up every chat while it waits (a row locked by another process, a slow
link to the database server), so the channel awaits a database store on a worker thread,
as the handlers run (bot/offloop.py). A store in memory is called in place: a dict costs
less than the hop to a thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from bot.channels.zalo_options import OptionStore, PendingOptions
from bot.channels.zalo_updates import SeenMessages, SeenStore, ZaloUpdate
from core.messages import Button

T = TypeVar("T")

IN_MEMORY = (SeenMessages, PendingOptions)  # stores that never wait on anything


class _Awaited:
    """Calls a store's methods in place (memory) or on a worker thread (anything else)."""

    def __init__(self, store: object) -> None:
        self.threaded = not isinstance(store, IN_MEMORY)

    async def _call(self, call: Callable[[], T]) -> T:
        if not self.threaded:
            return call()
        return await asyncio.to_thread(call)


class LoopSeen(_Awaited):
    """A SeenStore for the event loop."""

    def __init__(self, store: SeenStore) -> None:
        super().__init__(store)
        self.store = store

    async def first_time(self, update: ZaloUpdate) -> bool:
        """Whether this message is new, remembering it."""
        return await self._call(lambda: self.store.first_time(update))


class LoopOptions(_Awaited):
    """An OptionStore for the event loop: the same calls, awaited."""

    def __init__(self, store: OptionStore) -> None:
        super().__init__(store)
        self.store = store

    async def add(self, chat_id: str, buttons: list[Button]) -> int:
        """Number the buttons after those pending in the chat; the first number given."""
        return await self._call(lambda: self.store.add(chat_id, buttons))

    async def discard(self, chat_id: str, first: int, count: int) -> None:
        """Forget options that were never shown (their message could not be sent)."""
        await self._call(lambda: self.store.discard(chat_id, first, count))

    async def get(self, chat_id: str, number: int) -> Button | None:
        """The pending option with this number, or None."""
        return await self._call(lambda: self.store.get(chat_id, number))

    async def numbers(self, chat_id: str) -> list[int]:
        """The numbers pending in a chat, in order."""
        return await self._call(lambda: self.store.numbers(chat_id))

    async def remove(self, chat_id: str, number: int) -> None:
        """Forget one option (it was picked); the numbering goes on."""
        await self._call(lambda: self.store.remove(chat_id, number))

    async def clear(self, chat_id: str) -> None:
        """Forget every option of a chat: the next ones number from 1."""
        await self._call(lambda: self.store.clear(chat_id))
