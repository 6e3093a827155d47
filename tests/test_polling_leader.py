"""Who polls a bot token when several processes share one PostgreSQL database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from bot.polling_leader import PollingLeader, token_id
from storage.advisory import AdvisoryLock, lock_key
from storage.db import Database
from tests.support_pg import fresh_pg_database


def test_the_lock_is_named_after_the_tokens_public_id_never_its_secret() -> None:
    assert token_id("123456:AAHsecret") == "123456"
    name = "danvan:polling:telegram:123456"
    assert lock_key(name) == lock_key(name) and -(2**63) <= lock_key(name) < 2**63
    assert lock_key(name) != lock_key("danvan:polling:zalo:123456")


def test_sqlite_serves_one_process_and_needs_no_lock(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'one.db'}")
    assert not PollingLeader.needed(db)
    db.dispose()


async def test_one_process_leads_and_another_takes_over_when_it_goes() -> None:
    with fresh_pg_database() as url:
        first, second = Database(url), Database(url)  # two processes' engines
        a = PollingLeader(first, "telegram", "123:secret-a", retry=0.05)
        b = PollingLeader(second, "telegram", "123:secret-b", retry=0.05)
        other = PollingLeader(second, "telegram", "999:secret", retry=0.05)
        assert a.needed(first)
        assert await a.try_lead() and not await b.try_lead()
        assert await other.try_lead()  # another bot token: its own leader
        assert a.lock.alive()
        a.release()  # the leader stops
        assert await b.try_lead()
        b.release()

        assert await a.try_lead()
        led: list[str] = []
        first.dispose()
        a.lock._drop()  # the leader's connection ends, as when its process is killed
        await b.stand_by(lambda: _note(led))
        assert led == ["leading"] and b.lock.held
        for leader in (b, other):
            leader.release()
        second.dispose()


async def test_a_leader_that_lost_its_lock_connection_stops() -> None:
    with fresh_pg_database() as url:
        db = Database(url)
        leader = PollingLeader(db, "zalo", "42:x", retry=0.01)
        assert await leader.try_lead()
        stopped: list[bool] = []
        assert leader.lock._conn is not None
        pid = leader.lock._conn.execute(text("SELECT pg_backend_pid()")).scalar()
        with db.engine.connect() as admin:  # the server ends it (a restart, a network cut)
            admin.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        await leader.watch(lambda: stopped.append(True))
        assert stopped == [True] and not leader.lock.held
        successor = AdvisoryLock(db.engine, "danvan:polling:zalo:42")
        assert successor.try_acquire()  # the lock went with the connection
        successor.release()
        db.dispose()


async def _note(led: list[str]) -> None:
    led.append("leading")
