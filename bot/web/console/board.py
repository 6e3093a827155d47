"""The status board: branches × deadlines, filtered by period, document and state.

The cells are the same views /tinhhinh, /bieudo and /xuatexcel read (each deadline's current
period, `handlers.status.current_period`; its date, `shown_due`); with a month chosen, each
deadline shows its period due in that month instead. The PNG is drawn by the /bieudo
renderer and the workbook written by /xuatexcel's writer, both from the board as filtered
here: what is downloaded is what is shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from handlers import deadline_texts as T
from handlers.context import Context
from handlers.reports.board import Board, Column, board_title
from handlers.reports.book import Sheet
from handlers.status import current_period, shown_due
from storage.models.org import Deadline
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.assignments import AssignmentView
from storage.repos.org import list_branches


@dataclass(frozen=True)
class Filters:
    """What the office narrowed the board to ("" for all)."""

    month: str = ""  # "2024-05": deadlines whose period falls due that month
    document: str = ""  # a document id
    state: str = ""  # one of STATE_VI's keys


@dataclass
class BoardColumn:
    """One deadline (one period) on the board."""

    deadline_id: int
    title: str
    due: str  # "10/05"
    due_full: str  # "17:00 ngày 10/05/2024"
    document: str
    document_id: int | None
    due_at: datetime
    recurrence: str
    states: dict[int, AssignmentView]  # branch id -> its view
    totals: dict[str, int] = field(default_factory=dict)


@dataclass
class BoardRow:
    """One branch: a (state, hover text) per column and its totals."""

    code: str
    name: str
    cells: list[tuple[str, str]]  # ("" when the deadline is not the branch's)
    totals: dict[str, int]


@dataclass
class BoardData:
    """The board as the page draws it, with the choices its filters offer."""

    title: str
    columns: list[BoardColumn]
    rows: list[BoardRow]
    totals: dict[str, int]
    months: list[tuple[str, str]]  # ("2024-05", "Tháng 05/2024")
    documents: list[tuple[str, str]]  # (id, number or title)


def _hover(view: AssignmentView, state: str, tz: tzinfo) -> str:
    """The title attribute of a cell: when it was submitted, or what is due."""
    if view.submitted_at is not None:
        return f"{T.STATE_VI[state].capitalize()}: nộp lúc {T.when(view.submitted_at, tz)}"
    if state == "exempt":
        return "Được miễn nộp"
    return f"{T.STATE_VI[state].capitalize()}: hạn {T.when(view.due_at, tz)}, chưa nộp"


def _period_views(views: list[AssignmentView], month: str, tz: tzinfo) -> list[AssignmentView]:
    """The views of one deadline to show: its current period, or the period due in `month`."""
    if not month:
        return current_period(views)
    periods = {v.period for v in views if f"{v.due_at.astimezone(tz):%Y-%m}" == month}
    return [v for v in views if v.period in periods]


def _column(deadline: Deadline, views: list[AssignmentView], ctx: Context) -> BoardColumn:
    assert deadline.id is not None
    due = shown_due(deadline, views) or ctx.clock.now()
    first = views[0] if views else None
    return BoardColumn(
        deadline.id, T.with_period(deadline.title, first.period if first else ""),
        f"{due.astimezone(ctx.tz):%d/%m}", T.when(due, ctx.tz),
        (first.document_number or first.document_title or "") if first else "",
        deadline.document_id, due, deadline.recurrence or "", {v.branch_id: v for v in views},
    )  # fmt: skip


def build(ctx: Context, filters: Filters) -> BoardData:
    """The board now: the columns and rows the filters keep, with totals both ways."""
    now, tz = ctx.clock.now(), ctx.tz
    by_deadline: dict[int, list[AssignmentView]] = defaultdict(list)
    for view in assignments.assignment_views(ctx.db):
        by_deadline[view.deadline_id].append(view)
    months: set[str] = {f"{v.due_at.astimezone(tz):%Y-%m}" for vs in by_deadline.values()
                        for v in vs}  # fmt: skip
    columns, documents = [], {}
    for deadline in repo.deadlines(ctx.db):
        views = _period_views(by_deadline.get(deadline.id or 0, []), filters.month, tz)
        if not views:
            continue
        column = _column(deadline, views, ctx)
        if column.document_id is not None:
            documents[str(column.document_id)] = column.document
        if filters.document and str(column.document_id) != filters.document:
            continue
        columns.append(column)
    branches = [b for b in list_branches(ctx.db) if b.active]
    rows = []
    for branch in branches:
        cells = []
        for column in columns:
            mine = column.states.get(branch.id)
            state = mine.effective(now) if mine else ""
            cells.append((state, _hover(mine, state, tz) if mine else "Không giao cho chi bộ này"))
        rows.append(BoardRow(branch.code, branch.name, cells, _count(s for s, _ in cells)))
    columns, rows = _keep_state(columns, rows, filters.state)
    for j, column in enumerate(columns):
        column.totals = _count(row.cells[j][0] for row in rows)
    return BoardData(
        board_title(now, tz), columns, rows, _count(s for r in rows for s, _ in r.cells),
        [(m, f"Tháng {m[5:]}/{m[:4]}") for m in sorted(months)], sorted(documents.items()),
    )  # fmt: skip


def _count(states: object) -> dict[str, int]:
    counts = dict.fromkeys(T.REPORT_ORDER, 0)
    for state in states:  # type: ignore[attr-defined]
        if state:
            counts[state] += 1
    return counts


def _keep_state(
    columns: list[BoardColumn], rows: list[BoardRow], state: str
) -> tuple[list[BoardColumn], list[BoardRow]]:
    """With a state chosen: the branches and deadlines that have a cell in it."""
    if state not in T.STATE_VI:
        return columns, rows
    keep = [j for j in range(len(columns)) if any(r.cells[j][0] == state for r in rows)]
    rows = [r for r in rows if any(r.cells[j][0] == state for j in keep)]
    for row in rows:
        row.cells = [row.cells[j] for j in keep]
        row.totals = _count(s for s, _ in row.cells)
    return [columns[j] for j in keep], rows


def picture(data: BoardData, tz: tzinfo, now: datetime) -> Board:
    """The same board for the /bieudo renderer."""
    columns = [Column(f"#{c.deadline_id}", c.due, f"#{c.deadline_id} {c.title} — hạn {c.due_full}")
               for c in data.columns]  # fmt: skip
    rows = [(f"{r.code} — {r.name}", [s or None for s, _ in r.cells]) for r in data.rows]
    return Board(board_title(now, tz), columns, rows)


def sheets(data: BoardData) -> list[Sheet]:
    """The workbook's sheets for the board as shown: its deadlines, each with the cells of
    the branches on the board (the period shown, not the deadline's history)."""
    shown = {row.code for row in data.rows}
    return [Sheet(c.deadline_id, c.title, c.document, c.due_at, c.recurrence,
                  [v for v in c.states.values() if v.branch_code in shown])
            for c in data.columns]  # fmt: skip


def chosen(filters: Filters, data: BoardData) -> str:
    """The filters as the office says them: "tháng 11/2024; tình trạng quá hạn"."""
    months, documents = dict(data.months), dict(data.documents)
    parts = [months.get(filters.month, filters.month).lower() if filters.month
             else "kỳ hiện tại của mỗi hạn"]  # fmt: skip
    if filters.document:
        parts.append(f"văn bản {documents.get(filters.document, filters.document)}")
    if filters.state in T.STATE_VI:
        parts.append(f"tình trạng {T.STATE_VI[filters.state]}")
    return "; ".join(parts)


def caption(filters: Filters, data: BoardData) -> str:
    """What the workbook's summary says was chosen on the board."""
    return (f"Như bảng đang xem trên bảng điều khiển web: {chosen(filters, data)} "
            f"({len(data.rows)} chi bộ × {len(data.columns)} hạn nộp).")  # fmt: skip
