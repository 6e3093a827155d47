"""Task tables: which column holds the task, which its time, which its lead unit.

A header row that names a time column (Thời gian, Thời hạn, Tiến độ) and a task column
(Nội dung, Nhiệm vụ, Công việc, Hoạt động) makes a task table; without a task column the
first column that is not a number is what the time belongs to (a schedule: "STT | Đơn vị
được kiểm tra | Thời gian làm việc | Trưởng đoàn"). The lead column (Đơn vị chủ trì) gives
the unit. In a table with a month column ("Tháng | Nội dung | ... | Thời gian"), a time
cell that dates nothing ("Tuần thứ hai sau Tết") falls in the row's month. Cells of other
tables (forms, figures) are not terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.parse.deadlines import find_deadlines
from knowledge.vi.doctypes import flat

_NUMBER_HEAD = re.compile(r"^(?:s?tt|so tt|so thu tu)$")
_TASK_HEAD = ("noi dung", "nhiem vu", "cong viec", "hoat dong")
_TIME_HEAD = ("thoi gian", "thoi han", "tien do", "han ")
_LEAD_HEAD = ("chu tri", "don vi thuc hien", "co quan thuc hien", "don vi")


CELL = " | "  # how a table row's cells are written, one row a line


@dataclass
class Table:
    task: int
    time: int
    lead: int | None
    month: int | None = None  # "Tháng | Nội dung | ... | Thời gian": the row's month


def cells_of(text: str) -> list[str]:
    """The cells of a table row as the corpus writes it ("a | b | c")."""
    return [cell.strip() for cell in text.split(CELL)]


def table_header(text: str) -> Table | None:
    """The columns of a task table when text is its header row, else None."""
    cells = [flat(c).lower() for c in cells_of(text)]
    time = next((i for i, c in enumerate(cells) if c.startswith(_TIME_HEAD)), None)
    if time is None:
        return None
    task = next((i for i, c in enumerate(cells) if c.startswith(_TASK_HEAD)), None)
    if task is None:
        # A schedule: "STT | Đơn vị được kiểm tra | Thời gian làm việc | Trưởng đoàn".
        task = next(
            (i for i, c in enumerate(cells) if i != time and not _NUMBER_HEAD.match(c)), None
        )
        if task is None or task > time:
            return None
    lead = next((i for i, c in enumerate(cells) if i not in (task, time) and _lead(c)), None)
    month = next((i for i, c in enumerate(cells) if c == "thang" and i not in (task, time)), None)
    return Table(task, time, lead, month)


def _lead(cell: str) -> bool:
    return any(head in cell for head in _LEAD_HEAD)


def row_cells(table: Table, text: str, year: int | None) -> tuple[str, str, str | None] | None:
    """The task, time and lead unit of a row (None when the row is too short)."""
    cells = cells_of(text)
    if len(cells) <= max(table.task, table.time):
        return None
    task, value = cells[table.task], cells[table.time]
    month = cells[table.month] if table.month is not None and table.month < len(cells) else ""
    if month and _undated(value, year):
        value = f"{value} ({month})"  # "Tuần thứ hai sau Tết" in "Tháng 02"
    lead = cells[table.lead] if table.lead is not None and table.lead < len(cells) else None
    return task, value, lead


def _undated(value: str, year: int | None) -> bool:
    """A time cell that names no day or period ("Sau Tết Nguyên đán" is relative)."""
    return all(h.kind == "relative" for h in find_deadlines(value, year, None, bare=True))
