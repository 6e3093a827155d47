"""Routes a neutral Incoming to the handler that answers it and returns its replies."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core.messages import Incoming, Reply
from handlers import texts
from handlers.context import Caller, Context, Request
from storage.repos.members import find_caller

log = logging.getLogger(__name__)

HandlerFn = Callable[[Request], Awaitable[list[Reply]]]
MaybeHandlerFn = Callable[[Request], Awaitable[list[Reply] | None]]
ErrorHook = Callable[[Incoming, BaseException], Awaitable[None]]

PUBLIC, MEMBER, ADMIN = "public", "member", "admin"
_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+(.*))?$", re.S)


@dataclass
class Command:
    """A slash command and who may use it."""

    name: str
    handler: HandlerFn
    access: str
    description: str


@dataclass
class _TextRoute:
    priority: int
    handler: MaybeHandlerFn
    access: str


class Router:
    """Commands, button presses and free text, each with an access level."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.commands: dict[str, Command] = {}
        self._callbacks: dict[str, tuple[HandlerFn, str]] = {}
        self._texts: list[_TextRoute] = []
        self._fallback: HandlerFn | None = None
        self.on_error: ErrorHook | None = None

    def command(
        self, name: str, handler: HandlerFn, access: str = MEMBER, description: str = ""
    ) -> None:
        """Register /name."""
        self.commands[name.lower()] = Command(name.lower(), handler, access, description)

    def callback(self, prefix: str, handler: HandlerFn, access: str = MEMBER) -> None:
        """Register button presses whose data starts with prefix + ':'."""
        self._callbacks[prefix] = (handler, access)

    def text(self, handler: MaybeHandlerFn, priority: int = 50, access: str = MEMBER) -> None:
        """Register a free-text handler; lower priority runs first; None means 'not mine'."""
        self._texts.append(_TextRoute(priority, handler, access))
        self._texts.sort(key=lambda route: route.priority)

    def fallback(self, handler: HandlerFn) -> None:
        """Register what answers text nobody else took."""
        self._fallback = handler

    def menu(self, role: str | None) -> list[Command]:
        """Commands to show in the platform menu for a role (None: not registered)."""
        levels = {None: {PUBLIC}, "admin": {PUBLIC, MEMBER, ADMIN}}.get(role, {PUBLIC, MEMBER})
        return [c for c in self.commands.values() if c.access in levels and c.description]

    async def handle(self, msg: Incoming) -> list[Reply]:
        """Answer one message; never raises (errors become a short apology)."""
        try:
            caller = self._caller(msg)
            return await self._dispatch(Request(msg=msg, caller=caller, ctx=self.ctx))
        except Exception as exc:  # one place turns any failure into a polite reply
            log.exception("handler failed for %s:%s", msg.channel, msg.chat_id)
            if self.on_error is not None:
                await self.on_error(msg, exc)
            return [Reply(texts.INTERNAL_ERROR)]

    def _caller(self, msg: Incoming) -> Caller | None:
        row = find_caller(self.ctx.db, msg.channel, msg.chat_id, self.ctx.settings.admin_chats)
        if row is None:
            return None
        return Caller(
            row.member_id,
            row.role,
            row.branch_id,
            row.branch_code,
            row.branch_name,
            row.display_name,
        )

    async def _dispatch(self, req: Request) -> list[Reply]:
        if req.msg.callback_data:
            return await self._on_callback(req)
        match = _COMMAND.match(req.text)
        if match:
            req.command, req.args = match.group(1).lower(), (match.group(2) or "").strip()
            command = self.commands.get(req.command)
            if command is None:
                return [Reply(texts.UNKNOWN_COMMAND.format(command=req.command))]
            return await self._guarded(req, command.handler, command.access)
        for route in self._texts:
            if not _allowed(req.caller, route.access):
                continue
            replies = await route.handler(req)
            if replies is not None:
                return replies
        if self._fallback is None:
            return [Reply(texts.FALLBACK)]
        return await self._guarded(req, self._fallback, MEMBER)

    async def _on_callback(self, req: Request) -> list[Reply]:
        prefix = (req.msg.callback_data or "").split(":", 1)[0]
        route = self._callbacks.get(prefix)
        if route is None:
            return [Reply(texts.STALE_BUTTON)]
        return await self._guarded(req, *route)

    async def _guarded(self, req: Request, handler: HandlerFn, access: str) -> list[Reply]:
        if _allowed(req.caller, access):
            return await handler(req)
        if req.caller is None:
            return [Reply(texts.NOT_REGISTERED)]
        return [Reply(texts.ADMIN_ONLY)]


def _allowed(caller: Caller | None, access: str) -> bool:
    if access == PUBLIC:
        return True
    if caller is None:
        return False
    return access == MEMBER or caller.is_admin
