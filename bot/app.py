"""The one place that wires the application: settings, database, router, channels, delivery.

A message goes through the flood gate (bot/flood.py), then to the router on a worker
thread (bot/offloop.py: the handlers' database work never blocks the event loop), and
its replies out through the delivery layer; the channels keep each chat's messages in
order (bot/channels/lanes.py) and let different chats through side by side.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.channels.base import Channel, ChatMenus
from bot.delivery import Delivery
from bot.flood import SLOW_DOWN, FloodGate, Verdict, tier_of
from bot.metrics import Metrics
from bot.offloop import HandlerThreads, with_fetch_on_loop
from core.clock import Clock, SystemClock
from core.messages import Incoming, Reply
from core.settings import Settings
from handlers.context import Context
from handlers.router import Router
from storage.db import Database
from storage.repos.health import reminder_counts
from storage.repos.library import LibraryService
from storage.repos.members import find_caller

log = logging.getLogger(__name__)

# The terminal is the office itself, one person typing: answered on the loop (its /tua
# drives the scheduler there) and never throttled.
INLINE = frozenset({"console"})


@dataclass
class App:
    """Everything a running danvan holds."""

    settings: Settings
    db: Database
    ctx: Context
    router: Router
    delivery: Delivery
    channels: dict[str, Channel] = field(default_factory=dict)
    metrics: Metrics = field(default_factory=Metrics)
    flood: FloodGate = field(default_factory=lambda: FloodGate(20, 5, 60))
    threads: HandlerThreads = field(default_factory=HandlerThreads)
    # Called after each message is answered (the scheduler looks for new work).
    after_message: list[Callable[[], None]] = field(default_factory=list)

    def add_channel(self, channel: Channel) -> None:
        """Attach a channel so replies and reminders can go out through it."""
        self.channels[channel.name] = channel
        self.delivery.channels[channel.name] = channel

    async def process(self, msg: Incoming) -> list[Reply]:
        """Answer one incoming message and send the replies."""
        self.metrics.messages_in.labels(msg.channel).inc()
        verdict = await self._admit(msg)
        if verdict is not Verdict.ANSWER:
            return await self._flooded(msg, verdict)
        joining = is_join(msg)
        was_admin = joining and await self._role(msg) == "admin"
        with self.metrics.answer_seconds.labels(msg.channel).time():
            replies, failure = await self._answer(msg)
        if failure is not None and self.router.on_error is not None:
            await self.router.on_error(msg, failure)  # on this loop: it sends alerts
        await self.delivery.deliver_all(msg.chat, replies)
        if joining:
            await self._update_menu(msg, was_admin)
        for hook in self.after_message:
            hook()
        return replies

    async def _answer(self, msg: Incoming) -> tuple[list[Reply], Exception | None]:
        """The router's answer, worked out on a handler thread (the terminal's on the loop)."""
        if msg.channel in INLINE:
            return await self.router.attempt(msg)
        bridged = with_fetch_on_loop(msg, asyncio.get_running_loop())
        return await self.threads.run(lambda: self.router.attempt(bridged))

    async def _admit(self, msg: Incoming) -> Verdict:
        """The flood gate's verdict; the chat's role is read (off the loop) only when it matters."""
        if msg.channel in INLINE:
            return Verdict.ANSWER
        key, now = f"{msg.channel}:{msg.chat_id}", self.ctx.clock.now().timestamp()
        tier = None
        if self.flood.needs_tier(key, now):
            tier = tier_of(await self._role(msg))
        return self.flood.admit(key, now, tier)

    async def _flooded(self, msg: Incoming, verdict: Verdict) -> list[Reply]:
        """Over the limit: the one notice, or nothing at all."""
        self.metrics.flood_dropped.labels(msg.channel).inc()
        if verdict is Verdict.DROP:
            return []
        log.warning("flood: %s:%s over its limit, told once", msg.channel, msg.chat_id)
        self.metrics.flood_notices.labels(msg.channel).inc()
        notice = [Reply(SLOW_DOWN)]
        await self.delivery.deliver_all(msg.chat, notice)
        return notice

    async def _role(self, msg: Incoming) -> str | None:
        """chat_role on a worker thread."""
        return await asyncio.to_thread(self.chat_role, msg)

    def chat_role(self, msg: Incoming) -> str | None:
        """The role of the chat a message came from (None: not a member)."""
        row = find_caller(self.db, msg.channel, msg.chat_id, self.settings.admin_chats)
        return row.role if row is not None else None

    async def _update_menu(self, msg: Incoming, was_admin: bool) -> None:
        """After a join: the admin menu in a new admin's chat, the default when no longer one."""
        role = await self._role(msg)
        channel = self.channels.get(msg.channel)
        # A new secretary already sees the default menu: only a change of admin-ness matters.
        if (role == "admin") == was_admin or not isinstance(channel, ChatMenus):
            return
        try:
            await channel.set_chat_menu(msg.chat_id, role)
        except Exception:  # the menu is a convenience: the join itself already succeeded
            log.exception("could not update the menu of %s:%s", msg.channel, msg.chat_id)


def is_join(msg: Incoming) -> bool:
    """Whether a message redeems an invite (/start CODE, what the deep link sends)."""
    words = msg.text.split()
    if msg.callback_data or len(words) < 2:
        return False
    return words[0].split("@", 1)[0].lower() == "/start"


def build_app(settings: Settings, clock: Clock | None = None, migrate: bool = True) -> App:
    """Open the database (upgrading it), build the router and the delivery layer."""
    db = Database(settings.database_url, settings.database_busy_timeout_seconds)
    if migrate:
        db.upgrade()
    library = LibraryService(db)
    ctx = Context(db=db, clock=clock or SystemClock(), settings=settings, library=library)
    router = Router(ctx)
    metrics = Metrics()
    metrics.count_reminders(lambda: reminder_counts(db))
    delivery = Delivery(ctx, metrics=metrics)
    flood = FloodGate(
        settings.flood_messages_per_minute,
        settings.flood_stranger_per_minute,
        settings.flood_office_per_minute,
    )
    return App(
        settings=settings,
        db=db,
        ctx=ctx,
        router=router,
        delivery=delivery,
        metrics=metrics,
        flood=flood,
        threads=HandlerThreads(settings.handler_threads),
    )


def load_samples_if_empty(app: App, echo: bool = True) -> int:
    """Ingest the sample directives into an empty library; returns how many were loaded."""
    from handlers.ingest import ingest_paths, library_is_empty

    samples = Path(app.settings.samples_dir)
    if not samples.is_dir() or not library_is_empty(app.db):
        return 0
    report = ingest_paths(app.ctx, [samples], progress=print if echo else None)
    return len(report.ingested)
