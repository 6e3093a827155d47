"""The first conversation: /start, /help and the polite fallback."""

from __future__ import annotations

from core.messages import Reply
from handlers import texts
from handlers.context import Request
from handlers.router import PUBLIC, Router


async def start(req: Request) -> list[Reply]:
    """Greet the user, or join with an invite code (/start CODE, the deep link)."""
    if req.args:
        from handlers.org import redeem_invite

        return await redeem_invite(req)
    name = f" {req.msg.display_name}" if req.msg.display_name else ""
    text = texts.GREETING.format(name=name)
    if req.caller is None:
        text += texts.GREETING_UNREGISTERED
    return [Reply(text)]


def help_text(router: Router, role: str | None) -> str:
    """The command list a role can use, in Vietnamese."""
    lines = [texts.HELP_HEADER]
    lines += [f"/{c.name} — {c.description}" for c in router.menu(role)]
    lines += ["", texts.HELP_FOOTER]
    return "\n".join(lines)


def register(router: Router) -> None:
    """Add /start, /help and the fallback to the router."""

    async def help_(req: Request) -> list[Reply]:
        role = req.caller.role if req.caller else None
        return [Reply(help_text(router, role))]

    async def fallback(req: Request) -> list[Reply]:
        return [Reply(texts.EMPTY_MESSAGE if not req.text else texts.FALLBACK)]

    router.command("start", start, PUBLIC, "Bắt đầu, giới thiệu bot")
    router.command("help", help_, PUBLIC, "Xem hướng dẫn và các lệnh")
    router.fallback(fallback)
