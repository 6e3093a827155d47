"""Branches as office staff manage them in chat: /themchibo, /chibo, and who may use them."""

from __future__ import annotations

import pytest

from bot.app import App
from storage.repos.members import bind_chat
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import add_branches, join, make_admin


@pytest.fixture
def admin(app: App, channel: FakeChannel) -> Person:
    """Office staff in chat 1."""
    return make_admin(app, channel)


async def test_admin_adds_and_lists_branches(admin: Person) -> None:
    (added,) = await admin.send("/themchibo a1 Chi bộ Trường THPT Nguyễn Du")
    assert added == ("Đã thêm Chi bộ Trường THPT Nguyễn Du (mã A1). Tạo mã mời cho bí thư: /moi A1")
    await admin.send("/themchibo B2 Chi bộ Trường THCS Lê Lợi")
    (listing,) = await admin.send("/chibo")
    assert listing.splitlines() == [
        "Các chi bộ (2):",
        "• A1 — Chi bộ Trường THPT Nguyễn Du (0 thành viên)",
        "• B2 — Chi bộ Trường THCS Lê Lợi (0 thành viên)",
    ]


async def test_adding_an_existing_code_renames(admin: Person) -> None:
    await admin.send("/themchibo A1 Chi bộ cũ")
    (reply,) = await admin.send("/themchibo A1 Chi bộ Trường A")
    assert reply == "Chi bộ mã A1 đã có; đã cập nhật tên thành Chi bộ Trường A."


async def test_branch_list_counts_members(app: App, channel: FakeChannel, admin: Person) -> None:
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    await join(app, channel, admin, "10", "A1")
    await join(app, channel, admin, "11", "A1", "phó")
    (listing,) = await admin.send("/chibo")
    assert "• A1 — Chi bộ Trường A (2 thành viên)" in listing


async def test_no_branches_yet_explains_how_to_add(admin: Person) -> None:
    (reply,) = await admin.send("/chibo")
    assert reply.startswith("Chưa có chi bộ nào.")
    assert "/themchibo" in reply


async def test_branch_commands_are_for_admins_only(
    app: App, channel: FakeChannel, admin: Person, stranger: Person
) -> None:
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    secretary = await join(app, channel, admin, "10", "A1")
    for who in (secretary, stranger):
        for command in ("/chibo", "/themchibo C3 Chi bộ C", "/moi A1"):
            (reply,) = await who.send(command)
            assert reply in (
                "Lệnh này chỉ dành cho Văn phòng Đảng ủy.",
                "Bạn chưa đăng ký với bot nên chưa xem được nội dung này. Hãy xin Văn phòng "
                "Đảng ủy một mã mời rồi gửi «/start MÃ_MỜI».",
            )


async def test_role_is_checked_every_time(app: App, channel: FakeChannel, admin: Person) -> None:
    """A demoted admin loses the commands at once, with no cache in between."""
    assert (await admin.send("/chibo"))[0].startswith("Chưa có chi bộ")
    bind_chat(app.db, channel.name, admin.chat_id, "secretary", None)
    assert await admin.send("/chibo") == ["Lệnh này chỉ dành cho Văn phòng Đảng ủy."]


async def test_usage_is_explained(admin: Person) -> None:
    (reply,) = await admin.send("/themchibo A1")
    assert reply.startswith("Cách dùng: /themchibo MÃ Tên chi bộ")
