"""A throwaway PostgreSQL database for tests that need the real thing."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers every table, for empty_database)
from storage.db import Database

PG_ADMIN_URL = os.environ.get(
    "DANVAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """Create an empty database, yield its URL, drop it afterwards.

    CI (CI=true) has PostgreSQL, so there a missing server fails the test; on a
    laptop without it the test is skipped with the reason.
    """
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"danvan_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.orig}")
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def migrated_pg_database() -> Iterator[str]:
    """A fresh database at the newest schema, dropped afterwards."""
    with fresh_pg_database() as url:
        db = Database(url)
        try:
            db.upgrade()
        finally:
            db.dispose()
        yield url


def empty_database(url: str) -> None:
    """Remove every row and restart the ids at 1; a test that left a connection in a
    transaction makes this fail after a few seconds instead of hanging the run.

    DELETE, not TRUNCATE: truncating 21 tables costs half a second (new files for each),
    which over the pass's few hundred tests was most of its time; deleting a test's few
    rows takes 20 ms. The audit log's append-only trigger is switched off only inside
    this transaction (ALTER TABLE needs the owner, no superuser).
    """
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(_emptying_sql(conn))
    finally:
        engine.dispose()


def _emptying_sql(conn: Connection) -> str:
    """One transaction that empties every table (children first) and restarts the ids."""
    triggered = conn.exec_driver_sql(
        "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
    ).scalars()
    sequences = conn.exec_driver_sql(
        "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) FROM pg_sequences"
    ).scalars()
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    switched = [f"ALTER TABLE {t} DISABLE TRIGGER USER" for t in triggered]
    return "; ".join(
        ["BEGIN", "SET LOCAL lock_timeout = '5s'", *switched]
        + [f"DELETE FROM {t}{SEEDED.get(t, ('', ''))[0]}" for t in tables]
        + [s.replace("DISABLE", "ENABLE") for s in switched]
        + [f"ALTER SEQUENCE {s} RESTART{_restart_with(s)}" for s in sequences]
        + ["COMMIT"]
    )


# Rows the migrations seed stay, as a freshly migrated database has them: the default
# department (id 1), which every office row belongs to unless told otherwise.
SEEDED = {"departments": (" WHERE id <> 1", " WITH 2")}


def _restart_with(sequence: str) -> str:
    table = sequence.split(".")[-1].removesuffix("_id_seq").strip('"')
    return SEEDED.get(table, ("", ""))[1]
