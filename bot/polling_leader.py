"""With long polling, exactly one process polls each bot token: the polling leader.

Telegram answers a second getUpdates on the same token with 409 Conflict, and two Zalo
pollers would each take half the messages. On PostgreSQL the processes race for an
advisory lock named after the token's public id part (never the secret); the winner polls,
the others stand by (they still send reminders and serve webhooks) and try again every
POLLING_RETRY_SECONDS, so when the leader dies its lock goes with its connection and
another process polls within that interval. The leader checks its lock's connection as
often: if it is gone, another process may already poll, so this one stops (exit 1) and
its service manager restarts it as a standby. On SQLite one process serves the database
and polls without any lock.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from bot.app import App
from bot.halt import Halt
from storage.advisory import AdvisoryLock, supported
from storage.db import Database

log = logging.getLogger(__name__)


def token_id(token: str) -> str:
    """The public part of a bot token (Telegram's and Zalo's "<bot id>:<secret>")."""
    return token.split(":", 1)[0]


class PollingLeader:
    """The advisory lock of one polling channel and the loops around it."""

    def __init__(self, db: Database, channel: str, token: str, retry: float = 10.0) -> None:
        self.channel = channel
        self.retry = retry
        self.lock = AdvisoryLock(db.engine, f"danvan:polling:{channel}:{token_id(token)}")
        self.led_at: float | None = None  # monotonic instant this process began to lead

    @staticmethod
    def needed(db: Database) -> bool:
        """Whether processes must agree on a poller (PostgreSQL; SQLite serves one)."""
        return supported(db.engine)

    async def try_lead(self) -> bool:
        """Take the lead if nobody has it; False (logged) when another process polls."""
        try:
            got = await asyncio.to_thread(self.lock.try_acquire)
        except Exception:  # the database is away: try again later
            log.exception("%s: could not ask who polls", self.channel)
            return False
        if got:
            self.led_at = time.monotonic()
            log.info("%s: this process polls (polling leader)", self.channel)
        return got

    async def stand_by(self, lead: Callable[[], Awaitable[None]]) -> None:
        """Try every `retry` seconds; once leading, call `lead` (start polling) and return."""
        log.info("%s: another process polls; standing by", self.channel)
        while not await self.try_lead():
            await asyncio.sleep(self.retry)
        await lead()

    async def watch(self, lost: Callable[[], None]) -> None:
        """While leading, check the lock's connection every `retry` seconds; `lost` if gone."""
        while True:
            await asyncio.sleep(self.retry)
            if not await asyncio.to_thread(self.lock.alive):
                log.error("%s: lost the polling lock's connection: stopping", self.channel)
                lost()
                return

    def release(self) -> None:
        """Give the lead up (the process stops)."""
        self.lock.release()


async def ready_to_send(channel: Any) -> None:
    """Connect a polling channel for sending only: a standby sends reminders and replies
    to webhooks of other channels, but must not poll (getMe, as its start would)."""
    if channel.name == "telegram":
        await channel.application.initialize()
    elif channel.name == "zalo":
        me = await channel.client.get_me()
        if channel.quota is not None:  # the budget is counted per bot, as start() names it
            channel.quota.bot = f"zalo:{me.get('id') or 'bot'}"


class Leads:
    """Starts each channel; a polling one on PostgreSQL only in the process that leads
    it, the others send and stand by until they may poll."""

    def __init__(
        self, app: App, halt: Halt, started: list[Any], start: Callable[[Any], Awaitable[int]]
    ) -> None:
        self.app, self.halt, self.started = app, halt, started
        self._start = start  # the runtime's start of a channel: an exit code, or 0
        self.leaders: list[PollingLeader] = []
        self.tasks: set[asyncio.Task[None]] = set()

    async def start(self, channel: Any) -> int:
        """Start (or stand by with) one channel; an exit code when it cannot, else 0."""
        token = _token(self.app, channel.name)
        leader = None
        if channel.endpoint is None and token and PollingLeader.needed(self.app.db):
            retry = self.app.settings.polling_retry_seconds
            leader = PollingLeader(self.app.db, channel.name, token, retry)
            self.leaders.append(leader)
            if not await leader.try_lead():
                try:
                    await ready_to_send(channel)
                except Exception as exc:  # a wrong token or URL: the leader says so too
                    log.error("%s: could not connect: %s", channel.name, exc)
                    return 1
                self._spawn(leader.stand_by(lambda: self._lead(channel, leader)))
                return 0
        if code := await self._start(channel):
            return code
        self.started.append(channel)
        if leader is not None:
            self._spawn(leader.watch(lambda: self.halt.stop(1)))
        return 0

    async def _lead(self, channel: Any, leader: PollingLeader) -> None:
        if code := await self._start(channel):
            self.halt.stop(code)
            return
        self.started.append(channel)
        self._spawn(leader.watch(lambda: self.halt.stop(1)))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def stop_waiting(self) -> None:
        """Stand by no longer, watch no longer: the process stops."""
        for task in list(self.tasks):
            task.cancel()

    def release(self) -> None:
        """Give up every lead this process holds."""
        for leader in self.leaders:
            leader.release()


def _token(app: App, channel: str) -> str:
    secret = app.settings.telegram_bot_token if channel == "telegram" else None
    if channel == "zalo":
        secret = app.settings.zalo_bot_token
    return secret.get_secret_value() if secret is not None else ""
