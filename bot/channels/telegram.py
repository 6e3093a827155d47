"""The Telegram channel: a python-telegram-bot Application embedded in our own event loop.

Receiving is PTB's long polling, or our webhook endpoint (bot/channels/telegram_webhook.py,
served by the bot's web server) feeding the Application's update queue; every update
becomes a neutral Incoming for the handlers. Sending goes straight to
Bot.send_message, without PTB's rate limiter: bot/delivery.py paces and retries, so
this module only maps Telegram errors onto RetryLater / Unreachable / TransientError.
Updates of different chats are handled side by side, one chat's in order, and a refused
token stops the bot (bot/channels/telegram_flow.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import (
    InvalidToken,
    TelegramError,
)
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.channels.base import (
    DeliveryError,
    Handle,
    SendResult,
    TokenRejected,
)
from bot.channels.telegram_flow import (
    ChatOrder,
    Fatal,
    FatalOnce,
    mapped,
    refused,
    token_hint,
)
from bot.channels.telegram_render import (
    MAX_TEXT,
    clear_keyboard,
    keeps_keyboard,
    render,
    set_chat_menu,
    set_menus,
)
from bot.channels.telegram_updates import file_fetcher, is_command, to_incoming
from bot.channels.telegram_webhook import AnyApplication, PollingRequest, TelegramWebhook
from bot.channels.webhook import Activity, webhook_secret
from core.messages import Incoming, Reply
from core.settings import Settings

log = logging.getLogger(__name__)

# PTB 22 moves time periods (RetryAfter.retry_after, ...) from int to timedelta and warns on
# every access until a program opts in; we opt in, the documented way, and expect timedelta.
os.environ.setdefault("PTB_TIMEDELTA", "true")

MenuFn = Callable[[str], list[tuple[str, str]]]
ErrorFn = Callable[[Incoming | None, BaseException], Awaitable[None]]
AdminsFn = Callable[[], Iterable[str]]  # admin chats as "channel:chat_id"

POLL_TIMEOUT = timedelta(seconds=10)
TYPING_AFTER = 0.3  # seconds: quick answers arrive before a typing indicator would show
TYPING_EVERY = 4.5  # Telegram shows "typing…" for about five seconds per chat action
ALLOWED_UPDATES = ["message", "callback_query"]
ERROR_TEXT = "Xin lỗi, đã có lỗi khi xử lý tin nhắn. Văn phòng Đảng ủy đã được báo."


def file_base_url(base_url: str) -> str:
    """The file download base for an API base: …/bot → …/file/bot, as the Bot API does."""
    base = base_url.rstrip("/")
    if base.endswith("/bot"):
        return base[: -len("/bot")] + "/file/bot"
    return base + "/file/bot"


class TelegramChannel:
    """Implements the Channel protocol over the Telegram Bot API."""

    name = "telegram"
    max_text = MAX_TEXT

    def __init__(
        self,
        settings: Settings,
        menu: MenuFn | None = None,
        on_error: ErrorFn | None = None,
        typing_after: float = TYPING_AFTER,
        admin_chats: AdminsFn | None = None,
        on_fatal: Fatal | None = None,
    ) -> None:
        if settings.telegram_bot_token is None:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        self.settings = settings
        self.menu = menu
        # Who gets the admin menu at start-up: ADMIN_CHAT_IDS, or what the wiring knows
        # (admins who joined by invite are in the database, which this module never reads).
        self.admin_chats: AdminsFn = admin_chats or (lambda: settings.admin_chats)
        self.on_error = on_error
        self.typing_after = typing_after
        self.fatal = FatalOnce(on_fatal)  # the token refused: alert and stop, once
        self.activity = Activity("webhook" if self.webhook else "polling")
        polling = None if self.webhook else PollingRequest(self.activity, self._poll_refused)
        self.application = _application(settings, polling)
        self.endpoint: TelegramWebhook | None = None
        self._webhook_secret = ""
        if self.webhook:
            self._webhook_secret = webhook_secret(
                settings.telegram_webhook_secret, "TELEGRAM_WEBHOOK_SECRET"
            )
            url = settings.telegram_webhook_url or ""
            args = (url, self._webhook_secret, self.application, self.activity)
            self.endpoint = TelegramWebhook(*args)
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_ptb_error)
        self._fetcher = file_fetcher(self.application.bot, settings.max_upload_bytes)
        self._handle: Handle | None = None
        self._stopped = asyncio.Event()

    @property
    def webhook(self) -> bool:
        """Whether updates arrive by webhook (TELEGRAM_WEBHOOK_URL set) instead of polling."""
        return bool(self.settings.telegram_webhook_url)

    async def start(self, handle: Handle) -> None:
        """Connect (getMe), set the menus, then start polling or set the webhook.

        In webhook mode the web server must already listen at the webhook's path.
        """
        self._handle = handle
        try:
            await self.application.initialize()  # getMe: a wrong token or URL stops us here
        except InvalidToken as exc:
            raise refused(exc) from None
        if self.menu is not None:
            await set_menus(self.application.bot, self.menu, self._admin_chat_ids())
        await self.application.start()
        updater = self.application.updater
        if updater is None:
            await self.application.bot.set_webhook(
                url=self.settings.telegram_webhook_url or "",
                secret_token=self._webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            await updater.start_polling(
                timeout=POLL_TIMEOUT,
                allowed_updates=ALLOWED_UPDATES,
                error_callback=_log_polling_error,
            )
        me = self.application.bot.username
        log.info("telegram: @%s receiving by %s", me, "webhook" if self.webhook else "polling")

    async def run(self, handle: Handle) -> None:
        """Start, then wait until stop() is called."""
        await self.start(handle)
        await self._stopped.wait()

    async def stop_receiving(self) -> None:
        """Stop polling and finish the updates in hand (the web server stops the webhook)."""
        updater = self.application.updater
        if updater is not None and updater.running:
            # A refused token ended polling with InvalidToken, already handled.
            with contextlib.suppress(InvalidToken):
                await updater.stop()
        if self.application.running:
            await self.application.stop()  # waits for in-flight handlers and their sends

    async def stop(self) -> None:
        """Stop receiving and close the HTTP connections."""
        await self.stop_receiving()
        with contextlib.suppress(RuntimeError):  # never initialized: nothing to close
            await self.application.shutdown()
        self._stopped.set()

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Send a reply (in parts when long); returns every message id."""
        try:
            return await self._send(chat_id, reply)
        except TokenRejected as exc:
            await self.fatal(exc)
            raise DeliveryError(str(exc)) from None

    async def _send(self, chat_id: str, reply: Reply) -> SendResult:
        bot = self.application.bot
        target = _chat(chat_id)
        ids: list[str] = []
        for part in render(reply, self.max_text):
            message = await mapped(bot.send_message(chat_id=target, **part.kwargs()))
            ids.append(str(message.message_id))
        if reply.file_path:
            path = Path(reply.file_path)
            with path.open("rb") as fh:
                sent = bot.send_document(chat_id=target, document=fh, filename=path.name)
                ids.append(str((await mapped(sent)).message_id))
        return SendResult(ids)

    async def set_chat_menu(self, chat_id: str, role: str | None) -> None:
        """The admin menu in an admin's chat; for any other role, back to the default menu."""
        if self.menu is None:
            return
        commands = self.menu("admin") if role == "admin" else None
        await set_chat_menu(self.application.bot, _chat(chat_id), commands)

    async def _poll_refused(self, code: int) -> None:
        """getUpdates answered 401/404: polling cannot go on (PTB stops it by itself)."""
        await self.fatal(TokenRejected(token_hint(code)))

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = to_incoming(update, self._fetcher)
        if msg is None or self._handle is None:
            return
        query = update.callback_query
        if query is not None:
            # Stops the spinner on the button; the answer itself comes as a message.
            await self._quietly(query.answer(), "answerCallbackQuery")
        typing = None
        if msg.callback_data is None and not is_command(msg):
            typing = asyncio.create_task(self._keep_typing(msg.chat_id))
        try:
            await self._handle(msg)
        finally:
            if typing is not None:
                typing.cancel()
        # Only once handled: if handling failed, the buttons stay for another try.
        if query is not None and msg.callback_data and not keeps_keyboard(msg.callback_data):
            await clear_keyboard(self.application.bot, query)

    async def _keep_typing(self, chat_id: str) -> None:
        await asyncio.sleep(self.typing_after)
        while True:
            action = self.application.bot.send_chat_action(_chat(chat_id), ChatAction.TYPING)
            if not await self._quietly(action, "sendChatAction"):
                return  # the server does not do chat actions: do not ask again
            await asyncio.sleep(TYPING_EVERY)

    async def _quietly(self, call: Coroutine[Any, Any, Any], what: str) -> bool:
        """Run a non-essential API call; a failure is logged and ignored."""
        try:
            await call
        except TelegramError as exc:
            log.info("telegram: %s failed (ignored): %s", what, exc)
            return False
        return True

    async def _on_ptb_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error handler for failures outside the router (e.g. a send that failed)."""
        error = context.error
        data = update.to_dict() if isinstance(update, Update) else update
        log.error("telegram: update failed: %s", data, exc_info=error)
        msg = to_incoming(update, self._fetcher) if isinstance(update, Update) else None
        if msg is not None:
            with contextlib.suppress(DeliveryError):
                await self.send(msg.chat_id, Reply(ERROR_TEXT))
        if self.on_error is not None and error is not None:
            await self.on_error(msg, error)

    def _admin_chat_ids(self) -> list[int]:
        ids = []
        for entry in sorted(set(self.admin_chats())):
            channel, _, chat_id = entry.partition(":")
            if channel == self.name and chat_id.lstrip("-").isdigit():
                ids.append(int(chat_id))
        return ids


def _application(settings: Settings, polling: PollingRequest | None) -> AnyApplication:
    """PTB's Application with our update processor: polling through a request that notes
    each answered poll, or (with polling None) no Updater, our web server feeding it."""
    assert settings.telegram_bot_token is not None
    base = settings.telegram_api_base_url
    builder = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(base)
        .base_file_url(file_base_url(base))
        .concurrent_updates(ChatOrder())
        .job_queue(None)  # reminders have their own scheduler (bot/scheduler.py)
    )
    if polling is None:
        return builder.updater(None).build()
    return builder.get_updates_request(polling).build()


def _chat(chat_id: str) -> int | str:
    """Numeric chat ids as int; '@channelname' stays a string."""
    return int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id


def _log_polling_error(exc: TelegramError) -> None:
    # Polling retries by itself; one line per failure is enough (no traceback spam).
    log.warning("telegram: polling failed, retrying: %s", exc)
