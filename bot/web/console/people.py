"""People: branches, members (who cannot be reached), invites with a QR code, the audit log."""

from __future__ import annotations

import re

import segno
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from bot.web.console.auth import Console
from bot.web.console.pages import page
from handlers import org_texts
from handlers.audit import entry_line
from handlers.deadline_texts import day
from handlers.org import invite_command
from storage.repos import audit
from storage.repos.members import members, unreachable_chats
from storage.repos.org import list_branches

LOG_LINES = 200
ROLES = (("secretary", "bí thư", ""), ("deputy", "phó bí thư", "phó"), ("admin", "Văn phòng", ""))
_CODE = re.compile(r"/start ([A-Za-z0-9_-]+)")
_LINK = re.compile(r"https://t\.me/\S+")


def qr_svg(data: str) -> str:
    """A QR code of data as inline SVG (no picture file, no network)."""
    return str(segno.make(data, error="m").svg_inline(scale=4, dark="#000", light="#fff"))


async def people_page(console: Console, request: Request, invite: dict[str, str] | None = None
                      ) -> Response:  # fmt: skip
    """Branches, members with their channels, the unreachable, and the invite form."""
    ctx = console.context(request)
    unreachable = {member_id for member_id, _ in unreachable_chats(ctx.db)}
    rows = [
        (m, org_texts.ROLE_NAMES[m.role].split(" (")[0], day(m.joined, ctx.tz),
         ", ".join(sorted({c.channel for c in m.chats})), m.id in unreachable)
        for m in members(ctx.db)
    ]  # fmt: skip
    return page(request, "people.html", branches=list_branches(ctx.db), members=rows,
                unreachable=[r for r in rows if r[4]], roles=ROLES, invite=invite)  # fmt: skip


async def make_invite(console: Console, request: Request) -> Response:
    """An invite made by /moi itself; its code and deep link as a QR code."""
    form: FormData = request.state.form
    role, code = str(form.get("vai_tro", "secretary")), str(form.get("chibo", "")).strip()
    word = next((w for r, _, w in ROLES if r == role), "")
    args = "quản trị" if role == "admin" else f"{code} {word}".strip()
    (reply,) = await invite_command(console.acting(request, args=args))
    found, link = _CODE.search(reply.text), _LINK.search(reply.text)
    invite = {"text": reply.text}
    if found:
        target = link.group(0) if link else f"/start {found.group(1)}"
        invite |= {"code": found.group(1), "link": link.group(0) if link else "",
                   "qr": qr_svg(target), "qr_of": target}  # fmt: skip
    return await people_page(console, request, invite)


async def log_page(console: Console, request: Request) -> Response:
    """The newest entries of the audit log, newest first, as /nhatky writes them."""
    entries = audit.entries(console.context(request).db, limit=LOG_LINES)
    lines = [entry_line(e, console.context(request).tz) for e in reversed(entries)]
    return page(request, "log.html", lines=lines)
