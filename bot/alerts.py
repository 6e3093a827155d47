"""Messages to the admins: error alerts, the overdue alert and the morning digest.

A failing handler already answers the user with an apology (the router does that);
this tells the office that something broke, without flooding their chat when the
same fault repeats on every message. Overdue assignments found in one scheduler pass
go to each admin chat as one combined message, not one message per branch. The digest
goes once a day, however many bot processes run: the database decides which one sends.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from bot.app import App
from bot.channels.base import DeliveryError, QuotaExhausted
from core.messages import ChatRef, Incoming, Reply
from core.settings import clock_time
from handlers.reminders.digest import digest_text
from handlers.reminders.texts import ALERT_KIND, Dates, overdue_reply
from storage.leases import Holder
from storage.models.departments import DEFAULT_DEPARTMENT_ID
from storage.repos import messages
from storage.repos.assignments import AssignmentView
from storage.repos.departments import department_ids
from storage.repos.members import admin_chats, admins_by_department

log = logging.getLogger(__name__)

ALERT_INTERVAL = timedelta(minutes=10)
DIGEST = "digest"
ALERT_TEXT = (
    "⚠️ danvan gặp lỗi khi xử lý tin nhắn{where}: {kind}.\n"
    "Người dùng đã nhận lời xin lỗi; chi tiết nằm trong nhật ký của bot. "
    "Các lỗi tiếp theo trong 10 phút tới sẽ không được báo lại."
)


class ErrorAlerts:
    """Tells the admin chats about errors, throttled to one alert per interval."""

    def __init__(self, app: App, interval: timedelta = ALERT_INTERVAL) -> None:
        self.app = app
        self.interval = interval
        self.last_sent: datetime | None = None
        self.suppressed = 0

    async def on_error(self, msg: Incoming | None, exc: BaseException) -> None:
        """Alert the admins about exc unless an alert went out within the interval."""
        now = self.app.ctx.clock.now()
        if self.last_sent is not None and now - self.last_sent < self.interval:
            self.suppressed += 1
            log.info("error alert suppressed (%d since the last one)", self.suppressed)
            return
        self.last_sent, self.suppressed = now, 0
        reply = Reply(alert_text(msg, exc), kind="alert")
        for chat in self.admin_chats():
            await self._send(chat, reply)

    def admin_chats(self) -> list[ChatRef]:
        """The admin chats on channels this process can send to."""
        chats = []
        for entry in sorted(self.app.settings.admin_chats):
            channel, _, chat_id = entry.partition(":")
            if channel in self.app.channels:
                chats.append(ChatRef(channel, chat_id))
        return chats

    async def _send(self, chat: ChatRef, reply: Reply) -> None:
        try:
            await self.app.delivery.deliver(chat, reply)
        except Exception:  # an alert must never raise into the code reporting an error
            log.warning("could not alert admin chat %s:%s", chat.channel, chat.chat_id)


def alert_text(msg: Incoming | None, exc: BaseException) -> str:
    """The alert in Vietnamese: where it happened and the kind of error, no content."""
    where = f" từ {msg.channel}:{msg.chat_id}" if msg is not None else ""
    # The exception's type only: its message may quote a document or a URL.
    return ALERT_TEXT.format(where=where, kind=type(exc).__name__)


async def tell_admins(
    app: App, text: str, kind: str = "alert", channels: Collection[str] | None = None
) -> int:
    """Send a text to every admin chat on a running channel (or on these channels only);
    how many chats got it. A chat that cannot be reached is logged, never raised."""
    reached = 0
    for chat in await asyncio.to_thread(admin_chats, app.db, app.settings):
        if chat.channel not in app.channels or (
            channels is not None and chat.channel not in channels
        ):
            continue
        try:
            result = await app.delivery.deliver(chat, Reply(text, to=chat, kind=kind))
        except DeliveryError as exc:
            log.warning("could not tell admin chat %s: %s", chat, exc)
            continue
        reached += bool(result.message_ids)
    return reached


def admin_teller(app: App) -> Callable[[str, str], Awaitable[bool]]:
    """tell_admins for a channel's notices: (text, kind) -> whether the admins heard it
    (False: there are admin chats and none could be told; try again later)."""

    async def tell(text: str, kind: str) -> bool:
        if await tell_admins(app, text, kind):
            return True
        # No admin chat at all is not a failure to retry on every message.
        chats = await asyncio.to_thread(admin_chats, app.db, app.settings)
        return not any(chat.channel in app.channels for chat in chats)

    return tell


def install_alerts(app: App) -> ErrorAlerts:
    """Create the alerts for an app and hook them into the router."""
    alerts = ErrorAlerts(app)
    app.router.on_error = alerts.on_error
    return alerts


@dataclass(frozen=True)
class Overdue:
    """A claimed overdue reminder row whose branch part is done, awaiting the admins' alert."""

    reminder_id: int
    view: AssignmentView
    reached: bool  # the branch had a chat to remind
    alerted: frozenset[tuple[str, str]]  # admin chats an earlier attempt already told
    department: int = DEFAULT_DEPARTMENT_ID  # the branch's: only its admins are told


async def alert_overdue(
    app: App, items: list[Overdue], admins: dict[int, list[ChatRef]], now: datetime, dates: Dates
) -> set[int]:
    """Send each admin chat one alert naming the rows of its department it lacks; returns
    rows some chat missed.

    The message is recorded against every row it names, so after a crash or a failed
    chat a retry tells each chat only what it has not been told.
    """
    missed: set[int] = set()
    for department, chats in admins.items():
        mine = [i for i in items if i.department == department]
        for chat in chats:
            rows = [i for i in mine if (chat.channel, chat.chat_id) not in i.alerted]
            if rows and not await _alert_chat(app, chat, rows, now, dates):
                missed.update(i.reminder_id for i in rows)
    return missed


async def _alert_chat(
    app: App, chat: ChatRef, rows: list[Overdue], now: datetime, dates: Dates
) -> bool:
    """One combined alert to one admin chat; False when it could not be sent."""
    unreached = {i.view.assignment_id for i in rows if not i.reached}
    reply = overdue_reply([i.view for i in rows], unreached, now, dates, chat)
    first, *rest = [i.reminder_id for i in rows]
    try:
        result = await app.delivery.deliver(chat, reply, reminder_id=first)
    except QuotaExhausted:
        # That chat's platform used up its month (the admins were warned): retrying every
        # sweep would change nothing; the overdue state stays in /tinhhinh and the digest.
        log.warning("overdue alert to %s not sent: the monthly message quota is used up", chat)
        return True
    except Exception as exc:  # DeliveryError after every retry, or a bug: retry later
        if not isinstance(exc, DeliveryError):
            log.exception("overdue alert to %s", chat)
        return False
    # Delivery recorded the message against the first row; the others are linked here.
    link = (chat.channel, chat.chat_id, result.message_ids, app.ctx.clock.now(), rest)
    await asyncio.to_thread(messages.link_reminders, app.db, *link, ALERT_KIND)
    return True


async def send_digest(app: App, now: datetime, dates: Dates, holder: Holder) -> bool:
    """Each department's admins get their morning digest; True when one went out.

    From DIGEST_TIME on each working day (the holidays are the city's, shared). On a day
    off the office reads nothing: the next working morning's digest covers it.
    """
    local = now.astimezone(dates.tz)
    if local.time() < clock_time(app.settings.digest_time):
        return False
    if not dates.calendar.is_working_day(local.date()):
        return False
    admins = admins_by_department(app.db, app.settings)
    sent = False
    for department in department_ids(app.db):
        chats = admins.get(department, [])
        sent |= await _department_digest(app, department, chats, local, dates, holder)
    return sent


async def _department_digest(
    app: App, department: int, admins: list[ChatRef], local: datetime, dates: Dates,
    holder: Holder,
) -> bool:  # fmt: skip
    """One department's digest, about its own branches, to its own admins.

    The process that claims the day's row sends it. A chat that already has today's
    digest (a run that stopped mid-way) is skipped; a run that reached no chat at all
    gives the day back, so a later tick retries.
    """
    day, now = local.date().isoformat(), app.ctx.clock.now()
    # The default department keeps the job's old name: a day already sent stays sent.
    job = DIGEST if department == DEFAULT_DEPARTMENT_ID else f"{DIGEST}:{department}"
    if not admins or messages.daily_done(app.db, job, day):
        return False
    ctx = replace(app.ctx, db=app.db.scoped(department))
    text = digest_text(ctx, dates)
    if text is None or not messages.claim_daily(app.db, job, day, now, holder):
        return False
    midnight = datetime.combine(local.date(), time(), tzinfo=dates.tz)
    reached = messages.chats_sent_since(app.db, DIGEST, midnight)
    targets = [c for c in admins if (c.channel, c.chat_id) not in reached]
    failed = 0
    for chat in targets:
        try:
            await app.delivery.deliver(chat, Reply(text, to=chat, kind=DIGEST))
        except QuotaExhausted:  # not a failure to retry: that platform's month is used up
            log.warning("digest to %s not sent: the monthly message quota is used up", chat)
        except DeliveryError as exc:
            failed += 1
            log.error("digest to %s lost: %s", chat, exc)
    done = failed < len(targets) or not targets
    messages.settle_daily(app.db, job, day, app.ctx.clock.now(), done)
    return done
