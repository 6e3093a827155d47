"""Logging for a running bot: the level from LOG_LEVEL and no token in any line.

python-telegram-bot and httpx log request URLs, and both the Telegram Bot API and the Zalo
Bot API put the token in the URL path (…/bot<TOKEN>/sendMessage), so every handler gets a
filter that redacts it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import quote

from pydantic import SecretStr

from core.settings import Settings

# Anything shaped like a Telegram token (digits:35 url-safe chars), even one we were not told.
_TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
REDACTED = "<token>"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactTokens(logging.Filter):
    """Replaces the configured secrets (and token-shaped strings) in a record."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        # URLs carry the token percent-encoded too (httpx writes ":" as "%3A" in a path).
        variants = {v for s in secrets if s for v in (s, quote(s, safe=""), quote(s))}
        # Longest first so a secret containing another is replaced whole.
        self.secrets = sorted(variants, key=len, reverse=True)
        self._formatter = logging.Formatter()

    def redact(self, text: str) -> str:
        """The text with every secret replaced by a placeholder."""
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return _TOKEN_SHAPE.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the message, the traceback and the stack before any handler formats it."""
        message = record.getMessage()
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            # Exceptions from httpx carry the request URL, token included.
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def secrets_of(settings: Settings) -> list[str]:
    """The secret values in the settings that must never be logged."""
    values: list[SecretStr | None] = [
        settings.telegram_bot_token,
        settings.telegram_webhook_secret,
        settings.zalo_bot_token,
        settings.zalo_webhook_secret,
    ]
    return [v.get_secret_value() for v in values if v is not None]


def setup_logging(settings: Settings) -> RedactTokens:
    """Set LOG_LEVEL, quiet httpx and install the redacting filter on every root handler."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format=_FORMAT)
    level = logging.getLevelName(settings.log_level.strip().upper())
    root.setLevel(level if isinstance(level, int) else logging.INFO)
    # httpx logs every request at INFO with its URL; keep only its warnings.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    redactor = RedactTokens(secrets_of(settings))
    for handler in root.handlers:
        for old in [f for f in handler.filters if isinstance(f, RedactTokens)]:
            handler.removeFilter(old)
        handler.addFilter(redactor)
    return redactor
