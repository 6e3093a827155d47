"""Streams what the library index reads from the database, in document id order.

One query over the documents table: the columns the index shows, the small `facts`
JSON and the `tokens` of each document's sections, all written at ingest by
storage.repos.search_rows (rows without usable ones are computed, then read again).
No section text and no parsed JSON is read, and nothing is held per document but what
the index keeps.
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

from knowledge.model import Reference
from knowledge.search.facets import DocFacts
from knowledge.search.library import Library
from knowledge.search.library_doc import DirectiveSource, DocInput, LibraryDoc
from knowledge.search.tokens import unpack_tokens
from storage.db import Database
from storage.models.documents import Document
from storage.repos.search_rows import fill_missing, load_vocabulary

log = logging.getLogger(__name__)

FETCH = 500  # rows per fetch of the raw SQLite cursor (each carries ~20 kB of tokens)
_EMPTY = np.zeros(0, dtype=np.int64)


def build_library(db: Database, source: DirectiveSource) -> Library:
    """Index every stored document; rows whose search data is missing (stored before it
    existed), stale (another TOKENS_VERSION) or damaged are computed, then indexed."""
    refill: list[int] = []
    library = _build(db, source, refill)
    if refill:
        log.info("computing search data for %d documents", len(refill))
        fill_missing(db, refill)
        library = _build(db, source, None)
    return library


def _build(db: Database, source: DirectiveSource, refill: list[int] | None) -> Library:
    return Library.build_from(
        stream_inputs(db, source, refill), vocabulary=lambda: load_vocabulary(db)
    )


def stream_inputs(
    db: Database,
    source: DirectiveSource,
    refill: list[int] | None = None,
    ids: tuple[int, int | None] = (0, None),
) -> Iterator[DocInput]:
    """Every stored document with its stored term ids and facts, in id order, streamed.

    The term ids are the database's: build with `vocabulary=load_vocabulary(db)`, read
    after the rows (build_library does both). A row without usable search data is
    indexed without sections and its id added to `refill`. `ids` (after, up to) limits
    the rows to a range of ids (a saved base index, the documents stored since).
    """
    with db.engine.connect() as conn:
        for row in _rows(conn, *ids):
            found = _input(row, source)
            if found is None:
                if refill is None:
                    log.warning("document %s: no search data, sections not indexed", row[0])
                else:
                    refill.append(row[0])
                found = _bare(row, source)
            yield found


def _rows(conn: Connection, after: int = 0, up_to: int | None = None) -> Iterator[Any]:
    c = Document.__table__.c  # type: ignore[attr-defined]
    columns = (c.id, c.file, c.number, c.number_key, c.doc_type, c.issuer, c.doc_date, c.year)
    query = select(*columns, c.title, c.facts, c.tokens).order_by(c.id)
    if after:
        query = query.where(c.id > after)
    if up_to is not None:
        query = query.where(c.id <= up_to)
    if conn.dialect.name != "sqlite":
        return iter(conn.execution_options(stream_results=True).execute(query))
    # Integer bounds only: rendered into the SQL the raw cursor runs.
    sql = query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
    return _raw_rows(conn, str(sql))


def _raw_rows(conn: Connection, sql: str) -> Iterator[Any]:
    """Rows straight from the DB-API cursor, a batch at a time (no per-row wrapping)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(FETCH):
            yield from batch
    finally:
        cursor.close()


def _input(row: Any, source: DirectiveSource) -> DocInput | None:
    """The document as indexed, None when its search data is missing or unusable."""
    tokens = unpack_tokens(row[10])
    facts = _read_facts(row[9])
    if tokens is None or facts is None:
        return None
    try:
        dues = [(date.fromisoformat(due) if due else None, rec) for due, rec in facts["dues"]]
        units, parts = _row_units(facts, len(tokens[1]))
        doc = _doc(row, facts, source)
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    return DocInput(doc, [], DocFacts(dues, facts["units"], units, parts), tokens)


def _bare(row: Any, source: DirectiveSource) -> DocInput:
    """A document with no sections or facts: still found by its number and title."""
    facts = {"type_name": "", "references": []}
    return DocInput(_doc(row, facts, source), [], DocFacts(), (_EMPTY, _EMPTY))


def _row_units(facts: dict[str, Any], n: int) -> tuple[list[str | None], bytes]:
    names = facts["unit_names"]
    units = [names[i] if 0 <= i < len(names) else None for i in facts["row_units"][:n]]
    parts = bytes(int(c) if c in "012" else 1 for c in facts["parts"][:n])
    # One unit and part per indexed passage, whatever the row says: the facets are aligned.
    return units + [None] * (n - len(units)), parts


_FACT_TYPES = {
    "type_name": str,
    "references": list,
    "dues": list,
    "units": list,
    "unit_names": list,
    "row_units": list,
    "parts": str,
}


def _read_facts(raw: str | None) -> dict[str, Any] | None:
    try:
        found = json.loads(raw) if raw else None
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    if any(not isinstance(found.get(k), kind) for k, kind in _FACT_TYPES.items()):
        return None
    return found


def _doc(row: Any, facts: dict[str, Any], source: DirectiveSource) -> LibraryDoc:
    doc_id, file, number, number_key, doc_type, issuer, doc_date, year, title = row[:9]
    references = [Reference.from_dict(r) for r in facts["references"]]
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
