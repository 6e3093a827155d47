"""/web: an admin gets a one-time link that opens the office's web console in a browser.

The link is valid for LINK_MINUTES and opens a session once; the console checks the chat's
role again on every page, so a member who is no longer an admin is refused at once.
"""

from __future__ import annotations

from datetime import timedelta

from core.messages import Reply
from handlers.context import Request
from handlers.deadline_texts import when
from storage.repos.web_sessions import create_login

LINK_MINUTES = 10
LOGIN_PATH = "/web/dang-nhap/"
LINK_TEXT = (
    "Liên kết mở bảng điều khiển web cho đồng chí (dùng một lần, hết hạn lúc {expires}):\n"
    "{link}\n"
    "Đồng chí không chuyển liên kết này cho người khác: ai mở nó trước sẽ được đăng nhập "
    "với quyền của đồng chí. Phiên làm việc trên trình duyệt kéo dài 12 giờ."
)


async def web_command(req: Request) -> list[Reply]:
    """/web: a single-use login link to the web console (admins only, checked by the route)."""
    ctx, msg = req.ctx, req.msg
    now = ctx.clock.now()
    token = create_login(ctx.db, msg.channel, msg.chat_id, now, timedelta(minutes=LINK_MINUTES))
    link = f"{ctx.settings.web_base_url}{LOGIN_PATH}{token}"
    expires = when(now + timedelta(minutes=LINK_MINUTES), ctx.tz)
    return [Reply(LINK_TEXT.format(link=link, expires=expires))]
