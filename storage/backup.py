"""Consistent copies of a live SQLite database, and putting one back.

A copy is made with SQLite's online backup API in one step (pages=-1): in WAL mode it
reads one snapshot while the bot keeps writing, whereas a copy in small steps restarts
every time another connection writes and may never finish on a busy bot. It goes to a
temporary file, is checked (PRAGMA integrity_check), switched to a plain rollback journal
so it is one self-contained file, and only then renamed into place.

Restoring checks the file first (SQLite, intact, a danvan schema this version knows),
keeps a copy of the current database beside it, and writes the backup into the live file
through the same API, so SQLite itself deals with the WAL and any open connection.
PostgreSQL has its own tools (pg_dump / pg_restore, see docs/DEPLOY.md).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.db import MIGRATIONS

BUSY_TIMEOUT = 30.0  # seconds a backup waits for a writer's lock before giving up
HEADER = b"SQLite format 3\x00"
PG_HINT = "với PostgreSQL hãy dùng pg_dump và pg_restore (xem docs/DEPLOY.md)"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message (Vietnamese) says why."""


@dataclass(frozen=True)
class BackupResult:
    """A finished copy: where, how big, how long it took."""

    path: Path
    size: int
    seconds: float
    revision: str | None = None


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore: the database written, the copy of what it held before, how long."""

    target: Path
    kept: Path | None
    revision: str
    seconds: float


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for PostgreSQL or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database or "")


def backup_file_name(now: datetime) -> str:
    """The name of a backup made at `now` (sorts by time)."""
    return f"danvan-{now:%Y%m%d-%H%M%S}.db"


def backup(url: str, dest: Path) -> BackupResult:
    """Copy the live SQLite database at `url` to `dest` (a file, or a folder to put it in)."""
    source = _source(url)
    if dest.is_dir():
        dest = dest / backup_file_name(datetime.now())
    if dest.resolve() == source.resolve():
        raise BackupError("tệp sao lưu không được trùng với cơ sở dữ liệu đang dùng")
    started = time.monotonic()
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _copy(source, dest)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"không sao lưu được vào {dest}: {exc}") from None
    return BackupResult(dest, dest.stat().st_size, time.monotonic() - started, revision(dest))


def _source(url: str) -> Path:
    source = sqlite_file(url)
    if source is None:
        raise BackupError(f"chỉ sao lưu được SQLite bằng lệnh này; {PG_HINT}")
    if not source.is_file():
        raise BackupError(f"không có cơ sở dữ liệu {source}")
    return source


def _copy(source: Path, dest: Path) -> None:
    """One-step online backup into a temporary file, checked, then renamed to dest."""
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        with _connect(source) as src, _connect(tmp) as dst:
            src.backup(dst)  # pages=-1: the whole snapshot at once (see the module docstring)
            _check_integrity(dst, dest)
            dst.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _connect(path: Path, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that is always closed (sqlite3's `with` only commits)."""
    if read_only:  # immutable: a backup file is never written while it is checked
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
    try:
        yield conn
    finally:
        conn.close()


def _check_integrity(conn: sqlite3.Connection, name: Path) -> None:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        raise BackupError(f"{name} bị hỏng: {'; '.join(rows[:3])}")


def revision(path: Path) -> str | None:
    """The schema revision recorded in a danvan SQLite file (None: not a danvan database)."""
    with _connect(path, read_only=True) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            return None
    return str(row[0]) if row else None


def check_backup(path: Path) -> str:
    """Check a file before a restore: its schema revision, or BackupError saying why not."""
    if not path.is_file():
        raise BackupError(f"không có tệp {path}")
    with path.open("rb") as fh:
        if fh.read(len(HEADER)) != HEADER:
            raise BackupError(f"{path} không phải tệp cơ sở dữ liệu SQLite")
    try:
        with _connect(path, read_only=True) as conn:
            _check_integrity(conn, path)
        found = revision(path)
    except sqlite3.DatabaseError as exc:
        reason = " ".join(str(exc).split())  # SQLite may quote a schema over several lines
        raise BackupError(f"{path} bị hỏng, không đọc được ({reason})") from None
    if found is None:
        raise BackupError(f"{path} không phải bản sao lưu của danvan (không có lược đồ)")
    if not _known_revision(found):
        raise BackupError(
            f"{path} có lược đồ {found}, phiên bản danvan này không biết: "
            "hãy cài bản danvan đã tạo ra bản sao lưu"
        )
    return found


def _known_revision(rev: str) -> bool:
    """Whether our migrations include `rev` (a backup from a newer danvan has one we lack)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        return ScriptDirectory.from_config(config).get_revision(rev) is not None
    except CommandError:
        return False


def restore(url: str, source: Path, keep_current: bool = True) -> RestoreResult:
    """Write a checked backup into the SQLite database at `url` (the caller made sure the bot
    is stopped), keeping a copy of the current database beside it first."""
    target = sqlite_file(url)
    if target is None:
        raise BackupError(f"chỉ khôi phục được SQLite bằng lệnh này; {PG_HINT}")
    found = check_backup(source)
    started = time.monotonic()
    kept = None
    if keep_current and target.is_file():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = backup(url, target.with_name(f"{target.name}.before-restore-{stamp}")).path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _connect(source, read_only=True) as src, _connect(target) as dst:
            src.backup(dst)
            _check_integrity(dst, target)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"không khôi phục được vào {target}: {exc}") from None
    return RestoreResult(target, kept, found, time.monotonic() - started)


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` scheduled backups in a folder; the files deleted."""
    backups = sorted(folder.glob("danvan-*.db"))
    old = backups[: max(len(backups) - keep, 0)]
    for path in old:
        path.unlink(missing_ok=True)
    return old
