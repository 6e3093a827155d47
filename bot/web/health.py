"""/healthz: is this bot doing its job? Database, scheduler, channels, reminders.

Each check says ok or not and why; the endpoint answers 200 when all are ok and 503
naming the failing ones otherwise, so Docker, systemd or a monitor can act on it.
- database: answers `SELECT 1` (and, for SQLite, its file is still there);
- scheduler: running, and its last tick began less than STALE ago;
- channels: a polling channel heard from its platform less than STALE ago (a webhook
  channel only reports: silence on a webhook just means nobody wrote);
- reminders: none has waited more than HEALTH_OVERDUE_MINUTES of sendable time (quiet
  hours do not count) without going out.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.app import App
from bot.channels.webhook import Activity
from core.settings import Settings
from handlers.reminders.plan import in_quiet_hours, quiet_end
from storage.repos.health import DatabaseGone, ping, unsent_due_before

# The sweep runs every 30 s and polls answer within 30 s; five minutes of silence is not
# a slow moment but a stuck task or a lost platform (a long fan-out tick still fits).
STALE = timedelta(minutes=5)
DB_TIMEOUT = 5.0  # seconds: a database slower than this is as good as gone for a probe


class Ticking(Protocol):
    """The reminder scheduler as health sees it."""

    last_tick: datetime | None

    @property
    def running(self) -> bool:
        """Whether APScheduler still runs."""
        ...


class Receiving(Protocol):
    """A channel as health sees it."""

    name: str
    activity: Activity


@dataclass
class Health:
    """The checks of one running bot; the runtime sets the scheduler once it started."""

    app: App
    channels: Sequence[Receiving] = ()
    scheduler: Ticking | None = None

    async def report(self) -> tuple[bool, dict[str, Any]]:
        """Run every check; (healthy, the JSON body)."""
        now = self.app.ctx.clock.now()
        checks = {"database": await self._database()}
        checks["scheduler"] = self._scheduler(now)
        checks["channels"] = {c.name: _channel(c.activity) for c in self.channels}
        if checks["database"]["ok"]:
            checks["reminders"] = await asyncio.to_thread(self._reminders, now)
        else:
            checks["reminders"] = {"ok": False, "error": "cơ sở dữ liệu không trả lời"}
        failing = [k for k, v in checks.items() if k != "channels" and not v["ok"]]
        failing += [f"channels.{k}" for k, v in checks["channels"].items() if not v["ok"]]
        body = {"ok": not failing, "failing": failing, "at": now.isoformat(), **checks}
        return not failing, body

    async def _database(self) -> dict[str, Any]:
        try:
            await asyncio.wait_for(asyncio.to_thread(ping, self.app.db), DB_TIMEOUT)
        except DatabaseGone as exc:
            return {"ok": False, "error": str(exc)}
        except TimeoutError:
            return {"ok": False, "error": f"không trả lời sau {DB_TIMEOUT:.0f} giây"}
        return {"ok": True}

    def _scheduler(self, now: datetime) -> dict[str, Any]:
        scheduler = self.scheduler
        if scheduler is None or not scheduler.running:
            return {"ok": False, "error": "bộ hẹn giờ nhắc hạn không chạy"}
        if scheduler.last_tick is None:
            return {"ok": False, "error": "bộ hẹn giờ chưa chạy lượt nào"}
        age = (now - scheduler.last_tick).total_seconds()
        result = {"ok": age < STALE.total_seconds(), "last_tick": scheduler.last_tick.isoformat()}
        result["age_seconds"] = round(age, 1)
        if not result["ok"]:
            result["error"] = f"lượt quét cuối cách đây {age / 60:.0f} phút"
        return result

    def _reminders(self, now: datetime) -> dict[str, Any]:
        settings = self.app.settings
        minutes = settings.health_overdue_minutes
        grace = timedelta(minutes=minutes)
        due = unsent_due_before(self.app.db, now - grace)
        late = [d for d in due if is_late(d, now, grace, settings)]
        result: dict[str, Any] = {"ok": not late, "overdue": len(late)}
        if late:
            result["oldest_due"] = late[0].isoformat()
            result["error"] = f"{len(late)} nhắc hạn quá {minutes} phút chưa gửi"
        return result


def is_late(due: datetime, now: datetime, grace: timedelta, settings: Settings) -> bool:
    """Whether a reminder due at `due` has had `grace` of sendable time without going out.

    Quiet hours hold reminders back on purpose: in them nothing is late, and after them
    the scheduler gets `grace` again to send what they held.
    """
    if in_quiet_hours(now, settings):
        return False
    ready = quiet_end(due, settings)  # the first instant it could go
    opened = _quiet_ended(now, settings)
    if opened is not None:
        ready = max(ready, opened)
    return ready + grace < now


def _quiet_ended(now: datetime, settings: Settings) -> datetime | None:
    """When the quiet hours before `now` ended (now is outside them); None without any."""
    window = settings.quiet_window
    if window is None:
        return None
    tz = ZoneInfo(settings.timezone)
    end = datetime.combine(now.astimezone(tz).date(), window[1], tzinfo=tz)
    return end if end <= now else end - timedelta(days=1)


def _channel(activity: Activity) -> dict[str, Any]:
    age = activity.age()
    heard = activity.last_ok is not None
    polling = activity.mode == "polling"
    ok = not polling or age < STALE.total_seconds()
    result: dict[str, Any] = {"ok": ok, "mode": activity.mode, "heard": heard}
    result["age_seconds"] = round(age, 1)
    if not ok:
        result["error"] = f"không nhận được gì từ nền tảng trong {age / 60:.0f} phút"
    return result
