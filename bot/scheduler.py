"""Reminders: the database is the truth, APScheduler is the clock.

`tick(now)` does all the work (plan rows for new assignments, send the due ones, the
morning digest) and is what tests drive with a FakeClock. APScheduler only decides
when to call it: a short periodic sweep, a wake-up at the next due instant, 07:30.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.alerts import Overdue, alert_overdue, send_digest
from bot.app import App
from bot.channels.base import DeliveryError
from core.messages import ChatRef, Reply
from core.settings import clock_time
from handlers.reminders import plan
from handlers.reminders.texts import ALERT_KIND, branch_reply
from storage.models.messages import Reminder
from storage.repos import reminders as repo
from storage.repos.assignments import AssignmentView
from storage.repos.deadlines import ensure_all_assignments
from storage.repos.members import admin_chats

log = logging.getLogger(__name__)

SWEEP_SECONDS = 30
CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_ATTEMPTS = 5
BATCH = 16  # rows claimed per UPDATE: small, so a crash strands few claims
NO_CHAT = "no reachable chat"


@dataclass
class TickReport:
    """What one tick did."""

    planned: int = 0
    sent: int = 0
    skipped: int = 0
    released: int = 0
    digest: bool = False
    quiet: bool = False
    outcomes: dict[int, str] = field(default_factory=dict)

    def count(self, reminder_id: int | None, outcome: str) -> None:
        """Note what happened to one row."""
        self.outcomes[reminder_id or 0] = outcome
        if outcome in ("sent", "skipped", "released"):
            setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class Prepared:
    """A claimed row with its branch messages and the chats that already have it."""

    reminder: Reminder
    view: AssignmentView
    replies: list[Reply]
    done: set[tuple[str, str]]
    alerted: frozenset[tuple[str, str]]  # admin chats already told about it (overdue rows)


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
        self.concurrency = concurrency
        self.tz = ZoneInfo(app.settings.timezone)
        self._inflight: set[int] = set()
        self._scheduler: AsyncIOScheduler | None = None
        self.last_tick: datetime | None = None  # for /healthz: when a tick last began

    @property
    def db(self) -> Any:
        """The app's database."""
        return self.app.db

    def now(self) -> datetime:
        """The injected clock's instant."""
        return self.app.ctx.clock.now()

    async def tick(self, now: datetime | None = None) -> TickReport:
        """One pass: plan new assignments, then (outside quiet hours) digest and due rows."""
        now = now or self.now()
        report = TickReport(planned=self.plan(now))
        if plan.in_quiet_hours(now, self.app.settings):
            report.quiet = True
            return report
        try:
            report.digest = await self.send_digest(now)
        except Exception:  # the digest text is another area's code: reminders go out anyway
            log.exception("digest failed")
        await self.run_due(now, report)
        return report

    def plan(self, now: datetime) -> int:
        """Assignments for branches added since, then reminder rows for new assignments."""
        try:
            ensure_all_assignments(self.db, now, self.tz)
        except Exception:  # another area's code: never let it stop the reminders
            log.exception("ensure_all_assignments failed")
        planned = 0
        for item in repo.unplanned_assignments(self.db):
            rows = plan.ladder(item.due_at, now, self.app.settings, recurring=bool(item.period))
            planned += repo.insert_plan(self.db, item.assignment_id, rows)
        return planned

    async def run_due(self, now: datetime, report: TickReport | None = None) -> TickReport:
        """Send every due row once (only the latest one per assignment after a downtime).

        Rows are claimed and prepared in small batches (one UPDATE and a few SELECTs per
        batch, in a worker thread) while `concurrency` senders go through Delivery.
        """
        report = report or TickReport()
        rows = repo.due_reminders(self.db, now, now - self.claim_timeout, self._inflight)
        keep, older = plan.latest_per_assignment(rows)
        repo.skip_rows(self.db, [r.id for r in older if r.id], "superseded by a later reminder")
        report.skipped += len(older)
        self._inflight.update(r.id for r in keep if r.id is not None)
        pending, ready = list(reversed(keep)), list[Prepared]()
        admins: list[ChatRef] = []  # looked up only when the admins may need an alert
        if any(r.kind == plan.OVERDUE for r in keep):
            admins = await asyncio.to_thread(admin_chats, self.db, self.app.settings)
        overdue: list[Prepared] = []  # settled once the admins' combined alert went out

        async def next_item() -> Prepared | None:
            while not ready and pending:
                batch = [pending.pop() for _ in range(min(len(pending), BATCH))]
                ready.extend(await asyncio.to_thread(self._prepare, batch, report))
            return ready.pop(0) if ready else None

        sent: list[int] = []  # marked in batches: SentMessage already proves each send

        async def sender() -> None:
            while (item := await next_item()) is not None:
                outcome = await self._send(item, alerting=bool(admins))
                if outcome == "sent" and item.reminder.kind == plan.OVERDUE and admins:
                    overdue.append(item)
                    continue
                report.count(item.reminder.id, outcome)
                if outcome == "sent":
                    sent.append(item.reminder.id or 0)
                if len(sent) >= BATCH:
                    batch, sent[:] = list(sent), []
                    await asyncio.to_thread(repo.mark_sent, self.db, batch, self.now())

        try:
            await asyncio.gather(*(sender() for _ in range(self.concurrency)))
            sent += await self._alert_admins(overdue, admins, report)
        finally:
            repo.mark_sent(self.db, sent, self.now())
            self._inflight.difference_update(r.id for r in keep if r.id is not None)
        return report

    def _prepare(self, batch: list[Reminder], report: TickReport) -> list[Prepared]:
        """Claim a batch and load, from the current state, what each reminder needs."""
        now = self.now()
        ids = [r.id for r in batch if r.id is not None]
        claimed = repo.claim_many(self.db, ids, now, now - self.claim_timeout)
        mine = [r for r in batch if r.id in claimed]
        if plan.in_quiet_hours(now, self.app.settings):
            for r in mine:
                repo.release(self.db, r.id or 0, "quiet hours")
                report.count(r.id, "released")
            return []
        views = repo.views_many(self.db, [r.assignment_id for r in mine])
        chats = repo.branch_chats_many(self.db, {v.branch_id for v in views.values()})
        # Only a row claimed before (a crash, a retry) can have reached some chats already.
        again = [r.id or 0 for r in mine if r.attempts > 0]
        done = repo.chats_sent_many(self.db, again, ("reminder",))
        alerted = repo.chats_sent_many(self.db, again, (ALERT_KIND,))
        prepared = []
        for r in mine:
            assert r.id is not None
            view = views.get(r.assignment_id)
            reason = plan.skip_reason(view)
            if reason or view is None:
                repo.finish(self.db, r.id, "skipped", now, reason)
                report.count(r.id, "skipped")
                continue
            replies = [branch_reply(r.kind, view, now, self.tz, c) for c in chats[view.branch_id]]
            told = frozenset(alerted.get(r.id, ()))
            prepared.append(Prepared(r, view, replies, done.get(r.id, set()), told))
        return prepared

    async def _send(self, item: Prepared, alerting: bool = False) -> str:
        """Send to every branch chat not reached yet; a failure gives the row back or fails it."""
        rid = item.reminder.id
        assert rid is not None
        # An overdue row of a branch without a chat still goes to the admins: they must act.
        if not item.replies and not (alerting and item.reminder.kind == plan.OVERDUE):
            await asyncio.to_thread(repo.finish, self.db, rid, "failed", self.now(), NO_CHAT)
            return "failed"
        try:
            for reply in item.replies:
                assert reply.to is not None
                if (reply.to.channel, reply.to.chat_id) not in item.done:
                    await self.app.delivery.deliver(reply.to, reply, reminder_id=rid)
        except Exception as exc:  # DeliveryError after every retry, or a bug: retry later
            if not isinstance(exc, DeliveryError):
                log.exception("reminder %s", rid)
            return await self._give_back(item.reminder, str(exc))
        return "sent"

    async def _give_back(self, reminder: Reminder, error: str) -> str:
        """Release a row for a later sweep, or fail it after MAX_ATTEMPTS."""
        failed = reminder.attempts + 1 >= MAX_ATTEMPTS
        args = (self.db, reminder.id or 0, error, self.now() if failed else None)
        await asyncio.to_thread(repo.give_back, *args)
        return "failed" if failed else "released"

    async def _alert_admins(
        self, items: list[Prepared], admins: list[ChatRef], report: TickReport
    ) -> list[int]:
        """One alert per admin chat for this pass's overdue rows; returns the rows now sent."""
        rows = [Overdue(i.reminder.id or 0, i.view, bool(i.replies), i.alerted) for i in items]
        missed = await alert_overdue(self.app, rows, admins, self.now(), self.tz) if rows else set()
        for item in items:
            # Its branch chats are recorded: the retry of a missed row only tells the admins.
            failed = item.reminder.id in missed
            outcome = (
                await self._give_back(item.reminder, "admin alert failed") if failed else "sent"
            )
            report.count(item.reminder.id, outcome)
        return [i.reminder.id or 0 for i in items if i.reminder.id not in missed]

    async def send_digest(self, now: datetime) -> bool:
        """The admins' morning digest, claimed in the database so one process sends it."""
        return await send_digest(self.app, now, self.tz, now - self.claim_timeout)

    async def _job(self) -> None:
        """The APScheduler job: one tick, then set the next wake-up."""
        self.last_tick = self.now()
        try:
            await self.tick()
        except Exception:
            log.exception("reminder tick failed")
        self._schedule_wake()

    def _schedule_wake(self) -> None:
        if self._scheduler is None:
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
        if self._scheduler is None:
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

    def shutdown(self) -> None:
        """Stop the scheduler; rows in flight stay claimed and are re-sent after the timeout."""
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        self._scheduler = None


def start_scheduler(app: App) -> ReminderScheduler:
    """Start the reminder scheduler for a running app."""
    scheduler = ReminderScheduler(app)
    scheduler.start()
    app.after_message.append(scheduler.poke)
    return scheduler
