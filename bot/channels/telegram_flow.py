"""How Telegram updates flow through the Application: a lane per chat, and a refused token.

python-telegram-bot hands every update to an update processor; ours (a custom
`BaseUpdateProcessor`, its documented extension point for concurrent updates) answers
different chats side by side and one chat's updates in order (bot/channels/lanes.py).
PTB's own limit on concurrent updates counts queued ones too, so it is set far above
anything a flood brings; the lanes bound the updates actually at work.

A 401 or 404 from the Bot API means the token is wrong or revoked (PTB: InvalidToken);
nothing will work again, so the channel hands TokenRejected to its fatal hook once, which
alerts the admins on the other channel and stops the process (bot/halt.py). `mapped`
turns the other Bot API errors into the neutral delivery errors.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from telegram import Update
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import BaseUpdateProcessor

from bot.channels.base import (
    DeliveryError,
    RetryLater,
    TokenRejected,
    TransientError,
    Unreachable,
)
from bot.channels.lanes import RUNNING, Lanes

log = logging.getLogger(__name__)

T = TypeVar("T")

Fatal = Callable[[TokenRejected], Awaitable[None]]

QUEUED = 1_000_000  # PTB's bound, counting queued updates: never the one that holds back
REFUSED = (401, 404)  # Unauthorized (a revoked token), Not Found (a malformed one)


def token_hint(code: int) -> str:
    """The one line saying what to fix when Telegram refuses the token."""
    if code == 404:
        return (
            "Telegram không nhận ra token (404): kiểm tra TELEGRAM_BOT_TOKEN và "
            "TELEGRAM_API_BASE_URL."
        )
    return "Telegram từ chối token (401): kiểm tra TELEGRAM_BOT_TOKEN."


def refused(exc: InvalidToken) -> TokenRejected:
    """PTB's InvalidToken as the neutral TokenRejected, with the hint."""
    return TokenRejected(token_hint(404 if "not found" in str(exc).lower() else 401))


class ChatOrder(BaseUpdateProcessor):
    """PTB's update processor: different chats concurrently, each chat's updates in order."""

    def __init__(self, running: int = RUNNING) -> None:
        super().__init__(QUEUED)
        self.lanes = Lanes(running)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this chat's earlier updates, then process this one."""
        await self.lanes.run(chat_key(update), coroutine)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: PTB waits for the updates in hand before this."""


def chat_key(update: object) -> str:
    """The lane of an update: its chat (updates without one share a lane)."""
    if isinstance(update, Update) and update.effective_chat is not None:
        return str(update.effective_chat.id)
    return "-"


class FatalOnce:
    """Hands a refused token to the hook once, however many calls see it."""

    def __init__(self, hook: Fatal | None) -> None:
        self.hook = hook
        self.told = False

    async def __call__(self, exc: TokenRejected) -> None:
        """Log it and call the hook, the first time only."""
        if self.told:
            return
        self.told = True
        log.error("telegram: %s", exc)
        if self.hook is not None:
            await self.hook(exc)


async def mapped(call: Awaitable[T]) -> T:
    """Await a Bot API call, turning Telegram errors into the neutral delivery errors."""
    try:
        return await call
    except RetryAfter as exc:
        raise RetryLater(retry_seconds(exc)) from exc
    except InvalidToken as exc:  # 401/404: the token, not this message
        raise refused(exc) from exc
    except Forbidden as exc:
        raise Unreachable(str(exc)) from exc
    except BadRequest as exc:  # before NetworkError: BadRequest is a subclass of it
        if "chat not found" in str(exc).lower():
            raise Unreachable(str(exc)) from exc
        raise DeliveryError(str(exc)) from exc
    except NetworkError as exc:  # TimedOut and 5xx answers included
        raise TransientError(str(exc)) from exc
    except TelegramError as exc:
        raise DeliveryError(str(exc)) from exc


def retry_seconds(exc: RetryAfter) -> float:
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
