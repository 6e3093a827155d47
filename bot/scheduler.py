"""Reminders: the database is the truth, APScheduler is the clock.

`tick(now)` does all the work (assign the coming periods of recurring deadlines, plan rows
for new assignments, the morning digest, send the due rows) and is what tests and
`danvan simulate` drive with a FakeClock. APScheduler only decides when to call it: a
short periodic sweep, a wake-up at the next due instant, the digest time.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.alerts import send_digest
from bot.app import App
from bot.reminder_pass import ReminderPass, TickReport
from core.settings import clock_time
from handlers.reminders import plan
from handlers.reminders.calendar import load_calendar
from handlers.reminders.texts import Dates
from storage.leases import Holder
from storage.repos import messages
from storage.repos import reminders as repo
from storage.repos.deadlines import ensure_all_assignments
from storage.repos.series import extend_series

log = logging.getLogger(__name__)

# Rows of a process that died are free once its lease runs out; the next sweep takes them,
# so they go out again within a lease plus a sweep (30 + 15 s by default).
SWEEP_SECONDS = 15
# How long stopping waits for the sends in hand before cutting them short (the rows are
# then given back at once): well within a service manager's patience (10 s, systemd 90 s).
SHUTDOWN_GRACE = 5.0
# A recurring deadline's next period is created this long before its notice is due, so it
# exists on its notice day even when that moves back to the working day before Tết.
SERIES_MARGIN = timedelta(days=14)


class ReminderScheduler:
    """Plans, claims and sends reminder rows; APScheduler wakes it."""

    def __init__(self, app: App, *, holder: Holder | None = None, concurrency: int = 32) -> None:
        self.app = app
        lease = timedelta(seconds=app.settings.reminder_lease_seconds)
        self.holder = holder or Holder(lease=lease)
        self.tz = ZoneInfo(app.settings.timezone)
        self.sender = ReminderPass(app, self.holder, concurrency)
        self._scheduler: AsyncIOScheduler | None = None
        self._jobs: set[asyncio.Task[Any]] = set()
        self._stopping = False
        self.last_tick: datetime | None = None  # for /healthz: when a tick last began

    @property
    def db(self) -> Any:
        """The app's database."""
        return self.app.db

    def now(self) -> datetime:
        """The injected clock's instant."""
        return self.app.ctx.clock.now()

    def dates(self) -> Dates:
        """How texts count and write days, with the office's calendar as stored now."""
        return Dates.of(self.app.settings, load_calendar(self.db))

    async def tick(self, now: datetime | None = None) -> TickReport:
        """One pass: plan new assignments, then (outside quiet hours) digest and due rows."""
        now = now or self.now()
        dates = self.dates()  # read each pass: a day declared off from the CLI counts at once
        report = TickReport(planned=self.plan(now, dates))
        if plan.in_quiet_hours(now, self.app.settings):
            report.quiet = True
            return report
        try:
            report.digest = await send_digest(self.app, now, dates, self.holder)
        except Exception:  # the digest text is another area's code: reminders go out anyway
            log.exception("digest failed")
        await self.sender.run(now, report, dates)
        return report

    def plan(self, now: datetime, dates: Dates | None = None) -> int:
        """Assignments for branches and periods due since, then rows for new assignments."""
        dates = dates or self.dates()
        lead = timedelta(days=self.app.settings.recurrence_lead_days) + SERIES_MARGIN
        for assign in (
            lambda: ensure_all_assignments(self.db, now, self.tz),
            lambda: extend_series(self.db, now, self.tz, lead),
        ):
            try:
                assign()
            except Exception:  # another area's code: never let it stop the reminders
                log.exception("creating assignments failed")
        planned = 0
        for item in repo.unplanned_assignments(self.db):
            recurring = bool(item.period)
            rows = plan.ladder(item.due_at, now, self.app.settings, dates.calendar, recurring)
            planned += repo.insert_plan(self.db, item.assignment_id, rows)
        return planned

    async def run_due(self, now: datetime, report: TickReport | None = None) -> TickReport:
        """Send every due row once (only the latest one per assignment after a downtime)."""
        return await self.sender.run(now, report or TickReport(), self.dates())

    async def _job(self) -> None:
        """The APScheduler job: one tick, then set the next wake-up."""
        self.last_tick = self.now()
        task = asyncio.current_task()
        if task is not None:
            self._jobs.add(task)
        try:
            await self.tick()
        except asyncio.CancelledError:
            if not self._stopping:
                raise
            # Cut short by shutdown(), which gives its claimed rows back.
            log.info("reminder pass stopped at shutdown")
            return
        except Exception:
            log.exception("reminder tick failed")
        finally:
            if task is not None:
                self._jobs.discard(task)
        self._schedule_wake()

    async def renew(self) -> None:
        """Extend the lease on what this process holds: it is alive and still sending."""
        now = self.now()
        try:
            await asyncio.to_thread(repo.renew, self.db, self.holder, now)
            await asyncio.to_thread(messages.renew_daily, self.db, self.holder, now)
        except Exception:  # the database is away: the next renewal tries again
            log.exception("renewing the reminder lease failed")

    async def give_back(self) -> int:
        """Give back every row and digest day this process holds; how many rows."""
        try:
            count = await asyncio.to_thread(repo.release_held, self.db, self.holder)
            await asyncio.to_thread(messages.release_daily, self.db, self.holder)
        except Exception:  # the lease runs out on its own: another process takes them then
            log.exception("giving back the claimed reminders failed")
            return 0
        if count:
            log.info("stopping: %d claimed reminders given back", count)
        return count

    def stop_claiming(self) -> None:
        """Claim nothing more (the process is stopping); the sends in hand go on."""
        self._stopping = True
        self.sender.stopping = True

    def _schedule_wake(self) -> None:
        if self._scheduler is None or self._stopping:
            return
        now = self.now()
        due = repo.next_due(self.db)
        if due is None or due <= now:
            return
        when = plan.quiet_end(due, self.app.settings)
        self._scheduler.add_job(self._job, DateTrigger(when), id="wake", replace_existing=True)

    def poke(self) -> None:
        """Run a tick within a second: a message may have approved a deadline or joined a branch.

        Bursts replace the pending poke, so a busy chat costs at most one tick a second.
        """
        if self._scheduler is None or self._stopping:
            return
        when = datetime.now(self.tz) + timedelta(seconds=1)
        self._scheduler.add_job(self._job, DateTrigger(when), id="poke", replace_existing=True)

    def start(self) -> None:
        """Start APScheduler (needs a running event loop); the first sweep runs at once."""
        scheduler = AsyncIOScheduler(timezone=self.tz)
        common: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 300}
        # A short lease is swept as often: the rows of a dead process go out within two.
        sweep = min(SWEEP_SECONDS, self.holder.lease.total_seconds())
        scheduler.add_job(self._job, IntervalTrigger(seconds=sweep), id="sweep", **common)
        scheduler.add_job(self._job, id="startup")  # no trigger: once, right away
        renewal = IntervalTrigger(seconds=self.holder.lease.total_seconds() / 3)
        scheduler.add_job(self.renew, renewal, id="renew", **common)
        digest = clock_time(self.app.settings.digest_time)
        trigger = CronTrigger(hour=digest.hour, minute=digest.minute, timezone=self.tz)
        scheduler.add_job(self._job, trigger, id="digest", **common)
        scheduler.start()
        self._scheduler = scheduler

    @property
    def running(self) -> bool:
        """Whether APScheduler runs (for /healthz)."""
        return self._scheduler is not None and bool(self._scheduler.running)

    async def shutdown(self, grace: float = SHUTDOWN_GRACE) -> None:
        """Stop claiming; let the sends in hand finish (up to `grace` seconds, then cut them
        short); give back what is still claimed; stop APScheduler.

        APScheduler's own shutdown cancels a running job and logs that as a failure with a
        traceback; finishing (or cutting short) our pass first leaves it nothing to cancel.
        """
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is None:
            return
        self.stop_claiming()
        scheduler.pause()
        await asyncio.sleep(0)  # a job APScheduler submitted just now starts and registers
        running = [t for t in self._jobs if not t.done()]
        if running:
            _, late = await asyncio.wait(running, timeout=grace)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late)
        await self.give_back()
        if scheduler.running:
            scheduler.shutdown(wait=False)


def start_scheduler(app: App) -> ReminderScheduler:
    """Start the reminder scheduler for a running app."""
    scheduler = ReminderScheduler(app)
    scheduler.start()
    app.after_message.append(scheduler.poke)
    return scheduler
