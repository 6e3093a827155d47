"""One chat cannot stall the others: lanes per chat, flood control, handlers off the loop.

Conversations through the fake channel: a chat that floods is told once to slow down and
then ignored, while the others are answered as usual; a database held by another process
keeps one chat waiting, not the next one.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.channels.base import SendResult
from bot.channels.lanes import Lanes
from bot.flood import SLOW_DOWN, FloodGate, Tier, Verdict
from core.clock import FakeClock
from core.messages import Reply
from handlers import texts as X
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import add_branches, join, make_admin


# ---- lanes ---------------------------------------------------------------------------------
async def test_one_chats_jobs_run_in_order_and_another_chat_is_not_held_up() -> None:
    lanes, done = Lanes(running=4), []
    gate = asyncio.Event()

    async def job(name: str, wait: asyncio.Event | None = None) -> str:
        if wait is not None:
            await wait.wait()
        done.append(name)
        return name

    first = asyncio.create_task(lanes.run("a", job("a1", gate)))
    rest = [asyncio.create_task(lanes.run("a", job(f"a{n}"))) for n in range(2, 6)]
    other = asyncio.create_task(lanes.run("b", job("b1")))
    assert await other == "b1" and done == ["b1"]  # a's five wait; b goes by
    assert lanes.waiting == 4 and lanes.busy() == 1  # b is done, a is not
    gate.set()
    await asyncio.gather(first, *rest)
    assert done == ["b1", "a1", "a2", "a3", "a4", "a5"] and lanes.busy() == 0


async def test_a_cancelled_job_neither_runs_nor_blocks_its_lane() -> None:
    lanes, gate, done = Lanes(), asyncio.Event(), []

    async def job(name: str) -> None:
        if name == "1":
            await gate.wait()
        done.append(name)

    tasks = [asyncio.create_task(lanes.run("a", job(n))) for n in "123"]
    await asyncio.sleep(0)
    tasks[1].cancel()
    gate.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    assert done == ["1", "3"]


# ---- the flood gate ------------------------------------------------------------------------
def test_the_gate_counts_a_sliding_minute_and_warns_once() -> None:
    gate = FloodGate(per_minute=3, stranger_per_minute=3)
    verdicts = [gate.admit("c", t) for t in (0, 1, 2, 3, 4, 30)]
    assert verdicts == [Verdict.ANSWER] * 3 + [Verdict.WARN, Verdict.DROP, Verdict.DROP]
    assert gate.admit("c", 60.5) is Verdict.ANSWER  # the first message left the window
    assert gate.admit("c", 60.6) is Verdict.WARN  # a new episode: told again


def test_membership_is_asked_only_past_the_strangers_limit_and_remembered() -> None:
    gate = FloodGate(per_minute=4, stranger_per_minute=2)
    assert not gate.needs_tier("m", 0)
    gate.admit("m", 0)
    gate.admit("m", 1)
    assert gate.needs_tier("m", 2)
    assert gate.admit("m", 2, Tier.MEMBER) is Verdict.ANSWER
    assert not gate.needs_tier("m", 3)  # remembered for a minute
    assert gate.admit("m", 3) is Verdict.ANSWER
    assert gate.admit("m", 4) is Verdict.WARN


# ---- conversations -------------------------------------------------------------------------
def dropped(app: App, what: str = "dropped") -> float:
    """A flood counter of the fake channel."""
    counter = app.metrics.flood_dropped if what == "dropped" else app.metrics.flood_notices
    return counter.labels("fake")._value.get()


async def test_a_stranger_flooding_is_told_once_then_ignored(
    app: App, channel: FakeChannel, stranger: Person
) -> None:
    answers = [await stranger.send(f"kh {n}") for n in range(12)]
    assert answers[:5] == [[X.NOT_REGISTERED]] * 5
    assert answers[5] == [SLOW_DOWN]
    assert answers[6:] == [[]] * 6
    assert dropped(app) == 7 and dropped(app, "notices") == 1
    office = make_admin(app, channel)
    (help_text,) = await office.send("/help")  # the office is not slowed down by it
    assert "/tinhhinh" in help_text


async def test_a_member_has_the_higher_limit_and_is_answered_again_after_a_minute(
    app: App, channel: FakeChannel, clock: FakeClock
) -> None:
    office = make_admin(app, channel)
    await add_branches(office, ("A1", "Chi bộ Trường A"))
    secretary = await join(app, channel, office, "200", "A1")
    clock.advance(timedelta(seconds=61))  # joining was a message of its own
    answers = [await secretary.send("/help") for _ in range(22)]
    assert all(len(a) == 1 and "/viec" in a[0] for a in answers[:20])
    assert answers[20:] == [[SLOW_DOWN], []]
    clock.advance(timedelta(seconds=61))
    (again,) = await secretary.send("/help")
    assert "/viec" in again


async def test_office_staff_approving_a_batch_have_their_own_higher_limit(
    app: App, channel: FakeChannel
) -> None:
    office = make_admin(app, channel)
    answers = [await office.send("/help") for _ in range(62)]
    assert all(len(a) == 1 and "/tinhhinh" in a[0] for a in answers[:60])
    assert answers[60:] == [[SLOW_DOWN], []]
    assert app.settings.flood_office_per_minute == 60


def test_the_office_limit_is_never_below_the_members() -> None:
    gate = FloodGate(per_minute=20, stranger_per_minute=5, office_per_minute=10)
    assert gate.office_per_minute == 20
    verdicts = [gate.admit("o", t / 10, Tier.OFFICE) for t in range(21)]
    assert verdicts[:20] == [Verdict.ANSWER] * 20 and verdicts[20] is Verdict.WARN


async def test_the_limits_are_settings(app: App, stranger: Person) -> None:
    app.flood = FloodGate(app.settings.flood_messages_per_minute, 2)
    answers = [await stranger.send("/help") for _ in range(4)]
    assert [len(a) for a in answers] == [1, 1, 1, 0] and answers[2] == [SLOW_DOWN]
    assert app.settings.flood_messages_per_minute == 20
    assert app.settings.flood_stranger_per_minute == 5


@dataclass
class StampedChannel(FakeChannel):
    """The fake channel noting when each chat got its first message (perf_counter)."""

    first_at: dict[str, float] = field(default_factory=dict)

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Record the time, then the reply."""
        self.first_at.setdefault(chat_id, time.perf_counter())
        return await super().send(chat_id, reply)


@pytest.mark.sqlite_only  # holds SQLite's file lock from a second connection
async def test_a_locked_database_keeps_one_chat_waiting_not_another(
    app: App, tmp_path: Path
) -> None:
    channel = StampedChannel()
    app.add_channel(channel)
    office = make_admin(app, channel)
    await add_branches(office, ("A1", "Chi bộ Trường A"))
    code = (await office.send("/moi A1"))[0].split("/start ")[1].split()[0]
    channel.first_at.clear()
    # Another process (a CLI ingest) holds SQLite's write lock for a while.
    holder = sqlite3.connect(tmp_path / "test.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    joiner = Person(app, channel, "77", "Người mới")
    started = time.perf_counter()
    joining = asyncio.create_task(joiner.send(f"/start {code}"))  # must write: waits
    await asyncio.sleep(0.2)
    helped = asyncio.create_task(office.send("/help"))  # only reads: answered meanwhile
    await asyncio.sleep(1.0)
    holder.execute("ROLLBACK")
    holder.close()
    await asyncio.gather(joining, helped)
    assert channel.first_at["1"] - started < 1.0  # while the lock was still held
    assert channel.first_at["77"] - started >= 1.0
    assert joining.result()[0].startswith("Chào mừng"), joining.result()
