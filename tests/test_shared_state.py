"""Zalo's de-duplication and pending options in the database, shared by every bot process.

The same story runs against the in-memory stores (what unit tests use) and the database
ones on SQLite and PostgreSQL; on PostgreSQL several connections race as processes would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.channels.zalo_options import OPTION_TTL, OptionStore, PendingOptions, SharedOptions
from bot.channels.zalo_updates import SeenMessages, SharedSeen, ZaloUpdate
from core.messages import Button
from storage.db import Database
from tests.support_pg import fresh_pg_database

LAN = "6ede9afa66b88fe6d6a9"
START = datetime(2024, 5, 3, 8, 0, tzinfo=UTC)


class Clock:
    """Seconds since START, as the monotonic clock and as an instant."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def mono(self) -> float:
        """For the in-memory store."""
        return self.seconds

    def now(self) -> datetime:
        """For the database store."""
        return START + timedelta(seconds=self.seconds)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated database of each kind."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'shared.db'}")
        database.upgrade()
        yield database
        database.dispose()
        return
    with fresh_pg_database() as url:
        database = Database(url)
        database.upgrade()
        yield database
        database.dispose()


def _story(options: OptionStore, clock: Clock) -> None:
    a, b = Button("Đã nộp", "done:1"), Button("Đã nộp", "done:2")
    assert (options.add(LAN, [a]), options.add(LAN, [b])) == (1, 2)
    options.remove(LAN, 1)
    assert options.get(LAN, 1) is None and options.get(LAN, 2) == b
    assert options.add(LAN, [a]) == 3  # numbering goes on after a pick
    options.discard(LAN, 3, 1)
    assert options.numbers(LAN) == [2]
    assert options.add(LAN, [a, b]) == 3  # the discarded number is given again
    options.remove(LAN, 2)
    options.remove(LAN, 3)
    options.remove(LAN, 4)
    assert options.add(LAN, [b]) == 5  # all picked: a second «1» must not pick a new [1]
    clock.seconds += OPTION_TTL + 1
    assert options.numbers(LAN) == [] and options.add(LAN, [a]) == 1  # a day later: afresh
    assert options.get(LAN, 1) == a
    options.clear(LAN)
    assert options.numbers(LAN) == [] and options.add(LAN, [b]) == 1
    assert options.numbers("another chat") == []


def test_pending_options_in_memory() -> None:
    clock = Clock()
    _story(PendingOptions(clock=clock.mono), clock)


def test_pending_options_in_the_database(db: Database) -> None:
    clock = Clock()
    _story(SharedOptions(db, clock.now), clock)


def test_options_pushed_by_two_processes_at_once_never_share_a_number(db: Database) -> None:
    clock = Clock()
    firsts: list[int] = []

    def process(n: int) -> None:
        own = Database(db.url)  # a process of its own: its own connections
        store = SharedOptions(own, clock.now)
        for i in range(5):
            firsts.append(store.add(LAN, [Button(f"Việc {n}.{i}", f"done:{n}{i}")] * 2))
        own.dispose()

    _race([lambda n=n: process(n) for n in range(4)])
    numbers = SharedOptions(db, clock.now).numbers(LAN)
    assert sorted(firsts) == list(range(1, 41, 2)) and numbers == list(range(1, 41))


def _update(message_id: str | None) -> ZaloUpdate:
    return ZaloUpdate("text", LAN, "u1", message_id, text="đã nộp")


def test_a_message_is_handled_once_and_forgotten_after_a_day(db: Database) -> None:
    clock = Clock()
    seen = SharedSeen(db, clock.now)
    assert seen.first_time(_update("m1")) and not seen.first_time(_update("m1"))
    assert SharedSeen(db, clock.now).first_time(_update("m2"))  # another process
    assert not SharedSeen(db, clock.now).first_time(_update("m1"))
    assert seen.first_time(_update(None)) and seen.first_time(_update(None))  # no id: new
    clock.seconds += 24 * 3600 + 1
    assert seen.first_time(_update("m1"))  # long forgotten: new as far as the store goes


def test_the_same_message_given_to_several_processes_is_handled_by_one(db: Database) -> None:
    won: list[bool] = []

    def process() -> None:
        own = Database(db.url)
        won.append(SharedSeen(own, Clock().now).first_time(_update("m-race")))
        own.dispose()

    _race([process] * 6)
    assert sorted(won) == [False] * 5 + [True]


def test_in_memory_and_database_stores_agree_on_repeats(db: Database) -> None:
    clock = Clock()
    memory, shared = SeenMessages(), SharedSeen(db, clock.now)
    ids = ["a", "b", "a", None, "c", "b", None]
    assert [memory.first_time(_update(i)) for i in ids] == [
        shared.first_time(_update(i)) for i in ids
    ]


def _race(calls: list[Callable[[], None]]) -> None:
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], None]) -> None:
        barrier.wait()
        call()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
