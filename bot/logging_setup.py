"""Logging for a running bot: LOG_LEVEL, LOG_FORMAT (text or JSON lines), no token in any line.

python-telegram-bot and httpx log request URLs, and both the Telegram Bot API and the Zalo
Bot API put the token in the URL path (…/bot<TOKEN>/sendMessage), so every handler gets a
filter that redacts it; the JSON formatter redacts its whole line once more, since fields
passed with `extra=` are not part of the message the filter rewrites.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import quote

from pydantic import SecretStr

from core.settings import Settings

# Anything shaped like a Telegram token (digits:35 url-safe chars), even one we were not told.
_TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
REDACTED = "<token>"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# The attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


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


class JsonFormatter(logging.Formatter):
    """One JSON object a line: ts, level, logger, msg, the `extra=` fields, exc (if any)."""

    def __init__(self, redactor: RedactTokens) -> None:
        super().__init__()
        self.redactor = redactor

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON, Vietnamese kept readable, secrets redacted."""
        when = datetime.fromtimestamp(record.created, UTC)
        out: dict[str, object] = {
            "ts": when.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in out:
                out[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            out["exc"] = record.exc_text
        if record.stack_info:
            out["stack"] = self.formatStack(record.stack_info)
        line = json.dumps(out, ensure_ascii=False, default=str)  # default: never fail a log
        return self.redactor.redact(line)


def _text() -> logging.Formatter:
    return logging.Formatter(_FORMAT)


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
    """Set LOG_LEVEL and LOG_FORMAT, quiet httpx, install the redacting filter everywhere."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.StreamHandler(sys.stderr))
    level = logging.getLevelName(settings.log_level.strip().upper())
    root.setLevel(level if isinstance(level, int) else logging.INFO)
    # httpx logs every request at INFO with its URL; keep only its warnings.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    redactor = RedactTokens(secrets_of(settings))
    json_lines = settings.log_format == "json"
    for handler in root.handlers:
        for old in [f for f in handler.filters if isinstance(f, RedactTokens)]:
            handler.removeFilter(old)
        handler.addFilter(redactor)
        if type(handler) is logging.StreamHandler:  # ours (or basicConfig's), not pytest's
            handler.setFormatter(JsonFormatter(redactor) if json_lines else _text())
    return redactor
