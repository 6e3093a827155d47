"""The Zalo channel: the Zalo Bot Platform API through our own small httpx client.

Receiving is a webhook when ZALO_WEBHOOK_URL is set (served by the bot's web server at
that URL's path; what Zalo recommends for production), else long polling with
getUpdates (documented for development). Both feed one queue that a worker answers in
order (bot/channels/zalo_worker.py). Sending is plain text in parts of 2,000
characters (bot/channels/zalo_render.py), each part taken first from the month's
message budget (bot/channels/zalo_quota.py); bot/delivery.py paces and retries, this
module maps Zalo's error codes onto the neutral errors as bot/channels/zalo_errors.py
says, and hands a refused token to the fatal hook once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Awaitable
from typing import Any, TypeVar

from bot.channels.base import (
    DeliveryError,
    Handle,
    SendResult,
    StartRefused,
    TokenRejected,
    TransientError,
)
from bot.channels.webhook import Activity, webhook_secret
from bot.channels.zalo_client import POLL_SECONDS, ZaloApiError, ZaloClient, ZaloNetworkError
from bot.channels.zalo_errors import Action, Notices, rule_for
from bot.channels.zalo_options import OptionStore, PendingOptions
from bot.channels.zalo_polling import Clock, Fatal, Poller, Sleep
from bot.channels.zalo_quota import MonthlyQuota, PlatformFull
from bot.channels.zalo_render import MAX_TEXT, render
from bot.channels.zalo_stores import LoopOptions, LoopSeen
from bot.channels.zalo_updates import SeenMessages, SeenStore, Skipped, parse, unwrap
from bot.channels.zalo_webhook import ZaloWebhook
from bot.channels.zalo_worker import ErrorFn, Worker
from core.messages import Reply
from core.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")
TYPING_AFTER = 0.3  # seconds: quick answers arrive before a typing indicator would show
POLLING_NOTE = (
    "zalo: receiving by getUpdates, which Zalo documents for development; "
    "set ZALO_WEBHOOK_URL in production"
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
        *,
        quota: MonthlyQuota | None = None,
        notices: Notices | None = None,
        on_fatal: Fatal | None = None,
        seen: SeenStore | None = None,
        options: OptionStore | None = None,
    ) -> None:
        if settings.zalo_bot_token is None:
            raise ValueError("ZALO_BOT_TOKEN is not set")
        self.settings = settings
        token = settings.zalo_bot_token.get_secret_value()
        self.client = client or ZaloClient(settings.zalo_api_base_url, token, poll_seconds)
        self.quota = quota
        self.notices = notices or Notices()
        self.on_fatal = on_fatal
        self._fatal_told = False
        self.bot_name = ""
        self.bot_names: list[str] = []  # the bot's id and names: echoes and @mentions
        self._unknown: set[str] = set()  # shapes of update already logged as unknown
        # Awaited, a database store's calls on a worker thread (bot/channels/zalo_stores.py).
        self.options = LoopOptions(options or PendingOptions(clock))
        seen_store = LoopSeen(seen or SeenMessages())
        self.worker = Worker(self, self.options, seen_store, on_error, typing_after)
        self._sleep, self._clock = sleep, clock
        self.poller: Poller | None = None
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

    @property
    def typing_after(self) -> float:
        """Seconds before "typing…" shows while an answer is prepared."""
        return self.worker.typing_after

    @typing_after.setter
    def typing_after(self, value: float) -> None:
        self.worker.typing_after = value

    async def start(self, handle: Handle) -> None:
        """Connect (getMe), then set the webhook or start polling, and the worker.

        A refused token raises TokenRejected, a secret Zalo would refuse StartRefused:
        both say in one line what to fix.
        """
        me = await self.client.get_me()  # a wrong token or URL stops us here
        self._know_myself(me)
        if self.quota is not None:
            self.quota.bot = f"zalo:{me.get('id') or 'bot'}"
            await self.quota.reopen()
        self.worker.start(handle)
        if self.endpoint is not None:
            # The web server already listens at the path: Zalo probes the URL at once.
            url = self.settings.zalo_webhook_url or ""
            _log_verification(await self.client.set_webhook(url, self._webhook_secret))
        else:
            log.warning(POLLING_NOTE)
            # getUpdates does not work while a webhook is set.
            await self.quietly(self.client.delete_webhook(), "deleteWebhook")
            self.poller = Poller(
                self.client, self._polled, self._sleep, self._clock, self.notices, self._fatal
            )
            self.poller.start()
        how = "webhook" if self.webhook else "polling"
        log.info("zalo: %s receiving by %s", self.bot_name or "bot", how)

    def _know_myself(self, me: dict[str, Any]) -> None:
        names = [me.get(k) for k in ("id", "account_name", "display_name", "name")]
        names.append(self.settings.zalo_bot_name)  # what members type after @ in a group
        self.bot_names = [str(n).strip() for n in names if n and str(n).strip()]
        self.bot_name = str(me.get("account_name") or me.get("display_name") or me.get("id", ""))

    async def run(self, handle: Handle) -> None:
        """Start, then wait until stop() is called."""
        await self.start(handle)
        await self._stopped.wait()

    async def stop_receiving(self) -> None:
        """Stop polling and finish the updates in hand (the web server stops the webhook)."""
        if self.poller is not None:
            await self.poller.stop()  # the poll in flight may still bring an update
            self.poller = None
        await self.worker.stop()

    async def stop(self) -> None:
        """Stop receiving and close the HTTP connections."""
        await self.stop_receiving()
        await self.client.close()
        self._stopped.set()

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Send a reply as plain text in parts of 2,000 characters; returns every message id.

        Each part is taken from the month's budget first: QuotaExhausted when it is used up.
        """
        buttons = [b for row in reply.buttons for b in row]
        # The store numbers atomically (one statement, or a dict with no await inside): a
        # reply sent meanwhile gets other numbers.
        first = await self.options.add(chat_id, buttons) if buttons else 1
        parts = render(reply, self.max_text, first)
        ids: list[str] = []
        level, taken = None, 0
        try:
            if self.quota is not None:
                level = await self.quota.take(len(parts), reply.kind)
                taken = len(parts)
            for part in parts:
                sent = await self.call(self.client.send_message(chat_id, part))
                ids.append(str(sent.get("message_id") or f"local-{uuid.uuid4().hex}"))
        except BaseException as exc:
            if buttons:  # never shown: not pickable (shielded: this may be a cancellation)
                await asyncio.shield(self.options.discard(chat_id, first, len(buttons)))
            if self.quota is not None and taken > len(ids):
                await asyncio.shield(self.quota.give_back(taken - len(ids)))
            if self.quota is not None and isinstance(exc, PlatformFull):
                await self.quota.warn(100)
            raise
        if level is not None and self.quota is not None:
            await self.quota.warn(level)  # after the message that reached the level
        return SendResult(ids)

    async def call(self, request: Awaitable[T], report: bool = True) -> T:
        """Await a Zalo call, its errors turned into the neutral delivery errors by their
        rule (report: logged and told to the admins as the rule says)."""
        try:
            result = await request
        except ZaloNetworkError as exc:
            raise TransientError(str(exc)) from None
        except TokenRejected as exc:
            await self._fatal(exc)
            raise DeliveryError(str(exc)) from None
        except ZaloApiError as exc:
            rule = rule_for(exc)
            if report:
                await self.notices.failed(exc, rule)
            if rule.action == Action.QUOTA and self.quota is not None:
                raise await self.quota.platform_full() from None
            raise rule.neutral(exc) from None
        self.notices.succeeded()
        return result

    async def _fatal(self, exc: TokenRejected) -> None:
        """The token was refused mid-run: the hook decides (alert, stop), once."""
        if self._fatal_told:
            return
        self._fatal_told = True
        log.error("zalo: %s", exc)
        if self.on_fatal is not None:
            await self.on_fatal(exc)

    def accept(self, body: object) -> bool:
        """Queue the messages of a getUpdates result or webhook body; False if none.

        Repeats are dropped in the worker, in the chat's lane (off the loop for a database
        store, and still in the order the messages came)."""
        raws = unwrap(body)
        for raw in raws:
            try:
                update = parse(raw, self.bot_names)
            except Exception:  # a shape nobody foresaw must not stop the poller or webhook
                log.exception("zalo: an update could not be read; ignored")
                continue
            if isinstance(update, Skipped):
                self._skipped(update, raw)
            else:
                self.worker.put(update)
        return bool(raws)

    def _skipped(self, skipped: Skipped, raw: dict[str, Any]) -> None:
        """Log an update we do not answer: an unknown shape once (with its keys), else debug."""
        if not skipped.unknown or skipped.signature in self._unknown:
            log.debug("zalo: update ignored: %s", skipped.reason)
            return
        self._unknown.add(skipped.signature)
        message = raw.get("message")
        inner = sorted(message) if isinstance(message, dict) else None
        keys = {"update": sorted(raw), "message": inner}
        log.warning(
            "zalo: an update of a shape we do not know was ignored (%s; keys %s); "
            "updates like it are ignored without another line",
            skipped.reason,
            json.dumps(keys),
        )

    def _polled(self, body: object) -> bool:
        """A getUpdates answered (an update or "idle"): the platform is reachable."""
        self.activity.ok()
        return self.accept(body)

    async def quietly(self, request: Awaitable[object], what: str) -> bool:
        """Run a non-essential call; a failure is logged and ignored (the admins not told)."""
        try:
            await self.call(request, report=False)
        except (DeliveryError, StartRefused) as exc:
            log.info("zalo: %s failed (ignored): %s", what, exc)
            return False
        return True


def _log_verification(result: dict[str, Any]) -> None:
    """Zalo probes a new webhook URL at once: say so when the probe failed."""
    check = result.get("verification")
    if isinstance(check, dict) and check.get("ok") is False:
        log.warning(
            "zalo: setWebhook saved the URL but Zalo could not reach it (%s): %s",
            check.get("outcome", "?"),
            check.get("hint", ""),
        )
