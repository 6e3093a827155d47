"""Real `danvan run` processes sending reminders to many branch chats through the fake
Bot API: stopped by SIGTERM mid send-out, or killed by SIGKILL while another process
shares the work, every chat gets its reminder once (a message in flight at a kill may go
twice: counted) and the polling moves to the process still alive."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.bot_process import BotProcess, Person, bot_env
from tests.fakes.telegram_server import FakeTelegram
from tests.support_fanout import held_by, outcome, reminders_sent, seed, statuses
from tests.support_pg import fresh_pg_database

ADMIN = 200  # ADMIN_CHAT_IDS in bot_env


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """The fake Telegram Bot API server."""
    server = FakeTelegram().start()
    yield server
    server.stop()


def _env(fake: FakeTelegram, tmp_path: Path, url: str, rate: int) -> dict[str, str]:
    return bot_env(
        fake,
        tmp_path,
        DATABASE_URL=url,
        RATE_LIMIT_PER_SECOND=str(rate),
        QUIET_HOURS="",
        LOG_LEVEL="INFO",  # a thousand sends: the debug log would slow the bot down
        REMINDER_LEASE_SECONDS="4",
        POLLING_RETRY_SECONDS="2",
    )


def test_sigterm_mid_send_out_exits_within_ten_seconds_and_loses_nothing(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    chats, url = 300, f"sqlite:///{tmp_path / 'office.db'}"
    seed(url, chats)
    env = _env(fake, tmp_path, url, rate=40)
    first = BotProcess(fake, env, tmp_path / "first.log").start()
    first.wait(lambda: reminders_sent(fake, chats) >= 80, 30)
    began = time.monotonic()
    assert first.stop(timeout=15) == 0
    exited = time.monotonic() - began
    assert exited < 10
    assert statuses(url)["claimed"] == 0  # everything it held was sent or given back
    sent_by_first = reminders_sent(fake, chats)
    assert sent_by_first < chats  # it really was stopped mid-way

    second = BotProcess(fake, env, tmp_path / "second.log").start()
    try:
        second.wait(lambda: outcome(fake, chats).lost == 0, 40)
        time.sleep(0.5)  # nothing more is coming
    finally:
        assert second.stop() == 0
    result = outcome(fake, chats)
    print(
        f"SIGTERM after {sent_by_first}/{chats} reminders: exit after {exited:.1f} s; after a "
        f"restart lost {result.lost}, duplicated {result.duplicated}"
    )
    assert (result.lost, result.duplicated) == (0, 0)
    assert statuses(url)["sent"] == chats


def test_two_processes_on_postgresql_survive_a_sigkill_of_the_poller(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    chats = 1000
    with fresh_pg_database() as url:
        seed(url, chats)
        env = _env(fake, tmp_path, url, rate=50)
        leader = BotProcess(fake, env, tmp_path / "leader.log").start()  # polls
        standby = BotProcess(fake, env, tmp_path / "standby.log")
        standby.start(ready="getMe")
        standby.wait(lambda: "another process polls; standing by" in standby.log(), 30)
        assert "this process polls" in leader.log()
        try:
            standby.wait(lambda: reminders_sent(fake, chats) >= chats * 2 // 5, 40)
            assert leader.proc is not None
            os.kill(leader.proc.pid, signal.SIGKILL)
            killed_at = time.perf_counter()
            leader.proc.wait(5)
            in_flight = held_by(url, leader.proc.pid)
            standby.wait(lambda: "this process polls" in standby.log(), 10)
            took_over = time.perf_counter() - killed_at
            [answer] = Person(standby, ADMIN).send("/help", until="Các lệnh")
            answered = time.perf_counter() - killed_at
            standby.wait(lambda: outcome(fake, chats).lost == 0, 40)
            time.sleep(0.5)
        finally:
            assert standby.stop() == 0
        result = outcome(fake, chats)
        assert statuses(url)["sent"] == chats
    served = result.last_at - killed_at
    print(
        f"fan-out {chats} chats, 2 processes, SIGKILL of the poller: lost {result.lost}, "
        f"duplicated {result.duplicated} (rows in flight at the kill: {in_flight}); "
        f"polling taken over after {took_over:.1f} s, /help answered after {answered:.1f} s, "
        f"every branch served {served:.1f} s after the kill"
    )
    assert "Các lệnh" in answer
    assert result.lost == 0 and result.duplicated <= in_flight
    assert took_over < 10 and served < 60
