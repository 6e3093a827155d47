"""Where a saved base index lives: files beside SQLite, or blobs in PostgreSQL.

A base index is the folder knowledge.search.index_store writes (.npy arrays and one
meta.json) plus a `BaseInfo`: which documents it holds. `FileIndexStore` keeps both in
a directory (SQLite: one machine). `PgIndexStore` keeps them in the database
(search_index_bases, search_index_chunks) so every process of a city-wide deployment,
on any machine, starts from the same base: the files are downloaded once into a local
cache folder and memory-mapped from there (shared by the processes of one machine).
Only one process builds a base at a time (`building()`: a session advisory lock; the
others wait for its base instead of building their own), and only one writes one (a
transaction-level advisory lock). The pieces travel in psycopg's binary format, streamed
row by row into the files: 300 MB at 10,000 documents in about a second, where the
default text format (hex, twice the bytes, decoded in Python's process) took 3-5 s.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from sqlalchemy import delete, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from knowledge.search import index_store
from knowledge.search.delta import Lengths
from knowledge.search.library import Library
from knowledge.search.library_doc import DirectiveSource
from storage.db import Database
from storage.models.search_index import SearchIndexBase, SearchIndexChunk

log = logging.getLogger(__name__)

CHUNK_BYTES = 8 << 20  # bytes per stored piece: a row never holds a whole 100 MB array
SAVE_LOCK = 0x64616E76  # the advisory lock id of "one process saves a base at a time"
BUILD_LOCK = 0x64616E77  # the advisory lock id of "one process builds a base at a time"
BUILD_WAIT_S = 300.0  # longest wait for another process's build before building anyway
INFO = "base.json"
_BASES = SearchIndexBase.__table__  # type: ignore[attr-defined]
_CHUNKS = SearchIndexChunk.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class BaseInfo:
    """Which documents a saved base holds: ids up to max_id, their count and newest ingest."""

    key: str
    max_id: int
    count: int
    newest: str | None
    avg_passage: float = 1.0
    avg_document: float = 1.0

    @property
    def lengths(self) -> Lengths:
        """The base's average lengths, to score documents added after it."""
        return Lengths(self.avg_passage, self.avg_document)


class IndexStore(Protocol):
    """Keeps the newest saved base index."""

    def latest(self) -> BaseInfo | None:
        """The newest saved base, None when there is none."""

    def load(self, info: BaseInfo, source: DirectiveSource) -> Library | None:
        """The saved base's library (memory-mapped), None when it is unreadable."""

    def save(self, library: Library, info: BaseInfo) -> Library:
        """Save a freshly built base; the library to keep (its arrays mapped if saved)."""

    def building(self) -> AbstractContextManager[None]:
        """Held while a base is built: another process waits for it rather than build too."""


class FileIndexStore:
    """A base index in a local directory (beside a SQLite file)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def latest(self) -> BaseInfo | None:
        """The base described in the directory, if its files are complete."""
        try:
            info = BaseInfo(**json.loads((self.directory / INFO).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        return info if index_store.is_saved(self.directory, info.key) else None

    def load(self, info: BaseInfo, source: DirectiveSource) -> Library | None:
        """The saved library of this base."""
        return index_store.load(self.directory, info.key, source)

    def save(self, library: Library, info: BaseInfo) -> Library:
        """Write the files, then the description (last: it names complete files only)."""
        try:
            index_store.save(library, self.directory, info.key)
            tmp = self.directory / f"{INFO}.{os.getpid()}-{threading.get_ident()}"
            tmp.write_text(json.dumps(asdict(info)), encoding="utf-8")
            tmp.replace(self.directory / INFO)
        except OSError as error:  # a read-only disk costs the next start-up, nothing else
            log.warning("library index not saved to %s: %s", self.directory, error)
            return library
        # The mapped arrays are file-backed: the build's anonymous ones go back to the OS.
        index_store.remap(library, self.directory, info.key)
        return library

    def building(self) -> AbstractContextManager[None]:
        """Nothing to hold: one machine, and its processes share the folder's base."""
        return nullcontext()


class PgIndexStore:
    """A base index in the database, cached as files in a local folder."""

    def __init__(self, db: Database, cache: Path, build_wait_s: float = BUILD_WAIT_S) -> None:
        self.db = db
        self.cache = cache
        self.build_wait_s = build_wait_s

    def latest(self) -> BaseInfo | None:
        """The newest base in the database."""
        query = select(_BASES).order_by(_BASES.c.max_doc_id.desc()).limit(1)
        with self.db.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        return BaseInfo(
            row.key, row.max_doc_id, row.doc_count, row.newest, row.avg_passage, row.avg_document
        )

    def load(self, info: BaseInfo, source: DirectiveSource) -> Library | None:
        """The base's library, downloaded into the cache folder first if it is not there."""
        if not index_store.is_saved(self.cache, info.key) and not self._download(info.key):
            return None
        return index_store.load(self.cache, info.key, source)

    def _download(self, key: str) -> bool:
        tmp = self.cache / f"tmp-get-{os.getpid()}-{threading.get_ident()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        names = _fetch(self.db, key, tmp)
        if index_store.META not in names:  # replaced by a newer base meanwhile
            shutil.rmtree(tmp, ignore_errors=True)
            return False
        target = index_store.folder_of(self.cache, key)
        try:
            tmp.rename(target)
        except OSError:  # another process of this machine downloaded it first
            shutil.rmtree(tmp, ignore_errors=True)
        return True

    @contextmanager
    def building(self) -> Iterator[None]:
        """A session advisory lock on its own connection, waited for up to build_wait_s."""
        with self.db.engine.connect() as conn:
            try:  # SET LOCAL: the timeout ends with this transaction, the lock does not
                conn.execute(text(f"SET LOCAL lock_timeout = {int(self.build_wait_s * 1000)}"))
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": BUILD_LOCK})
                conn.commit()
            except OperationalError:  # the other build is stuck: build here too
                conn.rollback()
                log.warning("waited %.0f s for another library build", self.build_wait_s)
                yield
                return
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": BUILD_LOCK})
                conn.commit()

    def save(self, library: Library, info: BaseInfo) -> Library:
        """Upload the base (replacing older ones) unless another process is saving one."""
        try:
            index_store.save(library, self.cache, info.key)
        except OSError as error:
            log.warning("library index not saved to %s: %s", self.cache, error)
            return library
        with self.db.engine.begin() as conn:
            taken = conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": SAVE_LOCK})
            if not taken.scalar():
                log.info("another process is saving a library index; this one is not saved")
            else:
                conn.execute(delete(_CHUNKS))
                conn.execute(delete(_BASES))
                self._upload(conn, info.key)
                conn.execute(insert(_BASES).values(**_row(info)))
        index_store.remap(library, self.cache, info.key)
        return library

    def _upload(self, conn: Connection, key: str) -> None:
        folder = index_store.folder_of(self.cache, key)
        cursor = _driver(conn).cursor()
        # %b: the pieces go in binary format, not as escaped text twice their size.
        insert_piece = f"INSERT INTO {_CHUNKS.name} (key, name, seq, data) VALUES (%s, %s, %s, %b)"
        for path in sorted(folder.iterdir()):
            with path.open("rb") as source:
                seq = 0
                while piece := source.read(CHUNK_BYTES):
                    cursor.execute(insert_piece, (key, path.name, seq, piece))
                    seq += 1


def _driver(conn: Connection) -> Any:
    """The psycopg connection under SQLAlchemy's (same transaction)."""
    return conn.connection.driver_connection


def _fetch(db: Database, key: str, folder: Path) -> set[str]:
    """Stream a base's pieces (binary, one row at a time) into files; the names found."""
    query = f"SELECT name, data FROM {_CHUNKS.name} WHERE key = %s ORDER BY name, seq"
    files: dict[str, IO[bytes]] = {}
    with db.engine.connect() as conn, ExitStack() as stack:
        for name, data in _driver(conn).cursor().stream(query, (key,), binary=True):
            out = files.get(name)
            if out is None:  # a few dozen files: each stays open until the end
                out = files[name] = stack.enter_context((folder / Path(name).name).open("wb"))
            out.write(data)
    return set(files)


def _row(info: BaseInfo) -> dict[str, object]:
    found = asdict(info)
    found["max_doc_id"], found["doc_count"] = found.pop("max_id"), found.pop("count")
    return found
