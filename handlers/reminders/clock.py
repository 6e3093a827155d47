"""/tua N: in the terminal chat on a simulated date, move the clock N days on.

Reminders, the digest and overdue alerts of the skipped days go out as they would have,
so a newcomer sees the whole loop in one sitting (`danvan chat --now YYYY-MM-DD`).
"""

from __future__ import annotations

import re
from datetime import timedelta

from core.messages import Reply
from handlers.context import Request
from handlers.reminders.calendar import weekday_name

MAX_DAYS = 366
_DAYS = re.compile(r"^\s*(\d{1,3})?\s*(ngay|ngày)?\s*$", re.I)
ONLY_SIMULATED = (
    "Lệnh /tua chỉ dùng trong chat thử trên terminal với ngày giả lập: "
    "danvan chat --now YYYY-MM-DD."
)
USAGE = "Cách dùng: /tua N để chuyển đồng hồ giả lập thêm N ngày (1 đến 366), ví dụ /tua 3."
MOVED = "Đồng hồ giả lập đã chuyển thêm {days} ngày, tới {at}. {sent}"
SENT = "Trong thời gian đó bot đã gửi {count} tin nhắn (in ở trên)."
NONE_SENT = "Trong thời gian đó không có tin nhắn nào được gửi."


async def advance_command(req: Request) -> list[Reply]:
    """/tua N: move the simulated clock N days on, running the reminders of those days."""
    advance = req.ctx.advance
    if advance is None or req.msg.channel != "console":
        return [Reply(ONLY_SIMULATED)]
    match = _DAYS.match(req.args)
    days = int(match.group(1) or 1) if match else 0
    if not 1 <= days <= MAX_DAYS:
        return [Reply(USAGE)]
    count = await advance(timedelta(days=days))
    local = req.ctx.clock.now().astimezone(req.ctx.tz)
    at = f"{local:%H:%M} {weekday_name(local.date())} {local:%d/%m/%Y}"
    sent = SENT.format(count=count) if count else NONE_SENT
    return [Reply(MOVED.format(days=days, at=at, sent=sent))]
