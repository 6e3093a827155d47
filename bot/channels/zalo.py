"""The Zalo channel: the Zalo Bot Platform API through our own small httpx client.

Receiving is long polling with getUpdates (one update a call, 408 when idle, no offset)
or a webhook (ZALO_WEBHOOK_URL); both feed one queue that a single worker answers in
order, after dropping repeated message ids. Zalo has no buttons, no editing and no
reply-to, so a reply's buttons become numbered options and a bare number typed next
picks one, as in the terminal chat. Sending is plain text in parts of 2,000 characters;
bot/delivery.py paces and retries, this module only maps Zalo errors onto the neutral ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.channels.base import Button, DeliveryError, Handle, Incoming, Reply, SendResult
from bot.channels.text import option_data, render_options, split_text
from bot.channels.zalo_client import (
    POLL_SECONDS,
    ZaloApiError,
    ZaloClient,
    ZaloNetworkError,
    mapped,
)
from bot.channels.zalo_updates import TEXT, SeenMessages, ZaloUpdate, parse, to_incoming, unwrap
from bot.channels.zalo_webhook import WebhookServer, webhook_path
from bot.settings import Settings

log = logging.getLogger(__name__)

ErrorFn = Callable[[Incoming | None, BaseException], Awaitable[None]]

MAX_TEXT = 2000  # sendMessage accepts 1-2000 characters
TYPING_AFTER = 0.3  # seconds: quick answers arrive before a typing indicator would show
TYPING_EVERY = 4.5
RETRY_FIRST, RETRY_MAX = 1.0, 30.0  # polling backoff after a failure, in seconds
DRAIN_SECONDS = 20.0  # at shutdown, how long the updates in hand may take
ERROR_TEXT = "Xin lỗi, đã có lỗi khi xử lý tin nhắn. Văn phòng Đảng ủy đã được báo."
PICK_HINT = "(Gõ số thứ tự để chọn, ví dụ «1».)"
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
        self._options: dict[str, list[Button]] = {}  # per chat: the last numbered options
        self._poller: asyncio.Task[None] | None = None
        self._worker: asyncio.Task[None] | None = None
        self._server: WebhookServer | None = None
        self._stopped = asyncio.Event()

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
        if self.webhook:
            await self._start_webhook()
        else:
            # getUpdates does not work while a webhook is set (as on Telegram).
            await self._quietly(self.client.delete_webhook(), "deleteWebhook")
            self._poller = asyncio.create_task(self._poll(), name="zalo-poll")
        how = "webhook" if self.webhook else "polling"
        log.info("zalo: %s receiving by %s", self.bot_name or "bot", how)

    async def run(self, handle: Handle) -> None:
        """Start, then wait until stop() is called."""
        await self.start(handle)
        await self._stopped.wait()

    async def stop_receiving(self) -> None:
        """Stop polling (or the webhook server) and finish the updates in hand."""
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None
        if self._server is not None:
            await self._server.stop()
            self._server = None
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
        ids: list[str] = []
        for part in render(reply, self.max_text):
            sent = await mapped(self.client.send_message(chat_id, part))
            ids.append(str(sent.get("message_id") or f"local-{uuid.uuid4().hex}"))
        if reply.buttons:
            # Only the options of the last reply that had any answer a typed number.
            self._options[chat_id] = [b for row in reply.buttons for b in row]
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

    def to_incoming(self, update: ZaloUpdate) -> Incoming:
        """The Incoming for a text; a bare number right after options picks that option."""
        options = self._options.pop(update.chat_id, [])
        return to_incoming(update, option_data(options, update.text))

    async def _start_webhook(self) -> None:
        url = self.settings.zalo_webhook_url or ""
        secret = self.settings.zalo_webhook_secret
        if secret is None:
            # Without a secret anyone could post fake updates; a random one still protects
            # us because we hand it to Zalo in setWebhook ourselves.
            log.warning("ZALO_WEBHOOK_SECRET is not set: using a random secret")
        value = secret.get_secret_value() if secret else secrets.token_urlsafe(32)
        self._server = WebhookServer(
            self.settings.zalo_webhook_listen,
            self.settings.zalo_webhook_port,
            webhook_path(url),
            value,
            self.accept,
        )
        await self._server.start()  # listening before Zalo is told where to post
        await self.client.set_webhook(url, value)

    async def _poll(self) -> None:
        delay = RETRY_FIRST
        while True:
            try:
                body = await self.client.get_update()
            except (ZaloApiError, ZaloNetworkError) as exc:
                # One line per failure (no traceback spam); the wait doubles up to 30 s.
                log.warning("zalo: polling failed, retrying in %.0fs: %s", delay, exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RETRY_MAX)
                continue
            delay = RETRY_FIRST
            self.accept(body)

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
        msg = self.to_incoming(update)
        typing = None
        if msg.callback_data is None and not msg.text.lstrip().startswith("/"):
            typing = asyncio.create_task(self._keep_typing(msg.chat_id))
        try:
            assert self._handle is not None  # start() set it before any update
            await self._handle(msg)
        except Exception as exc:
            await self._failed(msg, exc)
        finally:
            if typing is not None:
                typing.cancel()

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


def render(reply: Reply, limit: int = MAX_TEXT) -> list[str]:
    """The texts a reply becomes: plain text, numbered options, split at the limit."""
    text = reply.text.strip()
    if reply.buttons:
        text = f"{text}\n\n{render_options(reply.buttons)}\n{PICK_HINT}".strip()
    if reply.file_path:
        text = f"{text}\n\n{FILE_NOTE.format(name=Path(reply.file_path).name)}".strip()
    return split_text(text, limit) or ["…"]  # Zalo refuses an empty message
