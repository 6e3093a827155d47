"""The library index for handlers: loaded (or built) at start-up, rebuilt when stale.

The index is built from rows streamed by storage.repos.library_rows (term ids and facts
written at ingest by storage.repos.search_rows) and saved as a base index
(storage.repos.index_blobs: beside the SQLite file, or in PostgreSQL for every process);
a restart maps the saved base and indexes only the documents stored after it
(storage.repos.library_base). A document's full Directive is read later, one
row at a time, when an answer needs it (DbDirectives, with a small cache).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import json
import logging
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from sqlalchemy import func, select

from knowledge.model import Directive
from knowledge.search.library import Library
from storage.db import Database
from storage.models.documents import Document
from storage.repos.index_blobs import FileIndexStore, IndexStore, PgIndexStore
from storage.repos.library_base import BaseOpener
from storage.repos.library_rows import build_library

log = logging.getLogger(__name__)

CHECK_EVERY = 3.0  # seconds between checks for documents stored by another process
CACHE_SIZE = 256  # parsed directives kept decoded for answers
INLINE_BELOW = 0.5  # seconds: a rebuild that fast runs inside get(), not in the background
Stamp = tuple[int, int | None, str | None]


def load_library(db: Database) -> Library:
    """Build the library index from the database."""
    return build_library(db, DbDirectives(db))


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
        # The text stays: the index's passages are its paragraphs (knowledge.search.passages).
        directive = Directive.from_dict(json.loads(raw))
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


def default_index_dir(db: Database) -> Path | None:
    """Where the saved index lives: next to a SQLite file, none for other databases."""
    name = db.engine.url.database
    if db.engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return None
    path = Path(name)
    return path.with_name(path.name + ".index")


def default_store(db: Database) -> IndexStore | None:
    """Files beside a SQLite file; on PostgreSQL the database, cached in a temp folder."""
    if db.engine.dialect.name == "postgresql":
        url = db.engine.url.render_as_string(hide_password=True)
        name = hashlib.sha256(url.encode()).hexdigest()[:12]
        return PgIndexStore(db, Path(tempfile.gettempdir()) / f"danvan-index-{name}")
    found = default_index_dir(db)
    return FileIndexStore(found) if found is not None else None


def _key(stamp: Stamp) -> str:
    # Unique per build: a database emptied and refilled (a restore, the tests) can repeat a
    # stamp, and a cached folder of that name must never be taken for the new base.
    return f"{hashlib.sha256(repr(stamp).encode()).hexdigest()[:16]}-{uuid.uuid4().hex[:8]}"


def open_library(db: Database, stamp: Stamp, opener: BaseOpener | None) -> Library:
    """The saved base and the documents after it, else a fresh build (saved as a base)."""
    if opener is None:
        return load_library(db)
    return opener.open(stamp, DbDirectives(db), _key(stamp))


class LibraryService:
    """The library index for handlers: built on first use, rebuilt when documents change.

    `invalidate()` (called by the ingest) asks for a rebuild; documents stored by another
    process (the CLI, a second bot) are noticed by comparing the table's fingerprint at
    most once every CHECK_EVERY seconds. The first build is synchronous; later ones run
    in a background thread while `get()` keeps serving the previous library, unless the
    previous build took under `inline_below` seconds (small libraries stay consistent
    right after an ingest at no cost to the event loop).
    """

    def __init__(
        self,
        db: Database,
        check_every: float = CHECK_EVERY,
        clock: Callable[[], float] = time.monotonic,
        index_dir: Path | None | Literal["auto"] = "auto",
        inline_below: float = INLINE_BELOW,
        opener: BaseOpener | None = None,
    ) -> None:
        self.db = db
        self.check_every = check_every
        if opener is None and index_dir is not None:
            store = default_store(db) if index_dir == "auto" else FileIndexStore(index_dir)
            opener = BaseOpener(db, store) if store is not None else None
        self.opener = opener  # None: built whole every time, nothing saved
        self.inline_below = inline_below
        self._clock = clock
        self._library: Library | None = None
        self._stamp: Stamp | None = None
        self._checked = 0.0
        self._dirty = True
        self._last_build_s = 0.0
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()
        self.builds = 0

    def get(self) -> Library:
        """The current library; a stale one starts a rebuild (see the class docstring)."""
        with self._lock:
            now = self._clock()
            if self._library is None:
                return self._build(now)
            if not self._dirty and now - self._checked >= self.check_every:
                self._checked = now
                self._dirty = library_stamp(self.db) != self._stamp
            if self._dirty and self._worker is None:
                if self._last_build_s < self.inline_below:
                    return self._build(now)
                self._worker = threading.Thread(
                    target=self._background, args=(now,), name="library-rebuild", daemon=True
                )
                self._worker.start()
            return self._library

    def invalidate(self) -> None:
        """Rebuild on the next get() (the library changed in this process)."""
        self._dirty = True

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background rebuild to finish (tests, command-line tools)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def _background(self, now: float) -> None:
        try:
            self._build(now)
        except Exception:  # the old library keeps serving; the next change retries
            log.exception("library rebuild failed")
        finally:
            self._worker = None

    def _build(self, now: float) -> Library:
        # The stamp is read before the rows: a document stored in between makes the
        # next check rebuild again rather than be missed.
        self._dirty = False
        stamp = library_stamp(self.db)
        started = time.perf_counter()
        library = open_library(self.db, stamp, self.opener)
        _release_memory()
        self._last_build_s = time.perf_counter() - started
        # Swapped in one assignment: a reader holds either the old or the new library.
        self._library, self._stamp, self._checked = library, stamp, now
        self.builds += 1
        log.info("library ready: %d documents in %.2f s", len(library.docs), self._last_build_s)
        return library
