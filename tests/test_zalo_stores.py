"""A slow Zalo store holds up one chat, not the others: the channel awaits its database
stores (de-duplication, numbered options) on worker threads.

The stores here wait until the test lets them go, as a row locked by another process
would make them; if the channel called them on the event loop, nothing else could be
answered meanwhile and these tests would see the held chat answered first.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_options import OptionStore, PendingOptions, SharedOptions
from bot.channels.zalo_updates import SeenMessages, SeenStore, SharedSeen, ZaloUpdate
from core.messages import Button, Incoming, Reply
from core.settings import Settings
from storage.db import Database
from tests.fakes.zalo_server import TOKEN, FakeZalo
from tests.support_pg import fresh_pg_database

HELD, OTHER = "4a1b2c3d4e5f60718293", "9f8e7d6c5b4a39281706"
WAIT = 15.0  # seconds a held store waits at most (the test lets it go much sooner)


class HeldSeen:
    """A SeenStore whose calls for HELD's messages wait until `release` is set."""

    def __init__(self, release: threading.Event) -> None:
        self.release, self.memory = release, SeenMessages()

    def first_time(self, update: ZaloUpdate) -> bool:
        """As the memory store, after waiting for HELD."""
        if update.chat_id == HELD:
            self.release.wait(WAIT)
        return self.memory.first_time(update)


class HeldOptions:
    """An OptionStore whose clearing of HELD's options waits until `release` is set."""

    def __init__(self, release: threading.Event) -> None:
        self.release, self.memory = release, PendingOptions()

    def add(self, chat_id: str, buttons: list[Button]) -> int:
        """As the memory store."""
        return self.memory.add(chat_id, buttons)

    def discard(self, chat_id: str, first: int, count: int) -> None:
        """As the memory store."""
        self.memory.discard(chat_id, first, count)

    def get(self, chat_id: str, number: int) -> Button | None:
        """As the memory store."""
        return self.memory.get(chat_id, number)

    def numbers(self, chat_id: str) -> list[int]:
        """As the memory store."""
        return self.memory.numbers(chat_id)

    def remove(self, chat_id: str, number: int) -> None:
        """As the memory store."""
        self.memory.remove(chat_id, number)

    def clear(self, chat_id: str) -> None:
        """As the memory store, after waiting for HELD (every text clears its options)."""
        if chat_id == HELD:
            self.release.wait(WAIT)
        self.memory.clear(chat_id)


@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    """The fake Zalo Bot API server."""
    server = FakeZalo().start()
    yield server
    server.stop()


async def echo_channel(
    fake: FakeZalo, seen: SeenStore | None, options: OptionStore | None
) -> ZaloChannel:
    """A started channel polling the fake, echoing every text."""
    settings = Settings(
        zalo_bot_token=TOKEN,  # type: ignore[arg-type]
        zalo_api_base_url=fake.base_url,
        _env_file=None,  # type: ignore[call-arg]
    )
    channel = ZaloChannel(settings, poll_seconds=1, seen=seen, options=options)

    async def echo(msg: Incoming) -> None:
        await channel.send(msg.chat_id, Reply(f"Đã nhận: {msg.text}"))

    channel.typing_after = 60  # no "typing…" calls in these short answers
    await channel.start(echo)
    return channel


async def replied(fake: FakeZalo, chat_id: str, timeout: float = WAIT) -> list[str]:
    """The chat's replies once it has one (fails after `timeout`)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not fake.texts(chat_id):
        assert loop.time() < deadline, f"{chat_id} got no reply"
        await asyncio.sleep(0.02)
    return fake.texts(chat_id)


async def held_then_other(fake: FakeZalo, release: threading.Event) -> None:
    """HELD writes, then OTHER: OTHER is answered while HELD's store still waits."""
    fake.enqueue(fake.message(HELD, text="kh 89"))
    fake.enqueue(fake.message(OTHER, text="kh 90"))
    assert await replied(fake, OTHER) == ["Đã nhận: kh 90"]
    assert fake.texts(HELD) == []  # still waiting on its store
    release.set()
    assert await replied(fake, HELD) == ["Đã nhận: kh 89"]


@pytest.mark.parametrize("store", ["seen", "options"])
async def test_a_slow_store_holds_up_its_chat_only(fake: FakeZalo, store: str) -> None:
    release = threading.Event()
    seen = HeldSeen(release) if store == "seen" else None
    options = HeldOptions(release) if store == "options" else None
    channel = await echo_channel(fake, seen, options)
    try:
        await held_then_other(fake, release)
    finally:
        release.set()
        await channel.stop()


@pytest.fixture
def pg() -> Iterator[Database]:
    """A migrated throwaway PostgreSQL database (the stores are shared there)."""
    with fresh_pg_database() as url:
        database = Database(url)
        database.upgrade()
        yield database
        database.dispose()


async def test_a_row_locked_on_postgresql_holds_up_its_chat_only(
    fake: FakeZalo, pg: Database
) -> None:
    """The production stores: another process holds HELD's row of option_chats."""
    now = lambda: datetime.now(UTC)  # noqa: E731
    options = SharedOptions(pg, now)
    options.add(HELD, [Button("Đã nộp", "done:1")])  # HELD has a row to lock
    locker = create_engine(pg.url)
    with locker.connect() as other:
        other.execute(text("SELECT 1 FROM option_chats WHERE chat_key = :k FOR UPDATE"),
                      {"k": f"zalo:{HELD}"})  # fmt: skip
        channel = await echo_channel(fake, SharedSeen(pg, now), options)
        try:
            fake.enqueue(fake.message(HELD, text="kh 89"))
            fake.enqueue(fake.message(OTHER, text="kh 90"))
            assert await replied(fake, OTHER) == ["Đã nhận: kh 90"]
            assert fake.texts(HELD) == []  # its options cannot be cleared yet
            other.rollback()  # the other process lets go
            assert await replied(fake, HELD) == ["Đã nhận: kh 89"]
        finally:
            if other.in_transaction():
                other.rollback()
            await channel.stop()
    locker.dispose()
