"""Zalo's monthly message budget: counted in the database, warned about, waited out.

The free plan allows 3,000 messages a month (ZALO_MONTHLY_LIMIT). Every message the bot
sends on Zalo is taken from the local calendar month's budget before it goes out
(storage.repos.quota.take: one compare-and-set UPDATE shared by every process). The
admins are warned when a message crosses 80% and 100%, once per month and limit. Once
the budget is used up, or Zalo itself answers 429, sending raises QuotaExhausted with
the instant it opens again (07:00 on the 1st): reminders wait in their rows until then,
replies cannot go out. A higher limit in the settings opens it at the next start, and
the reminders that waited become due at once.

The warnings themselves are never refused: the office must hear that Zalo stopped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.channels.base import QuotaExhausted
from bot.channels.zalo_errors import Tell
from core.settings import Settings
from handlers.quota import number_vi, resume_at, when_vi
from storage.db import Database
from storage.repos import quota as repo

log = logging.getLogger(__name__)

WARNING_KIND = "quota_warning"  # a reply of this kind is sent even past the limit

WARN_80 = (
    "⚠️ Zalo: bot đã dùng {used}/{limit} tin nhắn của tháng {month} ({percent}%). Khi hết "
    "hạn mức, bot không trả lời được trên Zalo và nhắc hạn qua Zalo sẽ chờ tới {resume}. "
    "Nếu đơn vị đã nâng gói Zalo, hãy tăng ZALO_MONTHLY_LIMIT."
)
WARN_100 = (
    "⛔ Zalo: bot đã dùng hết {used}/{limit} tin nhắn của tháng {month}. Từ giờ bot không "
    "gửi được tin qua Zalo: tin nhắn trên Zalo sẽ không được trả lời; nhắc hạn cho các chi bộ "
    "dùng Zalo chờ tới {resume}, hoặc được gửi ngay khi văn phòng tăng ZALO_MONTHLY_LIMIT "
    "(sau khi nâng gói) rồi khởi động lại bot. Các kênh khác vẫn gửi bình thường."
)
WARN_PLATFORM = (
    "⛔ Zalo báo đã vượt hạn mức (mã 429) khi bot mới đếm được {counted} tin nhắn của "
    "tháng {month}. Bot ngừng gửi qua Zalo; nhắc hạn cho các chi bộ dùng Zalo chờ tới "
    "{resume}, hoặc tới khi văn phòng tăng ZALO_MONTHLY_LIMIT rồi khởi động lại bot."
)


class PlatformFull(QuotaExhausted):
    """Zalo itself answered 429 (quota exceeded)."""


class MonthlyQuota:
    """One Zalo bot's monthly budget in the shared database."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        now: Callable[[], datetime],
        tell: Tell | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.now = now
        self.tell = tell
        self.tz = ZoneInfo(settings.timezone)
        self.bot = "zalo"  # "zalo:<id>" once getMe told us the bot's id

    @property
    def cap(self) -> int:
        """The month's limit in force."""
        return repo.cap_of(self.settings.zalo_monthly_limit)

    def month(self) -> str:
        """The budget's key for the current local month."""
        return repo.month_of(self.now(), self.tz)

    async def take(self, count: int, kind: str) -> int | None:
        """Take messages before sending them; the warning level they reach, if any.

        Raises QuotaExhausted (after warning the admins once) when they do not fit.
        """
        warning = kind == WARNING_KIND
        month, cap = self.month(), self.cap
        taken = await asyncio.to_thread(
            repo.take, self.db, self.bot, month, count, None if warning else cap
        )
        if not taken.ok:
            log.warning("zalo: monthly quota used up (%d/%d): message not sent", taken.used, cap)
            await self.warn(100)
            raise QuotaExhausted(resume_at(self.now(), self.settings))
        if warning or cap == repo.UNLIMITED:
            return None
        before = taken.used - count
        crossed = [p for p in repo.LEVELS if before < threshold(cap, p) <= taken.used]
        return crossed[-1] if crossed else None

    async def give_back(self, count: int) -> None:
        """Return messages taken but not sent."""
        if count > 0:
            await asyncio.to_thread(repo.give_back, self.db, self.bot, self.month(), count)

    async def platform_full(self) -> PlatformFull:
        """Zalo answered 429: the month is full whatever we counted; the error to raise
        (the sender gives back what it took, then warns)."""
        await asyncio.to_thread(repo.mark_full, self.db, self.bot, self.month(), self.cap)
        return PlatformFull(resume_at(self.now(), self.settings))

    async def warn(self, level: int) -> None:
        """Tell the admins the budget reached a level, once per month and limit."""
        if self.tell is None:
            return
        month, cap = self.month(), self.cap
        if not await asyncio.to_thread(repo.claim_warning, self.db, self.bot, month, level, cap):
            return
        text = await asyncio.to_thread(self.warning_text, level)
        try:
            told = await self.tell(text, WARNING_KIND)
        except Exception:  # a warning must never break the send that triggered it
            log.exception("zalo: quota warning failed")
            told = False
        if not told:  # nobody heard it: the next message tries again
            await asyncio.to_thread(repo.drop_warning, self.db, self.bot, month, level)

    def warning_text(self, level: int) -> str:
        """The admins' warning at a level, with this month's figures (Zalo's 429 when it
        came before our own count reached the limit)."""
        usage = self.usage()
        used, cap = usage.used if usage else 0, self.cap
        template = WARN_80 if level < 100 else WARN_100
        if level >= 100 and usage is not None and usage.full_at is not None and used < cap:
            template = WARN_PLATFORM
        counted = number_vi(used) + (f"/{number_vi(cap)}" if cap != repo.UNLIMITED else "")
        return template.format(
            used=number_vi(used),
            limit=number_vi(cap),
            counted=counted,
            percent=used * 100 // cap,
            month=f"{self.now().astimezone(self.tz):%m/%Y}",
            resume=when_vi(resume_at(self.now(), self.settings), self.tz),
        )

    def usage(self) -> repo.Usage | None:
        """This month's figures for this bot (None: nothing sent yet)."""
        rows = repo.usage(self.db, self.month(), self.bot)
        return rows[0] if rows else None

    def exhausted(self) -> bool:
        """Whether this month's budget is used up under the limit in force."""
        usage = self.usage()
        return usage is not None and usage.exhausted(self.cap)

    async def reopen(self) -> int:
        """At start: if the budget has room (a new month, a raised limit), the reminders
        that waited for it become due now; how many."""
        if await asyncio.to_thread(self.exhausted):
            return 0
        count = await asyncio.to_thread(repo.release_held, self.db, self.now())
        if count:
            log.info("zalo: the monthly quota has room again: %d reminders released", count)
        return count


def threshold(cap: int, percent: int) -> int:
    """The message count at which a warning level is reached (at least 1)."""
    return max(1, -(-cap * percent // 100))
