"""`danvan status` rows (the workbook itself is handlers.reports.book, shared with the chat)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from storage.db import Database
from storage.repos import assignments


def _iso(instant: datetime | None, tz: tzinfo) -> str | None:
    return instant.astimezone(tz).isoformat() if instant else None


def status_rows(
    db: Database, now: datetime, tz: tzinfo, deadline_id: int | None = None
) -> list[dict[str, Any]]:
    """`danvan status --json`: one row per branch and period, state in the stable English set."""
    return [
        {
            "deadline_id": v.deadline_id,
            "branch": v.branch_code,
            "branch_name": v.branch_name,
            "title": v.deadline_title,
            "period": v.period,
            "due": _iso(v.due_at, tz),
            "state": v.effective(now),
            "submitted_at": _iso(v.submitted_at, tz),
        }
        for v in assignments.assignment_views(db, deadline_id=deadline_id)
    ]
