"""Numbered options pending in each Zalo chat: what a bare number typed by the user picks.

Zalo has no buttons, so a reply's buttons are shown as numbered options. Options pushed
to a chat accumulate and are numbered after those already pending (two reminders in a
row show [1] and [2]), so a number always means the option shown with it. Picking one
removes only that option; any other message from the user clears the chat's options, so
the replies to it number from 1 again. Options expire after a day. They live in the
database (SharedOptions: every process behind a proxy sees the same numbers, and they
survive a restart) or, for tests and the one-process case, in memory (PendingOptions).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from core.messages import Button
from storage.db import Database
from storage.repos import shared_state as repo

OPTION_TTL = 24 * 3600.0  # seconds an option stays pickable


class OptionStore(Protocol):
    """Where each chat's pending options live (the shared database, or memory)."""

    def add(self, chat_id: str, buttons: list[Button]) -> int:
        """Number the buttons after those pending in the chat; the first number given."""
        ...

    def discard(self, chat_id: str, first: int, count: int) -> None:
        """Forget options that were never shown (their message could not be sent)."""
        ...

    def get(self, chat_id: str, number: int) -> Button | None:
        """The pending option with this number, or None."""
        ...

    def numbers(self, chat_id: str) -> list[int]:
        """The numbers pending in a chat, in order."""
        ...

    def remove(self, chat_id: str, number: int) -> None:
        """Forget one option (it was picked); the numbering goes on."""
        ...

    def clear(self, chat_id: str) -> None:
        """Forget every option of a chat: the next ones number from 1."""
        ...


@dataclass
class _Chat:
    """One chat's pending options by number, and the number the next option gets."""

    options: dict[int, tuple[Button, float]] = field(default_factory=dict)
    next_number: int = 1
    added: float = 0.0  # when options were last added


class PendingOptions:
    """The pending options of every chat."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, ttl: float = OPTION_TTL
    ) -> None:
        self.clock = clock
        self.ttl = ttl
        self._chats: dict[str, _Chat] = {}

    def add(self, chat_id: str, buttons: list[Button]) -> int:
        """Number the buttons after those pending in the chat; the first number given."""
        chat = self._live(chat_id) or self._chats.setdefault(chat_id, _Chat())
        first = chat.next_number
        now = self.clock()
        for number, button in enumerate(buttons, first):
            chat.options[number] = (button, now)
        chat.next_number = first + len(buttons)
        chat.added = now
        return first

    def discard(self, chat_id: str, first: int, count: int) -> None:
        """Forget options that were never shown (their message could not be sent)."""
        for number in range(first, first + count):
            self.remove(chat_id, number)
        chat = self._chats.get(chat_id)
        if chat is not None and chat.next_number == first + count:
            chat.next_number = first  # the numbers were the last given: give them again

    def get(self, chat_id: str, number: int) -> Button | None:
        """The pending option with this number, or None."""
        chat = self._live(chat_id)
        found = chat.options.get(number) if chat else None
        return found[0] if found else None

    def numbers(self, chat_id: str) -> list[int]:
        """The numbers pending in a chat, in order."""
        chat = self._live(chat_id)
        return sorted(chat.options) if chat else []

    def remove(self, chat_id: str, number: int) -> None:
        """Forget one option (it was picked); the numbering goes on."""
        chat = self._chats.get(chat_id)
        if chat is not None:
            chat.options.pop(number, None)

    def clear(self, chat_id: str) -> None:
        """Forget every option of a chat: the next ones number from 1."""
        self._chats.pop(chat_id, None)

    def _live(self, chat_id: str) -> _Chat | None:
        """The chat's entry without expired options; None (and forgotten) once all expired."""
        chat = self._chats.get(chat_id)
        if chat is None:
            return None
        cutoff = self.clock() - self.ttl
        chat.options = {n: o for n, o in chat.options.items() if o[1] > cutoff}
        # Picking the last option keeps the numbering going (a second «1» typed by
        # mistake must not pick the answer's new [1]); a day of silence starts afresh.
        if not chat.options and chat.added <= cutoff:
            del self._chats[chat_id]
            return None
        return chat


class SharedOptions:
    """The pending options of every chat in the database, shared by every bot process."""

    def __init__(
        self,
        db: Database,
        now: Callable[[], datetime],
        ttl: float = OPTION_TTL,
        prefix: str = "zalo",
    ) -> None:
        self.db, self.now = db, now
        self.ttl = timedelta(seconds=ttl)
        self.prefix = prefix

    def _key(self, chat_id: str) -> str:
        return f"{self.prefix}:{chat_id}"

    def add(self, chat_id: str, buttons: list[Button]) -> int:
        """Number the buttons after those pending in the chat; the first number given."""
        pairs = [(b.label, b.data) for b in buttons]
        return repo.add_options(self.db, self._key(chat_id), pairs, self.now(), self.ttl)

    def discard(self, chat_id: str, first: int, count: int) -> None:
        """Forget options that were never shown (their message could not be sent)."""
        repo.discard_options(self.db, self._key(chat_id), first, count)

    def get(self, chat_id: str, number: int) -> Button | None:
        """The pending option with this number, or None."""
        found = repo.option(self.db, self._key(chat_id), number, self.now())
        return Button(*found) if found else None

    def numbers(self, chat_id: str) -> list[int]:
        """The numbers pending in a chat, in order."""
        return repo.option_numbers(self.db, self._key(chat_id), self.now())

    def remove(self, chat_id: str, number: int) -> None:
        """Forget one option (it was picked); the numbering goes on."""
        repo.remove_option(self.db, self._key(chat_id), number)

    def clear(self, chat_id: str) -> None:
        """Forget every option of a chat: the next ones number from 1."""
        repo.clear_options(self.db, self._key(chat_id))
