"""Joining by invite: /moi makes a single-use code, /start CODE binds the chat."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select

from bot.app import App
from core.clock import FakeClock
from storage.models.org import Invite
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import add_branches, make_admin


def code_of(reply: str) -> str:
    """The invite code printed in the /moi answer."""
    match = re.search(r"/start ([A-Z0-9]+)", reply)
    assert match, reply
    return match.group(1)


async def test_secretary_joins_and_is_told_branch_and_role(app: App, channel: FakeChannel) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường THPT Nguyễn Du"))
    (made,) = await admin.send("/moi a1")
    assert made.startswith("Mã mời cho bí thư Chi bộ Trường THPT Nguyễn Du (A1): ")
    assert "Hiệu lực đến 09:00 ngày 05/05/2024, chỉ dùng được một lần." in made
    secretary = Person(app, channel, "10")
    (joined,) = await secretary.send(f"/start {code_of(made)}")
    assert joined.startswith(
        "Chào mừng bạn! Bạn đã tham gia danvan với vai trò bí thư của "
        "Chi bộ Trường THPT Nguyễn Du (mã A1)."
    )
    assert admin.inbox()[-1] == (
        "Một thành viên mới vừa tham gia danvan với vai trò bí thư của "
        "Chi bộ Trường THPT Nguyễn Du (mã A1)."
    )
    (tasks,) = await secretary.send("/viec")
    assert tasks == "Chi bộ Trường THPT Nguyễn Du hiện không có việc nào chờ nộp."


async def test_deputy_and_admin_invites(app: App, channel: FakeChannel) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    (deputy_code,) = await admin.send("/moi A1 phó")
    (joined,) = await Person(app, channel, "11").send(f"/start {code_of(deputy_code)}")
    assert "vai trò phó bí thư của Chi bộ Trường A (mã A1)" in joined
    (admin_code,) = await admin.send("/moi quản trị")
    assert admin_code.startswith("Mã mời cho cán bộ Văn phòng Đảng ủy (quản trị): ")
    staff = Person(app, channel, "12")
    (joined,) = await staff.send(f"/start {code_of(admin_code)}")
    assert "vai trò cán bộ Văn phòng Đảng ủy (quản trị)" in joined
    assert (await staff.send("/chibo"))[0].startswith("Các chi bộ (1):")


async def test_code_is_single_use(app: App, channel: FakeChannel) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    code = code_of((await admin.send("/moi A1"))[0])
    await Person(app, channel, "10").send(f"/start {code}")
    (again,) = await Person(app, channel, "13").send(f"/start {code}")
    assert again.startswith("Mã mời này đã được sử dụng.")
    assert (await Person(app, channel, "13").send("/viec"))[0].startswith("Bạn chưa đăng ký")


async def test_expired_and_unknown_codes_are_refused(
    app: App, channel: FakeChannel, clock: FakeClock
) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    code = code_of((await admin.send("/moi A1"))[0])
    clock.advance(timedelta(hours=72, minutes=1))
    person = Person(app, channel, "10")
    assert (await person.send(f"/start {code}"))[0].startswith("Mã mời này đã hết hạn.")
    assert (await person.send("/start KHONGCO1"))[0].startswith("Mã mời không đúng.")


async def test_lower_case_code_from_a_deep_link_works(app: App, channel: FakeChannel) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    code = code_of((await admin.send("/moi A1"))[0])
    (joined,) = await Person(app, channel, "10").send(f"/start {code.lower()}")
    assert joined.startswith("Chào mừng")


async def test_codes_are_stored_hashed(app: App, channel: FakeChannel) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    code = code_of((await admin.send("/moi A1"))[0])
    with app.db.session() as session:
        stored = session.exec(select(Invite)).one()
    assert code not in stored.code_hash and len(stored.code_hash) == 64


async def test_invite_for_unknown_branch_or_role(app: App, channel: FakeChannel) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    (reply,) = await admin.send("/moi ZZ")
    assert reply == "Không có chi bộ mã ZZ. Gõ /chibo để xem danh sách chi bộ."
    (reply,) = await admin.send("/moi A1 thủ quỹ")
    assert reply == "Không rõ vai trò «thủ quỹ». Dùng: bí thư, phó hoặc quản trị."
    (reply,) = await admin.send("/moi")
    assert reply.startswith("Cách dùng: /moi")


async def test_deep_link_when_the_bot_username_is_known(app: App, channel: FakeChannel) -> None:
    app.settings.telegram_bot_username = "danvan_bot"
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    (made,) = await admin.send("/moi A1")
    assert f"https://t.me/danvan_bot?start={code_of(made)}" in made
