"""Revision 0009 (hand-over, announcements) goes up and down on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from storage.db import Database, alembic_config
from tests.support_pg import fresh_pg_database


def _round_trip(url: str) -> None:
    db = Database(url)
    db.upgrade()
    config = alembic_config(db.engine)
    command.downgrade(config, "0008")
    tables = inspect(db.engine)
    assert "announcements" not in tables.get_table_names()
    assert "retired_at" not in {c["name"] for c in tables.get_columns("members")}
    command.upgrade(config, "head")
    tables = inspect(db.engine)
    assert "announcements" in tables.get_table_names()
    assert "replaces" in {c["name"] for c in tables.get_columns("invites")}
    db.dispose()


def test_on_sqlite(tmp_path: Path) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'm.db'}")


def test_on_postgresql() -> None:
    with fresh_pg_database() as url:
        _round_trip(url)
