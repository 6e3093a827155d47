"""The status report: `danvan status` rows and the Excel workbook the office files."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from bot.export_audit import add_audit_sheet
from handlers.deadline_texts import RECURRENCE_VI, REPORT_ORDER, STATE_VI, period_vi
from storage.db import Database
from storage.models.org import Deadline
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.assignments import AssignmentView

SUMMARY_TITLE = "Tổng hợp"
SHEET_HEADERS = ("Mã chi bộ", "Tên chi bộ", "Kỳ", "Hạn nộp", "Tình trạng", "Thời điểm nộp")
SUMMARY_HEADERS = ("Số", "Việc", "Văn bản", "Hạn nộp", "Định kỳ")
DATE_FORMAT = "dd/mm/yyyy hh:mm"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


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


def _local(instant: datetime | None, tz: tzinfo) -> datetime | None:
    """Excel has no time zones: write the office's wall-clock time."""
    return instant.astimezone(tz).replace(tzinfo=None) if instant else None


def _sheet_title(deadline: Deadline, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique regardless of case.
    clean = " ".join(_BAD_SHEET_CHARS.sub(" ", f"{deadline.id}. {deadline.title}").split())
    base = clean[:31].strip()
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _header(sheet: Worksheet, headers: tuple[str, ...]) -> None:
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _deadline_sheet(
    sheet: Worksheet, views: list[AssignmentView], now: datetime, tz: tzinfo
) -> None:
    _header(sheet, SHEET_HEADERS)
    for v in sorted(views, key=lambda v: (v.due_at, v.branch_code)):
        sheet.append(
            [
                v.branch_code,
                v.branch_name,
                period_vi(v.period),
                _local(v.due_at, tz),
                STATE_VI[v.effective(now)],
                _local(v.submitted_at, tz),
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        row[3].number_format = row[5].number_format = DATE_FORMAT
    for column, width in zip("ABCDEF", (12, 40, 16, 18, 12, 18), strict=True):
        sheet.column_dimensions[column].width = width


def build_workbook(db: Database, now: datetime, tz: tzinfo) -> Workbook:
    """A summary sheet (counts per state per deadline) then a sheet per approved deadline."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SUMMARY_TITLE
    _header(summary, SUMMARY_HEADERS + tuple(STATE_VI[s].capitalize() for s in REPORT_ORDER))
    used = {SUMMARY_TITLE.lower()}
    for deadline in repo.deadlines(db):
        assert deadline.id is not None
        views = assignments.assignment_views(db, deadline_id=deadline.id)
        counts = repo.count_states(views, now)
        document = views[0].document_number if views else None
        summary.append(
            [
                deadline.id,
                deadline.title,
                document or "",
                _local(deadline.due_at, tz),
                RECURRENCE_VI.get(deadline.recurrence or "", ""),
                *(counts[s] for s in REPORT_ORDER),
            ]
        )
        summary.cell(row=summary.max_row, column=4).number_format = DATE_FORMAT
        _deadline_sheet(book.create_sheet(_sheet_title(deadline, used)), views, now, tz)
    summary.column_dimensions["B"].width = 45
    add_audit_sheet(book, db, tz)
    return book


def write_xlsx(db: Database, path: Path, now: datetime, tz: tzinfo) -> int:
    """Write the workbook to a file; returns how many deadline sheets it has."""
    book = build_workbook(db, now, tz)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return len(book.sheetnames) - 2  # not the summary, not the audit log
