"""Copies an office's data from one database to another (SQLite ⇄ PostgreSQL), then checks it.

Both databases are brought to the newest schema first. Tables are copied in dependency
order (parents first) in batches, through SQLAlchemy's column types, so datetimes, blobs
and booleans arrive as the target stores them; PostgreSQL's id sequences are then moved
past the copied ids. The saved search index (search_index_*) is not copied: the target
builds its own from the documents. Afterwards every table's row count and a sample of
rows (spread over the primary key) are compared.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, Table, func, insert, select, text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers every table)
from storage.db import Database

BATCH = 500  # rows per INSERT: a few MB of documents at most
SAMPLE = 50  # rows compared per table
SKIPPED = ("search_index_bases", "search_index_chunks")  # rebuilt by the target
# Rows the migrations write themselves (the default department): a fresh target has them,
# so they do not make it "not empty"; the source's rows replace them.
SEEDED = ("departments",)


class TargetNotEmpty(Exception):
    """The target database already holds data (and --force was not given)."""


@dataclass
class TableReport:
    """What was copied of one table and what the comparison found."""

    source: int = 0
    target: int = 0
    sampled: int = 0
    different: list[Any] = field(default_factory=list)  # primary keys of differing rows

    @property
    def ok(self) -> bool:
        """Same count, and every sampled row equal."""
        return self.source == self.target and not self.different


def tables() -> list[Table]:
    """Every table copied, parents before children."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in SKIPPED]


def copy_database(
    source: Database, target: Database, force: bool = False, say: Callable[[str], None] = print
) -> dict[str, Any]:
    """Copy every table from source to target; the JSON-ready summary of the comparison."""
    started = time.monotonic()
    source.upgrade()
    target.upgrade()
    with target.engine.begin() as conn:
        filled = [t.name for t in tables() if t.name not in SEEDED and _count(conn, t)]
        if filled and not force:
            raise TargetNotEmpty(", ".join(filled))
        if filled:
            say(f"xóa dữ liệu cũ ở đích: {', '.join(filled)}")
            _clear(conn)
        for name in SEEDED:
            conn.execute(text(f'DELETE FROM "{name}"'))
    reports: dict[str, TableReport] = {}
    with source.engine.connect() as src, target.engine.begin() as dst:
        for table in tables():
            reports[table.name] = TableReport(source=_count(src, table))
            _copy_table(src, dst, table, reports[table.name].source, say)
        if dst.dialect.name == "postgresql":
            _reset_sequences(dst)
    with source.engine.connect() as src, target.engine.connect() as dst:
        for table in tables():
            _compare(src, dst, table, reports[table.name])
    return {
        "ok": all(r.ok for r in reports.values()),
        "seconds": round(time.monotonic() - started, 2),
        "tables": {
            name: {
                "source": r.source,
                "target": r.target,
                "sampled": r.sampled,
                "different": r.different,
            }
            for name, r in reports.items()
        },
    }


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def _order(table: Table) -> list[Any]:
    return list(table.primary_key.columns) or list(table.columns)


def _rows(conn: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    query = select(table).order_by(*_order(table))
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for part in result.mappings().partitions(BATCH):
        yield [dict(row) for row in part]


def _copy_table(
    src: Connection, dst: Connection, table: Table, total: int, say: Callable[[str], None]
) -> None:
    done = 0
    for batch in _rows(src, table):
        dst.execute(insert(table), batch)
        done += len(batch)
        if done % (BATCH * 20) == 0 or done == total:
            say(f"{table.name}: {done}/{total}")
    if not total:
        say(f"{table.name}: 0")


def _clear(conn: Connection) -> None:
    """Empty every copied table (the audit log's append-only triggers included)."""
    names = [t.name for t in reversed(tables())]
    if conn.dialect.name == "postgresql":
        # TRUNCATE fires no row trigger: the audit log's refusal of DELETE stays in force.
        conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
        return
    triggers = conn.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    ).all()
    for name, _ in triggers:
        conn.execute(text(f'DROP TRIGGER "{name}"'))
    for name in names:
        conn.execute(text(f'DELETE FROM "{name}"'))
    for _, sql in triggers:
        conn.execute(text(sql))


def _reset_sequences(conn: Connection) -> None:
    """Move each id sequence past the copied ids (the next insert must not collide)."""
    for table in tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or not isinstance(pk[0].type, Integer):
            continue
        seq = conn.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}
        ).scalar()
        if seq:
            top = conn.execute(select(func.max(pk[0]))).scalar()
            conn.execute(
                text("SELECT setval(:s, :v, :called)"),
                {"s": seq, "v": top or 1, "called": top is not None},
            )


def _compare(src: Connection, dst: Connection, table: Table, report: TableReport) -> None:
    """Count the target's rows and compare a sample spread over the primary key."""
    report.target = _count(dst, table)
    keys = list(table.primary_key.columns)
    if not keys or not report.source:
        return
    every = src.execute(select(*keys).order_by(*keys)).all()
    step = max(1, len(every) // SAMPLE)
    sample = [tuple(k) for k in every[::step]][:SAMPLE] + [tuple(every[-1])]
    for key in dict.fromkeys(sample):
        where = [c == v for c, v in zip(keys, key, strict=True)]
        a = src.execute(select(table).where(*where)).mappings().first()
        b = dst.execute(select(table).where(*where)).mappings().first()
        report.sampled += 1
        if a is None or b is None or _plain(dict(a)) != _plain(dict(b)):
            report.different.append(list(key) if len(key) > 1 else key[0])


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Values as both databases should give them back (memoryview → bytes)."""
    return {k: bytes(v) if isinstance(v, memoryview) else v for k, v in row.items()}
