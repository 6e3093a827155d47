"""The first conversation: /start, /help and the polite fallback."""

from __future__ import annotations

from core.messages import Reply
from handlers import texts
from handlers.context import Request
from handlers.org import redeem_invite


async def start(req: Request) -> list[Reply]:
    """Greet the user, or join with an invite code (/start CODE, the deep link)."""
    if req.args:
        return await redeem_invite(req)
    name = f" {req.msg.display_name}" if req.msg.display_name else ""
    text = texts.GREETING.format(name=name)
    if req.caller is None:
        text += texts.GREETING_UNREGISTERED
    return [Reply(text)]


def help_text(menu: list[tuple[str, str]]) -> str:
    """The command list a role can use, in Vietnamese, from (name, description) pairs."""
    lines = [texts.HELP_HEADER]
    lines += [f"/{name} — {description}" for name, description in menu]
    lines += ["", texts.HELP_FOOTER]
    return "\n".join(lines)


async def fallback(req: Request) -> list[Reply]:
    """Text nobody else took: an empty message, or words the bot cannot place."""
    return [Reply(texts.EMPTY_MESSAGE if not req.text else texts.FALLBACK)]
