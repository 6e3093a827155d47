"""The search index every process shares: a saved base plus the documents stored since."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import App, build_app
from core.clock import FakeClock
from core.settings import Settings
from handlers.ingest import ingest_paths
from knowledge.search.library import Library
from storage.db import Database
from storage.repos.index_blobs import FileIndexStore, IndexStore, PgIndexStore
from storage.repos.library import LibraryService
from storage.repos.library_base import BaseOpener
from tests.support import SEEDS
from tests.support_pg import fresh_pg_database

SEED_FILES = sorted(SEEDS.glob("*.txt"))


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def pg_app(tmp_path: Path, clock: FakeClock) -> Iterator[App]:
    """An app on a throwaway PostgreSQL database."""
    with fresh_pg_database() as url:
        settings = Settings(database_url=url, samples_dir=str(tmp_path / "none"), _env_file=None)  # type: ignore[call-arg]
        application = build_app(settings, clock=clock)
        yield application
        application.db.dispose()


def _ingest_elsewhere(app: App, files: list[Path]) -> None:
    """Store documents through a second engine, as another process would."""
    other = Database(app.settings.database_url)
    try:
        ctx = replace(app.ctx, db=other, library=LibraryService(other, index_dir=None))
        ingest_paths(ctx, files)
    finally:
        other.dispose()


def _service(app: App, cache: Path, clock: _Clock) -> LibraryService:
    return _tiered(app, PgIndexStore(app.db, cache), clock, 3.0)


def _tiered(app: App, store: IndexStore, clock: _Clock, check_every: float) -> LibraryService:
    """A service that keeps any base, however small and however many documents follow."""
    opener = BaseOpener(app.db, store, delta_from=0, delta_share=10.0)
    return LibraryService(
        app.db, check_every=check_every, clock=clock, inline_below=float("inf"), opener=opener
    )


def _numbers(library: Library) -> list[str]:
    return sorted(d.number or "" for d in library.docs)


def test_a_second_process_sees_a_new_document_within_the_poll(pg_app: App, tmp_path: Path) -> None:
    _ingest_elsewhere(pg_app, SEED_FILES[1:])
    clock = _Clock()
    first = _service(pg_app, tmp_path / "one", clock)
    assert len(first.get().docs) == 4 and first.opener and first.opener.full_builds == 1
    # Another machine: an empty cache folder, the base comes from the database.
    second = _service(pg_app, tmp_path / "two", clock)
    library = second.get()
    assert second.opener is not None and second.opener.full_builds == 0
    assert _numbers(library) == _numbers(first.get())
    _ingest_elsewhere(pg_app, SEED_FILES[:1])
    newest = Library.build(list(LibraryService(pg_app.db, index_dir=None).get().docs))
    added = next(d for d in newest.docs if d.id not in {x.id for x in library.docs})
    assert added.number
    clock.now += 3.0
    for service in (first, second):
        seen = service.get()
        assert _numbers(seen) == _numbers(newest)
        assert service.opener is not None and service.opener.full_builds <= 1  # no rebuild
        assert seen.lookup(added.number).matches[0].file == added.file
        assert seen.rank_docs(added.title, 1)[0][0].id == added.id


def test_the_base_plus_new_documents_answers_like_a_full_build(app: App, tmp_path: Path) -> None:
    _ingest_elsewhere(app, SEED_FILES[:3])
    clock = _Clock()
    service = _tiered(app, FileIndexStore(tmp_path / "index"), clock, 0.0)
    service.get()
    _ingest_elsewhere(app, SEED_FILES[3:])
    tiered = service.get()
    assert service.opener is not None and service.opener.full_builds == 1
    full = LibraryService(app.db, index_dir=None).get()
    assert _numbers(tiered) == _numbers(full)
    assert tiered.passages.n_rows == full.passages.n_rows
    for doc in full.docs:
        if doc.number:
            assert tiered.lookup(doc.number).matches[0].file == doc.file
        ranked = [d.id for d, _ in full.rank_docs(doc.title, 2)]
        assert [d.id for d, _ in tiered.rank_docs(doc.title, 2)][:1] == ranked[:1]
        unit_docs = {d.id for d in full.docs_with_unit("Ban Tuyên giáo")}
        assert {d.id for d in tiered.docs_with_unit("Ban Tuyên giáo")} == unit_docs
    # Scored with the base's statistics: near a full build's order, not always equal.
    hits = [(h.doc.id, h.path) for h in tiered.search("hạn nộp báo cáo", 3)]
    assert set(hits) <= {(h.doc.id, h.path) for h in full.search("hạn nộp báo cáo", 6)}


def test_a_replaced_document_voids_the_base(app: App, tmp_path: Path) -> None:
    _ingest_elsewhere(app, SEED_FILES)
    service = _tiered(app, FileIndexStore(tmp_path / "index"), _Clock(), 0.0)
    before = service.get()
    with app.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM documents WHERE id = :i"), {"i": before.docs[0].id})
    after = service.get()
    assert len(after.docs) == len(before.docs) - 1
    assert service.opener is not None and service.opener.full_builds == 2


def test_two_processes_starting_without_a_base_build_it_once(pg_app: App, tmp_path: Path) -> None:
    _ingest_elsewhere(pg_app, SEED_FILES)
    url = pg_app.settings.database_url
    engines = [Database(url), Database(url)]
    try:
        openers = [
            BaseOpener(db, PgIndexStore(db, tmp_path / f"cache{i}"), delta_from=0)
            for i, db in enumerate(engines)
        ]
        services = [LibraryService(db, opener=o) for db, o in zip(engines, openers, strict=True)]
        with ThreadPoolExecutor(2) as pool:  # two sessions: the second waits for the lock
            libraries = list(pool.map(lambda s: s.get(), services))
        assert sorted(o.full_builds for o in openers) == [0, 1]
        assert _numbers(libraries[0]) == _numbers(libraries[1])
        assert len(libraries[0].docs) == len(SEED_FILES)
    finally:
        for db in engines:
            db.dispose()
