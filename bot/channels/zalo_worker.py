"""The Zalo channel's worker: answers each chat's updates in the order they came, and
different chats side by side (one lane per chat, bot/channels/lanes.py), so one chat's
flood never holds up another's answer.

Zalo has no buttons and no reply-to, so a reply's buttons stay pending in the chat as
numbered options (bot/channels/zalo_options.py) and a bare number typed later picks
one; any other text clears them. Non-text messages get a polite "text only" notice.
While the handlers prepare an answer, "typing…" shows. A message handled already (Zalo
sent it twice, or another process took it) is dropped in its lane, before anything else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from bot.channels.base import DeliveryError, Handle, SendResult
from bot.channels.lanes import Lanes
from bot.channels.text import typed_number
from bot.channels.zalo_render import ERROR_TEXT, TEXT_ONLY, no_option_text
from bot.channels.zalo_stores import LoopOptions, LoopSeen
from bot.channels.zalo_updates import TEXT, ZaloUpdate, to_incoming
from core.messages import Incoming, Reply

log = logging.getLogger(__name__)

ErrorFn = Callable[[Incoming | None, BaseException], Awaitable[None]]

TYPING_EVERY = 4.5  # seconds: Zalo's "typing…" fades after about five
DRAIN_SECONDS = 20.0  # at shutdown, how long the updates in hand may take
OPTION_DIGITS = 2  # with nothing pending, longer numbers are document numbers (kh 1234)


class Sender(Protocol):
    """What the worker needs of its channel."""

    client: Any

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Send a reply to a chat."""
        ...

    async def quietly(self, request: Awaitable[object], what: str) -> bool:
        """Run a non-essential call, ignoring its failure."""
        ...


class Worker:
    """The queue of received updates, handed to one lane per chat as they arrive."""

    def __init__(
        self,
        channel: Sender,
        options: LoopOptions,
        seen: LoopSeen,
        on_error: ErrorFn | None = None,
        typing_after: float = 0.3,
    ) -> None:
        self.channel = channel
        self.options = options
        self.seen = seen
        self.on_error = on_error
        self.typing_after = typing_after
        self.queue: asyncio.Queue[ZaloUpdate] = asyncio.Queue()  # done when answered
        self.lanes = Lanes()
        self._handle: Handle | None = None
        self._task: asyncio.Task[None] | None = None
        self._answering: set[asyncio.Task[None]] = set()

    def start(self, handle: Handle) -> None:
        """Start answering with handle."""
        self._handle = handle
        self._task = asyncio.create_task(self._work(), name="zalo-worker")

    def put(self, update: ZaloUpdate) -> None:
        """Queue an update to answer."""
        self.queue.put_nowait(update)

    async def stop(self) -> None:
        """Finish the updates in hand (for a while), then stop."""
        if self._task is None:
            return
        try:
            await asyncio.wait_for(self.queue.join(), DRAIN_SECONDS)
        except TimeoutError:
            log.warning("zalo: %d updates left unanswered at shutdown", self.queue.qsize())
        tasks = [self._task, *self._answering]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._task = None

    async def _work(self) -> None:
        while True:
            update = await self.queue.get()
            # Into its chat's lane at once, in arrival order; answered when its turn comes.
            task = asyncio.create_task(self.lanes.run(update.chat_id, self._one(update)))
            self._answering.add(task)
            task.add_done_callback(self._answering.discard)

    async def _one(self, update: ZaloUpdate) -> None:
        try:
            if await self.seen.first_time(update):
                await self._dispatch(update)
            else:
                log.info("zalo: message %s received twice; handled once", update.message_id)
        except Exception:  # one bad update must not stop the answers to the next
            log.exception("zalo: update from %s failed", update.chat_id)
        finally:
            self.queue.task_done()

    async def _dispatch(self, update: ZaloUpdate) -> None:
        send = self.channel.send
        if update.kind != TEXT:
            await self.channel.quietly(send(update.chat_id, Reply(TEXT_ONLY)), "text-only notice")
            return
        number = await self._option_number(update)
        if number is None:
            await self.options.clear(update.chat_id)  # so the replies to this message number from 1
            await self._answer(to_incoming(update))
            return
        option = await self.options.get(update.chat_id, number)
        if option is None:
            notice = Reply(no_option_text(number, await self.options.numbers(update.chat_id)))
            await self.channel.quietly(send(update.chat_id, notice), "no-option notice")
        elif await self._answer(to_incoming(update, option.data)):
            await self.options.remove(update.chat_id, number)  # kept when handling it failed

    async def _option_number(self, update: ZaloUpdate) -> int | None:
        """The option number a bare number typed means; None for text for the handlers."""
        digits = typed_number(update.text)
        if digits is None:
            return None
        if len(digits) > OPTION_DIGITS and not await self.options.numbers(update.chat_id):
            return None
        return int(digits)

    async def _answer(self, msg: Incoming) -> bool:
        """Hand a message to the handlers with typing shown; False when handling failed."""
        typing = None
        if msg.callback_data is None and not msg.text.lstrip().startswith("/"):
            typing = asyncio.create_task(self._keep_typing(msg.chat_id))
        try:
            assert self._handle is not None  # start() set it before any update
            await self._handle(msg)
        except Exception as exc:
            await self._failed(msg, exc)
            return False
        finally:
            if typing is not None:
                typing.cancel()
        return True

    async def _failed(self, msg: Incoming, exc: Exception) -> None:
        """The one error path for a failed update: log, apologise, alert the admins."""
        log.error("zalo: update from %s failed", msg.chat_id, exc_info=exc)
        with contextlib.suppress(DeliveryError):
            await self.channel.send(msg.chat_id, Reply(ERROR_TEXT))
        if self.on_error is not None:
            await self.on_error(msg, exc)

    async def _keep_typing(self, chat_id: str) -> None:
        await asyncio.sleep(self.typing_after)
        action = self.channel.client.send_chat_action
        while await self.channel.quietly(action(chat_id), "sendChatAction"):
            await asyncio.sleep(TYPING_EVERY)
