"""A small async client for the Zalo Bot Platform API (modelled on Telegram's Bot API).

Every method is POST {base_url}{token}/{method} with a JSON body, answered by
{"ok": true, "result": ...} or {"ok": false, "error_code": N, "description": "..."}.
The token is in the URL, so nothing here ever puts the URL (or an httpx exception that
carries it) into an error message: errors name the method, the status and the API's words.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, TypeVar

import httpx

from bot.channels.base import DeliveryError, RetryLater, TransientError, Unreachable

T = TypeVar("T")

# getUpdates long-poll timeout asked of the server. Short, because stopping waits for the
# poll in flight (cancelling it could lose the update the server already handed over).
POLL_SECONDS = 10
REQUEST_TIMEOUT = 15.0  # any other call
DEFAULT_RETRY_AFTER = 1.0  # a 429 without a retry_after: wait a second, as Telegram's minimum
# Words of an error answer meaning the chat itself is gone: the user blocked the bot, left,
# or never talked to it. Zalo's codes are not all documented, so the words decide too.
_UNREACHABLE_WORDS = (
    "blocked", "chat not found", "user not found", "chat does not exist",
    "user does not exist", "unfollow", "chặn",
)  # fmt: skip


class ZaloApiError(Exception):
    """An error answer: HTTP status, the API's error_code and description."""

    def __init__(
        self, method: str, status: int, code: int, description: str, retry_after: float | None
    ) -> None:
        super().__init__(f"{method}: {code} {description}".strip())
        self.method = method
        self.status = status
        self.code = code
        self.description = description
        self.retry_after = retry_after

    @property
    def idle(self) -> bool:
        """A long poll that ended without an update (408), which is not a failure."""
        return self.code == 408 or self.status == 408


class ZaloNetworkError(Exception):
    """The request did not get an answer (connection refused, timeout, broken reply)."""


class ZaloClient:
    """Calls Zalo Bot API methods; one httpx.AsyncClient for every call."""

    def __init__(self, base_url: str, token: str, poll_seconds: int = POLL_SECONDS) -> None:
        self._prefix = f"{base_url}{token}/"
        self.poll_seconds = poll_seconds
        self._http = httpx.AsyncClient(timeout=REQUEST_TIMEOUT)

    async def call(
        self, method: str, params: dict[str, Any] | None = None, timeout: float | None = None
    ) -> Any:
        """Call a method; its result, or ZaloApiError / ZaloNetworkError."""
        try:
            response = await self._http.post(
                self._prefix + method, json=params or {}, timeout=timeout or REQUEST_TIMEOUT
            )
        except httpx.HTTPError as exc:
            # str(exc) of some httpx errors holds the URL, token included: only the type.
            raise ZaloNetworkError(f"{method}: {type(exc).__name__}") from None
        except RuntimeError:
            # httpx refuses calls once the client is closed: a send racing the shutdown.
            raise ZaloNetworkError(f"{method}: the connection is closed") from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        if response.status_code == 200 and body.get("ok") is True:
            return body.get("result")
        raise _api_error(method, response, body)

    async def get_me(self) -> dict[str, Any]:
        """The bot's own account (checks the token)."""
        result = await self.call("getMe")
        return result if isinstance(result, dict) else {}

    async def get_update(self) -> Any:
        """One long poll: an update (or a list of them), or None when idle (408)."""
        try:
            return await self.call(
                "getUpdates", {"timeout": str(self.poll_seconds)}, timeout=self.poll_seconds + 10
            )
        except ZaloApiError as exc:
            if exc.idle:
                return None
            raise

    async def send_message(self, chat_id: str, text: str) -> dict[str, Any]:
        """Send a plain text (1-2000 characters); the sent message."""
        result = await self.call("sendMessage", {"chat_id": chat_id, "text": text})
        return result if isinstance(result, dict) else {}

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        """Show "typing…" in a chat."""
        await self.call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def set_webhook(self, url: str, secret: str) -> None:
        """Receive updates at url, each carrying secret in X-Bot-Api-Secret-Token."""
        await self.call("setWebhook", {"url": url, "secret_token": secret})

    async def delete_webhook(self) -> None:
        """Stop webhook delivery, so that getUpdates works."""
        await self.call("deleteWebhook")

    async def close(self) -> None:
        """Close the HTTP connections."""
        await self._http.aclose()


def _api_error(method: str, response: httpx.Response, body: dict[str, Any]) -> ZaloApiError:
    status = response.status_code
    try:
        code = int(body.get("error_code", status))
    except (TypeError, ValueError):
        code = status
    description = str(body.get("description") or response.reason_phrase or "")
    return ZaloApiError(method, status, code, description, _retry_after(response, body))


def _retry_after(response: httpx.Response, body: dict[str, Any]) -> float | None:
    """Seconds to wait from the body's parameters.retry_after or a Retry-After header."""
    parameters = body.get("parameters")
    value = parameters.get("retry_after") if isinstance(parameters, dict) else None
    value = value if value is not None else response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


async def mapped(call: Awaitable[T]) -> T:
    """Await a Zalo call, turning its errors into the neutral delivery errors."""
    try:
        return await call
    except ZaloNetworkError as exc:
        raise TransientError(str(exc)) from None
    except ZaloApiError as exc:
        raise neutral_error(exc) from None


def neutral_error(exc: ZaloApiError) -> DeliveryError:
    """RetryLater for rate limits, Unreachable for a gone chat, TransientError for 5xx."""
    words = exc.description.lower()
    if exc.code == 429 or exc.status == 429 or "rate limit" in words:
        return RetryLater(exc.retry_after if exc.retry_after is not None else DEFAULT_RETRY_AFTER)
    if exc.code == 403 or exc.status == 403:
        return Unreachable(str(exc))
    if exc.code in (400, 404) and any(w in words for w in _UNREACHABLE_WORDS):
        return Unreachable(str(exc))
    if exc.status >= 500 or exc.code >= 500 or exc.idle:
        return TransientError(str(exc))
    return DeliveryError(str(exc))
