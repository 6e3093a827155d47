"""Read-only queries that load the library index, and the service that keeps it fresh.

Start-up streams three queries, all in document order: the documents' columns; four
fields of their parsed JSON (type name, references, deadlines, tasks), which the
database picks out in one pass per row (SQLite json_each, PostgreSQL jsonb_each); and
the sections' texts. Nothing is held per document but what the index keeps; a
document's full Directive is read later, one row at a time, when an answer needs it
(DbDirectives, with a small cache).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import func, select, text
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
    return iter(conn.execution_options(stream_results=True).execute(query))


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


def stream_inputs(db: Database, source: DbDirectives) -> Iterator[DocInput]:
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


def _doc(row: Any, data: dict[str, Any], source: DbDirectives) -> LibraryDoc:
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


def _release_memory() -> None:
    """Hand the build's freed temporaries back to the OS (glibc keeps them otherwise)."""
    gc.collect()
    # Not glibc (macOS, musl): nothing to trim, the process reuses the memory instead.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


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
        _release_memory()
        log.info(
            "library indexed: %d documents in %.2f s",
            len(self._library.docs),
            time.perf_counter() - started,
        )
        return self._library
