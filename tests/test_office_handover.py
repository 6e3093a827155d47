"""A branch changes its secretary: the new one joins, the old one stops, history stays."""

from __future__ import annotations

import re

import pytest

from bot.app import App
from storage.repos.assignments import assignment_views
from storage.repos.members import branch_chats, members
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import add_branches, join, make_admin


@pytest.fixture
async def office(app: App, channel: FakeChannel) -> Person:
    """An admin, branch A1 with a deadline."""
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    await admin.send("/hanmoi 10/05/2024 Báo cáo sơ kết 6 tháng")
    await admin.send("/hanmoi 20/05/2024 Báo cáo quý 2")
    return admin


async def test_the_new_secretary_takes_over_and_the_old_one_stops(
    app: App, channel: FakeChannel, office: Person
) -> None:
    old = await join(app, channel, office, "10", "A1")
    old.name = "Nguyễn Văn Cũ"
    await old.send("đã nộp sơ kết")
    (made,) = await office.send("/bangiao A1")
    assert made.startswith("Mã bàn giao cho bí thư mới của Chi bộ Trường A (A1): ")
    assert made.endswith(
        "Khi người nhận tham gia bằng mã này, đồng chí Bí thư A1 thôi nhận tin của chi bộ; các "
        "việc và lịch sử nộp báo cáo của chi bộ vẫn giữ nguyên."
    )
    code = re.search(r"/start ([A-Z0-9]+)", made)
    assert code
    new = Person(app, channel, "30", "Trần Thị Mới")
    (joined,) = await new.send(f"/start {code.group(1)}")
    assert joined.endswith(
        "Đồng chí nhận bàn giao từ Bí thư A1; các việc đang chờ và lịch sử của chi bộ vẫn giữ "
        "nguyên."
    )
    assert old.inbox()[-1] == (
        "Đồng chí Trần Thị Mới đã nhận bàn giao nhiệm vụ bí thư của Chi bộ Trường A. Từ nay bot "
        "không gửi nhắc việc của chi bộ tới đồng chí nữa. Cảm ơn đồng chí đã đồng hành cùng chi bộ."
    )
    assert office.inbox()[-1] == (
        "Trần Thị Mới đã nhận bàn giao nhiệm vụ bí thư của Chi bộ Trường A (mã A1) từ Bí thư A1; "
        "Bí thư A1 thôi nhận tin. Lịch sử nộp báo cáo của chi bộ giữ nguyên."
    )
    # Reminders now reach the new secretary only; the old chat is nobody's.
    a1 = [v for v in assignment_views(app.db) if v.branch_code == "A1"]
    assert [c.chat_id for c in branch_chats(app.db, a1[0].branch_id)] == ["30"]
    (refused,) = await old.send("/viec")
    assert refused.startswith("Đồng chí chưa đăng ký với bot")
    # History: the old secretary's submission stands; the new one carries on.
    submitted = [v for v in a1 if v.state == "submitted"]
    assert len(submitted) == 1 and submitted[0].submitted_by is not None
    (tasks,) = await new.send("/viec")
    assert "1. Báo cáo quý 2" in tasks and "Báo cáo sơ kết 6 tháng" not in tasks


async def test_members_list_and_retiring_one(
    app: App, channel: FakeChannel, office: Person
) -> None:
    secretary = await join(app, channel, office, "10", "A1")
    deputy = await join(app, channel, office, "11", "A1", "phó")
    (listing,) = await office.send("/thanhvien A1")
    ids = [r.id for r in members(app.db) if r.branch_code == "A1"]
    assert listing.splitlines()[:3] == [
        "Thành viên của Chi bộ Trường A (A1):",
        f"#{ids[0]} Bí thư A1 — bí thư, tham gia ngày 02/05/2024 (fake)",
        f"#{ids[1]} Bí thư A1 — phó bí thư, tham gia ngày 02/05/2024 (fake)",
    ]
    (done,) = await office.send(f"/thoi {ids[1]}")
    assert done == (
        "Đã cho Bí thư A1 (phó bí thư Chi bộ Trường A) thôi nhận tin; lịch sử nộp báo cáo vẫn "
        "giữ nguyên."
    )
    assert deputy.inbox()[-1].startswith(
        "Văn phòng Đảng ủy đã ghi nhận đồng chí thôi nhiệm vụ phó bí thư của Chi bộ Trường A."
    )
    assert (await office.send(f"/thoi {ids[1]}"))[0].startswith(f"Không có thành viên #{ids[1]}")
    assert (await secretary.send("/viec"))[0].startswith("Việc của Chi bộ Trường A")
    (everyone,) = await office.send("/thanhvien")
    assert everyone.splitlines()[:4] == [
        "Các thành viên đang nhận tin (2):",
        "",
        "Chi bộ Trường A (A1):",
        f"#{ids[0]} Bí thư A1 — bí thư, tham gia ngày 02/05/2024 (fake)",
    ]
    assert "Văn phòng Đảng ủy:" in everyone


async def test_a_retired_member_invited_again_is_a_member_again(
    app: App, channel: FakeChannel, office: Person
) -> None:
    secretary = await join(app, channel, office, "10", "A1")
    (row,) = [r for r in members(app.db) if r.branch_code == "A1"]
    await office.send(f"/thoi {row.id}")
    back = await join(app, channel, office, "10", "B2")  # the same chat, now for B2
    assert back.chat_id == secretary.chat_id
    (again,) = [r for r in members(app.db) if r.chats and r.chats[0].chat_id == "10"]
    assert (again.id, again.branch_code, again.retired_at) == (row.id, "B2", None)


async def test_handover_usage_and_unknown_branch(office: Person) -> None:
    assert (await office.send("/bangiao"))[0].startswith("Cách dùng: /bangiao MÃ_CHI_BỘ")
    assert (await office.send("/bangiao ZZ"))[0] == (
        "Không có chi bộ mã ZZ. Gõ /chibo để xem danh sách chi bộ."
    )
    assert (await office.send("/bangiao B2"))[0].endswith(
        "Chi bộ chưa có bí thư nào trên bot, nên mã này dùng như một mã mời thường."
    )
    assert (await office.send("/thoi"))[0].startswith("Cách dùng: /thoi")
