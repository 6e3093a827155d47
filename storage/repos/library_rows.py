"""Streams what the library index reads from the database, in document id order.

One query over the documents table: the columns the index shows, the small `facts`
JSON and the `tokens` of each document's sections, all written at ingest by
storage.repos.search_rows (rows from before that are filled in first). No section text
and no parsed JSON is read, and nothing is held per document but what the index keeps.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.engine import Connection

from knowledge.facets import DocFacts
from knowledge.library_doc import DirectiveSource
from knowledge.model import Reference
from knowledge.search import DocInput, Library, LibraryDoc
from knowledge.tokens import unpack_tokens
from storage.db import Database
from storage.models import Document
from storage.repos.search_rows import fill_missing, load_vocabulary

log = logging.getLogger(__name__)

FETCH = 500  # rows per fetch of the raw SQLite cursor (each carries ~20 kB of tokens)
_EMPTY = np.zeros(0, dtype=np.int64)


def build_library(db: Database, source: DirectiveSource) -> Library:
    """Index every stored document (filling in index columns that are missing first)."""
    return Library.build_from(stream_inputs(db, source), vocabulary=lambda: load_vocabulary(db))


def stream_inputs(db: Database, source: DirectiveSource) -> Iterator[DocInput]:
    """Every stored document with its stored term ids and facts, in id order, streamed.

    The term ids are the database's: build with `vocabulary=load_vocabulary(db)`, read
    after the rows (build_library does both).
    """
    filled = fill_missing(db)
    if filled:
        log.info("search data written for %d documents stored before it existed", filled)
    with db.engine.connect() as conn:
        for row in _rows(conn):
            yield _input(row, source)


def _rows(conn: Connection) -> Iterator[Any]:
    c = Document.__table__.c  # type: ignore[attr-defined]
    columns = (c.id, c.file, c.number, c.number_key, c.doc_type, c.issuer, c.doc_date, c.year)
    query = select(*columns, c.title, c.facts, c.tokens).order_by(c.id)
    if conn.dialect.name != "sqlite":
        return iter(conn.execution_options(stream_results=True).execute(query))
    return _raw_rows(conn, str(query.compile(dialect=conn.dialect)))


def _raw_rows(conn: Connection, sql: str) -> Iterator[Any]:
    """Rows straight from the DB-API cursor, a batch at a time (no per-row wrapping)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(FETCH):
            yield from batch
    finally:
        cursor.close()


def _input(row: Any, source: DirectiveSource) -> DocInput:
    facts = _read_facts(row[0], row[9])
    tokens = unpack_tokens(row[10])
    if tokens is None:
        # Stored by an older program after fill_missing ran: searchable after the next build.
        log.warning("document %s: no search data yet, its sections are not indexed", row[0])
        tokens = (_EMPTY, _EMPTY)
    dues = [(date.fromisoformat(due) if due else None, rec) for due, rec in facts["dues"]]
    doc_facts = DocFacts(dues, facts["units"], _section_units(facts, len(tokens[1])))
    return DocInput(_doc(row, facts, source), [], doc_facts, tokens)


def _section_units(facts: dict[str, Any], n: int) -> list[str | None]:
    names = facts["unit_names"]
    units = [names[i] if 0 <= i < len(names) else None for i in facts["section_units"][:n]]
    # One unit per indexed section, whatever the row says: the facets are section-aligned.
    return units + [None] * (n - len(units))


def _read_facts(doc_id: int, raw: str | None) -> dict[str, Any]:
    empty: dict[str, Any] = {"type_name": "", "references": [], "dues": [], "units": []}
    try:
        found = json.loads(raw) if raw else {}
    except ValueError:
        found = {}
    if not found:
        log.warning("document %s: facts unreadable, indexed without them", doc_id)
    return {"section_units": [], "unit_names": [], **empty, **found}


def _doc(row: Any, facts: dict[str, Any], source: DirectiveSource) -> LibraryDoc:
    doc_id, file, number, number_key, doc_type, issuer, doc_date, year, title = row[:9]
    try:
        references = [Reference.from_dict(r) for r in facts["references"]]
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
        facts["type_name"],
        issuer or "",
        doc_date,
        year,
        title or "",
        source=source,
        references=references,
    )
