"""The Zalo channel wired as `danvan run` wires it, in the test's event loop.

The app runs on a FakeClock with its Zalo channel against the fake Zalo Bot API server
(real HTTP) and, beside it, an in-memory "telegram" channel where an admin sits: the
admins' warnings and notices can be read on both.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.app import App, build_app
from bot.channels.zalo import ZaloChannel
from bot.runtime import zalo_channel
from core.clock import FakeClock
from core.settings import Settings
from storage.repos.members import bind_chat
from tests.fakes.channel import FakeChannel
from tests.fakes.zalo_server import TOKEN, FakeZalo
from tests.support_reminders import new_branch

OFFICE_ZALO, OFFICE_TELEGRAM = "0ffice0ffice0ffice00", "200"


def zalo_settings(fake: FakeZalo, tmp_path: Path, database_url: str, **extra: Any) -> Settings:
    """Settings with Zalo pointing at the fake server and an admin on each channel."""
    values: dict[str, Any] = {
        "zalo_bot_token": TOKEN,
        "zalo_api_base_url": fake.base_url,
        "database_url": database_url,
        "samples_dir": str(tmp_path / "none"),
        "admin_chat_ids": f"zalo:{OFFICE_ZALO},telegram:{OFFICE_TELEGRAM}",
    }
    return Settings(**(values | extra), _env_file=None)  # type: ignore[call-arg]


@asynccontextmanager
async def zalo_app(
    fake: FakeZalo, tmp_path: Path, clock: FakeClock, database_url: str, **extra: Any
) -> AsyncIterator[App]:
    """The app with its started Zalo channel (polling the fake) and a "telegram" fake."""
    app = build_app(zalo_settings(fake, tmp_path, database_url, **extra), clock=clock)
    app.add_channel(FakeChannel(name="telegram"))
    channel = zalo_channel(app)
    channel.client.poll_seconds = 1
    app.add_channel(channel)
    await channel.start(app.process)
    try:
        yield app
    finally:
        await channel.stop()
        app.db.dispose()


def telegram(app: App) -> FakeChannel:
    """The app's in-memory "telegram" channel."""
    channel = app.channels["telegram"]
    assert isinstance(channel, FakeChannel)
    return channel


def zalo(app: App) -> ZaloChannel:
    """The app's Zalo channel."""
    channel = app.channels["zalo"]
    assert isinstance(channel, ZaloChannel)
    return channel


def zalo_branches(app: App, count: int, now: datetime) -> list[str]:
    """Branches Z1..Zn, each with its secretary's Zalo chat; the chat ids."""
    chats = []
    for n in range(1, count + 1):
        branch, _ = new_branch(app.db, f"Z{n}", f"Chi bộ Trường số {n}", now)
        chat = f"zchat{n:02d}a1b2c3d4e5f6"
        bind_chat(app.db, "zalo", chat, "secretary", branch.id, f"Bí thư Z{n}")
        chats.append(chat)
    return chats
