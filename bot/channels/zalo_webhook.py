"""The Zalo webhook endpoint, served by the bot's one web server (bot/web/).

Zalo posts each update with the secret in X-Bot-Api-Secret-Token; a request without it
is refused with 403 before its body is read. The body may be bare
(`{"event_name", "message"}`, as delivered live) or wrapped (`{"ok", "result"}`, as
documented): both reach the channel's accept, which queues the update.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from bot.channels.webhook import Activity, read_json, secret_matches
from core.settings import webhook_path

log = logging.getLogger(__name__)

SECRET_HEADER = "x-bot-api-secret-token"

Accept = Callable[[Any], bool]  # takes the JSON body; False when it holds no update


class ZaloWebhook:
    """Implements bot.channels.webhook.Webhook for the Zalo channel."""

    channel = "zalo"

    def __init__(self, url: str, secret: str, accept: Accept, activity: Activity) -> None:
        self.path = webhook_path(url)
        self._secret = secret
        self._accept = accept
        self.activity = activity

    def authorized(self, headers: Mapping[str, str]) -> bool:
        """Whether the request carries the secret Zalo was given in setWebhook."""
        if secret_matches(headers.get(SECRET_HEADER), self._secret):
            return True
        log.warning("zalo: webhook request without the right secret refused")
        return False

    async def receive(self, body: bytes) -> int:
        """Queue the update in a JSON body: 200, or 400 when it is not an update we can read."""
        try:
            data = read_json(body)
        except ValueError:
            return 400
        try:
            accepted = self._accept(data)
        except Exception:  # a bug of ours: Zalo should retry, and we want the traceback
            log.exception("zalo: webhook body could not be queued")
            return 500
        if not accepted:
            return 400
        self.activity.ok()
        return 200
