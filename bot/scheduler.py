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
from storage.repos import reminders as repo
from storage.repos.deadlines import ensure_all_assignments
from storage.repos.series import extend_series

log = logging.getLogger(__name__)

SWEEP_SECONDS = 30
CLAIM_TIMEOUT = timedelta(minutes=10)
# How long stopping waits for the pass in progress before cutting it short (its claimed
# rows then go out again after CLAIM_TIMEOUT): shorter than a service manager's patience.
SHUTDOWN_GRACE = 5.0
# A recurring deadline's next period is created this long before its notice is due, so it
# exists on its notice day even when that moves back to the working day before Tết.
SERIES_MARGIN = timedelta(days=14)


class ReminderScheduler:
    """Plans, claims and sends reminder rows; APScheduler wakes it."""

    def __init__(
        self,
        app: App,
        *,
        claim_timeout: timedelta = CLAIM_TIMEOUT,
        concurrency: int = 32,
    ) -> None:
        self.app = app
        self.claim_timeout = claim_timeout
        self.tz = ZoneInfo(app.settings.timezone)
        self.sender = ReminderPass(app, claim_timeout, concurrency)
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
            report.digest = await send_digest(self.app, now, dates, now - self.claim_timeout)
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
            # Cut short by shutdown(): its claimed rows go out again after the claim timeout.
            log.info("reminder pass stopped at shutdown")
            return
        except Exception:
            log.exception("reminder tick failed")
        finally:
            if task is not None:
                self._jobs.discard(task)
        self._schedule_wake()

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
        scheduler.add_job(self._job, IntervalTrigger(seconds=SWEEP_SECONDS), id="sweep", **common)
        scheduler.add_job(self._job, id="startup")  # no trigger: once, right away
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
        """Stop waking; let the pass in progress finish (up to `grace` seconds), then stop.

        APScheduler's own shutdown cancels a running job and logs that as a failure with a
        traceback; finishing (or cutting short) our pass first leaves it nothing to cancel.
        Rows a cut-short pass had claimed are re-sent after the claim timeout.
        """
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is None:
            return
        self._stopping = True
        scheduler.pause()
        await asyncio.sleep(0)  # a job APScheduler submitted just now starts and registers
        running = [t for t in self._jobs if not t.done()]
        if running:
            _, late = await asyncio.wait(running, timeout=grace)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late)
        if scheduler.running:
            scheduler.shutdown(wait=False)


def start_scheduler(app: App) -> ReminderScheduler:
    """Start the reminder scheduler for a running app."""
    scheduler = ReminderScheduler(app)
    scheduler.start()
    app.after_message.append(scheduler.poke)
    return scheduler
