"""One sending pass over the due reminder rows: claim, group per branch, send, settle.

The rows of one branch due in the same pass (the morning's d7, d3, overdue… of several
deadlines) go to each of its chats as one message, a line and a button per item; the
message is recorded against every row it carries, so a reply to it is traced and a retry
after a crash sends each chat only what it lacks. Rows are claimed and prepared in small
batches (one UPDATE and a few SELECTs each, in a worker thread; a branch is never split
between two batches) while `concurrency` senders go through Delivery.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.alerts import Overdue, alert_overdue
from bot.app import App
from bot.channels.base import DeliveryError, QuotaExhausted
from core.messages import ChatRef
from handlers.reminders import plan
from handlers.reminders.texts import ALERT_KIND, Dates, morning_reply
from storage.leases import Holder
from storage.models.messages import Reminder
from storage.repos import messages, quota, reminder_batch
from storage.repos import reminders as repo
from storage.repos.assignments import AssignmentView
from storage.repos.departments import branch_departments
from storage.repos.members import admins_by_department

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH = 16  # rows claimed per UPDATE: small, so a crash strands few claims
NO_CHAT = "no reachable chat"
Chat = tuple[str, str]


@dataclass
class TickReport:
    """What one tick did."""

    planned: int = 0
    sent: int = 0
    skipped: int = 0
    released: int = 0
    deferred: int = 0
    held: int = 0  # waiting for a platform's monthly quota
    digest: bool = False
    quiet: bool = False
    outcomes: dict[int, str] = field(default_factory=dict)

    def count(self, reminder_id: int | None, outcome: str) -> None:
        """Note what happened to one row."""
        self.outcomes[reminder_id or 0] = outcome
        if outcome in ("sent", "skipped", "released", "deferred", "held"):
            setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class Prepared:
    """A claimed row with its assignment and the chats that already have it."""

    reminder: Reminder
    view: AssignmentView
    done: set[Chat]
    alerted: frozenset[Chat]  # admin chats already told about it (overdue rows)
    reached: bool = True  # its branch has a chat to remind

    @property
    def rid(self) -> int:
        """The row's id."""
        assert self.reminder.id is not None
        return self.reminder.id


@dataclass
class Bundle:
    """The claimed rows of one branch in this pass, and the branch's chats."""

    chats: list[ChatRef]
    items: list[Prepared]


def batches(rows: list[Reminder], branch_of: dict[int, int]) -> list[list[Reminder]]:
    """Rows in batches of about BATCH, each branch's rows kept in one batch."""
    ordered = sorted(rows, key=lambda r: (branch_of.get(r.assignment_id, 0), r.due_at, r.id or 0))
    out: list[list[Reminder]] = []
    for row in ordered:
        branch = branch_of.get(row.assignment_id, 0)
        last = out[-1] if out else None
        if last and (len(last) < BATCH or branch_of.get(last[-1].assignment_id, 0) == branch):
            last.append(row)
        else:
            out.append([row])
    return out


class ReminderPass:
    """Sends the due rows: one instance per scheduler, one `run` per tick."""

    def __init__(self, app: App, holder: Holder, concurrency: int) -> None:
        self.app = app
        self.holder = holder
        self.concurrency = concurrency
        self.inflight: set[int] = set()
        # Set when the process stops: no new batch is claimed, the sends in hand finish.
        self.stopping = False

    @property
    def db(self) -> Any:
        """The app's database."""
        return self.app.db

    def now(self) -> datetime:
        """The injected clock's instant."""
        return self.app.ctx.clock.now()

    async def run(self, now: datetime, report: TickReport, dates: Dates) -> TickReport:
        """Send every due row once (only the latest one per assignment after a downtime)."""
        if self.stopping:
            return report
        rows = repo.due_reminders(self.db, now, self.inflight)
        keep, older = plan.latest_per_assignment(rows)
        repo.skip_rows(self.db, [r.id for r in older if r.id], "superseded by a later reminder")
        report.skipped += len(older)
        ids = [r.id for r in keep if r.id is not None]
        self.inflight.update(ids)
        branch_of = reminder_batch.branches_of(self.db, {r.assignment_id for r in keep})
        pending, ready = list(reversed(batches(keep, branch_of))), list[Bundle]()
        # Looked up only when the admins may need an alert; each department's its own.
        admins: dict[int, list[ChatRef]] = {}
        if any(r.kind == plan.OVERDUE for r in keep):
            admins = await asyncio.to_thread(admins_by_department, self.db, self.app.settings)
        overdue: list[Prepared] = []  # settled once the admins' combined alert went out
        sent: list[int] = []  # marked in batches: SentMessage already proves each send

        async def next_bundle() -> Bundle | None:
            while not ready and pending and not self.stopping:
                ready.extend(await asyncio.to_thread(self._prepare, pending.pop(), report, dates))
            # Stopping: bundles claimed but not begun are given back by the scheduler.
            return ready.pop(0) if ready and not self.stopping else None

        async def sender() -> None:
            while (bundle := await next_bundle()) is not None:
                for item, outcome in await self._send(bundle, dates, alerting=bool(admins)):
                    if outcome == "sent" and item.reminder.kind == plan.OVERDUE and admins:
                        overdue.append(item)
                        continue
                    report.count(item.rid, outcome)
                    if outcome == "sent":
                        sent.append(item.rid)
                if len(sent) >= BATCH:
                    batch, sent[:] = list(sent), []
                    await asyncio.to_thread(repo.mark_sent, self.db, batch, self.now())

        try:
            await asyncio.gather(*(sender() for _ in range(self.concurrency)))
            sent += await self._alert_admins(overdue, admins, report, dates)
        finally:
            repo.mark_sent(self.db, sent, self.now())
            self.inflight.difference_update(ids)
        return report

    def _prepare(self, batch: list[Reminder], report: TickReport, dates: Dates) -> list[Bundle]:
        """Claim a batch and load, from the current state, what each branch's rows need."""
        now, settings = self.now(), self.app.settings
        if self.stopping:  # the thread may start after the stop began: claim nothing
            return []
        claimed = repo.claim_many(self.db, [r.id or 0 for r in batch], now, self.holder)
        mine = [r for r in batch if r.id in claimed]
        if plan.in_quiet_hours(now, settings):
            for r in mine:
                repo.release(self.db, r.id or 0, "quiet hours")
                report.count(r.id, "released")
            return []
        views = reminder_batch.views_many(self.db, [r.assignment_id for r in mine])
        go: list[tuple[Reminder, AssignmentView]] = []
        for r in mine:
            view = views.get(r.assignment_id)
            reason = plan.skip_reason(view)
            if reason or view is None:
                repo.finish(self.db, r.id or 0, "skipped", now, reason)
                report.count(r.id, "skipped")
            elif later := plan.deferred_to(r.kind, view.due_at, now, settings, dates.calendar):
                repo.defer(self.db, r.id or 0, later)
                report.count(r.id, "deferred")
            else:
                go.append((r, view))
        return self._bundles(go)

    def _bundles(self, go: list[tuple[Reminder, AssignmentView]]) -> list[Bundle]:
        """Group the rows to send by branch, with the chats each row already reached."""
        chats = reminder_batch.branch_chats_many(self.db, {v.branch_id for _, v in go})
        # Only a row claimed before (a crash, a retry) can have reached some chats already.
        again = [r.id or 0 for r, _ in go if r.attempts > 0]
        done = reminder_batch.chats_sent_many(self.db, again, ("reminder",))
        alerted = reminder_batch.chats_sent_many(self.db, again, (ALERT_KIND,))
        groups: dict[int, list[Prepared]] = defaultdict(list)
        for r, view in go:
            told = frozenset(alerted.get(r.id or 0, ()))
            reached = bool(chats[view.branch_id])
            groups[view.branch_id].append(
                Prepared(r, view, done.get(r.id or 0, set()), told, reached)
            )
        return [Bundle(chats[branch], items) for branch, items in groups.items()]

    async def _send(
        self, bundle: Bundle, dates: Dates, alerting: bool
    ) -> list[tuple[Prepared, str]]:
        """Each branch chat gets one message with the rows it lacks; a failure gives rows back."""
        if not bundle.chats:
            # An overdue row of a branch without a chat still goes to the admins: they must act.
            out = []
            for item in bundle.items:
                if alerting and item.reminder.kind == plan.OVERDUE:
                    out.append((item, "sent"))
                else:
                    await asyncio.to_thread(
                        repo.finish, self.db, item.rid, "failed", self.now(), NO_CHAT
                    )
                    out.append((item, "failed"))
            return out
        errors: dict[int, str] = {}
        held: dict[int, datetime] = {}  # rows a chat's platform refused: its month is used up
        for chat in bundle.chats:
            todo = [i for i in bundle.items if (chat.channel, chat.chat_id) not in i.done]
            if todo:
                error = await self._send_chat(chat, todo, dates)
                if isinstance(error, datetime):
                    held |= dict.fromkeys((i.rid for i in todo), error)
                elif error:
                    errors |= dict.fromkeys((i.rid for i in todo), error)
        return [(item, await self._settle(item, errors, held)) for item in bundle.items]

    async def _settle(
        self, item: Prepared, errors: dict[int, str], held: dict[int, datetime]
    ) -> str:
        """A failure gives the row back; a used-up quota holds it until it opens (the chats
        reached keep their message, nothing is retried in a loop); else it was sent."""
        if item.rid in errors:
            return await self._give_back(item.reminder, errors[item.rid])
        if item.rid in held:
            await asyncio.to_thread(quota.hold_reminder, self.db, item.rid, held[item.rid])
            return "held"
        return "sent"

    async def _send_chat(
        self, chat: ChatRef, items: list[Prepared], dates: Dates
    ) -> str | datetime | None:
        """One message to one chat for these rows, recorded against all; the error, the
        instant the chat's platform takes messages again (its month is used up), or None."""
        now = self.now()
        reply = morning_reply([(i.reminder.kind, i.view) for i in items], now, dates, chat)
        first, *rest = [i.rid for i in items]
        try:
            result = await self.app.delivery.deliver(chat, reply, reminder_id=first)
        except QuotaExhausted as exc:  # not retried: the row waits until then
            return exc.resume_at
        except Exception as exc:  # DeliveryError after every retry, or a bug: retry later
            if not isinstance(exc, DeliveryError):
                log.exception("reminder to %s", chat)
            return str(exc)
        if rest:  # Delivery recorded the message against the first row; the others here
            link = (chat.channel, chat.chat_id, result.message_ids, now, rest, "reminder")
            await asyncio.to_thread(messages.link_reminders, self.db, *link, reply.ref)
        return None

    async def _give_back(self, reminder: Reminder, error: str) -> str:
        """Release a row for a later sweep, or fail it after MAX_ATTEMPTS."""
        failed = reminder.attempts + 1 >= MAX_ATTEMPTS
        args = (self.db, reminder.id or 0, error, self.now() if failed else None)
        await asyncio.to_thread(repo.give_back, *args)
        return "failed" if failed else "released"

    async def _alert_admins(
        self,
        items: list[Prepared],
        admins: dict[int, list[ChatRef]],
        report: TickReport,
        dates: Dates,
    ) -> list[int]:
        """One alert per admin chat for its department's overdue rows of this pass; returns
        the rows now sent."""
        branches = {i.view.branch_id for i in items}
        department_of = await asyncio.to_thread(branch_departments, self.db, branches)
        rows = [
            Overdue(i.rid, i.view, i.reached, i.alerted, department_of[i.view.branch_id])
            for i in items
        ]
        missed = await alert_overdue(self.app, rows, admins, self.now(), dates) if rows else set()
        for item in items:
            # Its branch chats are recorded: the retry of a missed row only tells the admins.
            failed = item.rid in missed
            outcome = (
                await self._give_back(item.reminder, "admin alert failed") if failed else "sent"
            )
            report.count(item.rid, outcome)
        return [i.rid for i in items if i.rid not in missed]
