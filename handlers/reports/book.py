"""The status workbook: a summary sheet with a chart, one sheet per approved deadline, and
the audit log ("Nhật ký") last.

/xuatexcel writes every period of every deadline (`deadline_sheets`); the web console passes
the sheets of its board as filtered, with a line on the summary saying what was chosen.

States are coloured as on the board picture (handlers.reports.colours); dates are written
as the office's wall-clock time, since Excel has no time zones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from handlers.deadline_texts import RECURRENCE_VI, REPORT_ORDER, STATE_VI, period_vi
from handlers.reports.audit_sheet import add_audit_sheet
from handlers.reports.colours import HEADER_FILL, STATE_COLOURS
from storage.db import Database
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.assignments import AssignmentView

SUMMARY_TITLE = "Tổng hợp"
SHEET_HEADERS = ("Mã chi bộ", "Tên chi bộ", "Kỳ", "Hạn nộp", "Tình trạng", "Thời điểm nộp")
SUMMARY_HEADERS = ("Số", "Việc", "Văn bản", "Hạn nộp", "Định kỳ")
CHART_TITLE = "Tình hình nộp báo cáo theo từng hạn"
DATE_FORMAT = "dd/mm/yyyy hh:mm"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Sheet:
    """One deadline in the workbook: its line on the summary and its branches' rows."""

    deadline_id: int
    title: str
    document: str
    due_at: datetime | None
    recurrence: str
    views: list[AssignmentView]


def deadline_sheets(db: Database) -> list[Sheet]:
    """Every approved deadline with every period of every branch (what /xuatexcel writes)."""
    sheets = []
    for deadline in repo.deadlines(db):
        assert deadline.id is not None
        views = assignments.assignment_views(db, deadline_id=deadline.id)
        document = (views[0].document_number if views else None) or ""
        sheets.append(Sheet(deadline.id, deadline.title, document, deadline.due_at,
                            deadline.recurrence or "", views))  # fmt: skip
    return sheets


def _local(instant: datetime | None, tz: tzinfo) -> datetime | None:
    """Excel has no time zones: write the office's wall-clock time."""
    return instant.astimezone(tz).replace(tzinfo=None) if instant else None


def _sheet_title(sheet: Sheet, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique regardless of case.
    clean = " ".join(_BAD_SHEET_CHARS.sub(" ", f"{sheet.deadline_id}. {sheet.title}").split())
    base = clean[:31].strip()
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _fill(hex_colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=hex_colour, end_color=hex_colour)


def _header(sheet: Worksheet, headers: tuple[str, ...]) -> None:
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _fill(HEADER_FILL)
    sheet.freeze_panes = "A2"


def _paint(cell: object, state: str) -> None:
    """Colour a cell as its state is coloured everywhere."""
    fill, text = STATE_COLOURS[state]
    cell.fill = _fill(fill)  # type: ignore[attr-defined]
    cell.font = Font(color=text, bold=True)  # type: ignore[attr-defined]


def _deadline_sheet(
    sheet: Worksheet, views: list[AssignmentView], now: datetime, tz: tzinfo
) -> None:
    _header(sheet, SHEET_HEADERS)
    for v in sorted(views, key=lambda v: (v.due_at, v.branch_code)):
        state = v.effective(now)
        sheet.append(
            [
                v.branch_code,
                v.branch_name,
                period_vi(v.period),
                _local(v.due_at, tz),
                STATE_VI[state],
                _local(v.submitted_at, tz),
            ]
        )
        _paint(sheet.cell(row=sheet.max_row, column=5), state)
    for row in sheet.iter_rows(min_row=2):
        row[3].number_format = row[5].number_format = DATE_FORMAT
    for column, width in zip("ABCDEF", (12, 40, 16, 18, 12, 18), strict=True):
        sheet.column_dimensions[column].width = width


def _chart(summary: Worksheet, rows: int) -> BarChart:
    """Stacked bars: one per deadline, a segment per state, in the states' colours."""
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title = CHART_TITLE
    chart.y_axis.title = "Số chi bộ"
    first = len(SUMMARY_HEADERS) + 1
    data = Reference(summary, min_col=first, max_col=first + len(REPORT_ORDER) - 1,
                     min_row=1, max_row=rows + 1)  # fmt: skip
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(summary, min_col=1, min_row=2, max_row=rows + 1))
    for series, state in zip(chart.series, REPORT_ORDER, strict=True):
        series.graphicalProperties.solidFill = STATE_COLOURS[state][0]
    chart.height, chart.width = max(7.5, 1.2 * rows + 3), 18
    return chart


def build_workbook(
    db: Database, now: datetime, tz: tzinfo, sheets: list[Sheet] | None = None, caption: str = ""
) -> Workbook:
    """A summary sheet (counts per state per deadline, a chart), a sheet per deadline (every
    deadline unless `sheets` chooses), and the audit log; `caption` goes under the summary."""
    chosen = deadline_sheets(db) if sheets is None else sheets
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SUMMARY_TITLE
    _header(summary, SUMMARY_HEADERS + tuple(STATE_VI[s].capitalize() for s in REPORT_ORDER))
    for offset, state in enumerate(REPORT_ORDER):
        _paint(summary.cell(row=1, column=len(SUMMARY_HEADERS) + 1 + offset), state)
    used = {SUMMARY_TITLE.lower()}
    for sheet in chosen:
        counts = repo.count_states(sheet.views, now)
        summary.append(
            [
                sheet.deadline_id,
                sheet.title,
                sheet.document,
                _local(sheet.due_at, tz),
                RECURRENCE_VI.get(sheet.recurrence, ""),
                *(counts[s] for s in REPORT_ORDER),
            ]
        )
        summary.cell(row=summary.max_row, column=4).number_format = DATE_FORMAT
        _deadline_sheet(book.create_sheet(_sheet_title(sheet, used)), sheet.views, now, tz)
    summary.column_dimensions["B"].width = 45
    summary.column_dimensions["D"].width = 18
    if caption:
        summary.cell(row=len(chosen) + 3, column=1, value=caption).font = Font(italic=True)
    if chosen:
        summary.add_chart(_chart(summary, len(chosen)), f"A{len(chosen) + 5}")
    add_audit_sheet(book, db, tz)
    return book


def write_xlsx(
    db: Database,
    path: Path,
    now: datetime,
    tz: tzinfo,
    sheets: list[Sheet] | None = None,
    caption: str = "",
) -> int:
    """Write the workbook to a file; returns how many deadline sheets it has."""
    book = build_workbook(db, now, tz, sheets, caption)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return len(book.sheetnames) - 2  # not the summary, not the audit log
