"""The office approves many proposals at once, never a past date by mistake, one card a document."""

from __future__ import annotations

from datetime import date

import pytest

from bot.app import App
from core.settings import Settings
from handlers.proposals import kept_deadlines, propose_deadlines
from knowledge.model import Deadline as Found
from storage.repos.assignments import assignment_views
from storage.repos.deadlines import deadlines
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import add_branches, make_admin, store_document

PLAN = [
    Found(
        "Căn cứ Kế hoạch này, Thủ trưởng các đơn vị xây dựng kế hoạch triển khai tại đơn vị "
        "và gửi về Văn phòng Đảng ủy trước ngày 20/5/2024.",
        "IV.1",
        date(2024, 5, 20),
    ),
    Found(
        "Đề nghị Ban Tuyên giáo Đảng ủy chủ trì, phối hợp với Văn phòng tổ chức hội nghị "
        "quán triệt trong tháng 12/2024.",
        "IV.2",
        None,
        period="2024-12",
    ),
    Found(
        "Các chi bộ, đảng bộ cơ sở báo cáo kết quả rà soát đảng viên trước ngày 15/3/2024.",
        "IV.3",
        date(2024, 3, 15),
    ),
    Found(
        "Để triển khai hiệu quả Chỉ thị số 35-CT/TW, các chi bộ tổ chức rà soát, đánh giá "
        "đội ngũ cán bộ, hoàn thành trước ngày 14/6/2024.",
        "IV.4",
        date(2024, 6, 14),
    ),
]


@pytest.fixture
async def office(app: App, channel: FakeChannel) -> Person:
    """An admin with two branches and a plan whose four deadlines wait for approval."""
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    propose_deadlines(app.ctx, store_document(app, PLAN, number="12-KH/ĐU", file="kh12.docx"))
    return admin


def waiting(app: App) -> list[int]:
    """Ids of the proposals still waiting."""
    return sorted(d.id for d in deadlines(app.db, ("proposed",)) if d.id is not None)


async def test_dexuat_lists_who_what_and_when_from_the_sentences(app: App, office: Person) -> None:
    build, meeting, review, cadres = waiting(app)
    (listing,) = await office.send("/dexuat")
    assert listing.splitlines()[:5] == [
        "Có 4 đề xuất hạn nộp chờ duyệt:",
        f"#{build} Xây dựng kế hoạch triển khai tại đơn vị — Thủ trưởng các đơn vị — hạn "
        "20/05/2024 (12-KH/ĐU)",
        f"#{meeting} Chủ trì, phối hợp với Văn phòng tổ chức hội nghị quán triệt — Ban Tuyên "
        "giáo Đảng ủy — chưa rõ ngày (tháng 12/2024; gợi ý 31/12/2024) (12-KH/ĐU)",
        f"#{review} Báo cáo kết quả rà soát đảng viên — Các chi bộ — hạn 15/03/2024 (đã qua) "
        "(12-KH/ĐU)",
        f"#{cadres} Tổ chức rà soát, đánh giá đội ngũ cán bộ — Các chi bộ — hạn 14/06/2024 "
        "(12-KH/ĐU)",
    ]


async def test_approve_several_at_once_by_typing_and_the_rest_is_explained(
    app: App, office: Person
) -> None:
    build, meeting, review, cadres = waiting(app)
    (reply,) = await office.send(f"duyệt {build},{meeting}, {review} và {cadres}")
    assert reply.splitlines() == [
        "Đã duyệt 2 hạn nộp:",
        f"#{build} “Xây dựng kế hoạch triển khai tại đơn vị”, hạn 17:00 ngày 20/05/2024: "
        "giao cho 2 chi bộ.",
        f"#{cadres} “Tổ chức rà soát, đánh giá đội ngũ cán bộ”, hạn 17:00 ngày 14/06/2024: "
        "giao cho 2 chi bộ.",
        "",
        "Chưa duyệt 2 hạn, cần đồng chí xem riêng:",
        f"#{meeting} “Chủ trì, phối hợp với Văn phòng tổ chức hội nghị quán triệt”: chưa có ngày "
        f"hạn; gợi ý 31/12/2024 (gõ /duyet {meeting} 31/12/2024)",
        f"#{review} “Báo cáo kết quả rà soát đảng viên”: ngày hạn 15/03/2024 đã qua "
        f"(gõ /duyet {review} NGÀY_MỚI hoặc /duyet {review} xác nhận)",
    ]
    assert waiting(app) == [meeting, review]


async def test_approve_all_with_the_button_and_with_a_range(app: App, office: Person) -> None:
    build, meeting, review, cadres = waiting(app)
    (reply,) = await office.press("apall:d1")
    assert reply.startswith("Đã duyệt 2 hạn nộp:")
    (reply,) = await office.send(f"/duyet {build}-{cadres}")
    assert reply.splitlines()[0] == "Chưa duyệt hạn nào."
    assert f"#{build} “Xây dựng kế hoạch triển khai tại đơn vị”: đã được duyệt" in reply


async def test_a_past_date_is_refused_with_the_reason_then_confirmed(
    app: App, office: Person, channel: FakeChannel
) -> None:
    review = waiting(app)[2]
    (refused,) = await office.send(f"/duyet {review}")
    assert refused.startswith(
        f"Chưa duyệt #{review} “Báo cáo kết quả rà soát đảng viên”: ngày hạn 17:00 ngày "
        "15/03/2024 đã qua 48 ngày, nếu duyệt thì mọi chi bộ được giao sẽ bị tính quá hạn ngay."
    )
    assert assignment_views(app.db) == []
    force = channel.last(office.chat_id).reply.buttons[-1][0]
    assert (force.label, force.data) == ("Vẫn duyệt ngày đã qua", f"apok:{review}")
    (approved,) = await office.send(f"/duyet {review} xác nhận")
    assert approved.endswith("Ngày hạn đã qua: các chi bộ chưa nộp được tính là quá hạn.")
    assert {v.effective(app.ctx.clock.now()) for v in assignment_views(app.db)} == {"overdue"}


async def test_a_new_past_date_is_refused_too_and_a_future_one_approves(
    app: App, office: Person
) -> None:
    review = waiting(app)[2]
    (refused,) = await office.send(f"/duyet {review} 01/04/2024")
    assert refused.startswith(f"Chưa duyệt #{review}")
    (approved,) = await office.send(f"/duyet {review} 30/05/2024")
    assert approved.startswith(f"Đã duyệt #{review} “Báo cáo kết quả rà soát đảng viên”, hạn 17")


async def test_a_period_gets_a_suggested_day_the_office_still_approves(
    app: App, office: Person, channel: FakeChannel
) -> None:
    meeting = waiting(app)[1]
    (card,) = await office.press(f"apv:{meeting}")
    assert (
        "Văn bản chỉ ghi thời hạn “tháng 12/2024”, không ghi ngày cụ thể. Ngày gợi ý: 31/12/2024 "
        "(ngày làm việc cuối của kỳ) — chỉ là gợi ý"
    ) in card
    button = channel.last(office.chat_id).reply.buttons[-1][0]
    assert (button.label, button.data) == (
        "Duyệt ngày gợi ý 31/12/2024",
        f"apsug:{meeting}:20241231",
    )
    (reply,) = await office.send(f"/duyet {meeting}")
    assert (
        reply.startswith(f"Đề xuất #{meeting} “Chủ trì, phối hợp")
        and "Ngày gợi ý: 31/12/2024" in reply
    )
    (reply,) = await office.press(button.data)
    assert reply.startswith(f"Đã duyệt #{meeting}") and "hạn 17:00 ngày 31/12/2024" in reply


def test_a_quarter_suggests_its_last_working_day(app: App) -> None:
    quarter = Found("Tổng kết công tác quý II/2024.", "1", None, period="2024-Q2")
    (card,) = propose_deadlines(app.ctx, store_document(app, [quarter]))
    assert "chưa rõ ngày (quý 2/2024; gợi ý 28/06/2024)" in card.text  # 30/06 is a Sunday


def test_the_same_sentence_five_times_is_one_proposal(app: App) -> None:
    same = Found("Các chi bộ nộp báo cáo quý trước ngày 10/6/2024.", "2", date(2024, 6, 10))
    (card,) = propose_deadlines(app.ctx, store_document(app, [same] * 5))
    assert card.text.startswith("Văn bản 89-KH/ĐU có 1 hạn nộp chờ")
    assert "Các câu nêu hạn giống hệt nhau đã được gộp làm một." in card.text
    assert len(deadlines(app.db, ("proposed",))) == 1


def test_a_document_proposes_at_most_the_configured_number(app: App, settings: Settings) -> None:
    settings.max_deadlines_per_document = 12
    many = [
        Found(f"Báo cáo chuyên đề số {n} gửi trước ngày {n}/6/2024.", str(n), date(2024, 6, n))
        for n in range(1, 21)
    ]
    (card,) = propose_deadlines(app.ctx, store_document(app, many))
    assert len(deadlines(app.db, ("proposed",))) == 12
    lines = card.text.splitlines()
    assert (
        lines[0] == "Văn bản 89-KH/ĐU có 12 hạn nộp chờ đồng chí duyệt trước khi nhắc các chi bộ:"
    )
    assert len([line for line in lines if line.startswith("#")]) == 5
    assert "… và 7 hạn khác: chọn “Xem tất cả”." in lines
    assert (
        "Văn bản có 20 hạn nộp khác nhau; chỉ đề xuất 12 hạn đầu tiên (giới hạn "
        "MAX_DEADLINES_PER_DOCUMENT). Hạn khác, nếu cần, đồng chí thêm bằng /hanmoi."
    ) in lines
    assert [b.label for b in card.buttons[-1]] == ["Duyệt tất cả", "Xem tất cả"]


async def test_see_all_pages_through_the_rest(app: App, channel: FakeChannel) -> None:
    admin = make_admin(app, channel)
    many = [
        Found(f"Báo cáo chuyên đề số {n} gửi trước ngày {n}/6/2024.", str(n), date(2024, 6, n))
        for n in range(1, 13)
    ]
    (card,) = propose_deadlines(app.ctx, store_document(app, many))
    see_all = card.buttons[-1][1].data
    (page,) = await admin.press(see_all)
    assert page.startswith("Có 12 đề xuất hạn nộp chờ duyệt (trang 1/2):")
    assert len([line for line in page.splitlines() if line.startswith("#")]) == 10
    following = channel.last(admin.chat_id).reply.buttons[-1][-1]
    assert following.label == "Trang sau"
    (page,) = await admin.press(following.data)
    assert page.startswith("Có 12 đề xuất hạn nộp chờ duyệt (trang 2/2):")
    (everything,) = await admin.send("/dexuat 2")  # every document's, naming the document
    assert everything.splitlines()[1:3] == [f"{line} (89-KH/ĐU)" for line in page.splitlines()[1:3]]


async def test_no_proposals_waiting(app: App, channel: FakeChannel) -> None:
    admin = make_admin(app, channel)
    assert await admin.send("/dexuat") == ["Không có đề xuất hạn nộp nào chờ duyệt."]


async def test_a_due_date_in_tet_is_shown_with_the_working_day_before(
    app: App, channel: FakeChannel
) -> None:
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"))
    tet = Found("Các chi bộ nộp báo cáo năm trước ngày 29/01/2025.", "3", date(2025, 1, 29))
    (card,) = propose_deadlines(app.ctx, store_document(app, [tet]))
    (deadline_id,) = waiting(app)
    assert (
        f"#{deadline_id} Nộp báo cáo năm — Các chi bộ — hạn 29/01/2025 (Tết Nguyên Đán, ngày nghỉ)"
        in card.text
    )
    (reply,) = await admin.send(f"/duyet {deadline_id}")
    assert reply.endswith(
        "Lưu ý: 29/01/2025 là Tết Nguyên Đán (ngày nghỉ); muốn dời sang 24/01/2025, "
        f"gõ /doihan {deadline_id} 24/01/2025."
    )


def test_identical_deadlines_merge_and_the_rest_are_capped(app: App, settings: Settings) -> None:
    same = Found("Các chi bộ nộp báo cáo quý trước ngày 15/7/2024.", "II", date(2024, 7, 15))
    shared = "Báo cáo sơ kết (trước ngày 10/5) và báo cáo năm (trước ngày 10/11)."
    found = [
        *[same] * 5,
        Found(shared, "II", date(2024, 5, 10), label="Báo cáo sơ kết"),
        Found(shared, "II", date(2024, 11, 10), label="Báo cáo năm"),
        Found("Các đảng bộ cơ sở gửi danh sách trước ngày 30/9/2024.", "II", date(2024, 9, 30)),
    ]
    kept, notes = kept_deadlines(app.ctx, found)
    assert kept == [same, *found[5:]]  # one sentence with two dates stays two
    assert notes == ["Các câu nêu hạn giống hệt nhau đã được gộp làm một."]
    settings.max_deadlines_per_document = 2
    kept, notes = kept_deadlines(app.ctx, found)
    assert kept == [same, found[5]]
    assert notes[0].startswith("Văn bản có 4 hạn nộp khác nhau; chỉ đề xuất 2 hạn đầu tiên")
