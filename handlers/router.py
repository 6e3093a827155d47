"""Routes a neutral Incoming through the table in handlers/routes.py and returns the replies."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable

from core.messages import Incoming, Reply
from handlers import texts
from handlers.context import Caller, Context, Request, scoped_context
from handlers.routes import (
    BUTTONS,
    COMMANDS,
    FALLBACK,
    MEMBER,
    PUBLIC,
    TEXTS,
    Command,
    HandlerFn,
    menu,
)
from storage.repos.members import find_caller

log = logging.getLogger(__name__)

ErrorHook = Callable[[Incoming, BaseException], Awaitable[None]]

_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+(.*))?$", re.S)


class Router:
    """Commands, button presses and free text, each with an access level (routes.py)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.commands: dict[str, Command] = {c.name: c for c in COMMANDS}
        self.on_error: ErrorHook | None = None

    def menu(self, role: str | None) -> list[Command]:
        """Commands to show in the platform menu for a role (None: not registered)."""
        return menu(self.commands.values(), role)

    async def handle(self, msg: Incoming) -> list[Reply]:
        """Answer one message; never raises (errors become a short apology)."""
        replies, failure = await self.attempt(msg)
        if failure is not None and self.on_error is not None:
            await self.on_error(msg, failure)
        return replies

    async def attempt(self, msg: Incoming) -> tuple[list[Reply], Exception | None]:
        """Answer one message: the replies, and the failure the apology stands for.

        The app runs this on a worker thread and the error hook back on its own loop.
        """
        try:
            caller = self._caller(msg)
            ctx = scoped_context(self.ctx, caller)
            return await self._dispatch(Request(msg=msg, caller=caller, ctx=ctx)), None
        except Exception as exc:  # one place turns any failure into a polite reply
            log.exception("handler failed for %s:%s", msg.channel, msg.chat_id)
            return [Reply(texts.INTERNAL_ERROR)], exc

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
            row.department_id,
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
        for route in TEXTS:
            if not _allowed(req.caller, route.access):
                continue
            replies = await route.handler(req)
            if replies is not None:
                return replies
        return await self._guarded(req, FALLBACK.handler, FALLBACK.access)

    async def _on_callback(self, req: Request) -> list[Reply]:
        prefix = (req.msg.callback_data or "").split(":", 1)[0]
        press = next((b for b in BUTTONS if b.prefix == prefix), None)
        if press is None:
            return [Reply(texts.STALE_BUTTON)]
        return await self._guarded(req, press.handler, press.access)

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
