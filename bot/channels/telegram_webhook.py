"""How Telegram updates reach the Application: our webhook endpoint, or PTB's polling.

In webhook mode the Application has no Updater (python-telegram-bot's custom-webhook
setup): the bot's web server (bot/web/) takes the POST, this endpoint checks
X-Telegram-Bot-Api-Secret-Token and puts the Update on `Application.update_queue`, which
the running Application consumes as if it had polled. In polling mode, getUpdates goes
through a request object that notes each answered poll, for /healthz.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from telegram import Update
from telegram.ext import Application
from telegram.request import HTTPXRequest

from bot.channels.telegram_flow import REFUSED
from bot.channels.webhook import Activity, read_json, secret_matches
from core.settings import webhook_path

log = logging.getLogger(__name__)

SECRET_HEADER = "x-telegram-bot-api-secret-token"

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


class TelegramWebhook:
    """Implements bot.channels.webhook.Webhook for the Telegram channel."""

    channel = "telegram"

    def __init__(
        self, url: str, secret: str, application: AnyApplication, activity: Activity
    ) -> None:
        self.path = webhook_path(url)
        self._secret = secret
        self.application = application
        self.activity = activity

    def authorized(self, headers: Mapping[str, str]) -> bool:
        """Whether the request carries the secret Telegram was given in setWebhook."""
        if secret_matches(headers.get(SECRET_HEADER), self._secret):
            return True
        log.warning("telegram: webhook request without the right secret refused")
        return False

    async def receive(self, body: bytes) -> int:
        """Queue the Update in a JSON body: 200, or 400 when it is not an Update."""
        try:
            data = read_json(body)
            if not isinstance(data, dict):
                return 400
            update = Update.de_json(data, self.application.bot)
        except (ValueError, TypeError, KeyError):  # not JSON, or not shaped like an Update
            return 400
        await self.application.update_queue.put(update)
        self.activity.ok()
        return 200


class PollingRequest(HTTPXRequest):
    """PTB's getUpdates request (one connection, as PTB builds it) noting each answered
    poll, and telling `refused` when Telegram refuses the token (401, 404)."""

    def __init__(
        self, activity: Activity, refused: Callable[[int], Awaitable[None]] | None = None
    ) -> None:
        super().__init__(connection_pool_size=1)
        self.activity = activity
        self.refused = refused

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Make the request; a 200 means Telegram answered the poll."""
        code, payload = await super().do_request(*args, **kwargs)
        if code == 200:
            self.activity.ok()
        elif code in REFUSED and self.refused is not None:
            await self.refused(code)
        return code, payload
