"""Shared fixtures: a fresh app on a temporary SQLite file with a fake clock and channel."""

from __future__ import annotations

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

# The suite must be deterministic: property tests draw the same examples on every run
# (and on CI's fresh clone, which has no example database).
hypothesis_settings.register_profile("danvan", derandomize=True, database=None)
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


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a temporary database, no samples."""
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'test.db'}",
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
