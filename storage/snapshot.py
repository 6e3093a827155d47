"""A throwaway copy of the database for previews (`danvan simulate`, `danvan chat --now`).

Works the same from SQLite and PostgreSQL: the rows are read through SQLAlchemy Core in one
read transaction (a consistent snapshot while the bot keeps writing) and written into a
fresh SQLite file migrated to the current schema. Only what the reminder loop and the chat
read is copied: the search index (sections, citations, search terms) and the documents'
full texts are left out, so a library of thousands of directives copies in seconds. The
source is only read: not even migrated, so a source one revision behind copies the
columns both have.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete, event, insert, inspect, select
from sqlalchemy.engine import Engine, make_url
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers every table in the metadata)
from storage.db import Database, create_db_engine

SKIP_TABLES = frozenset({"sections", "citations", "search_terms"})
# Large columns left at their defaults: previews never search or re-parse a document.
LIGHT_COLUMNS = {"documents": frozenset({"text", "parsed", "facts", "tokens"})}
CHUNK = 1000  # rows per INSERT
# Tables a migration fills (the default department): the source's rows replace them.
SEEDED = frozenset({"departments"})


def copy_database(source_url: str, target: Database) -> dict[str, int]:
    """Copy the rows previews need from `source_url` into `target` (already migrated).

    Returns the number of rows copied per table.
    """
    url = make_url(source_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return {}  # no database yet: an empty copy (connecting would create the file)
    source = create_db_engine(source_url)
    if source.dialect.name == "sqlite":
        _explicit_transactions(source)
    counts: dict[str, int] = {}
    try:
        with source.connect() as conn:
            if conn.dialect.name == "postgresql":  # one snapshot for every table
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                present = set(inspect(conn).get_table_names())
                for table in SQLModel.metadata.sorted_tables:  # parents before children
                    if table.name in SKIP_TABLES or table.name not in present:
                        continue
                    have = {c["name"] for c in inspect(conn).get_columns(table.name)}
                    light = LIGHT_COLUMNS.get(table.name, frozenset())
                    columns = [c for c in table.columns if c.name in have and c.name not in light]
                    rows = conn.execute(select(*columns)).mappings()
                    counts[table.name] = 0
                    with target.engine.begin() as out:
                        if table.name in SEEDED:
                            out.execute(delete(table))
                        for chunk in rows.partitions(CHUNK):
                            out.execute(insert(table), [dict(r) for r in chunk])
                            counts[table.name] += len(chunk)
    finally:
        source.dispose()
    return counts


def _explicit_transactions(engine: Engine) -> None:
    """Let SQLite's BEGIN cover the SELECTs too (pysqlite defers it until the first write),
    so every table is read from the same snapshot (SQLAlchemy's documented recipe)."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    def on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)
