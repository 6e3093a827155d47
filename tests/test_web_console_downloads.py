"""The board's downloads follow its filters: the workbook read back with openpyxl holds the
deadlines and branches the board shows, for the period shown; the full workbook stays one
click away."""

from __future__ import annotations

import io
import re
from datetime import date

import httpx
import openpyxl
import pytest

from bot.app import App
from handlers.proposals import propose_deadlines
from knowledge.model import Deadline as Found
from storage.repos.deadlines import deadlines
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_console import client, log_in
from tests.support_office import add_branches, join, make_admin, store_document

QUARTER = (
    "Các chi bộ gửi báo cáo kết quả công tác dân vận quý II về Văn phòng Đảng ủy trước ngày 20/6."
)
COLUMN = re.compile(r'<th scope="col" id="h(\d+)">')
ROW = re.compile(r'<tr><th scope="row" class="branch">([A-Z0-9]+) — ')


@pytest.fixture
async def office(app: App, channel: FakeChannel) -> Person:
    """Three branches; the plan's two dated deadlines and a second plan's quarterly report
    approved; A1 has submitted the six-month report."""
    admin = make_admin(app, channel)
    await add_branches(
        admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"), ("C3", "Chi bộ Phường C")
    )
    propose_deadlines(app.ctx, store_document(app))
    quarter = [Found(QUARTER, "II.1", date(2024, 6, 20), label="Báo cáo quý II")]
    propose_deadlines(app.ctx, store_document(app, quarter, "12-KH/ĐU", "kh12.docx"))
    dated = [d.id for d in deadlines(app.db, ("proposed",)) if d.id and d.due_at]
    (approved,) = await admin.send("/duyet " + ",".join(str(i) for i in dated))
    assert "Đã duyệt" in approved, approved
    secretary = await join(app, channel, admin, "200", "A1")
    await secretary.send("/viec")
    await secretary.send("đã nộp 1")
    return admin


async def board_and_book(
    browser: httpx.AsyncClient, params: dict[str, str]
) -> tuple[httpx.Response, openpyxl.Workbook]:
    """The board as filtered, and the workbook its «Tải tệp Excel» link downloads."""
    board = await browser.get("/web/", params=params)
    link = re.search(r'href="(/web/bang\.xlsx[^"]*)"', board.text)
    assert link, board.text[:500]
    book = await browser.get(link.group(1).replace("&amp;", "&"))
    assert book.status_code == 200, book.text[:300]
    return board, openpyxl.load_workbook(io.BytesIO(book.content))


def shown(board: httpx.Response) -> tuple[list[int], list[str]]:
    """The deadline ids of the board's columns and the branch codes of its rows."""
    return [int(i) for i in COLUMN.findall(board.text)], ROW.findall(board.text)


def in_book(book: openpyxl.Workbook) -> tuple[list[int], dict[int, list[str]]]:
    """The deadline ids on the summary, and each deadline sheet's branch codes."""
    summary = book["Tổng hợp"]
    ids = [row[0] for row in summary.iter_rows(min_row=2, values_only=True)
           if isinstance(row[0], int)]  # fmt: skip
    sheets = [name for name in book.sheetnames if name not in ("Tổng hợp", "Nhật ký")]
    branches = {int(name.split(".")[0]): [r[0] for r in book[name].iter_rows(min_row=2,
                                                                            values_only=True)]
                for name in sheets}  # fmt: skip
    return ids, branches


FILTERS = [
    {},
    {"tinhtrang": "submitted"},
    {"tinhtrang": "pending"},
    {"ky": "2024-11"},
    {"vanban": "2"},
    {"vanban": "1", "tinhtrang": "submitted"},
]


def _name(params: dict[str, str]) -> str:
    return "&".join(f"{k}={v}" for k, v in params.items()) or "none"


@pytest.mark.parametrize("params", FILTERS, ids=_name)
async def test_the_workbook_holds_what_the_board_shows(
    app: App, office: Person, params: dict[str, str]
) -> None:
    async with client(app) as browser:
        await log_in(browser, office)
        board, book = await board_and_book(browser, params)
    columns, rows = shown(board)
    ids, branches = in_book(book)
    assert columns and ids == columns
    for deadline_id in ids:
        assert set(branches[deadline_id]) <= set(rows)
    assert {code for codes in branches.values() for code in codes} == set(rows)


async def test_a_state_filter_keeps_one_branch_and_one_deadline_with_its_cell(
    app: App, office: Person
) -> None:
    async with client(app) as browser:
        await log_in(browser, office)
        board, book = await board_and_book(browser, {"tinhtrang": "submitted"})
    (log,) = await office.send("/nhatky 1")
    assert (
        log.endswith("(số hạn: 1, lọc: kỳ hiện tại của mỗi hạn; tình trạng đúng hạn)")
        and "Văn phòng (Văn phòng, web:fake:1): xuất tệp tinh-hinh-" in log
    ), log
    assert "1 chi bộ × 1 hạn nộp" in board.text
    (sheet,) = [n for n in book.sheetnames if n not in ("Tổng hợp", "Nhật ký")]
    assert sheet.endswith("Báo cáo sơ kết 6 tháng")
    (row,) = book[sheet].iter_rows(min_row=2, values_only=True)
    assert row[:2] == ("A1", "Chi bộ Trường A") and row[4] == "đúng hạn"
    summary = [r for r in book["Tổng hợp"].iter_rows(values_only=True) if any(r)]
    assert summary[1][1] == "Báo cáo sơ kết 6 tháng" and summary[1][8] == 1  # "Đúng hạn"
    assert summary[-1][0] == (
        "Như bảng đang xem trên bảng điều khiển web: kỳ hiện tại của mỗi hạn; "
        "tình trạng đúng hạn (1 chi bộ × 1 hạn nộp)."
    )


async def test_a_month_and_a_document_narrow_the_workbook(app: App, office: Person) -> None:
    async with client(app) as browser:
        await log_in(browser, office)
        _, november = await board_and_book(browser, {"ky": "2024-11"})
        _, second = await board_and_book(browser, {"vanban": "2"})
    assert november.sheetnames == ["Tổng hợp", "2. Báo cáo năm", "Nhật ký"]
    dues = [r[3] for r in november["2. Báo cáo năm"].iter_rows(min_row=2, values_only=True)]
    assert [f"{d:%d/%m/%Y}" for d in dues] == ["10/11/2024"] * 3
    (quarter,) = [n for n in second.sheetnames if n not in ("Tổng hợp", "Nhật ký")]
    assert "quý II" in second["Tổng hợp"]["B2"].value and second["Tổng hợp"]["C2"].value == (
        "12-KH/ĐU"
    )
    codes = [r[0] for r in second[quarter].iter_rows(min_row=2, values_only=True)]
    assert codes == ["A1", "B2", "C3"]
    caption = [r[0] for r in second["Tổng hợp"].iter_rows(values_only=True) if r[0]][-1]
    assert "văn bản 12-KH/ĐU" in caption and "(3 chi bộ × 1 hạn nộp)" in caption


async def test_a_filter_that_shows_nothing_downloads_nothing_and_the_full_book_has_all(
    app: App, office: Person
) -> None:
    async with client(app) as browser:
        await log_in(browser, office)
        empty = await browser.get("/web/bang.xlsx", params={"tinhtrang": "exempt"})
        full = await browser.get("/web/bang-day-du.xlsx")
        (log,) = await office.send("/nhatky 1")
    assert empty.status_code == 404 and "Bảng đang lọc không có hạn nộp nào" in empty.text
    book = openpyxl.load_workbook(io.BytesIO(full.content))
    assert len(book.sheetnames) == 2 + len([d for d in deadlines(app.db) if d.status == "approved"])
    assert "xuất tệp" in log and "web:fake:1" in log
