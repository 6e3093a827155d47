"""The status rows and the Excel workbook, read back with openpyxl."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from bot.app import App
from bot.export import status_rows, write_xlsx
from core.clock import FakeClock
from storage.repos.assignments import assignment_views
from tests.fakes.channel import FakeChannel
from tests.support import TZ
from tests.support_office import add_branches, join, make_admin


@pytest.fixture
async def season(app: App, channel: FakeChannel, clock: FakeClock) -> dict[str, int]:
    """Three branches, one single and one quarterly deadline, each state present once.

    A1 submits on time, B2 late, C3 never (overdue), D4 is exempt; the quarterly report's
    later periods are still in time.
    """
    admin = make_admin(app, channel)
    await add_branches(
        admin,
        ("A1", "Chi bộ Trường A"),
        ("B2", "Chi bộ Trường B"),
        ("C3", "Chi bộ Trường C"),
        ("D4", "Chi bộ Trường D"),
    )
    await admin.send("/hanmoi 03/05/2024 Báo cáo sơ kết 6 tháng: công tác dân vận")
    await admin.send("/hanmoi 2024-07-15 Báo cáo quý hằng quý chibo A1")
    ids = {v.deadline_title: v.deadline_id for v in assignment_views(app.db)}
    await admin.send(f"/mien {ids['Báo cáo sơ kết 6 tháng: công tác dân vận']} D4")
    a1 = await join(app, channel, admin, "10", "A1")
    b2 = await join(app, channel, admin, "20", "B2")
    await a1.send("đã nộp 1")
    clock.advance(timedelta(days=2))
    await b2.send("đã nộp")
    return ids


async def test_status_rows_use_the_stable_states(
    app: App, clock: FakeClock, season: dict[str, int]
) -> None:
    six = season["Báo cáo sơ kết 6 tháng: công tác dân vận"]
    rows = status_rows(app.db, clock.now(), TZ, six)
    assert [(r["branch"], r["state"]) for r in rows] == [
        ("A1", "submitted"),
        ("B2", "late"),
        ("C3", "overdue"),
        ("D4", "exempt"),
    ]
    assert rows[0]["submitted_at"] == "2024-05-02T09:00:00+07:00"
    assert rows[0]["due"] == "2024-05-03T17:00:00+07:00"
    assert rows[2]["submitted_at"] is None
    quarterly = status_rows(app.db, clock.now(), TZ, season["Báo cáo quý"])
    assert [(r["period"], r["state"]) for r in quarterly] == [
        ("2024-Q3", "pending"),
        ("2024-Q4", "pending"),
    ]


async def test_workbook_has_a_summary_and_a_sheet_per_deadline(
    app: App, clock: FakeClock, season: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "out" / "tinh-hinh.xlsx"
    assert write_xlsx(app.db, path, clock.now(), TZ) == 2
    book = openpyxl.load_workbook(path)
    six = season["Báo cáo sơ kết 6 tháng: công tác dân vận"]
    quarterly = season["Báo cáo quý"]
    assert book.sheetnames == [
        "Tổng hợp",
        f"{six}. Báo cáo sơ kết 6 tháng công"[:31],
        f"{quarterly}. Báo cáo quý",
        "Nhật ký",
    ]
    summary = [list(r) for r in book["Tổng hợp"].iter_rows(values_only=True)]
    assert summary[0] == [
        "Số", "Việc", "Văn bản", "Hạn nộp", "Định kỳ",
        "Quá hạn", "Trễ hạn", "Trong hạn", "Đúng hạn", "Miễn",
    ]  # fmt: skip
    assert summary[1] == [
        six, "Báo cáo sơ kết 6 tháng: công tác dân vận", None, datetime(2024, 5, 3, 17, 0), None,
        1, 1, 0, 1, 1,
    ]  # fmt: skip
    assert summary[2][4] == "hằng quý" and summary[2][5:] == [0, 0, 2, 0, 0]
    sheet = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    assert sheet[0] == [
        "Mã chi bộ", "Tên chi bộ", "Kỳ", "Hạn nộp", "Tình trạng", "Thời điểm nộp",
    ]  # fmt: skip
    assert sheet[1:] == [
        ["A1", "Chi bộ Trường A", None, datetime(2024, 5, 3, 17), "đúng hạn",
         datetime(2024, 5, 2, 9)],
        ["B2", "Chi bộ Trường B", None, datetime(2024, 5, 3, 17), "trễ hạn",
         datetime(2024, 5, 4, 9)],
        ["C3", "Chi bộ Trường C", None, datetime(2024, 5, 3, 17), "quá hạn", None],
        ["D4", "Chi bộ Trường D", None, datetime(2024, 5, 3, 17), "miễn", None],
    ]  # fmt: skip
    quarter_rows = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[4]) for r in quarter_rows] == [
        ("quý 3/2024", "trong hạn"),
        ("quý 4/2024", "trong hạn"),
    ]


async def test_empty_workbook_still_has_the_summary(
    app: App, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "empty.xlsx"
    assert write_xlsx(app.db, path, clock.now(), TZ) == 0
    assert openpyxl.load_workbook(path).sheetnames == ["Tổng hợp", "Nhật ký"]


async def test_status_rows_follow_the_clock(
    app: App, channel: FakeChannel, clock: FakeClock
) -> None:
    """Overdue is derived from the clock, never stored: moving time changes the state."""
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    await admin.send("/hanmoi 05/05/2024 Báo cáo")
    assert status_rows(app.db, clock.now(), TZ)[0]["state"] == "pending"
    clock.advance(timedelta(days=4))
    assert status_rows(app.db, clock.now(), TZ)[0]["state"] == "overdue"
