"""The Zalo channel: the Zalo Bot Platform API through our own small httpx client.

Receiving is long polling with getUpdates (one update a call, 408 when idle, no offset)
or a webhook (ZALO_WEBHOOK_URL, served by the bot's web server at that URL's path);
both feed one queue that a single worker answers in
order, after dropping repeated message ids. Zalo has no buttons, no editing and no
reply-to, so a reply's buttons become numbered options that stay pending in the chat
(bot/channels/zalo_options.py) and a bare number typed later picks one. Sending is plain
text in parts of 2,000 characters; bot/delivery.py paces and retries, this module only
maps Zalo errors onto the neutral ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.channels.base import DeliveryError, Handle, SendResult
from bot.channels.text import render_options, split_text, typed_number
from bot.channels.webhook import Activity, webhook_secret
from bot.channels.zalo_client import (
    POLL_SECONDS,
    ZaloApiError,
    ZaloClient,
    ZaloNetworkError,
    mapped,
)
from bot.channels.zalo_options import PendingOptions
from bot.channels.zalo_polling import Clock, Poller, Sleep
from bot.channels.zalo_updates import TEXT, SeenMessages, ZaloUpdate, parse, to_incoming, unwrap
from bot.channels.zalo_webhook import ZaloWebhook
from core.messages import Incoming, Reply
from core.settings import Settings

log = logging.getLogger(__name__)

ErrorFn = Callable[[Incoming | None, BaseException], Awaitable[None]]

MAX_TEXT = 2000  # sendMessage accepts 1-2000 characters
TYPING_AFTER = 0.3  # seconds: quick answers arrive before a typing indicator would show
TYPING_EVERY = 4.5
DRAIN_SECONDS = 20.0  # at shutdown, how long the updates in hand may take
ERROR_TEXT = "Xin lỗi, đã có lỗi khi xử lý tin nhắn. Văn phòng Đảng ủy đã được báo."
PICK_HINT = "(Gõ số thứ tự để chọn, ví dụ «{first}».)"
NO_OPTION = "Không có lựa chọn số {number} đang chờ."
PENDING_NUMBERS = " Các số đang chờ: {numbers}."
NO_OPTION_HELP = " Gõ «đã nộp» để báo đã nộp, hoặc /viec để xem việc của chi bộ."
OPTION_DIGITS = 2  # with nothing pending, longer numbers are document numbers (kh 1234)
TEXT_ONLY = (
    "Xin lỗi, trên Zalo tôi chỉ đọc được tin nhắn chữ, chưa xem được hình ảnh, nhãn dán "
    "hay tệp. Bạn vui lòng gõ câu hỏi, số văn bản (ví dụ «kh 89») hoặc «đã nộp» bằng chữ. "
    "Văn bản cần đưa lên hệ thống xin gửi Văn phòng Đảng ủy để nạp qua Telegram hoặc "
    "công cụ dòng lệnh."
)
FILE_NOTE = (
    "(Tệp «{name}» không gửi được qua Zalo. Bạn vui lòng lấy tệp qua Telegram hoặc nhờ "
    "Văn phòng Đảng ủy xuất bằng công cụ dòng lệnh.)"
)


class ZaloChannel:
    """Implements the Channel protocol over the Zalo Bot Platform API."""

    name = "zalo"
    max_text = MAX_TEXT

    def __init__(
        self,
        settings: Settings,
        on_error: ErrorFn | None = None,
        typing_after: float = TYPING_AFTER,
        client: ZaloClient | None = None,
        poll_seconds: int = POLL_SECONDS,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
    ) -> None:
        if settings.zalo_bot_token is None:
            raise ValueError("ZALO_BOT_TOKEN is not set")
        self.settings = settings
        self.on_error = on_error
        self.typing_after = typing_after
        token = settings.zalo_bot_token.get_secret_value()
        self.client = client or ZaloClient(settings.zalo_api_base_url, token, poll_seconds)
        self.bot_name = ""
        self._handle: Handle | None = None
        self._queue: asyncio.Queue[ZaloUpdate] = asyncio.Queue()
        self._seen = SeenMessages()
        self.options = PendingOptions(clock)
        self._sleep, self._clock = sleep, clock
        self.poller: Poller | None = None
        self._worker: asyncio.Task[None] | None = None
        self._stopped = asyncio.Event()
        self.activity = Activity("webhook" if self.webhook else "polling", clock)
        self._webhook_secret = ""
        self.endpoint: ZaloWebhook | None = None
        if self.webhook:
            key, url = "ZALO_WEBHOOK_SECRET", settings.zalo_webhook_url or ""
            self._webhook_secret = webhook_secret(settings.zalo_webhook_secret, key)
            self.endpoint = ZaloWebhook(url, self._webhook_secret, self.accept, self.activity)

    @property
    def webhook(self) -> bool:
        """Whether updates arrive by webhook (ZALO_WEBHOOK_URL set) instead of polling."""
        return bool(self.settings.zalo_webhook_url)

    async def start(self, handle: Handle) -> None:
        """Connect (getMe), then start polling or the webhook server, and the worker."""
        self._handle = handle
        me = await self.client.get_me()  # a wrong token or URL stops us here
        self.bot_name = str(me.get("account_name") or me.get("display_name") or me.get("id", ""))
        self._worker = asyncio.create_task(self._work(), name="zalo-worker")
        if self.endpoint is not None:
            # The web server already listens at the path: Zalo probes the URL at once.
            url = self.settings.zalo_webhook_url or ""
            await self.client.set_webhook(url, self._webhook_secret)
        else:
            # getUpdates does not work while a webhook is set (as on Telegram).
            await self._quietly(self.client.delete_webhook(), "deleteWebhook")
            self.poller = Poller(self.client, self._polled, self._sleep, self._clock)
            self.poller.start()
        how = "webhook" if self.webhook else "polling"
        log.info("zalo: %s receiving by %s", self.bot_name or "bot", how)

    async def run(self, handle: Handle) -> None:
        """Start, then wait until stop() is called."""
        await self.start(handle)
        await self._stopped.wait()

    async def stop_receiving(self) -> None:
        """Stop polling and finish the updates in hand (the web server stops the webhook)."""
        if self.poller is not None:
            await self.poller.stop()  # the poll in flight may still bring an update
            self.poller = None
        if self._worker is not None:
            try:
                await asyncio.wait_for(self._queue.join(), DRAIN_SECONDS)
            except TimeoutError:
                log.warning("zalo: %d updates left unanswered at shutdown", self._queue.qsize())
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None

    async def stop(self) -> None:
        """Stop receiving and close the HTTP connections."""
        await self.stop_receiving()
        await self.client.close()
        self._stopped.set()

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Send a reply as plain text in parts of 2,000 characters; returns every message id."""
        buttons = [b for row in reply.buttons for b in row]
        # Numbered before the first await, so that a reply sent meanwhile gets other numbers.
        first = self.options.add(chat_id, buttons) if buttons else 1
        ids: list[str] = []
        try:
            for part in render(reply, self.max_text, first):
                sent = await mapped(self.client.send_message(chat_id, part))
                ids.append(str(sent.get("message_id") or f"local-{uuid.uuid4().hex}"))
        except BaseException:
            self.options.discard(chat_id, first, len(buttons))  # never shown: not pickable
            raise
        return SendResult(ids)

    def accept(self, body: object) -> bool:
        """Queue the new messages of a getUpdates result or webhook body; False if none."""
        raws = unwrap(body)
        for raw in raws:
            update = parse(raw)
            if update is None:
                log.debug("zalo: event %s ignored", raw.get("event_name"))
            elif self._seen.first_time(update):
                self._queue.put_nowait(update)
            else:
                log.info("zalo: message %s received twice; handled once", update.message_id)
        return bool(raws)

    def _polled(self, body: object) -> bool:
        """A getUpdates answered (an update or "idle"): the platform is reachable."""
        self.activity.ok()
        return self.accept(body)

    async def _work(self) -> None:
        while True:
            update = await self._queue.get()
            try:
                await self._dispatch(update)
            except Exception:  # one bad update must not stop the answers to the next
                log.exception("zalo: update from %s failed", update.chat_id)
            finally:
                self._queue.task_done()

    async def _dispatch(self, update: ZaloUpdate) -> None:
        if update.kind != TEXT:
            await self._quietly(self.send(update.chat_id, Reply(TEXT_ONLY)), "text-only notice")
            return
        number = self._option_number(update)
        if number is None:
            self.options.clear(update.chat_id)  # so the replies to this message number from 1
            await self._answer(to_incoming(update))
            return
        option = self.options.get(update.chat_id, number)
        if option is None:
            notice = Reply(self.no_option_text(update.chat_id, number))
            await self._quietly(self.send(update.chat_id, notice), "no-option notice")
        elif await self._answer(to_incoming(update, option.data)):
            self.options.remove(update.chat_id, number)  # kept when handling it failed

    def _option_number(self, update: ZaloUpdate) -> int | None:
        """The option number a bare number typed means; None for text for the handlers."""
        digits = typed_number(update.text)
        if digits is None:
            return None
        if len(digits) > OPTION_DIGITS and not self.options.numbers(update.chat_id):
            return None
        return int(digits)

    def no_option_text(self, chat_id: str, number: int) -> str:
        """What a number that picks nothing is answered: the numbers pending, what to do."""
        pending = self.options.numbers(chat_id)
        text = NO_OPTION.format(number=number)
        if pending:
            text += PENDING_NUMBERS.format(numbers=", ".join(map(str, pending)))
        return text + NO_OPTION_HELP

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
            await self.send(msg.chat_id, Reply(ERROR_TEXT))
        if self.on_error is not None:
            await self.on_error(msg, exc)

    async def _keep_typing(self, chat_id: str) -> None:
        await asyncio.sleep(self.typing_after)
        while await self._quietly(self.client.send_chat_action(chat_id), "sendChatAction"):
            await asyncio.sleep(TYPING_EVERY)

    async def _quietly(self, call: Awaitable[object], what: str) -> bool:
        """Run a non-essential call; a failure is logged and ignored."""
        try:
            await call
        except (ZaloApiError, ZaloNetworkError, DeliveryError) as exc:
            log.info("zalo: %s failed (ignored): %s", what, exc)
            return False
        return True


def render(reply: Reply, limit: int = MAX_TEXT, first: int = 1) -> list[str]:
    """The texts a reply becomes: plain text, options numbered from first, split at limit."""
    text = reply.text.strip()
    if reply.buttons:
        options = render_options(reply.buttons, first)
        text = f"{text}\n\n{options}\n{PICK_HINT.format(first=first)}".strip()
    if reply.file_path:
        text = f"{text}\n\n{FILE_NOTE.format(name=Path(reply.file_path).name)}".strip()
    return split_text(text, limit) or ["…"]  # Zalo refuses an empty message
