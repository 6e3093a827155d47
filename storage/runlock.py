"""Who is using a SQLite database: `danvan run` and `chat` hold a shared lock beside the file.

Any number of bot processes may hold it together; `danvan restore` asks for it alone and
is refused while one of them runs. The lock is the kernel's (flock), so a process that
dies, however it dies, lets go of it. PostgreSQL needs none: restoring one is pg_restore's
business, not ours.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from storage.backup import sqlite_file

try:
    import fcntl
except ImportError:  # Windows: no flock; restoring there is left to the operator's care
    fcntl = None  # type: ignore[assignment]


class InUse(Exception):
    """Another process holds the database (the bot runs)."""


def lock_path(database: Path) -> Path:
    """The lock file beside a SQLite database."""
    return database.with_name(database.name + ".lock")


@contextlib.contextmanager
def using(url: str, alone: bool = False) -> Iterator[None]:
    """Hold the database's lock: shared (a running bot), or alone (InUse when it is taken)."""
    database = sqlite_file(url)
    if database is None or fcntl is None:
        yield
        return
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        mode = fcntl.LOCK_EX | fcntl.LOCK_NB if alone else fcntl.LOCK_SH | fcntl.LOCK_NB
        try:
            fcntl.flock(fd, mode)
        except BlockingIOError:
            raise InUse(str(database)) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
