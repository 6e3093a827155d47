"""Two bot processes on one PostgreSQL database share the send pace of a chat and a bot."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.ratelimit import SharedLimiter, VirtualTicker
from storage.db import Database
from storage.repos.rate_slots import reserve_slot
from tests.support_pg import fresh_pg_database


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database on either backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'pace.db'}"
        return
    with fresh_pg_database() as pg_url:
        yield pg_url


def _databases(url: str, n: int) -> list[Database]:
    first = Database(url)
    first.upgrade()
    return [first] + [Database(url) for _ in range(n - 1)]


def test_two_processes_take_one_chats_slots_a_second_apart(url: str) -> None:
    one, two = _databases(url, 2)
    slots = [reserve_slot(db, "chat:telegram:42", 100.0, 1.0) for db in (one, two, one, two)]
    other_chat = reserve_slot(two, "chat:telegram:43", 100.0, 1.0)
    later = reserve_slot(one, "chat:telegram:42", 200.0, 1.0)
    assert slots == [100.0, 101.0, 102.0, 103.0]
    assert other_chat == 100.0  # another chat is not held up
    assert later == 200.0  # a pace that fell behind starts again from now
    for db in (one, two):
        db.dispose()


def test_racing_reservations_never_share_a_slot(url: str) -> None:
    databases = _databases(url, 4)
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda i: reserve_slot(databases[i % 4], "out:zalo", 50.0, 0.5),
                            range(40)))  # fmt: skip
    assert sorted(got) == [50.0 + 0.5 * i for i in range(40)]
    for db in databases:
        db.dispose()


def test_the_shared_limiter_waits_for_the_other_processs_slot(url: str) -> None:
    one, two = _databases(url, 2)
    ticker = VirtualTicker(start=10.0)  # both "processes" read one virtual wall clock
    first = SharedLimiter(30, lambda *a: reserve_slot(one, *a), ticker, wall=ticker.monotonic)
    second = SharedLimiter(30, lambda *a: reserve_slot(two, *a), ticker, wall=ticker.monotonic)

    async def both() -> None:
        await first.acquire("telegram:7")
        await second.acquire("telegram:7")

    asyncio.run(both())
    assert ticker.sleeps == [pytest.approx(1.0)]  # the second send to chat 7 waited its second
    for db in (one, two):
        db.dispose()
