"""Confirming as secretaries really write: by the report's name, a number, «rồi»; never a guess."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import App
from core.clock import FakeClock
from core.messages import Button, ChatRef, Reply
from storage.repos.assignments import assignment_views
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import add_branches, join, make_admin


@pytest.fixture
async def office(app: App, channel: FakeChannel) -> Person:
    """An admin, two branches and three deadlines for both."""
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    await admin.send("/hanmoi 10/05/2024 Báo cáo sơ kết 6 tháng")
    await admin.send("/hanmoi 15/05/2024 Báo cáo nhanh kết quả Đại hội chi bộ")
    await admin.send("/hanmoi 20/05/2024 Báo cáo công tác dân vận quý 2")
    return admin


@pytest.fixture
async def secretary(app: App, channel: FakeChannel, office: Person) -> Person:
    """The secretary of A1, joined by invite."""
    return await join(app, channel, office, "10", "A1")


def state_of(app: App, title_start: str) -> str:
    """A1's state for the deadline whose title starts so."""
    (view,) = [
        v
        for v in assignment_views(app.db)
        if v.branch_code == "A1" and v.deadline_title.startswith(title_start)
    ]
    return view.state


async def remind(app: App, person: Person, title_start: str) -> str:
    """A reminder for one of A1's items, as the scheduler sends it; its message id."""
    (view,) = [
        v
        for v in assignment_views(app.db)
        if v.branch_code == "A1" and v.deadline_title.startswith(title_start)
    ]
    reply = Reply(
        f"Còn 3 ngày: {view.deadline_title}.",
        buttons=((Button("Đã nộp", f"done:{view.assignment_id}"),),),
        ref=f"assignment:{view.assignment_id}",
        kind="reminder",
    )
    result = await app.delivery.deliver(ChatRef(person.channel.name, person.chat_id), reply)
    return result.message_ids[0]


async def test_naming_the_report_confirms_it_without_diacritics(
    app: App, secretary: Person
) -> None:
    (reply,) = await secretary.send("da nop bao cao nhanh")
    assert reply.startswith(
        "Đã ghi nhận: Chi bộ Trường A đã nộp “Báo cáo nhanh kết quả Đại hội chi bộ” lúc 09:00 "
        "ngày 02/05/2024, đúng hạn."
    )
    assert state_of(app, "Báo cáo nhanh") == "submitted"
    assert state_of(app, "Báo cáo sơ kết") == "pending"


async def test_a_typo_and_polite_words_still_name_the_report(app: App, secretary: Person) -> None:
    (reply,) = await secretary.send("Dạ em đã gửi bc so ket 6 thnag rồi ạ")
    assert reply.startswith("Đã ghi nhận: Chi bộ Trường A đã nộp “Báo cáo sơ kết 6 tháng”")


async def test_a_name_that_fits_several_asks_which(
    app: App, office: Person, secretary: Person
) -> None:
    await office.send("/hanmoi 25/05/2024 Báo cáo nhanh tình hình tư tưởng đảng viên")
    await secretary.send("/viec")  # an older list, which the new one replaces
    (pick,) = await secretary.send("đã nộp báo cáo nhanh")
    assert pick.splitlines()[:3] == [
        "Có 2 việc chờ nộp khớp “bao cao nhanh”. Đồng chí đã nộp việc nào?",
        "1. Báo cáo nhanh kết quả Đại hội chi bộ — hạn 15/05/2024",
        "2. Báo cáo nhanh tình hình tư tưởng đảng viên — hạn 25/05/2024",
    ]
    (reply,) = await secretary.send("2")
    assert "“Báo cáo nhanh tình hình tư tưởng đảng viên”" in reply
    assert state_of(app, "Báo cáo nhanh kết quả") == "pending"


async def test_a_name_that_fits_nothing_says_so_instead_of_quoting_a_document(
    app: App, secretary: Person
) -> None:
    (reply,) = await secretary.send("đã nộp báo cáo tài chính công đoàn")
    assert reply.splitlines()[:2] == [
        "Không thấy việc nào đang chờ nộp khớp “bao cao tai chinh cong doan”, nên tôi chưa ghi "
        "nhận gì. Các việc Chi bộ Trường A đang chờ nộp:",
        "1. Báo cáo sơ kết 6 tháng — hạn 10/05/2024",
    ]
    assert {v.state for v in assignment_views(app.db)} == {"pending"}


async def test_a_number_picks_only_from_the_list_shown_in_this_chat(
    app: App, channel: FakeChannel, office: Person, secretary: Person
) -> None:
    deputy = await join(app, channel, office, "11", "A1", "phó")
    await deputy.send("/viec")  # a list in another chat does not count here
    (reply,) = await secretary.send("đã nộp 3")
    assert reply.startswith("Số 3 không ứng với danh sách nào")
    assert {v.state for v in assignment_views(app.db)} == {"pending"}
    (reply,) = await deputy.send("đã nộp 3")
    assert "“Báo cáo công tác dân vận quý 2”" in reply


async def test_a_stale_number_is_refused_and_a_fresh_list_shown(
    app: App, office: Person, secretary: Person, clock: FakeClock
) -> None:
    await secretary.send("/viec")  # 1 sơ kết, 2 nhanh, 3 quý 2
    await office.send("/hanmoi 08/05/2024 Báo cáo tự kiểm tra chi bộ")
    clock.advance(timedelta(hours=23))  # the next morning
    stale, fresh = await secretary.send("đã nộp 3")
    assert stale.startswith(
        "Danh sách việc gửi lúc 09:00 ngày 02/05/2024 đã cũ nên tôi không dùng số 3"
    )
    assert fresh.splitlines()[1:5] == [
        "1. Báo cáo tự kiểm tra chi bộ — hạn 08/05/2024",
        "2. Báo cáo sơ kết 6 tháng — hạn 10/05/2024",
        "3. Báo cáo nhanh kết quả Đại hội chi bộ — hạn 15/05/2024",
        "4. Báo cáo công tác dân vận quý 2 — hạn 20/05/2024",
    ]
    assert {v.state for v in assignment_views(app.db)} == {"pending"}
    (reply,) = await secretary.send("đã nộp 3")  # now from the fresh list
    assert "“Báo cáo nhanh kết quả Đại hội chi bộ”" in reply


async def test_roi_in_reply_to_a_reminder_confirms_it(app: App, secretary: Person) -> None:
    reminder = await remind(app, secretary, "Báo cáo nhanh")
    (reply,) = await secretary.send("Rồi ạ", reply_to=reminder)
    assert reply.startswith(
        "Đã ghi nhận: Chi bộ Trường A đã nộp “Báo cáo nhanh kết quả Đại hội chi bộ”"
    )


async def test_roi_alone_asks_which_and_is_never_a_document_question(
    app: App, secretary: Person
) -> None:
    (reply,) = await secretary.send("rồi")
    assert reply.startswith("Chi bộ Trường A đang có 3 việc chờ nộp. Đồng chí báo đã nộp việc nào?")
    assert {v.state for v in assignment_views(app.db)} == {"pending"}
    (reply,) = await secretary.send("ok ạ")
    assert reply.startswith("Vâng. Nếu đồng chí muốn báo đã nộp báo cáo")


async def test_every_confirmation_names_item_branch_and_timeliness(
    app: App, secretary: Person, clock: FakeClock
) -> None:
    clock.advance(timedelta(days=9))  # 11/05: the six-month report is late
    (late,) = await secretary.send("đã nộp sơ kết")
    assert late.startswith(
        "Đã ghi nhận: Chi bộ Trường A đã nộp “Báo cáo sơ kết 6 tháng” lúc 09:00 ngày "
        "11/05/2024, trễ hạn (hạn là 17:00 ngày 10/05/2024)."
    )
    (on_time,) = await secretary.send("đã nộp báo cáo dân vận")
    assert on_time.startswith(
        "Đã ghi nhận: Chi bộ Trường A đã nộp “Báo cáo công tác dân vận quý 2” lúc 09:00 ngày "
        "11/05/2024, đúng hạn."
    )


async def test_the_morning_message_is_a_list_its_numbers_pick_from(
    app: App, secretary: Person
) -> None:
    from handlers.reminders.texts import Dates, morning_reply

    views = [v for v in assignment_views(app.db) if v.branch_code == "A1"]
    now = app.ctx.clock.now()
    dates = Dates(app.ctx.tz)
    chat = ChatRef(secretary.channel.name, secretary.chat_id)
    morning = morning_reply([("d7", v) for v in views[::-1]], now, dates, chat)
    sent = await app.delivery.deliver(chat, morning)
    (reply,) = await secretary.send("đã nộp 2")  # line 2 of the morning message
    line_two = morning.text.splitlines()[2]
    assert any(f"“{v.deadline_title}”" in reply and v.deadline_title in line_two for v in views)
    (pick,) = await secretary.send("đã nộp", reply_to=sent.message_ids[0])
    assert pick.startswith("Chi bộ Trường A đang có 2 việc chờ nộp.")
