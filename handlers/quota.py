"""A platform's monthly message budget as the office sees it: when it opens again, and
the line /tinhhinh shows ("Zalo: đã dùng 1.234/3.000 tin nhắn tháng 05/2024.")."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from core.settings import Settings
from handlers.context import Context
from handlers.reminders.plan import quiet_end
from storage.repos.quota import cap_of, month_of, next_month, usage

RESUME_AT = time(7, 0)  # the office's morning: a new month's messages start then

USED = "Zalo: đã dùng {used}/{limit} tin nhắn tháng {month}."
USED_UNLIMITED = "Zalo: đã dùng {used} tin nhắn tháng {month} (không đặt giới hạn)."
FULL = " Đã hết hạn mức: nhắc hạn qua Zalo chờ tới {resume}."
REFUSED = " Trong tháng có {refused} tin nhắn phải dừng vì hết hạn mức."


def number_vi(value: int) -> str:
    """A count as Vietnamese write it: 3.000."""
    return f"{value:,}".replace(",", ".")


def resume_at(now: datetime, settings: Settings) -> datetime:
    """When a used-up month's budget opens again: 07:00 local on the 1st (after quiet hours)."""
    tz = ZoneInfo(settings.timezone)
    opening = datetime.combine(next_month(now, tz), RESUME_AT, tzinfo=tz)
    return quiet_end(opening, settings)


def when_vi(instant: datetime, tz: ZoneInfo) -> str:
    """'07:00 ngày 01/06/2024'."""
    local = instant.astimezone(tz)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def zalo_quota_line(ctx: Context) -> str | None:
    """This month's Zalo messages for /tinhhinh; None when Zalo is not configured."""
    if ctx.settings.zalo_bot_token is None:
        return None
    now, tz = ctx.clock.now(), ctx.tz
    rows = [r for r in usage(ctx.db, month_of(now, tz)) if r.bot.startswith("zalo")]
    used, refused = sum(r.used for r in rows), sum(r.refused for r in rows)
    limit, month = ctx.settings.zalo_monthly_limit, f"{now.astimezone(tz):%m/%Y}"
    if limit:
        line = USED.format(used=number_vi(used), limit=number_vi(limit), month=month)
    else:
        line = USED_UNLIMITED.format(used=number_vi(used), month=month)
    if any(r.exhausted(cap_of(limit)) for r in rows):
        line += FULL.format(resume=when_vi(resume_at(now, ctx.settings), tz))
    if refused:
        line += REFUSED.format(refused=number_vi(refused))
    return line
