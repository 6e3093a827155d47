"""LibraryService: the saved index answers like a fresh build; rebuilds never block get()."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

import storage.repos.library as library_repo
from bot.app import App
from knowledge.search.library import Library
from storage.repos.library import LibraryService, default_index_dir
from tests.support_search import ingest_seeds, library_answers


@pytest.mark.sqlite_only  # the files beside the SQLite file (PostgreSQL: test_index_shared)
def test_saved_index_answers_like_a_fresh_build(app: App) -> None:
    ingest_seeds(app)
    index_dir = default_index_dir(app.db)
    assert index_dir is not None and not index_dir.exists()
    built = LibraryService(app.db).get()
    assert len(list(index_dir.glob("index-*"))) == 1
    fresh = Library.build([d for d in built.docs])  # directives read back from the rows
    restored = LibraryService(app.db).get()
    assert restored is not built and not restored.is_empty
    assert library_answers(restored) == library_answers(built) == library_answers(fresh)


def test_a_changed_table_is_not_served_from_the_old_index(app: App, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = LibraryService(app.db, index_dir=index_dir).get()
    assert first.is_empty
    ingest_seeds(app)
    second = LibraryService(app.db, index_dir=index_dir).get()
    assert not second.is_empty
    assert len(list(index_dir.glob("index-*"))) == 1  # the stale one was removed


def test_an_unreadable_index_is_rebuilt(app: App, tmp_path: Path) -> None:
    ingest_seeds(app)
    index_dir = tmp_path / "index"
    LibraryService(app.db, index_dir=index_dir).get()
    for meta in index_dir.glob("index-*/meta.json"):
        meta.write_text("{not json", encoding="utf-8")
    assert not LibraryService(app.db, index_dir=index_dir).get().is_empty


def test_a_rebuild_runs_in_the_background(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    service = LibraryService(app.db, index_dir=None, inline_below=0.0)
    old = service.get()  # the first build is synchronous
    assert old.is_empty and service.builds == 1
    release = threading.Event()
    real = library_repo.open_library

    def slow(*args: Any) -> Library:
        assert release.wait(10)
        return real(*args)

    monkeypatch.setattr(library_repo, "open_library", slow)
    ingest_seeds(app)
    service.invalidate()
    assert service.get() is old  # served at once while the rebuild waits
    assert service.get() is old and service.builds == 1  # and only one rebuild runs
    release.set()
    service.wait(10)
    new = service.get()
    assert new is not old and not new.is_empty and service.builds == 2


def test_a_failed_background_rebuild_keeps_the_old_library(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = LibraryService(app.db, index_dir=None, inline_below=0.0)
    old = service.get()

    def broken(*args: Any) -> Library:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(library_repo, "open_library", broken)
    service.invalidate()
    assert service.get() is old
    service.wait(10)
    assert service.get() is old
