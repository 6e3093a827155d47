"""A throwaway PostgreSQL database for tests that need the real thing."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
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
    """Remove every row (ids restart at 1); a test that left a connection in a transaction
    makes this fail after a few seconds instead of hanging the run."""
    names = ", ".join(t.name for t in SQLModel.metadata.sorted_tables)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SET lock_timeout = '5s'"))
            # TRUNCATE fires no row trigger: the audit log stays append-only for the tests.
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()
