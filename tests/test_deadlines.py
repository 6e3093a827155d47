"""Deadlines in chat: /hanmoi, recurring periods, /viec, /tinhhinh, /mien, /doihan, digest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.app import App
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from handlers.deadlines import parse_due
from handlers.reminders.digest import digest_text
from storage.repos.assignments import assignment_views, expand_periods
from storage.repos.reminders import reminders_of
from tests.fakes.channel import FakeChannel
from tests.support import TZ, Person
from tests.support_office import add_branches, join, make_admin

NOW = datetime(2024, 5, 2, 9, 0, tzinfo=TZ)


def local(*args: int) -> datetime:
    """A wall-clock instant in Ho Chi Minh City as aware UTC."""
    return datetime(*args, tzinfo=TZ).astimezone(UTC)  # type: ignore[misc]


@pytest.fixture
async def office(app: App, channel: FakeChannel) -> Person:
    """An admin with branches A1, B2, C3."""
    admin = make_admin(app, channel)
    await add_branches(
        admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"), ("C3", "Chi bộ Trường C")
    )
    return admin


def test_due_dates_default_to_five_pm_local() -> None:
    assert parse_due("2024-06-30", TZ, NOW) == local(2024, 6, 30, 17, 0)
    assert parse_due("2024-06-30T08:15", TZ, NOW) == local(2024, 6, 30, 8, 15)
    assert parse_due("30/6", TZ, NOW) == local(2024, 6, 30, 17, 0)
    assert parse_due("30/06/2024 16:00", TZ, NOW) == local(2024, 6, 30, 16, 0)
    assert parse_due("31/02/2024", TZ, NOW) is None
    assert parse_due("sáu tháng", TZ, NOW) is None


def test_monthly_quarterly_yearly_periods() -> None:
    monthly = expand_periods(local(2024, 1, 31, 17, 0), "monthly", TZ)
    assert [p for p, _ in monthly] == [f"2024-{m:02d}" for m in range(1, 13)]
    assert monthly[1][1] == local(2024, 2, 29, 17, 0)  # clamped to the month's last day
    quarterly = expand_periods(local(2024, 4, 10, 17, 0), "quarterly", TZ)
    assert quarterly == [
        ("2024-Q2", local(2024, 4, 10, 17, 0)),
        ("2024-Q3", local(2024, 7, 10, 17, 0)),
        ("2024-Q4", local(2024, 10, 10, 17, 0)),
    ]
    assert expand_periods(local(2024, 11, 10, 17, 0), "yearly", TZ) == [
        ("2024", local(2024, 11, 10, 17, 0))
    ]
    assert expand_periods(local(2024, 5, 10, 17, 0), None, TZ) == [("", local(2024, 5, 10, 17))]


@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)),
    st.sampled_from(["monthly", "quarterly", "half-yearly", "yearly"]),
)
def test_periods_are_distinct_ordered_and_within_the_year(naive: datetime, recurrence: str) -> None:
    first = naive.replace(tzinfo=TZ).astimezone(UTC)
    periods = expand_periods(first, recurrence, TZ)
    assert periods[0][1] == first
    assert len({p for p, _ in periods}) == len(periods)
    dues = [d for _, d in periods]
    assert dues == sorted(dues)
    assert {d.astimezone(TZ).year for d in dues} == {naive.year}


async def test_manual_deadline_in_chat(app: App, office: Person) -> None:
    (reply,) = await office.send("/hanmoi 30/06/2024 Báo cáo sơ kết 6 tháng chibo A1,B2")
    assert reply.startswith("Đã duyệt #")
    assert reply.endswith("«Báo cáo sơ kết 6 tháng», hạn 17:00 ngày 30/06/2024: giao cho 2 chi bộ.")
    (reply,) = await office.send("/hanmoi 2024-05-25 Báo cáo tháng hằng tháng")
    assert reply.endswith("hạn 17:00 ngày 25/05/2024, hằng tháng: giao cho 3 chi bộ, 8 kỳ.")
    assert len(assignment_views(app.db)) == 2 + 3 * 8
    (reply,) = await office.send("/hanmoi Báo cáo không có ngày")
    assert reply.startswith("Cách dùng: /hanmoi NGÀY Tên việc")
    (reply,) = await office.send("/hanmoi 30/06/2024 Báo cáo chibo ZZ")
    assert reply == "Không có chi bộ mã: ZZ. Gõ /chibo để xem danh sách."


async def test_a_branch_added_later_gets_future_periods_only(
    app: App, office: Person, clock: FakeClock
) -> None:
    await office.send("/hanmoi 2024-01-25 Báo cáo tháng hằng tháng")
    await add_branches(office, ("D4", "Chi bộ Trường D"))
    d4 = [v.period for v in assignment_views(app.db) if v.branch_code == "D4"]
    assert d4 == [f"2024-{m:02d}" for m in range(5, 13)]  # not the months already past


async def test_viec_lists_overdue_then_upcoming(
    app: App, channel: FakeChannel, office: Person, clock: FakeClock
) -> None:
    await office.send("/hanmoi 30/04/2024 Báo cáo tháng 4")
    await office.send("/hanmoi 05/05/2024 Báo cáo sơ kết 6 tháng")
    await office.send("/hanmoi 10/05/2024 Báo cáo của chi bộ B chibo B2")
    secretary = await join(app, channel, office, "10", "A1")
    (reply,) = await secretary.send("/viec")
    assert reply.splitlines() == [
        "Việc của Chi bộ Trường A:",
        "",
        "Quá hạn, chưa nộp:",
        "1. Báo cáo tháng 4 — hạn 17:00 ngày 30/04/2024 (quá 2 ngày)",
        "",
        "Sắp tới:",
        "2. Báo cáo sơ kết 6 tháng — hạn 17:00 ngày 05/05/2024 (còn 3 ngày)",
        "",
        "Khi đã nộp, nhắn «đã nộp», hoặc «đã nộp» kèm số thứ tự, ví dụ «đã nộp 1».",
    ]
    (done,) = await secretary.send("đã nộp 2")
    assert done.startswith("Đã ghi nhận: Chi bộ Trường A đã nộp «Báo cáo sơ kết 6 tháng»")
    (admin_reply,) = await office.send("/viec")
    assert admin_reply.startswith("Lệnh /viec dành cho bí thư chi bộ.")


async def test_tinhhinh_counts_and_names_branches(
    app: App, channel: FakeChannel, office: Person, clock: FakeClock
) -> None:
    await office.send("/hanmoi 03/05/2024 Báo cáo sơ kết 6 tháng")
    a1 = await join(app, channel, office, "10", "A1")
    b2 = await join(app, channel, office, "20", "B2")
    await a1.send("đã nộp")
    clock.advance(timedelta(days=2))  # 04/05 09:00, past the due time
    await b2.send("xong")
    (overview,) = await office.send("/tinhhinh")
    deadline_id = assignment_views(app.db)[0].deadline_id
    assert overview.splitlines()[1] == (
        f"#{deadline_id} Báo cáo sơ kết 6 tháng — hạn 03/05/2024: quá hạn 1, trễ hạn 1, đúng hạn 1"
    )
    for query in (str(deadline_id), "so ket 6 thang", "sơ kết"):
        (detail,) = await office.send(f"/tinhhinh {query}")
        assert detail.splitlines() == [
            f"#{deadline_id} Báo cáo sơ kết 6 tháng",
            "Hạn: 17:00 ngày 03/05/2024",
            "",
            "Quá hạn (1): Chi bộ Trường C (C3)",
            "Trễ hạn (1): Chi bộ Trường B (B2)",
            "Đúng hạn (1): Chi bộ Trường A (A1)",
        ]
    (missing,) = await office.send("/tinhhinh quyết toán")
    assert missing == "Không tìm thấy hạn nộp «quyết toán». Gõ /tinhhinh để xem danh sách."
    assert (await a1.send("/tinhhinh")) == ["Lệnh này chỉ dành cho Văn phòng Đảng ủy."]


async def test_tinhhinh_before_anything(office: Person) -> None:
    (reply,) = await office.send("/tinhhinh")
    assert reply.startswith("Chưa có hạn nộp nào được duyệt.")


async def test_exempt_shows_as_mien(app: App, office: Person) -> None:
    await office.send("/hanmoi 10/05/2024 Báo cáo sơ kết 6 tháng")
    deadline_id = assignment_views(app.db)[0].deadline_id
    await office.send(f"/mien {deadline_id} C3")
    (again,) = await office.send(f"/mien {deadline_id} C3")
    assert again == f"Chi bộ Trường C không còn việc nào chờ nộp thuộc hạn nộp #{deadline_id}."
    (detail,) = await office.send(f"/tinhhinh {deadline_id}")
    assert "Miễn (1): Chi bộ Trường C (C3)" in detail
    assert (await office.send("/mien x"))[0].startswith("Cách dùng: /mien")


async def test_digest_names_overdue_and_imminent_items(
    app: App, channel: FakeChannel, office: Person, clock: FakeClock
) -> None:
    assert digest_text(app.ctx) is None
    await office.send("/hanmoi 30/04/2024 Báo cáo tháng 4 chibo A1,B2")
    await office.send("/hanmoi 04/05/2024 Báo cáo sơ kết 6 tháng")
    await office.send("/hanmoi 20/05/2024 Báo cáo quý 2")
    a1 = await join(app, channel, office, "10", "A1")
    await a1.send("đã nộp 1")  # nothing listed yet: item 1 of the open list, the oldest
    clock.set(datetime(2024, 5, 3, 7, 30, tzinfo=TZ))
    text = digest_text(app.ctx)
    assert text is not None
    ids = {v.deadline_title: v.deadline_id for v in assignment_views(app.db)}
    assert text.splitlines() == [
        "Tình hình hạn nộp sáng thứ Sáu 03/05/2024:",
        "",
        "Quá hạn, chưa nộp:",
        f"• #{ids['Báo cáo tháng 4']} Báo cáo tháng 4 — hạn 17:00 thứ Ba 30/04/2024 "
        "(ngày nghỉ: Ngày Chiến thắng): Chi bộ Trường B",
        "",
        "Sắp đến hạn (trong 3 ngày), chưa nộp:",
        f"• #{ids['Báo cáo sơ kết 6 tháng']} Báo cáo sơ kết 6 tháng — hạn 17:00 thứ Bảy "
        "04/05/2024: Chi bộ Trường A, Chi bộ Trường B, Chi bộ Trường C",
        "",
        "Gõ /tinhhinh SỐ để xem chi tiết từng hạn.",
    ]


def kinds(app: App, assignment_id: int) -> list[tuple[str, str, datetime]]:
    """An assignment's reminder rows: (kind, status, due instant)."""
    return [(r.kind, r.status, r.due_at) for r in reminders_of(app.db, assignment_id)]


async def test_moving_an_approved_deadline_replans_and_tells_the_branches(
    app: App, channel: FakeChannel, office: Person, clock: FakeClock
) -> None:
    await office.send("/hanmoi 10/05/2024 Báo cáo sơ kết 6 tháng")
    a1 = await join(app, channel, office, "10", "A1")
    await join(app, channel, office, "20", "B2")
    await a1.send("đã nộp")
    scheduler = ReminderScheduler(app)
    await scheduler.tick()  # B2 gets the notice; its ladder for 10/05 is planned
    views = {v.branch_code: v for v in assignment_views(app.db)}
    deadline_id, item = views["B2"].deadline_id, views["B2"].assignment_id

    (reply,) = await office.send(f"/doihan {deadline_id} 20/05/2024")
    assert reply == (
        f"Đã dời hạn #{deadline_id} «Báo cáo sơ kết 6 tháng» sang 17:00 ngày 20/05/2024. "
        "Đã báo hạn mới cho 2 chi bộ chưa nộp. Giữ nguyên hạn cũ cho 1 chi bộ đã nộp hoặc "
        "được miễn."
    )
    assert channel.last("20").reply.text == (
        "Văn phòng Đảng ủy thông báo: hạn nộp «Báo cáo sơ kết 6 tháng» được dời sang 17:00 "
        "ngày 20/05/2024 (hạn cũ: 17:00 ngày 10/05/2024). Khi đã nộp, chọn «Đã nộp» hoặc "
        "nhắn «đã nộp»."
    )
    assert not any("dời" in t for t in channel.texts("10"))  # A1 has submitted: untouched
    views = {v.branch_code: v for v in assignment_views(app.db)}
    assert views["B2"].due_at == local(2024, 5, 20, 17, 0)
    assert views["A1"].due_at == local(2024, 5, 10, 17, 0)
    assert [(k, s) for k, s, _ in kinds(app, item)] == [  # d1 (Sunday 19/05) goes with d3
        ("notice", "sent"), ("d7", "planned"), ("d1", "planned"),
        ("d0", "planned"), ("overdue", "planned"),
    ]  # fmt: skip
    assert kinds(app, item)[1][2] == local(2024, 5, 13, 8, 0)

    clock.set(local(2024, 5, 7, 8, 0))  # the old «còn 3 ngày» day: nothing goes out
    await scheduler.tick()
    assert not any(t.startswith("Còn") for t in channel.texts("20"))
    clock.set(local(2024, 5, 13, 8, 0))
    await scheduler.tick()
    assert channel.texts("20")[-1].startswith("Còn 7 ngày: Báo cáo sơ kết 6 tháng")
    assert "hạn thứ Hai 20/05/2024" in channel.texts("20")[-1]


async def test_a_reply_to_the_new_date_confirms_and_duyet_also_moves(
    app: App, channel: FakeChannel, office: Person
) -> None:
    await office.send("/hanmoi 10/05/2024 Báo cáo sơ kết 6 tháng chibo B2")
    b2 = await join(app, channel, office, "20", "B2")
    (view,) = assignment_views(app.db)
    (reply,) = await office.send(f"/duyet {view.deadline_id} 25/05/2024 16:00")
    assert reply.startswith(f"Đã dời hạn #{view.deadline_id} «Báo cáo sơ kết 6 tháng» sang 16:00")
    notice = channel.last("20")
    assert notice.reply.buttons[0][0].data == f"done:{view.assignment_id}"
    (done,) = await b2.send("đã nộp", reply_to=notice.message_id)
    assert done.startswith("Đã ghi nhận: Chi bộ Trường B đã nộp «Báo cáo sơ kết 6 tháng»")
    (reply,) = await office.send(f"/doihan {view.deadline_id} 30/05/2024")
    assert reply == (
        f"Hạn nộp #{view.deadline_id} «Báo cáo sơ kết 6 tháng» không còn chi bộ nào chưa nộp "
        "nên không cần dời hạn."
    )


async def test_moving_needs_a_future_date_and_an_approved_deadline(
    app: App, office: Person
) -> None:
    await office.send("/hanmoi 10/05/2024 Báo cáo sơ kết 6 tháng")
    deadline_id = assignment_views(app.db)[0].deadline_id
    (reply,) = await office.send(f"/doihan {deadline_id} 01/05/2024")
    assert reply == "Hạn mới (17:00 ngày 01/05/2024) đã qua; hãy chọn một thời điểm sắp tới."
    assert (await office.send("/doihan"))[0].startswith("Cách dùng: /doihan SỐ NGÀY [GIỜ]")
    (reply,) = await office.send(f"/doihan {deadline_id} hôm nay")
    assert reply.startswith("Không đọc được ngày «hôm nay».")
    assert (await office.send("/doihan 999 20/05/2024"))[0] == "Không có hạn nộp #999."


async def test_moving_a_recurring_deadline_moves_its_current_period(
    app: App, office: Person
) -> None:
    await office.send("/hanmoi 25/05/2024 Báo cáo tháng chibo A1 hằng tháng")
    deadline_id = assignment_views(app.db)[0].deadline_id
    (reply,) = await office.send(f"/doihan {deadline_id} 28/05/2024")
    assert reply.startswith(f"Đã dời hạn #{deadline_id} «Báo cáo tháng (tháng 05/2024)» sang")
    dues = {v.period: v.due_at for v in assignment_views(app.db)}
    assert dues["2024-05"] == local(2024, 5, 28, 17, 0)
    assert dues["2024-06"] == local(2024, 6, 25, 17, 0)
