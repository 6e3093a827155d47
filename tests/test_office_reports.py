"""The office gets its status as files in chat: the workbook and the board picture."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from bot.app import App
from core.clock import FakeClock
from handlers.reports.board import board_size, render_png
from handlers.reports.colours import STATE_COLOURS, rgb
from handlers.reports.commands import build_board
from storage.repos.assignments import assignment_views
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import add_branches, join, make_admin


@pytest.fixture
async def office(app: App, channel: FakeChannel, clock: FakeClock) -> Person:
    """Three branches, two deadlines: A1 on time, B2 late, C3 overdue; one still in time."""
    admin = make_admin(app, channel)
    await add_branches(
        admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"), ("C3", "Chi bộ Trường C")
    )
    await admin.send("/hanmoi 03/05/2024 Báo cáo sơ kết 6 tháng")
    await admin.send("/hanmoi 20/05/2024 Báo cáo quý 2")
    a1 = await join(app, channel, admin, "10", "A1")
    b2 = await join(app, channel, admin, "20", "B2")
    await a1.send("đã nộp sơ kết")
    clock.advance(timedelta(days=2))
    await b2.send("đã nộp sơ kết")
    return admin


async def test_xuatexcel_sends_the_workbook_with_colours_and_a_chart(
    app: App, channel: FakeChannel, office: Person
) -> None:
    (text,) = await office.send("/xuatexcel")
    assert text.startswith("Bảng tình hình nộp báo cáo lúc 09:00 ngày 04/05/2024: 2 hạn nộp")
    assert text.endswith("\nTình trạng: quá hạn 1, trễ hạn 1, trong hạn 3, đúng hạn 1.")
    sent = channel.last(office.chat_id).reply
    assert sent.file_path and sent.file_path.endswith(".xlsx") and sent.kind == "file"
    book = openpyxl.load_workbook(sent.file_path)
    summary = book["Tổng hợp"]
    assert [c.value for c in summary[1]][:7] == [
        "Số",
        "Việc",
        "Văn bản",
        "Hạn nộp",
        "Định kỳ",
        "Quá hạn",
        "Trễ hạn",
    ]
    assert [c.value for c in summary[2]][5:10] == [1, 1, 0, 1, 0]
    assert len(summary._charts) == 1  # the summary chart
    sheet = book[book.sheetnames[1]]
    states = {
        row[0].value: (row[4].value, row[4].fill.fgColor.rgb) for row in sheet.iter_rows(min_row=2)
    }
    assert states == {
        "A1": ("đúng hạn", "00" + STATE_COLOURS["submitted"][0]),
        "B2": ("trễ hạn", "00" + STATE_COLOURS["late"][0]),
        "C3": ("quá hạn", "00" + STATE_COLOURS["overdue"][0]),
    }


async def test_bieudo_sends_a_png_of_the_right_size_coloured_by_state(
    app: App, channel: FakeChannel, office: Person
) -> None:
    (text,) = await office.send("/bieudo")
    assert text.startswith(
        "Bảng tình hình nộp báo cáo lúc 09:00 ngày 04/05/2024: 3 chi bộ × 2 hạn nộp."
    )
    path = channel.last(office.chat_id).reply.file_path
    assert path and path.endswith(".png")
    data = Path(path).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    assert image.size == board_size(3, 2) == (720, 296)
    board, _ = build_board(app.ctx)
    # Deadlines with branches still to submit, soonest first: the overdue six-month report.
    assert [c.legend for c in board.columns] == [
        "#1 Báo cáo sơ kết 6 tháng — hạn 03/05/2024",
        "#2 Báo cáo quý 2 — hạn 20/05/2024",
    ]
    assert [states for _, states in board.rows] == [
        ["submitted", "pending"],
        ["late", "pending"],
        ["overdue", "pending"],
    ]
    # The overdue cell (C3, first column) is drawn in the overdue colour.
    x, y = 16 + 280 + 10, 16 + 40 + 46 + 2 * 30 + 5
    assert image.convert("RGB").getpixel((x, y)) == rgb(STATE_COLOURS["overdue"][0])


def test_without_dejavu_the_board_is_drawn_without_diacritics(app: App) -> None:
    from handlers.reports.board import Board, Column

    board = Board(
        "Tình hình",
        [Column("#1", "10/05", "#1 Báo cáo — hạn 10/05/2024")],
        [("A1 — Trường Đà Nẵng", ["late"])],
    )
    image = Image.open(io.BytesIO(render_png(board, None)))
    assert image.size == board_size(1, 1)


async def test_nothing_to_export_yet(app: App, channel: FakeChannel) -> None:
    admin = make_admin(app, channel)
    for command in ("/xuatexcel", "/bieudo"):
        (reply,) = await admin.send(command)
        assert reply.startswith("Chưa có hạn nộp nào được duyệt nên chưa có gì để xuất.")
    assert assignment_views(app.db) == []


async def test_secretaries_cannot_export(app: App, channel: FakeChannel, office: Person) -> None:
    secretary = Person(app, channel, "10")
    assert await secretary.send("/xuatexcel") == ["Lệnh này chỉ dành cho cán bộ Văn phòng Đảng ủy."]
