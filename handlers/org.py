"""Branches, members and joining by invite (/start CODE)."""

from __future__ import annotations

from bot.channels.base import Reply
from handlers.context import Request
from handlers.router import Router


def register(router: Router) -> None:
    """Add this module's routes to the router."""


async def redeem_invite(req: Request) -> list[Reply]:
    """Bind the chat to the branch and role of an invite code."""
    return [Reply("Mã mời không hợp lệ hoặc đã hết hạn.")]
