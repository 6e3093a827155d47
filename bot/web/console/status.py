"""The status board page and its downloads: the board as filtered, as a workbook and as a
PNG, and the whole /xuatexcel workbook (every period of every deadline)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from bot.web.console.auth import Console
from bot.web.console.board import Filters, build, caption, chosen, picture, sheets
from bot.web.console.pages import page
from handlers.audit import note
from handlers.reports.board import find_font, render_png
from handlers.reports.book import write_xlsx
from handlers.reports.commands import excel_command, export_path

NOTHING = "Chưa có hạn nộp nào được duyệt. Duyệt đề xuất ở trang “Duyệt hạn” hoặc dùng /hanmoi."
NOTHING_SHOWN = (
    "Bảng đang lọc không có hạn nộp nào nên chưa có gì để xuất. Đồng chí bỏ bớt điều kiện lọc "
    "rồi tải lại."
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filters_of(request: Request) -> Filters:
    """The board's filters from the query string (unknown values are ignored)."""
    q = request.query_params
    return Filters(q.get("ky", "")[:7], q.get("vanban", "")[:12], q.get("tinhtrang", "")[:12])


async def board_page(console: Console, request: Request) -> Response:
    """The status board: branches × deadlines coloured by state, filters, totals."""
    filters = filters_of(request)
    data = await asyncio.to_thread(build, console.context(request), filters)
    return page(request, "board.html", board=data, filters=filters, query=request.url.query,
                nothing=NOTHING)  # fmt: skip


async def board_png(console: Console, request: Request) -> Response:
    """The board as filtered, drawn by the /bieudo renderer."""
    ctx = console.context(request)
    data = await asyncio.to_thread(build, ctx, filters_of(request))
    png = await asyncio.to_thread(render_png, picture(data, ctx.tz, ctx.clock.now()), find_font())
    drawn = {"branches": len(data.rows), "deadlines": len(data.columns)}
    note(console.acting(request), "exported", "file:bang-tinh-hinh.png", after=drawn)
    headers = {"Content-Disposition": 'attachment; filename="bang-tinh-hinh.png"'}
    return Response(png, media_type="image/png", headers=headers)


async def board_xlsx(console: Console, request: Request) -> Response:
    """The board as filtered, as a workbook: its deadlines and branches, the periods shown."""
    ctx, filters = console.context(request), filters_of(request)
    data = await asyncio.to_thread(build, ctx, filters)
    if not data.columns:
        text = NOTHING_SHOWN if any(vars(filters).values()) else NOTHING
        return page(request, "message.html", 404, title="Chưa có gì để xuất", text=text)
    path = export_path(ctx, "xlsx")
    count = await asyncio.to_thread(write_xlsx, ctx.db, path, ctx.clock.now(), ctx.tz,
                                    sheets(data), caption(filters, data))  # fmt: skip
    note(console.acting(request), "exported", f"file:{path.name}",
         after={"sheets": count, "filter": chosen(filters, data)})  # fmt: skip
    return FileResponse(path, filename="tinh-hinh-nop-bao-cao.xlsx", media_type=XLSX)


async def full_xlsx(console: Console, request: Request) -> Response:
    """The /xuatexcel workbook, made by the same handler: every period of every deadline."""
    (reply,) = await excel_command(console.acting(request))
    if reply.file_path is None:
        return page(request, "message.html", 404, title="Chưa có gì để xuất", text=reply.text)
    return FileResponse(reply.file_path, filename="tinh-hinh-day-du.xlsx", media_type=XLSX)
