"""The office's daily work leaves its trace in the audit log: several approvals at once,
forced and suggested days, hand-overs, retirements, announcements, exports in chat and
the office calendar, from chat and from the CLI."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from bot.app import App
from bot.cli import main
from handlers.ingest import ingest_paths
from handlers.proposals import propose_deadlines
from knowledge.model import Deadline as Found
from storage.repos.audit import entries
from storage.repos.deadlines import deadlines
from storage.repos.members import members
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import add_branches, join, make_admin, store_document

OFFICE = "Văn phòng (Văn phòng, fake:1)"
KH41 = """ĐẢNG BỘ SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số 41-KH/ĐU
KẾ HOẠCH
tổ chức học tập chuyên đề năm 2024

II. TỔ CHỨC THỰC HIỆN
Các chi bộ báo cáo kết quả học tập chuyên đề về Văn phòng Đảng ủy trước ngày 20/6/2024.
"""


def actions(app: App) -> list[tuple[str, str, str]]:
    """(actor, action, target) of every entry, oldest first."""
    return [(e.actor, e.action, e.target) for e in entries(app.db)]


def since(app: App, count: int) -> list[tuple[str, str]]:
    """(action, target) of the newest `count` entries."""
    return [(a, t) for _, a, t in actions(app)[-count:]] if count else []


async def test_each_of_several_approvals_and_discards_is_an_entry(
    app: App, channel: FakeChannel
) -> None:
    admin = make_admin(app, channel)
    found = [Found("Các chi bộ báo cáo rà soát trước ngày 15/3/2024.", "II", date(2024, 3, 15))]
    found += [
        Found(
            f"Các chi bộ gửi báo cáo chuyên đề {n} trước ngày {n}/6/2024.", "II", date(2024, 6, n)
        )
        for n in (3, 4, 5)
    ]
    propose_deadlines(app.ctx, store_document(app, found))
    past, first, second, third = sorted(d.id or 0 for d in deadlines(app.db, ("proposed",)))
    (bulk,) = await admin.send(f"/duyet {first},{second},{past}")  # the past one is left
    assert bulk.startswith("Đã duyệt 2 hạn nộp")
    assert (await admin.send(f"bỏ qua {third}"))[0].startswith("Đã bỏ qua")
    (forced,) = await admin.press(f"apok:{past}")
    assert forced.startswith("Đã duyệt")
    await admin.send(f"/duyet {first},{second}")  # already approved: nothing more recorded
    assert actions(app) == [
        (OFFICE, "approved", f"deadline:{first}"),
        (OFFICE, "approved", f"deadline:{second}"),
        (OFFICE, "discarded", f"deadline:{third}"),
        (OFFICE, "approved", f"deadline:{past}"),
    ]
    assert entries(app.db)[3].after["due"] == "2024-03-15T17:00:00+07:00"


async def test_a_suggested_day_is_approved_with_the_date_it_chose(
    app: App, channel: FakeChannel
) -> None:
    admin = make_admin(app, channel)
    quarter = Found(
        "Các chi bộ tổ chức sinh hoạt chuyên đề trong quý III năm 2024.",
        "II", None, period="2024-Q3",
    )  # fmt: skip
    propose_deadlines(app.ctx, store_document(app, [quarter]))
    (proposal,) = (d.id for d in deadlines(app.db, ("proposed",)))
    (asked,) = await admin.send(f"/duyet {proposal}")
    button = channel.last(admin.chat_id).reply.buttons[0][0]
    assert button.data.startswith(f"apsug:{proposal}:"), asked
    assert (await admin.press(button.data))[0].startswith("Đã duyệt")
    (entry,) = entries(app.db)
    assert (entry.action, entry.before) == ("approved", {"status": "proposed", "due": None})
    assert entry.after["due"] == "2024-09-30T17:00:00+07:00"  # the quarter's last working day


async def test_a_hand_over_its_join_and_a_retirement_are_recorded(
    app: App, channel: FakeChannel
) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    old = await join(app, channel, admin, "10", "A1")
    deputy = await join(app, channel, admin, "20", "B2")
    old_id = _member_id(app, old.chat_id)
    (made,) = await admin.send("/bangiao A1")
    code = re.search(r"/start ([A-Z0-9]+)", made)
    assert code, made
    await Person(app, channel, "30", "Trần Thị Mới").send(f"/start {code.group(1)}")
    deputy_id = _member_id(app, deputy.chat_id)
    assert (await admin.send(f"/thoi {deputy_id}"))[0].startswith("Đã cho")
    log = entries(app.db)
    handover, joined, left = log[-3:]
    assert (handover.action, handover.target) == ("invited", "branch:A1")
    assert handover.after["replaces"] == [f"#{old_id} Bí thư A1"]
    assert (joined.actor, joined.action) == ("Trần Thị Mới (chưa đăng ký, fake:30)", "joined")
    assert joined.after == {
        "role": "secretary",
        "invite": handover.after["invite"],
        "replaced": [f"#{old_id} Bí thư A1"],
    }
    assert (left.action, left.target) == ("retired", f"member:{deputy_id}")
    assert left.after == {
        "name": "Bí thư B2",
        "role": "secretary",
        "branch": "B2",
        "retired_at": "2024-05-02T09:00:00+07:00",
    }
    (shown,) = await admin.send("/nhatky 1")
    assert shown.endswith(
        f"cho thôi nhận tin thành viên #{deputy_id} (tên: Bí thư B2, vai trò: bí thư, "
        "chi bộ: B2, thôi từ: 09:00 02/05/2024)"
    )


def _member_id(app: App, chat_id: str) -> int:
    """The id of the member a chat belongs to."""
    return next(m.id for m in members(app.db) if any(c.chat_id == chat_id for c in m.chats))


async def test_an_announcement_sent_is_recorded_and_a_cancelled_one_is_not(
    app: App, channel: FakeChannel, tmp_path: Path
) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    await join(app, channel, admin, "10", "A1")
    path = tmp_path / "kh41.txt"
    path.write_text(KH41, encoding="utf-8")
    ingest_paths(app.ctx, [path])
    before = len(entries(app.db))
    await admin.send("/thongbao kh 41")
    cancel = channel.last(admin.chat_id).reply.buttons[0][1].data
    assert (await admin.press(cancel))[0].startswith("Đã hủy")
    await admin.send("/thongbao kh 41 A1")
    send = channel.last(admin.chat_id).reply.buttons[0][0].data
    assert (await admin.press(send))[0].startswith("Đã gửi")
    (sent,) = entries(app.db)[before:]
    assert (sent.action, sent.target) == ("announced", "document:41-KH/ĐU")
    assert sent.after == {"branches": ["A1"], "chats": 1}


async def test_exports_in_chat_are_recorded_and_the_workbook_holds_the_log(
    app: App, channel: FakeChannel
) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    await admin.send("/hanmoi 20/05/2024 Báo cáo quý 2")
    await admin.send("/xuatexcel")
    book = openpyxl.load_workbook(channel.last(admin.chat_id).reply.file_path or "")
    assert book.sheetnames[-1] == "Nhật ký"
    logged = [row[2] for row in book["Nhật ký"].iter_rows(min_row=2, values_only=True)]
    assert logged == ["thêm", "thêm"]  # the branch and the deadline, before this export
    await admin.send("/bieudo")
    xlsx, png = entries(app.db)[-2:]
    assert (xlsx.action, png.action) == ("exported", "exported")
    assert re.fullmatch(r"file:tinh-hinh-20240502-0900-\w+\.xlsx", xlsx.target)
    assert xlsx.after == {"sheets": 1}
    assert png.target.endswith(".png") and png.after == {"branches": 1, "deadlines": 1}


async def test_days_off_and_working_days_are_recorded_with_what_they_replaced(
    app: App, channel: FakeChannel
) -> None:
    admin = make_admin(app, channel)
    await admin.send("/ngaynghi 17/05/2024 Nghỉ dự Đại hội")
    await admin.send("/ngaylam 17/05/2024 Làm bù")  # the office changed its mind
    await admin.send("/ngaynghi xoa 17/05/2024")
    await admin.send("/ngaynghi xoa 17/05/2024")  # nothing left to withdraw: not recorded
    declared, changed, withdrawn = entries(app.db)
    assert [e.action for e in (declared, changed, withdrawn)] == [
        "day_declared", "day_declared", "day_withdrawn"
    ]  # fmt: skip
    assert declared.target == "day:2024-05-17" and declared.before is None
    assert changed.before == {"name": "Nghỉ dự Đại hội", "kind": "office"}
    assert changed.after == {"name": "Làm bù", "kind": "workday"}
    assert withdrawn.before == {"name": "Làm bù", "kind": "workday"}
    (shown,) = await admin.send("/nhatky 2")
    assert shown.split("\n")[1].endswith(
        "khai báo ngày 17/05/2024 (trước: tên: Nghỉ dự Đại hội, loại: cơ quan nghỉ; "
        "sau: tên: Làm bù, loại: làm việc bù)"
    )


async def test_cli_hand_overs_retirements_and_holidays_are_recorded_as_the_login(
    app: App, channel: FakeChannel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", app.settings.database_url)
    monkeypatch.setenv("USER", "hoa")
    monkeypatch.setenv("LOGNAME", "hoa")
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    await join(app, channel, admin, "10", "A1")
    holder = _member_id(app, "10")
    before = len(entries(app.db))
    assert main(["invite", "A1", "--replace"]) == 0
    assert main(["member", "retire", str(holder)]) == 0
    assert main(["holiday", "add", "2024-05-17", "Nghỉ dự Đại hội"]) == 0
    assert main(["holiday", "remove", "2024-05-17"]) == 0
    log = entries(app.db)[before:]
    assert [(e.actor, e.action) for e in log] == [
        ("cli:hoa", "invited"),
        ("cli:hoa", "retired"),
        ("cli:hoa", "day_declared"),
        ("cli:hoa", "day_withdrawn"),
    ]
    assert log[0].after["replaces"] == [f"#{holder} Bí thư A1"]
    assert log[1].target == f"member:{holder}"
