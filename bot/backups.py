"""The daily backup a running bot makes of its SQLite database, keeping the newest BACKUP_KEEP.

At BACKUP_TIME (local) the database is copied with SQLite's online backup API into
BACKUP_DIR (by default a "backups" folder beside the database) and older copies beyond
BACKUP_KEEP are deleted. The copy runs in a worker thread: the bot keeps answering.
PostgreSQL is backed up with pg_dump by the operator (docs/DEPLOY.md); BACKUP_KEEP=0
turns the schedule off.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from core.clock import Clock
from core.settings import Settings, clock_time
from storage.backup import BackupError, BackupResult, backup, backup_file_name, prune, sqlite_file

log = logging.getLogger(__name__)


def backup_folder(settings: Settings) -> Path | None:
    """Where scheduled backups go; None when there are none (PostgreSQL, or BACKUP_KEEP=0)."""
    database = sqlite_file(settings.database_url)
    if database is None or settings.backup_keep == 0:
        return None
    return Path(settings.backup_dir) if settings.backup_dir else database.parent / "backups"


def next_run(now: datetime, settings: Settings) -> datetime:
    """The next BACKUP_TIME (local) strictly after now."""
    tz = ZoneInfo(settings.timezone)
    local = now.astimezone(tz)
    at = datetime.combine(local.date(), clock_time(settings.backup_time), tzinfo=tz)
    return at if at > now else at + timedelta(days=1)


def run_once(settings: Settings, folder: Path, now: datetime) -> BackupResult:
    """One scheduled backup into folder, then the old ones beyond BACKUP_KEEP deleted."""
    local = now.astimezone(ZoneInfo(settings.timezone))  # names in the office's time
    result = backup(settings.database_url, folder / backup_file_name(local))
    for old in prune(folder, settings.backup_keep):
        log.info("backup: deleted the old copy %s", old.name)
    return result


class DailyBackup:
    """A task that makes the scheduled backup every day until stopped."""

    def __init__(self, settings: Settings, clock: Clock, folder: Path) -> None:
        self.settings = settings
        self.clock = clock
        self.folder = folder
        self.last: BackupResult | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start the daily loop (needs a running event loop)."""
        self._task = asyncio.create_task(self._loop(), name="daily-backup")
        log.info(
            "backup: daily at %s into %s, keeping %d",
            self.settings.backup_time, self.folder, self.settings.backup_keep,
        )  # fmt: skip

    async def stop(self) -> None:
        """Stop waiting (a copy in progress finishes in its thread; its temp file is removed)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _loop(self) -> None:
        while True:
            wait = (next_run(self.clock.now(), self.settings) - self.clock.now()).total_seconds()
            await asyncio.sleep(max(wait, 1.0))
            now = self.clock.now()
            try:
                self.last = await asyncio.to_thread(run_once, self.settings, self.folder, now)
            except BackupError as exc:
                log.error("backup: failed: %s", exc)
                continue
            log.info(
                "backup: %s, %.1f MB in %.1f s",
                self.last.path, self.last.size / 1e6, self.last.seconds,
            )  # fmt: skip
