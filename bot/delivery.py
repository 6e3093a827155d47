"""The one road out: every reply and reminder is sent here and recorded with its message id."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from bot.channels.base import Channel, ChatRef, Reply, SendResult
from handlers.context import Context
from storage.repos.messages import record_sent

log = logging.getLogger(__name__)


class Delivery:
    """Sends replies through their channel and records what went out."""

    def __init__(self, ctx: Context, channels: Mapping[str, Channel] | None = None) -> None:
        self.ctx = ctx
        self.channels = dict(channels or {})

    async def deliver(self, origin: ChatRef, reply: Reply) -> SendResult:
        """Send one reply to its target (reply.to, else the chat it answers)."""
        target = reply.to or origin
        channel = self.channels.get(target.channel)
        if channel is None:
            log.warning("no channel %s for a reply; dropped", target.channel)
            return SendResult()
        result = await channel.send(target.chat_id, reply)
        record_sent(
            self.ctx.db,
            target.channel,
            target.chat_id,
            result.message_ids,
            self.ctx.clock.now(),
            reply.ref,
            reply.kind,
        )
        return result

    async def deliver_all(self, origin: ChatRef, replies: list[Reply]) -> None:
        """Send replies in order."""
        for reply in replies:
            await self.deliver(origin, reply)
