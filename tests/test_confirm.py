"""A secretary confirms a submission: by reply, button, file or bare «đã nộp»; and undoes it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import App
from core.clock import FakeClock
from core.messages import Attachment, Button, ChatRef, Incoming, Reply
from handlers.confirm import is_undo, parse_done
from storage.repos.assignments import assignment_view, assignment_views
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import add_branches, join, make_admin

SIX_MONTHS = "Báo cáo sơ kết 6 tháng"


async def remind(app: App, person: Person, assignment_id: int) -> str:
    """Send a reminder as the scheduler does (H5's interface); returns its message id."""
    reply = Reply(
        "Còn 3 ngày: Báo cáo sơ kết 6 tháng — hạn 10/05/2024.",
        buttons=((Button("Đã nộp", f"done:{assignment_id}"),),),
        ref=f"assignment:{assignment_id}",
        kind="reminder",
    )
    result = await app.delivery.deliver(ChatRef(person.channel.name, person.chat_id), reply)
    return result.message_ids[0]


@pytest.fixture
async def office(app: App, channel: FakeChannel) -> Person:
    """An admin, two branches and one deadline for both (due 10/05/2024 17:00)."""
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    await admin.send(f"/hanmoi 10/05/2024 {SIX_MONTHS}")
    return admin


@pytest.fixture
async def secretary(app: App, channel: FakeChannel, office: Person) -> Person:
    """The secretary of A1, joined by invite."""
    return await join(app, channel, office, "10", "A1")


def a1_item(app: App, title: str = SIX_MONTHS) -> int:
    """The id of A1's assignment of a deadline."""
    (view,) = [
        v for v in assignment_views(app.db) if v.branch_code == "A1" and v.deadline_title == title
    ]
    return view.assignment_id


async def test_reply_to_a_reminder_confirms_with_the_date(app: App, secretary: Person) -> None:
    item = a1_item(app)
    reminder = await remind(app, secretary, item)
    (reply,) = await secretary.send("đã nộp", reply_to=reminder)
    assert reply == (
        "Đã ghi nhận: Chi bộ Trường A đã nộp «Báo cáo sơ kết 6 tháng» lúc 09:00 ngày "
        "02/05/2024, đúng hạn.\nNếu nhầm, chọn «Hoàn tác» hoặc gõ «hủy» trong vòng 24 giờ."
    )
    view = assignment_view(app.db, item)
    assert view is not None and view.state == "submitted" and view.submitted_by is not None


@pytest.mark.parametrize(
    "text",
    [
        "da nop",
        "Đã gửi ạ",
        "xong",
        "nộp rồi",
        "em đã nộp rồi ạ",
        "da np",
        "Xong r",
        "DONE",
        "danop",
        "Dạ, chi bộ đã nộp báo cáo ạ!",
    ],
)
def test_the_ways_people_say_it(text: str) -> None:
    assert parse_done(text) == (True, None)


@pytest.mark.parametrize(
    "text",
    ["chưa nộp", "đã nộp chưa?", "không gửi được", "hạn nộp báo cáo", "kh 89", "hủy", "đã họp"],
)
def test_what_is_not_a_confirmation(text: str) -> None:
    assert parse_done(text)[0] is False


def test_undo_words() -> None:
    assert is_undo("hủy") and is_undo("huy") and is_undo("Hoàn tác")
    assert not is_undo("đã nộp")


async def test_button_confirms_and_a_second_press_changes_nothing(
    app: App, channel: FakeChannel, secretary: Person, clock: FakeClock
) -> None:
    item = a1_item(app)
    (first,) = await secretary.press(f"done:{item}")
    assert first.startswith("Đã ghi nhận: Chi bộ Trường A đã nộp")
    undo = channel.last(secretary.chat_id).reply.buttons[0][0]
    assert undo == Button("Hoàn tác", f"undo:{item}")
    clock.advance(timedelta(minutes=5))
    (second,) = await secretary.press(f"done:{item}")
    assert second == (
        "«Báo cáo sơ kết 6 tháng» của Chi bộ Trường A đã được ghi nhận nộp lúc 09:00 ngày "
        "02/05/2024 rồi."
    )


async def test_late_submission_says_so(app: App, secretary: Person, clock: FakeClock) -> None:
    clock.advance(timedelta(days=9))  # 11/05 09:00, the day after the due date
    (reply,) = await secretary.press(f"done:{a1_item(app)}")
    assert reply.startswith(
        "Đã ghi nhận: Chi bộ Trường A đã nộp «Báo cáo sơ kết 6 tháng» lúc 09:00 ngày 11/05/2024, "
        "trễ hạn (hạn là 17:00 ngày 10/05/2024)."
    )


async def test_file_in_reply_to_a_reminder_confirms(
    app: App, channel: FakeChannel, secretary: Person
) -> None:
    item = a1_item(app)
    reminder = await remind(app, secretary, item)

    async def fetch() -> bytes:
        return b"report"

    file = Attachment("bao-cao-6-thang.docx", 6, fetch)
    await app.process(Incoming("fake", "10", "10", reply_to_message_id=reminder, attachment=file))
    assert channel.last("10").reply.text.startswith("Đã ghi nhận: Chi bộ Trường A đã nộp")


async def test_bare_done_with_one_item_confirms_it(app: App, secretary: Person) -> None:
    (reply,) = await secretary.send("Đã nộp")
    assert reply.startswith("Đã ghi nhận: Chi bộ Trường A đã nộp «Báo cáo sơ kết 6 tháng»")
    (reply,) = await secretary.send("đã nộp")
    assert reply == "Chi bộ Trường A hiện không có việc nào đang chờ nộp."


async def test_bare_done_with_several_items_asks_which(
    app: App, office: Person, secretary: Person
) -> None:
    await office.send("/hanmoi 20/05/2024 Báo cáo công tác dân vận quý 2")
    (pick,) = await secretary.send("đã nộp")
    assert pick.splitlines() == [
        "Chi bộ Trường A đang có 2 việc chờ nộp. Bạn đã nộp việc nào?",
        "1. Báo cáo sơ kết 6 tháng — hạn 10/05/2024",
        "2. Báo cáo công tác dân vận quý 2 — hạn 20/05/2024",
        "Chọn việc tương ứng, hoặc gõ «đã nộp 1» (số thứ tự trong danh sách).",
    ]
    (reply,) = await secretary.send("đã nộp 2")
    assert reply.startswith("Đã ghi nhận: Chi bộ Trường A đã nộp «Báo cáo công tác dân vận quý 2»")
    assert assignment_view(app.db, a1_item(app)).state == "pending"  # type: ignore[union-attr]


async def test_a_number_alone_picks_from_the_list(
    app: App, office: Person, secretary: Person
) -> None:
    await office.send("/hanmoi 20/05/2024 Báo cáo quý 2")
    await secretary.send("xong")
    (reply,) = await secretary.send("1")
    assert reply.startswith("Đã ghi nhận: Chi bộ Trường A đã nộp «Báo cáo sơ kết 6 tháng»")
    (reply,) = await secretary.send("5")
    assert reply == "Không có số 5 trong danh sách. Gõ «đã nộp» để xem lại danh sách."


async def test_undo_by_word_within_a_day(app: App, secretary: Person, clock: FakeClock) -> None:
    item = a1_item(app)
    await secretary.press(f"done:{item}")
    clock.advance(timedelta(hours=23))
    (reply,) = await secretary.send("hủy")
    assert (
        reply
        == "Đã hoàn tác: «Báo cáo sơ kết 6 tháng» của Chi bộ Trường A trở lại trạng thái chưa nộp."
    )
    assert assignment_view(app.db, item).state == "pending"  # type: ignore[union-attr]
    (reply,) = await secretary.send("huy")
    assert reply == "Không có xác nhận nộp nào trong 24 giờ qua để hoàn tác."


async def test_undo_button_only_within_a_day(app: App, secretary: Person, clock: FakeClock) -> None:
    item = a1_item(app)
    await secretary.press(f"done:{item}")
    clock.advance(timedelta(hours=25))
    (reply,) = await secretary.press(f"undo:{item}")
    assert reply.startswith("Chỉ hoàn tác được trong 24 giờ sau khi xác nhận.")
    assert assignment_view(app.db, item).state == "submitted"  # type: ignore[union-attr]


async def test_another_branch_cannot_confirm(
    app: App, channel: FakeChannel, office: Person
) -> None:
    b2 = await join(app, channel, office, "20", "B2")
    (reply,) = await b2.press(f"done:{a1_item(app)}")
    assert reply == "Việc này không thuộc chi bộ của bạn."


async def test_exempt_branch_is_told(app: App, office: Person, secretary: Person) -> None:
    deadline_id = assignment_views(app.db)[0].deadline_id
    (reply,) = await office.send(f"/mien {deadline_id} A1")
    assert reply == "Đã miễn «Báo cáo sơ kết 6 tháng» cho Chi bộ Trường A."
    (reply,) = await secretary.press(f"done:{a1_item(app)}")
    assert reply == "Chi bộ Trường A được miễn «Báo cáo sơ kết 6 tháng», không cần nộp."


async def test_admin_saying_xong_is_not_a_confirmation(office: Person) -> None:
    (reply,) = await office.send("xong")
    assert not reply.startswith("Đã ghi nhận")


async def test_admin_marks_a_paper_report_by_replying_to_the_overdue_notice(
    app: App, channel: FakeChannel, clock: FakeClock, office: Person, secretary: Person
) -> None:
    item = a1_item(app)
    deputy = await join(app, channel, office, "11", "A1", "phó")
    clock.advance(timedelta(days=9))  # 11/05 09:00: overdue, the report came on paper
    notice = await remind(app, office, item)  # the admins' copy carries the same ref
    (reply,) = await office.send("đã nộp", reply_to=notice)
    assert reply.startswith("Đã ghi nhận: Chi bộ Trường A đã nộp «Báo cáo sơ kết 6 tháng»")
    told = (
        "Văn phòng Đảng ủy đã ghi nhận Chi bộ Trường A nộp «Báo cáo sơ kết 6 tháng» lúc 09:00 "
        "ngày 11/05/2024, trễ hạn (hạn là 17:00 ngày 10/05/2024). Chi bộ không cần xác nhận thêm."
    )
    for person in (secretary, deputy):
        assert channel.last(person.chat_id).reply.text == told
    assert all(told not in t for t in channel.texts("20"))  # B2 is not told about A1
    (reply,) = await office.send("hủy", reply_to=notice)
    assert reply.startswith("Đã hoàn tác")
    assert assignment_view(app.db, item).state == "pending"  # type: ignore[union-attr]
    assert channel.last(secretary.chat_id).reply.text == (
        "Văn phòng Đảng ủy đã hủy ghi nhận nộp «Báo cáo sơ kết 6 tháng» của Chi bộ Trường A; "
        "việc này trở lại trạng thái chưa nộp."
    )


async def test_a_secretary_confirming_is_not_told_twice(
    app: App, channel: FakeChannel, secretary: Person
) -> None:
    before = len(channel.sent)
    await secretary.press(f"done:{a1_item(app)}")
    assert len(channel.sent) == before + 1
