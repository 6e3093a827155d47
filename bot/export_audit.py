"""The "Nhật ký" sheet of the status workbook: the audit log as the office files it."""

from __future__ import annotations

from datetime import tzinfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from handlers.audit import action_vi, target_vi, value_vi
from storage.db import Database
from storage.repos.audit import entries

AUDIT_TITLE = "Nhật ký"
AUDIT_HEADERS = ("Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Trước", "Sau")
_WIDTHS = (18, 40, 20, 24, 40, 40)
DATE_FORMAT = "dd/mm/yyyy hh:mm"


def add_audit_sheet(book: Workbook, db: Database, tz: tzinfo) -> int:
    """Append the sheet with every entry, oldest first; returns how many rows it holds."""
    sheet = book.create_sheet(AUDIT_TITLE)
    sheet.append(list(AUDIT_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    found = entries(db)
    for entry in found:
        sheet.append(
            [
                entry.at.astimezone(tz).replace(tzinfo=None),  # Excel has no time zones
                entry.actor,
                action_vi(entry.action),
                target_vi(entry.target),
                value_vi(entry.before, tz),
                value_vi(entry.after, tz),
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        row[0].number_format = DATE_FORMAT
        for cell in row[4:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEF", _WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    return len(found)
