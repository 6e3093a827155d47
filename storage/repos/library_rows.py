"""Streams what the library index reads from the database, in document id order.

Three queries, all in document order: the documents' columns; four fields of their
parsed JSON (type name, references, deadlines, tasks), which the database picks out in
one pass per row (SQLite json_each, PostgreSQL jsonb_each); and the sections' texts.
Nothing is held per document but what the index keeps.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from knowledge.facets import DocFacts
from knowledge.library_doc import DirectiveSource
from knowledge.model import Directive
from knowledge.search import DocInput, LibraryDoc
from storage.db import Database
from storage.models import Document, Section

log = logging.getLogger(__name__)

FETCH = 2_000  # rows per fetch of the raw SQLite cursor

# The parsed JSON is read once per row by the database (json_each / jsonb_each) and only
# the four fields the index needs come back; json_extract per field would parse the
# 50 kB document four times.
_FIELDS = ("doc_type_name", "references", "deadlines", "tasks")
_FIELDS_SQL = {
    "sqlite": "SELECT d.id, j.key, j.value FROM documents d, json_each(d.parsed) j "
    "WHERE j.key IN ('doc_type_name', 'references', 'deadlines', 'tasks') ORDER BY d.id",
    "postgresql": "SELECT d.id, j.key, j.value::text FROM documents d, "
    "jsonb_each(d.parsed::jsonb) j "
    "WHERE j.key IN ('doc_type_name', 'references', 'deadlines', 'tasks') ORDER BY d.id",
}


def _documents(conn: Connection) -> Iterator[Any]:
    c = Document.__table__.c  # type: ignore[attr-defined]
    query = select(
        c.id, c.file, c.number, c.number_key, c.doc_type, c.issuer, c.doc_date, c.year, c.title
    ).order_by(c.id)
    return iter(conn.execution_options(stream_results=True).execute(query))


def _sections(conn: Connection) -> Iterator[Any]:
    c = Section.__table__.c  # type: ignore[attr-defined]
    query = select(c.document_id, c.path, c.heading, c.text, c.unit).order_by(
        c.document_id, c.ordinal
    )
    if conn.dialect.name == "sqlite":
        return _raw_rows(conn, str(query.compile(dialect=conn.dialect)))
    return iter(conn.execution_options(stream_results=True).execute(query))


def _raw_rows(conn: Connection, sql: str) -> Iterator[Any]:
    """Rows straight from the DB-API cursor, a batch at a time (no per-row wrapping)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(FETCH):
            yield from batch
    finally:
        cursor.close()


def _fields(conn: Connection, dialect: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(document id, {field: value}) in id order, values decoded."""
    options = conn.execution_options(stream_results=True)
    if dialect not in _FIELDS_SQL:  # other databases: the whole JSON, read here
        c = Document.__table__.c  # type: ignore[attr-defined]
        for doc_id, parsed in options.execute(select(c.id, c.parsed).order_by(c.id)):
            data = json.loads(parsed or "{}")
            yield doc_id, {k: data.get(k) for k in _FIELDS}
        return
    rows = options.execute(text(_FIELDS_SQL[dialect]))
    for doc_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        found: dict[str, Any] = {}
        for _, key, value in group:
            plain = key == "doc_type_name" and dialect == "sqlite"  # SQLite unquotes strings
            found[key] = value if plain or value is None else json.loads(value)
        yield doc_id, found


class _Cursor:
    """Walks an id-ordered stream of (id, value) alongside the documents."""

    def __init__(self, pairs: Iterator[tuple[int, Any]]) -> None:
        self._pairs = pairs
        self._head = next(pairs, None)

    def take(self, doc_id: int, default: Any) -> Any:
        """The value for this id (skipping ids of documents deleted meanwhile)."""
        while self._head is not None and self._head[0] < doc_id:
            self._head = next(self._pairs, None)
        if self._head is not None and self._head[0] == doc_id:
            value = self._head[1]
            self._head = next(self._pairs, None)
            return value
        return default


def stream_inputs(db: Database, source: DirectiveSource) -> Iterator[DocInput]:
    """Every stored document with its sections' texts and facts, in id order, streamed."""
    dialect = db.engine.dialect.name
    with (
        db.engine.connect() as doc_conn,
        db.engine.connect() as sec_conn,
        db.engine.connect() as json_conn,
    ):
        sections = _Cursor(
            (doc_id, [(_text(r), r[4]) for r in group])
            for doc_id, group in itertools.groupby(_sections(sec_conn), key=lambda r: r[0])
        )
        fields = _Cursor(_fields(json_conn, dialect))
        for row in _documents(doc_conn):
            data = fields.take(row[0], {})
            parts = sections.take(row[0], [])
            facts = _facts(data, [unit for _, unit in parts])
            yield DocInput(_doc(row, data, source), [t for t, _ in parts], facts)


def _facts(data: dict[str, Any], section_units: list[str | None]) -> DocFacts:
    dues = [
        (date.fromisoformat(d["due"]) if d.get("due") else None, d.get("recurrence"))
        for d in data.get("deadlines") or []
    ]
    units = [t["unit"] for t in data.get("tasks") or [] if t.get("unit")]
    return DocFacts(dues, units, section_units)


def _text(row: Any) -> str:
    # Same result as knowledge.search.section_text, without building a Section per row.
    heading, text = row[2] or "", row[3] or ""
    if heading and not text.startswith(heading):
        return f"{heading}\n{text}"
    return text or heading


def _doc(row: Any, data: dict[str, Any], source: DirectiveSource) -> LibraryDoc:
    doc_id, file, number, number_key, doc_type, issuer, doc_date, year, title = row
    try:
        references = Directive.from_dict({"references": data.get("references") or []}).references
    except (ValueError, TypeError, KeyError):
        # A row written by an older parser must not stop the whole library from loading.
        log.warning("document %s: references unreadable, indexed without them", doc_id)
        references = []
    if isinstance(doc_date, str):
        doc_date = date.fromisoformat(doc_date[:10])
    return LibraryDoc(
        doc_id,
        file,
        number,
        number_key,
        doc_type or "",
        data.get("doc_type_name") or "",
        issuer or "",
        doc_date,
        year,
        title or "",
        source=source,
        references=references,
    )
