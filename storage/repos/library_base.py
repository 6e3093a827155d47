"""Opens the library index from a saved base plus the documents stored since.

A base (storage.repos.index_blobs) holds the documents up to an id, as they were when it
was built. While none of those has changed (same count and newest ingest time), a
process maps the base and indexes only the documents after it (knowledge.search.delta):
at 10,000 documents that is about a second instead of a 6-8 s build. A full build
(saved as the new base) happens when there is no valid base, when a stored document was
replaced or removed, or when the documents after the base outgrow `delta_share` of it;
one process builds it while the others wait for it (IndexStore.building), then map it.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from knowledge.search.delta import LengthTally, extend
from knowledge.search.library import Library
from knowledge.search.library_doc import DirectiveSource, DocInput
from storage.db import Database
from storage.models.documents import Document
from storage.repos.index_blobs import BaseInfo, IndexStore
from storage.repos.library_rows import stream_inputs
from storage.repos.search_rows import fill_missing, load_vocabulary

log = logging.getLogger(__name__)

DELTA_FROM = 200  # documents: a smaller library is rebuilt whole (well under a second)
DELTA_SHARE = 0.1  # documents after the base, as a share of it, before a new base is built
Stamp = tuple[int, int | None, str | None]


def range_stamp(db: Database, max_id: int) -> tuple[int, str | None]:
    """Count and newest ingest time of the documents with ids up to max_id."""
    c = Document.__table__.c  # type: ignore[attr-defined]
    query = select(func.count(), func.max(c.ingested_at)).where(c.id <= max_id)
    with db.engine.connect() as conn:
        count, when = conn.execute(query).one()
    return int(count), str(when) if when is not None else None


class BaseOpener:
    """Opens libraries for one LibraryService, keeping the base it last mapped."""

    def __init__(
        self,
        db: Database,
        store: IndexStore,
        delta_from: int = DELTA_FROM,
        delta_share: float = DELTA_SHARE,
    ) -> None:
        self.db = db
        self.store = store
        self.delta_from = delta_from
        self.delta_share = delta_share
        self._base: tuple[str, Library] | None = None
        self.full_builds = 0

    def open(self, stamp: Stamp, source: DirectiveSource, key: str) -> Library:
        """The library of the documents as `stamp` saw them (or newer ones)."""
        found = self._from_base(stamp, source)
        if found is not None:
            return found
        with self.store.building():
            # Another process may have saved a usable base while this one waited.
            found = self._from_base(stamp, source)
            return found if found is not None else self._rebuild(stamp, source, key)

    def _from_base(self, stamp: Stamp, source: DirectiveSource) -> Library | None:
        """The saved base plus the documents after it, None when there is no usable base."""
        info = self.store.latest()
        if info is None or not self._usable(info, stamp):
            return None
        base = self._base_of(info, source)
        return self._extended(base, info, source) if base is not None else None

    def _usable(self, info: BaseInfo, stamp: Stamp) -> bool:
        if info.count < self.delta_from or stamp[0] - info.count > self.delta_share * info.count:
            return False
        return range_stamp(self.db, info.max_id) == (info.count, info.newest)

    def _base_of(self, info: BaseInfo, source: DirectiveSource) -> Library | None:
        if self._base is not None and self._base[0] == info.key:
            return self._base[1]
        base = self.store.load(info, source)
        if base is not None:
            self._base = (info.key, base)
        return base

    def _extended(self, base: Library, info: BaseInfo, source: DirectiveSource) -> Library:
        inputs = _inputs(self.db, source, (info.max_id, None))
        if inputs:
            log.info("library: %d documents after the saved base", len(inputs))
        return extend(base, inputs, lambda: load_vocabulary(self.db), info.lengths)

    def _rebuild(self, stamp: Stamp, source: DirectiveSource, key: str) -> Library:
        # The base holds the documents up to the stamp's newest id, counted before the
        # build: one stored meanwhile is after it, one changed meanwhile voids it.
        max_id = stamp[1] or 0
        count, newest = range_stamp(self.db, max_id)
        tally = LengthTally()
        refill: list[int] = []
        rows = stream_inputs(self.db, source, refill, (0, max_id))
        library = Library.build_from(tally.wrap(rows), lambda: load_vocabulary(self.db))
        if refill:  # stored before the search data existed: computed, then built again
            fill_missing(self.db, refill)
            tally = LengthTally()
            rows = stream_inputs(self.db, source, None, (0, max_id))
            library = Library.build_from(tally.wrap(rows), lambda: load_vocabulary(self.db))
        self.full_builds += 1
        lengths = tally.lengths()
        info = BaseInfo(key, max_id, count, newest, lengths.passage, lengths.document)
        library = self.store.save(library, info)
        self._base = (key, library)
        return library


def _inputs(db: Database, source: DirectiveSource, ids: tuple[int, int | None]) -> list[DocInput]:
    """The documents in the id range with their search data (computed where missing)."""
    refill: list[int] = []
    found = list(stream_inputs(db, source, refill, ids))
    if refill:
        log.info("computing search data for %d documents", len(refill))
        fill_missing(db, refill)
        found = list(stream_inputs(db, source, None, ids))
    return found
