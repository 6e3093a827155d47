"""The one road out: every reply and reminder is paced, retried, sent and recorded here."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import replace
from functools import partial

from bot.channels.base import (
    Channel,
    DeliveryError,
    QuotaExhausted,
    RetryLater,
    SendResult,
    TransientError,
    Unreachable,
)
from bot.channels.text import split_text
from bot.metrics import Metrics
from bot.ratelimit import Limiter, RealTicker, SharedLimiter, Ticker, VirtualTicker
from core.clock import SystemClock
from core.messages import ChatRef, Reply
from handlers.context import Context
from storage.repos.members import admin_chats
from storage.repos.messages import ChatOwner, mark_unreachable, record_sent
from storage.repos.rate_slots import reserve_slot

log = logging.getLogger(__name__)

# A terminal has no platform limits; pacing it would only slow the person typing.
UNPACED = frozenset({"console"})
MAX_BACKOFF = 30.0


def default_ticker(ctx: Context) -> Ticker:
    """Real pacing on the real clock; virtual pacing when time itself is injected (tests)."""
    return RealTicker() if isinstance(ctx.clock, SystemClock) else VirtualTicker()


def unreachable_text(owner: ChatOwner) -> str:
    """The admins' alert naming the branch that can no longer be reached."""
    account = f"tài khoản {owner.display_name}" if owner.display_name else "tài khoản của chi bộ"
    return (
        f"Không gửi được tin nhắn tới {owner.branch_name} (mã {owner.branch_code}): "
        f"{account} đã chặn bot hoặc chưa từng nhắn tin cho bot. Nhắc hạn sẽ không tới được "
        "tài khoản này; vui lòng liên hệ trực tiếp với chi bộ."
    )


def pacing(ctx: Context, ticker: Ticker) -> Limiter | SharedLimiter:
    """The pace of sends: in memory for one process (SQLite serves one), in the database
    when several processes may share the bot tokens (PostgreSQL)."""
    rate = ctx.settings.rate_limit_per_second
    if ctx.db.engine.dialect.name != "postgresql":
        return Limiter(rate, ticker)
    wall = time.time if isinstance(ticker, RealTicker) else ticker.monotonic
    return SharedLimiter(rate, partial(reserve_slot, ctx.db), ticker, wall=wall)


class Delivery:
    """Sends replies through their channel, paced and retried, and records what went out."""

    def __init__(
        self,
        ctx: Context,
        channels: Mapping[str, Channel] | None = None,
        *,
        ticker: Ticker | None = None,
        max_attempts: int = 6,
        backoff: float = 0.5,
        metrics: Metrics | None = None,
    ) -> None:
        self.ctx = ctx
        self.metrics = metrics or Metrics()
        self.channels = dict(channels or {})
        self.ticker = ticker or default_ticker(ctx)
        self.limiter = pacing(ctx, self.ticker)
        self.max_attempts = max_attempts
        self.backoff = backoff

    async def deliver(
        self, origin: ChatRef, reply: Reply, *, reminder_id: int | None = None
    ) -> SendResult:
        """Send one reply to its target (reply.to, else the chat it answers).

        Raises DeliveryError when every retry failed (QuotaExhausted at once: the
        platform's month is used up); an unreachable chat is marked, the admins are told,
        and an empty result is returned.
        """
        target = reply.to or origin
        channel = self.channels.get(target.channel)
        if channel is None:
            log.warning("no channel %s for a reply; dropped", target.channel)
            return SendResult()
        try:
            result = await self._send_parts(channel, target, reply)
        except Unreachable:
            await self._unreachable(target, reply)
            return SendResult()
        self.metrics.messages_out.labels(target.channel).inc(len(result.message_ids))
        # In a worker thread: the event loop keeps other sends going meanwhile.
        await asyncio.to_thread(
            record_sent,
            self.ctx.db,
            target.channel,
            target.chat_id,
            result.message_ids,
            self.ctx.clock.now(),
            reply.ref,
            reply.kind,
            reminder_id,
        )
        return result

    async def deliver_all(self, origin: ChatRef, replies: list[Reply]) -> None:
        """Send replies in order; one that cannot be sent is logged, the rest still go."""
        for reply in replies:
            try:
                await self.deliver(origin, reply)
            except QuotaExhausted:  # the channel counted it as refused; it cannot go out
                log.warning("reply to %s not sent: the monthly message quota is used up", origin)
            except DeliveryError as exc:
                log.error("reply to %s lost after retries: %s", reply.to or origin, exc)

    async def _send_parts(self, channel: Channel, target: ChatRef, reply: Reply) -> SendResult:
        """A long text in parts, each retried on its own: a failure of the third part
        must not send the first two again."""
        ids: list[str] = []
        for n, part in enumerate(split_reply(reply, channel.max_text)):
            # Parts of one answer follow each other at once, as the channel sent them before.
            sent = await self._send_with_retries(channel, target, part, pace=n == 0)
            ids.extend(sent.message_ids)
        return SendResult(ids)

    async def _send_with_retries(
        self, channel: Channel, target: ChatRef, reply: Reply, pace: bool = True
    ) -> SendResult:
        paced = pace and target.channel not in UNPACED
        for attempt in range(1, self.max_attempts + 1):
            if paced:
                await self.limiter.acquire(f"{target.channel}:{target.chat_id}")
            try:
                return await channel.send(target.chat_id, reply)
            except RetryLater as exc:
                # The platform counts us as too fast: keep the token spent, do not speed up.
                error: DeliveryError = exc
                wait = max(exc.retry_after, 0.0)
            except TransientError as exc:
                # A 5xx or timeout delivered nothing, so it does not count against the rate.
                error = exc
                wait = min(self.backoff * 2 ** (attempt - 1), MAX_BACKOFF)
                if paced:
                    self.limiter.refund()
            if attempt == self.max_attempts:
                raise error
            log.info("send to %s failed (%s); retry in %.1fs", target, error, wait)
            await self.ticker.sleep(wait)
        raise AssertionError("unreachable: the loop returns or raises")

    async def _unreachable(self, target: ChatRef, reply: Reply) -> None:
        owner = mark_unreachable(self.ctx.db, target.channel, target.chat_id)
        log.warning("chat %s unreachable", target)
        # An alert that cannot be delivered must not trigger another alert.
        if owner is None or owner.branch_code is None or reply.kind == "alert":
            return
        text = unreachable_text(owner)
        # The branch's own department's admins: the others do not know the branch.
        office = self.ctx.db.scoped(owner.department_id)
        for admin in admin_chats(office, self.ctx.settings):
            if admin == target:
                continue
            try:
                await self.deliver(admin, Reply(text, to=admin, kind="alert"))
            except DeliveryError as exc:
                log.error("alert to %s lost: %s", admin, exc)


def split_reply(reply: Reply, limit: int) -> list[Reply]:
    """A reply as the messages it becomes: text parts, the buttons on the last one."""
    if reply.file_path or len(reply.text) <= limit:
        return [reply]
    parts = split_text(reply.text, limit) or [reply.text]
    last = len(parts) - 1
    return [
        replace(reply, text=p, buttons=reply.buttons if i == last else ())
        for i, p in enumerate(parts)
    ]
