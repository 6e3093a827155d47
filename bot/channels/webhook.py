"""What a channel gives the web server: its webhook endpoint, and when it last heard its platform.

The web server (bot/web/) owns HTTP; a channel only says where its webhook lives, whether
a request's headers carry its secret, and what to do with a body. The server checks the
secret before it reads a byte of the body, so a stranger cannot make the bot read
megabytes; then it hands the body over and answers with the status the channel returns.
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import SecretStr

log = logging.getLogger(__name__)

Clock = Callable[[], float]


class Webhook(Protocol):
    """A channel's webhook endpoint, mounted by the web server at `path` (POST only)."""

    channel: str
    path: str

    def authorized(self, headers: Mapping[str, str]) -> bool:
        """Whether the request carries the channel's secret header (checked in constant time)."""
        ...

    async def receive(self, body: bytes) -> int:
        """Take an authorized body; the HTTP status to answer (200, 400, 500)."""
        ...


@dataclass
class Activity:
    """When a channel last heard from its platform (a poll answered, a webhook taken)."""

    mode: str  # "polling" or "webhook"
    clock: Clock = time.monotonic
    since: float = field(init=False)
    last_ok: float | None = None

    def __post_init__(self) -> None:
        self.since = self.clock()

    def ok(self) -> None:
        """Note a successful poll or webhook."""
        self.last_ok = self.clock()

    def age(self) -> float:
        """Seconds since the last success (since start when there was none yet)."""
        return self.clock() - (self.last_ok if self.last_ok is not None else self.since)


def secret_matches(given: str | None, secret: str) -> bool:
    """Constant-time comparison of a header value with the secret, as bytes.

    hmac.compare_digest refuses str with non-ASCII characters, and a header is whatever a
    stranger sends: bytes never raise.
    """
    return hmac.compare_digest((given or "").encode("utf-8", "surrogateescape"), secret.encode())


def webhook_secret(configured: SecretStr | None, key: str) -> str:
    """The configured webhook secret, or a random one (the bot hands it to the platform in
    setWebhook itself, so a random secret protects the endpoint just as well)."""
    if configured is None:
        # Without any secret anyone could post fake updates.
        log.warning("%s is not set: using a random secret", key)
        return secrets.token_urlsafe(32)
    return configured.get_secret_value()


def read_json(body: bytes) -> Any:
    """The JSON in a body; ValueError when it is not JSON (NaN, bad UTF-8, absurd nesting)."""
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(str(exc)) from None


def _no_constant(name: str) -> Any:
    """Refuse NaN and Infinity, which are not JSON."""
    raise ValueError(f"{name} is not JSON")
