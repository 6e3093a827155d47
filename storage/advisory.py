"""A PostgreSQL advisory lock held for as long as the process lives.

The lock is taken on a connection of its own, kept out of the pool: PostgreSQL releases
a session's advisory locks when its connection ends, so a process that dies (even by
SIGKILL) frees the lock at once and another process can take it. SQLite has no such
lock; one SQLite database serves one bot process, which needs none.
"""

from __future__ import annotations

import contextlib
import hashlib

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a name (PostgreSQL's bigint advisory key)."""
    digest = hashlib.sha256(name.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def supported(engine: Engine) -> bool:
    """Whether the database has advisory locks (PostgreSQL)."""
    return engine.dialect.name == "postgresql"


class AdvisoryLock:
    """pg_try_advisory_lock on a dedicated connection; held until release() or death."""

    def __init__(self, engine: Engine, name: str) -> None:
        self.engine = engine
        self.key = lock_key(name)
        self._conn: Connection | None = None

    @property
    def held(self) -> bool:
        """Whether this process holds the lock (as far as it knows)."""
        return self._conn is not None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never waits."""
        if self._conn is not None:
            return True
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = bool(
                conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key}).scalar()
            )
        except Exception:
            conn.close()
            raise
        if got:
            self._conn = conn
        else:
            conn.close()
        return got

    def alive(self) -> bool:
        """Whether the connection holding the lock still works (else the lock is gone)."""
        if self._conn is None:
            return False
        try:
            self._conn.execute(text("SELECT 1"))
        except Exception:
            self._drop()
            return False
        return True

    def release(self) -> None:
        """Give the lock up and close its connection."""
        if self._conn is None:
            return
        with contextlib.suppress(Exception):  # the connection is gone: so is the lock
            self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
        self._drop()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.invalidate()  # never back to the pool: the session may hold the lock
                conn.close()
