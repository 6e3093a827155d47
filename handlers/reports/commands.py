"""/xuatexcel and /bieudo: the office gets the workbook and the board picture in chat.

The files are written to EXPORT_DIR (kept a week) and sent as files where the channel can
send files; Zalo cannot yet, and says where to get them.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from pathlib import Path

from core.messages import Reply
from handlers import deadline_texts as T
from handlers.audit import note
from handlers.context import Context, Request
from handlers.reports.board import NO_FONT_NOTE, Board, Column, board_title, find_font, render_png
from handlers.reports.book import write_xlsx
from handlers.status import current_period, shown_due
from storage.models.org import Deadline
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.org import list_branches

MAX_COLUMNS = 12  # deadlines on one picture: wider would not read on a phone
KEEP_FILES = 7 * 24 * 3600  # seconds an exported file stays in EXPORT_DIR

NOTHING = "Chưa có hạn nộp nào được duyệt nên chưa có gì để xuất. Thêm bằng /hanmoi hoặc /dexuat."
XLSX_SENT = (
    "Bảng tình hình nộp báo cáo lúc {at}: {count} hạn nộp, mỗi hạn một trang; "
    "trang đầu là tổng hợp có biểu đồ."
)
PNG_SENT = "Bảng tình hình nộp báo cáo lúc {at}: {rows} chi bộ × {columns} hạn nộp."
PNG_MORE = (
    " Ảnh chỉ có {shown} hạn gần nhất còn chi bộ chưa nộp; đủ {total} hạn có trong /xuatexcel."
)
COUNTS = "\nTình trạng: {counts}."
NO_BRANCHES = "Chưa có chi bộ nào nên chưa vẽ được bảng. Thêm chi bộ bằng /themchibo."


def export_path(ctx: Context, suffix: str) -> Path:
    """A new file name in EXPORT_DIR; files older than a week are removed first."""
    folder = Path(ctx.settings.export_dir)
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEEP_FILES
    for old in folder.glob("tinh-hinh-*"):
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    local = ctx.clock.now().astimezone(ctx.tz)
    return folder / f"tinh-hinh-{local:%Y%m%d-%H%M}-{secrets.token_hex(2)}.{suffix}"


def _counts(ctx: Context) -> str:
    """'quá hạn 2, trễ hạn 1, …' over every open period of every deadline."""
    now = ctx.clock.now()
    views = [
        v
        for d in repo.deadlines(ctx.db)
        for v in current_period(assignments.assignment_views(ctx.db, deadline_id=d.id))
    ]
    counts = repo.count_states(views, now)
    return ", ".join(f"{T.STATE_VI[s]} {counts[s]}" for s in T.REPORT_ORDER if counts[s])


async def excel_command(req: Request) -> list[Reply]:
    """/xuatexcel: the status workbook as a file."""
    ctx = req.ctx
    if not repo.deadlines(ctx.db):
        return [Reply(NOTHING)]
    path, now = export_path(ctx, "xlsx"), ctx.clock.now()
    sheets = await asyncio.to_thread(write_xlsx, ctx.db, path, now, ctx.tz)
    note(req, "exported", f"file:{path.name}", after={"sheets": sheets})
    text = XLSX_SENT.format(at=T.when(now, ctx.tz), count=sheets) + COUNTS.format(
        counts=_counts(ctx)
    )
    return [Reply(text, file_path=str(path), kind="file")]


def _columns(ctx: Context) -> tuple[list[Deadline], int]:
    """The deadlines to draw (open ones first, soonest first) and how many there are."""
    now = ctx.clock.now()
    chosen = []
    for deadline in repo.deadlines(ctx.db):
        views = current_period(assignments.assignment_views(ctx.db, deadline_id=deadline.id))
        due = shown_due(deadline, views) or now
        chosen.append((not any(v.is_open for v in views), due, deadline))
    chosen.sort(key=lambda item: (item[0], item[1], item[2].id or 0))
    return [d for _, _, d in chosen[:MAX_COLUMNS]], len(chosen)


def build_board(ctx: Context) -> tuple[Board, int]:
    """The board's contents now, and how many deadlines exist in all."""
    now, tz = ctx.clock.now(), ctx.tz
    shown, total = _columns(ctx)
    branches = [b for b in list_branches(ctx.db) if b.active]
    columns, states = [], []
    for deadline in shown:
        views = current_period(assignments.assignment_views(ctx.db, deadline_id=deadline.id))
        due = shown_due(deadline, views) or now
        title = T.with_period(deadline.title, views[0].period if views else "")
        columns.append(Column(f"#{deadline.id}", f"{due.astimezone(tz):%d/%m}",
                              f"#{deadline.id} {title} — hạn {T.day(due, tz)}"))  # fmt: skip
        states.append({v.branch_id: v.effective(now) for v in views})
    rows = [(f"{b.code} — {b.name}", [column.get(b.id) for column in states]) for b in branches]
    return Board(board_title(now, tz), columns, rows), total


async def board_command(req: Request) -> list[Reply]:
    """/bieudo: a picture of the board, branches × deadlines coloured by state."""
    ctx = req.ctx
    if not repo.deadlines(ctx.db):
        return [Reply(NOTHING)]
    board, total = build_board(ctx)
    if not board.rows:
        return [Reply(NO_BRANCHES)]
    font = find_font()
    png = await asyncio.to_thread(render_png, board, font)
    path = export_path(ctx, "png")
    path.write_bytes(png)
    drawn = {"branches": len(board.rows), "deadlines": len(board.columns)}
    note(req, "exported", f"file:{path.name}", after=drawn)
    text = PNG_SENT.format(
        at=T.when(ctx.clock.now(), ctx.tz), rows=len(board.rows), columns=len(board.columns)
    )
    if total > len(board.columns):
        text += PNG_MORE.format(shown=len(board.columns), total=total)
    text += COUNTS.format(counts=_counts(ctx))
    if font is None:
        text += "\n" + NO_FONT_NOTE
    return [Reply(text, file_path=str(path), kind="file")]
