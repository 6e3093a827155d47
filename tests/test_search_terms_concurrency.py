"""Term ids under concurrent writers, on SQLite and PostgreSQL.

Two ingests that meet the same new words at once, and a fill-in running beside an
ingest, each get consistent ids and neither fails; a very long word still stores.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import App, build_app
from core.clock import FakeClock
from core.settings import Settings
from handlers.ingest import ingest_paths
from storage.db import Database
from storage.repos import search_rows
from storage.repos.library import LibraryService
from tests.support import SEEDS


@pytest.fixture
def any_app(settings: Settings, clock: FakeClock) -> Iterator[App]:
    """An app on the test database (each pass: SQLite, PostgreSQL)."""
    application = build_app(settings, clock=clock)
    application.db.upgrade()
    yield application
    application.db.dispose()


def _in_threads(*jobs: object) -> dict[str, str]:
    """Run named callables at once; 'ok' or the error each one ended with."""
    results: dict[str, str] = {}

    def run(name: str, job: object) -> None:
        try:
            job()  # type: ignore[operator]
            results[name] = "ok"
        except Exception as exc:  # the test reports it
            results[name] = f"{type(exc).__name__}: {exc}"

    threads = [threading.Thread(target=run, args=(f"job{i}", j)) for i, j in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_two_writers_meeting_the_same_new_words_agree_on_their_ids(any_app: App) -> None:
    db: Database = any_app.db
    first_looked = threading.Event()
    found: dict[str, dict[str, int]] = {}

    def first() -> None:
        with db.session() as session:
            found["first"] = search_rows.term_ids(session, ["alpha", "beta"])
            first_looked.set()

    def second() -> None:
        first_looked.wait(5)
        with db.session() as session:
            found["second"] = search_rows.term_ids(session, ["beta", "gamma", "alpha"])

    assert _in_threads(first, second) == {"job0": "ok", "job1": "ok"}
    assert found["second"]["alpha"] == found["first"]["alpha"]
    assert found["second"]["beta"] == found["first"]["beta"]
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_terms")).scalar() == 3


def test_a_fill_in_beside_an_ingest_never_deadlocks(any_app: App) -> None:
    """The fill-in takes its words in one order inside a long transaction while an
    ingest takes them in the other: new words commit at once, so neither waits."""
    db: Database = any_app.db
    started, done = threading.Event(), threading.Event()

    def filler() -> None:
        with db.session() as session:
            search_rows.term_ids(session, ["zzz"])
            started.set()
            # On PostgreSQL, go on once the ingest is done or stuck behind a lock: a
            # writer holding "zzz" uncommitted would make this the deadlock.
            _until(lambda: done.is_set() or _lock_waits(db) > 0)
            search_rows.term_ids(session, ["aaa"])

    def ingester() -> None:
        started.wait(5)
        with db.session() as session:
            search_rows.term_ids(session, ["zzz", "aaa"])
        done.set()

    assert _in_threads(filler, ingester) == {"job0": "ok", "job1": "ok"}


def _lock_waits(db: Database) -> int:
    if db.engine.dialect.name != "postgresql":
        return 1  # SQLite writers queue on one lock: nothing to wait for
    with db.engine.connect() as conn:
        query = (  # this database only: other runs share the server
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return int(conn.execute(text(query)).scalar() or 0)


def _until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_parallel_ingests_make_one_searchable_library(any_app: App, tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    jobs = [lambda p=p: ingest_paths(any_app.ctx, [p]) for p in seeds]
    assert set(_in_threads(*jobs).values()) == {"ok"}
    library = LibraryService(any_app.db, index_dir=None).get()
    assert len(library.docs) == len(seeds)
    assert library.lookup("kh 89").matches
    assert search_rows.stale_ids(any_app.db) == []


def test_a_very_long_word_is_stored_and_found(any_app: App, tmp_path: Path) -> None:
    code = "ab12" * 1500  # a pasted hash: 6,000 characters without a break
    source = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    path = tmp_path / "ma_kiem_tra.txt"
    path.write_text(source.replace("\n", f" Mã kiểm tra {code}\n", 3), encoding="utf-8")
    report = ingest_paths(any_app.ctx, [path])
    assert not report.errors
    library = LibraryService(any_app.db, index_dir=None).get()
    hits = library.search(f"mã kiểm tra {code}", 1)
    assert hits and hits[0].doc.file == "ma_kiem_tra.txt"
