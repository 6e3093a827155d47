"""A small async client for the Zalo Bot Platform API (modelled on Telegram's Bot API).

Every method is POST {base_url}{token}/{method} with a JSON body, answered by
{"ok": true, "result": ...} or {"ok": false, "error_code": N, "description": "..."}.
Zalo reports an error by the HTTP status, by `error_code` in an HTTP-200 body, or both
(an idle getUpdates answers 408 either way), and the code may come as a number or a
string: ZaloApiError carries both, and `code` is the one that decides. A refused token
(401, or 404 on getMe: a malformed token) raises TokenRejected, since nothing works
until it is fixed. The token is in the URL, so nothing here ever puts the URL (or an
httpx exception that carries it) into an error message.
"""

from __future__ import annotations

from typing import Any

import httpx

from bot.channels.base import StartRefused, TokenRejected
from core.settings import zalo_secret_problem

# getUpdates long-poll timeout asked of the server. Short, because stopping waits for the
# poll in flight (cancelling it could lose the update the server already handed over).
POLL_SECONDS = 10
REQUEST_TIMEOUT = 15.0  # any other call
IDLE = 408  # getUpdates without an update: "Request timeout"
TOKEN_HINT = {
    401: "Zalo từ chối token (401): kiểm tra ZALO_BOT_TOKEN.",
    404: "Zalo không nhận ra token (404): kiểm tra ZALO_BOT_TOKEN và ZALO_API_BASE_URL.",
}


class ZaloApiError(Exception):
    """An error answer: HTTP status, the API's error_code and description."""

    def __init__(self, method: str, status: int, code: int, description: str) -> None:
        super().__init__(f"{method}: {code} {description}".strip())
        self.method = method
        self.status = status
        self.code = code
        self.description = description

    @property
    def idle(self) -> bool:
        """A long poll that ended without an update (408), which is not a failure."""
        return self.code == IDLE or self.status == IDLE


class ZaloNetworkError(Exception):
    """The request did not get an answer (connection refused, timeout, broken reply)."""


class ZaloClient:
    """Calls Zalo Bot API methods; one httpx.AsyncClient for every call."""

    def __init__(
        self,
        base_url: str,
        token: str,
        poll_seconds: int = POLL_SECONDS,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._prefix = f"{base_url}{token}/"
        self.poll_seconds = poll_seconds
        self._http = httpx.AsyncClient(timeout=REQUEST_TIMEOUT, transport=transport)

    async def call(
        self, method: str, params: dict[str, Any] | None = None, timeout: float | None = None
    ) -> Any:
        """Call a method; its result, or ZaloApiError / ZaloNetworkError / TokenRejected."""
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
        body = _json_object(response)
        if response.is_success and body.get("ok") is True:
            return body.get("result")
        error = api_error(method, response.status_code, body, response.reason_phrase)
        if error.code == 401 or (error.code == 404 and method == "getMe"):
            raise TokenRejected(TOKEN_HINT[error.code])
        raise error

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

    async def set_webhook(self, url: str, secret: str) -> dict[str, Any]:
        """Receive updates at url, each carrying secret in X-Bot-Api-Secret-Token.

        Refuses (StartRefused, saying why) a secret Zalo would refuse. The result may
        hold Zalo's probe of the URL: {"verification": {"ok", "outcome", "hint"}}.
        """
        problem = zalo_secret_problem(secret)
        if problem:
            raise StartRefused(f"Không đặt được webhook Zalo: {problem} (ZALO_WEBHOOK_SECRET).")
        result = await self.call("setWebhook", {"url": url, "secret_token": secret})
        return result if isinstance(result, dict) else {}

    async def delete_webhook(self) -> None:
        """Stop webhook delivery, so that getUpdates works."""
        await self.call("deleteWebhook")

    async def close(self) -> None:
        """Close the HTTP connections."""
        await self._http.aclose()


def _json_object(response: httpx.Response) -> dict[str, Any]:
    """The body as a JSON object; {} for anything else (an HTML page from a proxy)."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def api_error(method: str, status: int, body: dict[str, Any], reason: str = "") -> ZaloApiError:
    """The error an answer carries: the body's code (a number, or digits in a string; the
    camelCase errorCode of the newer docs too) when it has one, else the HTTP status."""
    code = status
    for key in ("error_code", "errorCode"):
        value = body.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value:
            code = value
            break
        if isinstance(value, str) and value.strip().isdigit() and int(value):
            code = int(value)
            break
    description = str(body.get("description") or body.get("message") or reason or "")
    return ZaloApiError(method, status, code, description)
