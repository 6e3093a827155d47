"""Engine, sessions and migrations; the only place that knows SQLite from PostgreSQL."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

import storage.tenancy  # noqa: F401  (registers the department filter on every session)

MIGRATIONS = Path(__file__).parent / "migrations"


BUSY_TIMEOUT = 10.0  # seconds a SQLite writer waits for another process's lock


def _sqlite_pragmas(busy_timeout: float, dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Several processes (bot, CLI) share the file: wait for a lock instead of failing.
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
    cursor.close()


class DatabaseUnavailable(Exception):
    """The database cannot be opened (the message says why, without any password)."""


def is_busy(exc: BaseException) -> bool:
    """Whether an error means another process held the database's write lock too long."""
    orig = getattr(exc, "orig", exc)
    # sqlite3 says "database is locked" (or "database table is locked") after busy_timeout.
    return type(orig).__name__ == "OperationalError" and "locked" in str(orig)


def create_db_engine(url: str, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout (seconds)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailable(
                    f"không tạo được thư mục {Path(database).parent}: {exc.strerror}"
                ) from None
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", partial(_sqlite_pragmas, busy_timeout))
        return engine
    if parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, pool_pre_ping=True)


class Database:
    """The application's database: an engine plus session and migration helpers."""

    def __init__(self, url: str, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.url = url
        self.engine = create_db_engine(url, busy_timeout)
        # None: every department (the scheduler, migrations); see storage.tenancy.
        self.department_id: int | None = None

    def scoped(self, department_id: int | None) -> Database:
        """The same database seen from one department (same engine, filtered sessions)."""
        view = copy.copy(self)
        view.department_id = department_id
        return view

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        info = {"department_id": self.department_id}
        with Session(self.engine, expire_on_commit=False, info=info) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def upgrade(self) -> None:
        """Create or upgrade the schema to the newest migration (idempotent)."""
        from alembic import command

        command.upgrade(alembic_config(self.engine), "head")

    def current_revision(self) -> str | None:
        """The schema revision the database is at, or None when it is empty."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def alembic_config(engine: Engine) -> Any:
    """An Alembic config pointing at our migrations and this engine."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config
