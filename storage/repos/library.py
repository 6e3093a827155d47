"""Read-only queries that load the library index, and the service that keeps it fresh.

Start-up streams two queries, both in document order: the documents with the few
fields of their parsed JSON the index needs (type name, references), and the sections'
texts. The database extracts those JSON fields (SQLite json_extract, PostgreSQL jsonb),
so the full parsed JSON of 10,000 documents is never decoded in Python at start-up.
A document's full Directive is read later, one row at a time, when an answer needs it
(DbDirectives, with a small cache).
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import Text, cast, func, literal_column, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection

from knowledge.facets import DocFacts
from knowledge.model import Directive
from knowledge.search import DocInput, Library, LibraryDoc
from storage.db import Database
from storage.models import Document, Section

log = logging.getLogger(__name__)

CHECK_EVERY = 3.0  # seconds between checks for documents stored by another process
CACHE_SIZE = 256  # parsed directives kept decoded for answers
Stamp = tuple[int, int | None, str | None]


# Per document, only the due dates/recurrences of its deadlines and the units of its
# tasks: aggregated by the database so their quoted texts are never decoded here.
_FACTS_SQL = {
    "sqlite": (
        "(SELECT json_group_array(json_array(json_extract(value, '$.due'), "
        "json_extract(value, '$.recurrence'))) FROM json_each(documents.parsed, '$.deadlines'))",
        "(SELECT json_group_array(json_extract(value, '$.unit')) "
        "FROM json_each(documents.parsed, '$.tasks'))",
    ),
    "postgresql": (
        "(SELECT json_agg(json_build_array(d->>'due', d->>'recurrence')) "
        "FROM jsonb_array_elements(documents.parsed::jsonb->'deadlines') d)",
        "(SELECT json_agg(t->>'unit') "
        "FROM jsonb_array_elements(documents.parsed::jsonb->'tasks') t)",
    ),
}


def _facts_columns(dialect: str) -> list[Any]:
    if dialect in _FACTS_SQL:
        return [literal_column(sql) for sql in _FACTS_SQL[dialect]]
    return [Document.__table__.c.parsed, Document.__table__.c.parsed]  # type: ignore[attr-defined]


def _facts(dues_raw: Any, units_raw: Any, dialect: str) -> DocFacts:
    if dialect not in _FACTS_SQL:  # the whole parsed JSON, twice
        data = json.loads(dues_raw or "{}")
        dues = [[d.get("due"), d.get("recurrence")] for d in data.get("deadlines", [])]
        units = [t.get("unit") for t in data.get("tasks", [])]
    else:
        dues = json.loads(dues_raw) if dues_raw else []
        units = json.loads(units_raw) if units_raw else []
    return DocFacts(
        [(date.fromisoformat(due) if due else None, rec) for due, rec in dues],
        [u for u in units if u],
    )


def _json_field(dialect: str, name: str) -> Any:
    """A field of the parsed JSON: a string as is, a list as JSON text."""
    column = Document.__table__.c.parsed  # type: ignore[attr-defined]
    if dialect == "sqlite":
        return func.json_extract(column, f"$.{name}")
    if dialect == "postgresql":
        field = cast(column, JSONB)[name]
        return field.astext if name == "doc_type_name" else cast(field, Text)
    return column  # elsewhere the whole JSON, read in Python


def _documents(conn: Connection, dialect: str) -> Iterator[Any]:
    c = Document.__table__.c  # type: ignore[attr-defined]
    query = select(
        c.id,
        c.file,
        c.number,
        c.number_key,
        c.doc_type,
        c.issuer,
        c.doc_date,
        c.year,
        c.title,
        _json_field(dialect, "doc_type_name"),
        _json_field(dialect, "references"),
        *_facts_columns(dialect),
    ).order_by(c.id)
    return iter(conn.execution_options(stream_results=True).execute(query))


def _sections(conn: Connection) -> Iterator[Any]:
    c = Section.__table__.c  # type: ignore[attr-defined]
    query = select(c.document_id, c.path, c.heading, c.text).order_by(c.document_id, c.ordinal)
    return iter(conn.execution_options(stream_results=True).execute(query))


def _field(raw: Any, name: str, dialect: str) -> Any:
    """The JSON field's value from what _json_field selected."""
    if raw is None:
        return None
    if dialect not in ("sqlite", "postgresql"):
        return json.loads(raw).get(name)
    return raw if name == "doc_type_name" else json.loads(raw)


def stream_inputs(db: Database, source: DbDirectives) -> Iterator[DocInput]:
    """Every stored document with its sections' texts, in id order, streamed."""
    dialect = db.engine.dialect.name
    with db.engine.connect() as doc_conn, db.engine.connect() as sec_conn:
        grouped = itertools.groupby(_sections(sec_conn), key=lambda row: row[0])
        pending = next(grouped, None)
        for row in _documents(doc_conn, dialect):
            texts: list[str] = []
            while pending is not None and pending[0] <= row[0]:
                if pending[0] == row[0]:
                    texts = [_text(r) for r in pending[1]]
                pending = next(grouped, None)
            yield DocInput(_doc(row, dialect, source), texts, _facts(row[11], row[12], dialect))


def _text(row: Any) -> str:
    # Same result as knowledge.search.section_text, without building a Section per row.
    heading, text = row[2] or "", row[3] or ""
    if heading and not text.startswith(heading):
        return f"{heading}\n{text}"
    return text or heading


def _doc(row: Any, dialect: str, source: DbDirectives) -> LibraryDoc:
    doc_id, file, number, number_key, doc_type, issuer, doc_date, year, title = row[:9]
    name = _field(row[9], "doc_type_name", dialect) or ""
    try:
        refs = _field(row[10], "references", dialect) or []
        references = Directive.from_dict({"references": refs}).references
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
        name,
        issuer or "",
        doc_date,
        year,
        title or "",
        source=source,
        references=references,
    )


def load_library(db: Database) -> Library:
    """Build the library index from the database."""
    return Library.build_from(stream_inputs(db, DbDirectives(db)))


class DbDirectives:
    """Reads one document's parsed directive when an answer needs it; keeps the last few."""

    def __init__(self, db: Database, size: int = CACHE_SIZE) -> None:
        self.db = db
        self.size = size
        self._cache: OrderedDict[int, Directive] = OrderedDict()
        self._lock = threading.Lock()

    def load(self, doc_id: int) -> Directive | None:
        """The stored directive of a document, None when the row is gone."""
        with self._lock:
            if doc_id in self._cache:
                self._cache.move_to_end(doc_id)
                return self._cache[doc_id]
        c = Document.__table__.c  # type: ignore[attr-defined]
        with self.db.engine.connect() as conn:
            raw = conn.execute(select(c.parsed).where(c.id == doc_id)).scalar()
        if raw is None:
            return None
        directive = Directive.from_dict(json.loads(raw))
        directive.text = ""  # sections carry the text; the whole text would double memory
        with self._lock:
            self._cache[doc_id] = directive
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return directive


def library_stamp(db: Database) -> Stamp:
    """A cheap fingerprint of the documents table: count, newest id, newest ingest time."""
    c = Document.__table__.c  # type: ignore[attr-defined]
    query = select(func.count(), func.max(c.id), func.max(c.ingested_at))
    with db.engine.connect() as conn:
        count, newest, when = conn.execute(query).one()
    return int(count), newest, str(when) if when is not None else None


class LibraryService:
    """The library index for handlers: built on first use, rebuilt when documents change.

    `invalidate()` (called by the ingest) forces a rebuild on the next `get()`; documents
    stored by another process (the CLI, a second bot) are noticed by comparing the
    table's fingerprint at most once every CHECK_EVERY seconds.
    """

    def __init__(
        self,
        db: Database,
        check_every: float = CHECK_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.check_every = check_every
        self._clock = clock
        self._library: Library | None = None
        self._stamp: Stamp | None = None
        self._checked = 0.0
        self._dirty = True
        self._lock = threading.Lock()
        self.builds = 0

    def get(self) -> Library:
        """The current library, rebuilt first when it is stale."""
        with self._lock:
            now = self._clock()
            if self._library is None or self._dirty:
                return self._rebuild(now)
            if now - self._checked >= self.check_every:
                self._checked = now
                if library_stamp(self.db) != self._stamp:
                    return self._rebuild(now)
            return self._library

    def invalidate(self) -> None:
        """Rebuild on the next get() (the library changed in this process)."""
        self._dirty = True

    def _rebuild(self, now: float) -> Library:
        # The stamp is read before the rows: a document stored in between makes the
        # next check rebuild again rather than be missed.
        self._dirty = False
        self._stamp = library_stamp(self.db)
        self._checked = now
        started = time.perf_counter()
        self._library = load_library(self.db)
        self.builds += 1
        log.info(
            "library indexed: %d documents in %.2f s",
            len(self._library.docs),
            time.perf_counter() - started,
        )
        return self._library
