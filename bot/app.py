"""The one place that wires the application: settings, database, router, channels, delivery."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.channels.base import Channel, ChatMenus
from bot.delivery import Delivery
from bot.metrics import Metrics
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
    # Called after each message is answered (the scheduler looks for new work).
    after_message: list[Callable[[], None]] = field(default_factory=list)

    def add_channel(self, channel: Channel) -> None:
        """Attach a channel so replies and reminders can go out through it."""
        self.channels[channel.name] = channel
        self.delivery.channels[channel.name] = channel

    async def process(self, msg: Incoming) -> list[Reply]:
        """Answer one incoming message and send the replies."""
        joining = is_join(msg)
        was_admin = joining and self.chat_role(msg) == "admin"
        self.metrics.messages_in.labels(msg.channel).inc()
        with self.metrics.answer_seconds.labels(msg.channel).time():
            replies = await self.router.handle(msg)
        await self.delivery.deliver_all(msg.chat, replies)
        if joining:
            await self._update_menu(msg, was_admin)
        for hook in self.after_message:
            hook()
        return replies

    def chat_role(self, msg: Incoming) -> str | None:
        """The role of the chat a message came from (None: not a member)."""
        row = find_caller(self.db, msg.channel, msg.chat_id, self.settings.admin_chats)
        return row.role if row is not None else None

    async def _update_menu(self, msg: Incoming, was_admin: bool) -> None:
        """After a join: the admin menu in a new admin's chat, the default when no longer one."""
        role = self.chat_role(msg)
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
    return App(
        settings=settings, db=db, ctx=ctx, router=router, delivery=delivery, metrics=metrics
    )


def load_samples_if_empty(app: App, echo: bool = True) -> int:
    """Ingest the sample directives into an empty library; returns how many were loaded."""
    from handlers.ingest import ingest_paths, library_is_empty

    samples = Path(app.settings.samples_dir)
    if not samples.is_dir() or not library_is_empty(app.db):
        return 0
    report = ingest_paths(app.ctx, [samples], progress=print if echo else None)
    return len(report.ingested)
