"""What each Zalo error code means, what the bot does about it, and what the admins read.

The documented table (Zalo Bot Platform, "Bảng mã lỗi") and two codes observed in
production logs of other bots:

| code | Zalo says                                   | the bot                               |
|------|---------------------------------------------|---------------------------------------|
| 400  | bad request: wrong path or API name         | gives up on that message; admins told |
| 401  | token expired or invalid                    | TokenRejected: the process stops      |
| 403  | internal server error (not "blocked")       | retries with backoff; told after 3    |
| 404  | not found: invalid access request           | gives up (on getMe: TokenRejected)    |
| 408  | request timeout (getUpdates: no message)    | getUpdates: idle; a send: retries     |
| 410  | chat_id is invalid (observed)               | chat marked unreachable, admins told  |
| 422  | not permitted to send to this chat (obs.)   | chat marked unreachable, admins told  |
| 429  | quota exceeded                              | no retry: the month is full; warned   |
| 5xx  | (a proxy or Zalo itself)                    | retries with backoff; told after 3    |
| else | undocumented                                | logged with Zalo's words; admins told |

Admins hear about a code at most once an hour (NOTICE_EVERY); codes Zalo retries for us
only after several failures in a row, since one hiccup heals itself.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from bot.channels.base import DeliveryError, TransientError, Unreachable
from bot.channels.zalo_client import TOKEN_HINT, ZaloApiError

log = logging.getLogger(__name__)

Tell = Callable[[str, str], Awaitable[bool]]  # (text, reply kind) to every admin chat
NOTICE_EVERY = timedelta(hours=1)  # a flaky platform must not flood the office's chat
NOTICE_KIND = "alert"

SERVER_TROUBLE = (
    "⚠️ Máy chủ Zalo đang gặp sự cố (mã {code}: “{description}”): {count} lần gọi liên tiếp "
    "không thành công. Bot tự thử lại; nhắc hạn chưa gửi được sẽ được gửi lại sau."
)
REFUSED = (
    "⚠️ Zalo từ chối một yêu cầu của bot (mã {code}: “{description}”) khi gọi {method}. "
    "Tin nhắn đó không gửi được; nếu lỗi lặp lại, vui lòng báo người quản trị kỹ thuật."
)
NOT_FOUND = (
    "⚠️ Zalo không tìm thấy chức năng bot gọi ({method}, mã 404: “{description}”). Tin nhắn "
    "đó không gửi được; vui lòng kiểm tra ZALO_API_BASE_URL."
)
UNKNOWN = (
    "⚠️ Zalo trả về mã lỗi chưa có trong tài liệu (mã {code}: “{description}”) khi gọi "
    "{method}. Bot không thử lại yêu cầu đó; chi tiết nằm trong nhật ký của bot."
)


class Action(StrEnum):
    """What the bot does about an error."""

    IDLE = "idle"  # getUpdates without an update: not an error at all
    RETRY = "retry"  # Zalo's own trouble: the delivery layer retries with backoff
    UNREACHABLE = "unreachable"  # this chat cannot be written to
    QUOTA = "quota"  # the month's messages are used up: wait, never retry in a loop
    TOKEN = "token"  # the token is refused: nothing works until it is fixed
    REFUSED = "refused"  # our request is wrong: retrying it will not help


@dataclass(frozen=True)
class Rule:
    """One error code: its meaning, the bot's action, the admins' text, when to tell them."""

    code: int
    meaning: str
    action: Action
    notice: str | None  # formatted with code, description, method, count
    repeat: int = 1  # failures in a row before the admins are told

    def neutral(self, exc: ZaloApiError) -> DeliveryError:
        """The delivery error this code becomes (QUOTA: the channel makes it QuotaExhausted)."""
        if self.action == Action.RETRY:
            return TransientError(str(exc))
        if self.action == Action.UNREACHABLE:
            return Unreachable(str(exc))
        return DeliveryError(str(exc))


RULES = {
    r.code: r
    for r in (
        Rule(400, "bad request: wrong path or invalid API name", Action.REFUSED, REFUSED),
        Rule(401, "unauthorized: token expired or invalid", Action.TOKEN, TOKEN_HINT[401]),
        Rule(403, "internal server error", Action.RETRY, SERVER_TROUBLE, repeat=3),
        Rule(404, "not found: invalid access request", Action.REFUSED, NOT_FOUND),
        Rule(408, "request timeout", Action.RETRY, SERVER_TROUBLE, repeat=3),
        Rule(410, "chat_id is invalid (observed, undocumented)", Action.UNREACHABLE, None),
        Rule(422, "not permitted to send to this chat (observed)", Action.UNREACHABLE, None),
        Rule(429, "quota exceeded", Action.QUOTA, None),  # bot.channels.zalo_quota warns
    )
}


def rule_for(exc: ZaloApiError) -> Rule:
    """The rule of an error: by its code, 5xx as server trouble, anything else unknown.

    An idle getUpdates (408) is no failure; a 5xx HTTP status with another code in the
    body is still server trouble.
    """
    if exc.idle and exc.method == "getUpdates":
        return Rule(exc.code, "no update within the poll timeout", Action.IDLE, None)
    rule = RULES.get(exc.code)
    if rule is not None:
        return rule
    if exc.code >= 500 or exc.status >= 500:
        return Rule(exc.code, "server error", Action.RETRY, SERVER_TROUBLE, repeat=3)
    return Rule(exc.code, "undocumented", Action.REFUSED, UNKNOWN)


class Notices:
    """Logs every Zalo error with Zalo's words and tells the admins as the rules say."""

    def __init__(
        self,
        tell: Tell | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        every: timedelta = NOTICE_EVERY,
    ) -> None:
        self.tell = tell
        self.now = now
        self.every = every
        self.streak: Counter[int] = Counter()  # failures in a row, per code
        self.told: dict[int, datetime] = {}  # code -> when the admins last heard of it

    async def failed(self, exc: ZaloApiError, rule: Rule) -> None:
        """Log an error answer; tell the admins once it repeated enough and not lately."""
        if rule.action == Action.IDLE:
            return
        known = "" if exc.code in RULES or rule.action == Action.RETRY else " (undocumented)"
        log.warning(
            "zalo: %s answered %s%s: %s [%s]",
            exc.method, exc.code, known, exc.description or "-", rule.action,
        )  # fmt: skip
        self.streak[rule.code] += 1
        if rule.notice is None or self.tell is None or self.streak[rule.code] < rule.repeat:
            return
        now = self.now()
        last = self.told.get(rule.code)
        if last is not None and now - last < self.every:
            return
        self.told[rule.code] = now
        text = rule.notice.format(
            code=exc.code,
            description=exc.description or "không có mô tả",
            method=exc.method,
            count=self.streak[rule.code],
        )
        try:
            await self.tell(text, NOTICE_KIND)
        except Exception:  # telling the admins must never break the send it reports on
            log.exception("zalo: could not tell the admins about error %s", exc.code)

    def succeeded(self) -> None:
        """A call went through: the failures in a row start again from zero."""
        self.streak.clear()
