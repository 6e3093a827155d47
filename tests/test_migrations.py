"""The schema is created and upgraded by Alembic, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from bot.cli import main
from storage.db import Database
from tests.support_pg import fresh_pg_database

TABLES = {
    "documents",
    "sections",
    "citations",
    "branches",
    "members",
    "member_chats",
    "invites",
    "deadlines",
    "assignments",
    "reminders",
    "sent_messages",
    "search_terms",
    "daily_runs",
}


def _head() -> str:
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config(None)).get_current_head()  # type: ignore[arg-type]
    assert head is not None
    return head


def test_upgrade_on_empty_sqlite_is_idempotent(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert db.current_revision() is None
    db.upgrade()
    db.upgrade()
    assert db.current_revision() == _head()
    assert set(inspect(db.engine).get_table_names()) >= TABLES
    db.dispose()


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'pragmas.db'}")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db.dispose()


def test_cli_db_upgrade_reports_revision(database_url: str, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["db", "upgrade", "--json"]) == 0
    assert f'"revision": "{_head()}"' in capsys.readouterr().out


def test_upgrade_on_postgresql() -> None:
    with fresh_pg_database() as url:
        db = Database(url)
        db.upgrade()
        db.upgrade()
        assert db.current_revision() == _head()
        assert set(inspect(db.engine).get_table_names()) >= TABLES
        db.dispose()
