"""The real reminder loop on a simulated clock, over a throwaway copy of the database.

`danvan simulate` previews what the scheduler would send over a window of days;
`danvan chat --now` opens the terminal chat at a simulated date, where /tua moves the clock
on. Both build the same app as `danvan run` on a copy of the database (storage.snapshot),
with a FakeClock and, in place of each chat platform, a channel that records or prints
instead of sending. The Stepper ticks the real ReminderScheduler at every instant
something can happen (a planned row falls due, the digest time, the reminder time, the
end of quiet hours), so a month takes a few hundred ticks and no real time passes.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_app
from bot.channels.base import Handle, SendResult
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from core.messages import Reply
from core.settings import Settings, clock_time
from handlers.reminders.plan import quiet_end
from storage.db import Database
from storage.repos import reminders as repo
from storage.repos.members import CallerRow, find_member
from storage.snapshot import copy_database

MAX_TEXT = {"telegram": 4096, "zalo": 2000}  # as the real channels split long texts
OTHER_TEXT = 100_000


@contextmanager
def throwaway_copy(settings: Settings) -> Iterator[Settings]:
    """Settings pointing at a fresh SQLite copy of the configured database, deleted after."""
    with tempfile.TemporaryDirectory(prefix="danvan-sim-") as folder:
        url = f"sqlite:///{Path(folder) / 'preview.db'}"
        target = Database(url)
        try:
            target.upgrade()
            copy_database(settings.database_url, target)
        finally:
            target.dispose()
        yield settings.model_copy(update={"database_url": url})


@dataclass(frozen=True)
class Recorded:
    """One message the simulated bot sent."""

    at: datetime
    channel: str
    chat_id: str
    reply: Reply


@dataclass
class RecordingChannel:
    """A chat platform's stand-in: keeps what would be sent, at the simulated instant."""

    name: str
    clock: FakeClock
    log: list[Recorded]
    max_text: int = OTHER_TEXT
    recording: bool = True
    _next_id: int = field(default=0, repr=False)

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Record the reply (while recording) and give it a message id."""
        self._next_id += 1
        if self.recording:
            self.log.append(Recorded(self.clock.now(), self.name, chat_id, reply))
        return SendResult([f"sim-{self._next_id}"])

    async def run(self, handle: Handle) -> None:
        """Nothing arrives in a simulation."""

    async def stop(self) -> None:
        """Nothing to stop."""


def recording_channels(
    channels: list[str], clock: FakeClock, log: list[Recorded]
) -> list[RecordingChannel]:
    """One recording channel per platform name."""
    return [RecordingChannel(c, clock, log, MAX_TEXT.get(c, OTHER_TEXT)) for c in channels]


class Stepper:
    """Moves a FakeClock from event to event, ticking the scheduler at each."""

    def __init__(self, scheduler: ReminderScheduler, clock: FakeClock) -> None:
        self.scheduler = scheduler
        self.clock = clock
        self.settings = scheduler.app.settings
        self.tz = ZoneInfo(self.settings.timezone)
        self.lock = asyncio.Lock()
        self.on_step: Callable[[datetime], None] | None = None

    async def tick(self) -> None:
        """One scheduler pass at the current simulated instant."""
        async with self.lock:
            await self.scheduler.tick()

    async def run_until(self, end: datetime, inclusive: bool = False) -> None:
        """Tick at every event before `end` (and at `end` when inclusive); the clock ends there."""
        async with self.lock:
            while True:
                await self.scheduler.tick()
                following = self.next_event(self.clock.now())
                if following >= end:
                    break
                self._move(following)
            self._move(end)
            if inclusive:
                await self.scheduler.tick()

    def _move(self, instant: datetime) -> None:
        self.clock.set(instant)
        if self.on_step is not None:
            self.on_step(instant)

    def next_event(self, now: datetime) -> datetime:
        """The next instant a tick can do something: a row due, or a daily mark."""
        marks = [self._daily(now, value) for value in self._daily_times()]
        due = repo.next_due(self.scheduler.db)
        if due is not None:
            # A row already due was held back (quiet hours): it goes when they end.
            marks.append(quiet_end(max(due, now + timedelta(minutes=1)), self.settings))
        return min(marks)

    def _daily_times(self) -> list[time]:
        """The digest time and the reminder time: every row the ladder plans falls on the
        latter; a new day's recurring periods and declared days are picked up at either."""
        return [clock_time(self.settings.digest_time), clock_time(self.settings.reminder_time)]

    def _daily(self, now: datetime, at: time) -> datetime:
        """The first instant after now with this local time of day."""
        local = now.astimezone(self.tz)
        candidate = datetime.combine(local.date(), at, tzinfo=self.tz)
        if candidate <= now:
            candidate = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=self.tz)
        return candidate


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """The first instant of a local day."""
    return datetime.combine(day, time(), tzinfo=tz)


PLATFORMS = ("telegram", "zalo", "console")


@dataclass(frozen=True)
class Preview:
    """What `danvan simulate` found: the messages, and who each chat belongs to."""

    messages: list[Recorded]
    owners: dict[tuple[str, str], CallerRow | None]
    start: datetime
    end: datetime


async def preview(
    settings: Settings,
    first: date,
    last: date,
    now: datetime,
    progress: Callable[[datetime], None] | None = None,
) -> Preview:
    """Every message the scheduler would send from `first` to `last` (whole local days).

    The simulation starts from the database as it is now: a window in the future is
    reached by running the days before it unrecorded, so its first morning is what the
    office will really see; a window in the past starts at its first midnight.
    """
    with throwaway_copy(settings) as copy:
        tz = ZoneInfo(copy.timezone)
        start, end = local_midnight(first, tz), local_midnight(last + timedelta(days=1), tz)
        clock = FakeClock(min(now, start))
        log: list[Recorded] = []
        app = build_app(copy, clock=clock)
        try:
            names = {*PLATFORMS, *(c.partition(":")[0] for c in copy.admin_chats)}
            channels = recording_channels(sorted(names), clock, log)
            for channel in channels:
                channel.recording = start <= now
                app.add_channel(channel)
            stepper = Stepper(ReminderScheduler(app), clock)
            stepper.on_step = progress
            if start > now:  # the days before the window, as they will go, unrecorded
                await stepper.run_until(start)
                for channel in channels:
                    channel.recording = True
            await stepper.run_until(end)
            chats = {(m.channel, m.chat_id) for m in log}
            owners = {chat: find_member(app.db, *chat) for chat in chats}
        finally:
            app.db.dispose()
    return Preview(log, owners, start, end)
