"""Shared fixtures: a fresh app on a temporary SQLite file with a fake clock and channel."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from bot.app import App, build_app
from core.clock import FakeClock
from core.settings import Settings
from tests.fakes.channel import FakeChannel
from tests.support import TZ, Person
from tests.support_pg import empty_database, migrated_pg_database

# DANVAN_TEST_DATABASE=postgresql: the database fixtures below use one throwaway
# PostgreSQL database for the whole run (emptied before each test) instead of SQLite files.
PG_PASS = os.environ.get("DANVAN_TEST_DATABASE", "sqlite") == "postgresql"

# The suite must be deterministic: property tests draw the same examples on every run
# (and on CI's fresh clone, which has no example database). Speed is measured in
# benchmarks/, so a busy machine must not fail an example for taking over 200 ms.
hypothesis_settings.register_profile("danvan", derandomize=True, database=None, deadline=None)
hypothesis_settings.load_profile("danvan")


@pytest.fixture(autouse=True)
def _no_env_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's .env or environment tokens."""
    monkeypatch.chdir(tmp_path)
    for key in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "DATABASE_URL", "ADMIN_CHAT_IDS"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def clock() -> FakeClock:
    """A clock set to a Monday morning in Ho Chi Minh City."""
    return FakeClock(datetime(2024, 5, 2, 9, 0, tzinfo=TZ))


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker of tests about SQLite itself (files, backups, pragmas)."""
    config.addinivalue_line("markers", "sqlite_only: the test is about SQLite itself")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL pass runs the tests that take the database fixtures, not SQLite's own."""
    if not PG_PASS:
        return
    kept, dropped = [], []
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        on_db = "database_url" in fixtures and not item.get_closest_marker("sqlite_only")
        (kept if on_db else dropped).append(item)
    config.hook.pytest_deselected(items=dropped)
    items[:] = kept


@pytest.fixture(scope="session")
def _pg_run_database() -> Iterator[str]:
    """The PostgreSQL pass's database: created and migrated once, dropped at the end."""
    with migrated_pg_database() as url:
        yield url


@pytest.fixture
def database_url(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty database: a SQLite file, or (PostgreSQL pass) the run's database emptied."""
    if not PG_PASS:
        return f"sqlite:///{tmp_path / 'test.db'}"
    url: str = request.getfixturevalue("_pg_run_database")
    empty_database(url)
    return url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings on a temporary database, no samples."""
    return Settings(
        database_url=database_url,
        samples_dir=str(tmp_path / "no-samples"),
        _env_file=None,
    )  # type: ignore[call-arg]


@pytest.fixture
def app(settings: Settings, clock: FakeClock) -> Iterator[App]:
    """An app with a fake channel attached."""
    application = build_app(settings, clock=clock)
    # Tests read the library right after changing it: every rebuild runs inside get(), never
    # in the background, whatever the last build took (a full gc.collect in a long test
    # process can take over INLINE_BELOW). Background rebuilds: tests/test_library_service.py.
    application.ctx.library.inline_below = float("inf")
    application.add_channel(FakeChannel())
    yield application
    application.db.dispose()


@pytest.fixture
def channel(app: App) -> FakeChannel:
    """The fake channel of the app."""
    fake = app.channels["fake"]
    assert isinstance(fake, FakeChannel)
    return fake


@pytest.fixture
def stranger(app: App, channel: FakeChannel) -> Person:
    """Someone who has not joined."""
    return Person(app, channel, "900")
