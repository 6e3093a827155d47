"""Deadlines found in an ingested document wait for an admin: approve, re-date, choose, discard."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App
from handlers.ingest import ingest_paths
from handlers.proposals import propose_deadlines
from storage.repos.assignments import assignment_views
from storage.repos.deadlines import deadlines
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import SIX_MONTHS, add_branches, join, make_admin, store_document


@pytest.fixture
async def office(app: App, channel: FakeChannel) -> Person:
    """An admin with three branches."""
    admin = make_admin(app, channel)
    await add_branches(
        admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"), ("C3", "Chi bộ Trường C")
    )
    return admin


def proposed_ids(app: App) -> list[int]:
    """The ids of the proposals waiting, in the order they were found."""
    return sorted(d.id for d in deadlines(app.db, ("proposed",)) if d.id is not None)


async def test_one_summary_card_names_each_deadline_with_who_and_when(
    app: App, office: Person
) -> None:
    (card,) = propose_deadlines(app.ctx, store_document(app))
    six, year, monthly = proposed_ids(app)
    assert card.text.splitlines()[:4] == [
        "Văn bản 89-KH/ĐU có 3 hạn nộp chờ đồng chí duyệt trước khi nhắc các chi bộ:",
        f"#{six} Báo cáo sơ kết 6 tháng — Các chi bộ — hạn 10/05/2024",
        f"#{year} Báo cáo năm — Các chi bộ — hạn 10/11/2024 (Chủ nhật, ngày nghỉ)",
        f"#{monthly} Báo cáo kết quả thực hiện — chưa rõ ngày (hằng tháng)",
    ]
    labels = [b.label for row in card.buttons for b in row]
    assert labels == [
        f"#{six} Báo cáo sơ kết 6 tháng",
        f"#{year} Báo cáo năm",
        f"#{monthly} Báo cáo kết quả thực hiện",
        "Duyệt tất cả",
    ]
    assert "/duyet 12,13,15" in card.text  # typed equivalents (Zalo)


async def test_a_proposal_card_shows_the_sentence_and_its_buttons(
    app: App, office: Person, channel: FakeChannel
) -> None:
    propose_deadlines(app.ctx, store_document(app))
    six, year, _ = proposed_ids(app)
    (card,) = await office.press(f"apv:{six}")
    assert card.startswith(f"Đề xuất #{six} từ văn bản 89-KH/ĐU (mục III.2):\n“{SIX_MONTHS}”")
    assert (
        "Việc: Báo cáo sơ kết 6 tháng\nĐơn vị: Các chi bộ\nNgày hạn: 17:00 ngày 10/05/2024" in card
    )
    labels = [b.label for row in channel.last(office.chat_id).reply.buttons for b in row]
    assert labels == ["Duyệt", "Sửa ngày", "Chọn chi bộ", "Bỏ qua"]
    (card,) = await office.press(f"apv:{year}")
    assert (
        "Lưu ý: 10/11/2024 là Chủ nhật (ngày nghỉ). Ngày làm việc liền trước là 08/11/2024" in card
    )
    last = channel.last(office.chat_id).reply.buttons[-1][0]
    assert (last.label, last.data) == ("Duyệt ngày 08/11/2024", f"apsug:{year}:20241108")


async def test_nothing_is_scheduled_before_approval_and_proposing_is_idempotent(
    app: App, office: Person
) -> None:
    doc_id = store_document(app)
    first = propose_deadlines(app.ctx, doc_id)
    again = propose_deadlines(app.ctx, doc_id)
    assert [c.text for c in first] == [c.text for c in again]
    assert len(proposed_ids(app)) == 3
    assert assignment_views(app.db) == []


async def test_approve_by_button_assigns_every_branch(app: App, office: Person) -> None:
    propose_deadlines(app.ctx, store_document(app))
    six = proposed_ids(app)[0]
    (reply,) = await office.press(f"ap:{six}")
    assert reply == (
        f"Đã duyệt #{six} “Báo cáo sơ kết 6 tháng”, hạn 17:00 ngày 10/05/2024: giao cho 3 chi bộ."
    )
    assert {v.branch_code for v in assignment_views(app.db)} == {"A1", "B2", "C3"}
    (again,) = await office.press(f"ap:{six}")
    assert again.startswith(f"#{six} “Báo cáo sơ kết 6 tháng” đã được duyệt trước đó.")
    assert len(assignment_views(app.db)) == 3


async def test_a_day_off_is_named_at_approval_with_the_working_day_before(
    app: App, office: Person
) -> None:
    propose_deadlines(app.ctx, store_document(app))
    year = proposed_ids(app)[1]
    (reply,) = await office.send(f"/duyet {year}")
    assert reply.endswith(
        "Lưu ý: 10/11/2024 là Chủ nhật (ngày nghỉ); muốn dời sang 08/11/2024, "
        f"gõ /doihan {year} 08/11/2024."
    )
    (moved,) = [r for r in await office.send(f"/doihan {year} 08/11/2024") if "Đã dời" in r]
    assert "sang 17:00 ngày 08/11/2024" in moved


async def test_the_previous_working_day_button_approves_that_day(app: App, office: Person) -> None:
    propose_deadlines(app.ctx, store_document(app))
    year = proposed_ids(app)[1]
    (reply,) = await office.press(f"apsug:{year}:20241108")
    assert reply.startswith(f"Đã duyệt #{year} “Báo cáo năm”, hạn 17:00 ngày 08/11/2024")


async def test_edit_date_and_choose_branches_by_typing(app: App, office: Person) -> None:
    propose_deadlines(app.ctx, store_document(app))
    year = proposed_ids(app)[1]
    (ask,) = await office.press(f"apdate:{year}")
    assert ask.startswith(f"Đồng chí gõ ngày hạn mới cho #{year}, ví dụ: /duyet {year} 16/05/2024")
    (ask,) = await office.press(f"apbr:{year}")
    assert "• A1 — Chi bộ Trường A" in ask
    (reply,) = await office.send(f"/duyet {year} 12/11/2024 chibo A1, C3")
    assert reply.endswith("hạn 17:00 ngày 12/11/2024: giao cho 2 chi bộ.")
    assert {v.branch_code for v in assignment_views(app.db)} == {"A1", "C3"}


async def test_choose_branches_with_buttons(app: App, channel: FakeChannel, office: Person) -> None:
    propose_deadlines(app.ctx, store_document(app))
    six = proposed_ids(app)[0]
    await office.press(f"apbr:{six}")
    picker = channel.last(office.chat_id).reply
    assert [b.data for row in picker.buttons for b in row] == [
        f"apb:{six}:A1",
        f"apb:{six}:B2",
        f"apb:{six}:C3",
        f"apb:{six}:*",
        f"ap:{six}",
    ]
    assert picker.text.endswith(
        "Đang chọn: tất cả chi bộ. Chọn tên chi bộ để thêm hoặc bỏ, rồi chọn “Duyệt”."
    )
    await office.press(f"apb:{six}:A1")
    (after,) = await office.press(f"apb:{six}:B2")
    assert "Đang chọn: A1, B2." in after
    assert channel.last(office.chat_id).reply.buttons[0][0].label == "✓ A1"
    (approved,) = await office.press(f"ap:{six}")
    assert approved.endswith("giao cho 2 chi bộ.")
    assert {v.branch_code for v in assignment_views(app.db)} == {"A1", "B2"}


async def test_undated_recurring_needs_a_date_then_makes_one_assignment_per_month(
    app: App, office: Person
) -> None:
    propose_deadlines(app.ctx, store_document(app))
    monthly = proposed_ids(app)[2]
    (reply,) = await office.send(f"/duyet {monthly}")
    assert reply == (
        f"Đề xuất #{monthly} “Báo cáo kết quả thực hiện” chưa có ngày hạn. Đồng chí gõ "
        f"/duyet {monthly} NGÀY, ví dụ /duyet {monthly} 16/05/2024."
    )
    (reply,) = await office.send(f"/duyet {monthly} 2024-05-24 chibo B2")
    assert reply.endswith("hạn 17:00 ngày 24/05/2024, hằng tháng: giao cho 1 chi bộ, 8 kỳ.")
    periods = [v.period for v in assignment_views(app.db)]
    assert periods == [f"2024-{m:02d}" for m in range(5, 13)]


async def test_discard_one_or_several(app: App, office: Person) -> None:
    doc_id = store_document(app)
    propose_deadlines(app.ctx, doc_id)
    six, year, monthly = proposed_ids(app)
    (reply,) = await office.send(f"/boqua {six}")
    assert reply == f"Đã bỏ qua #{six} “Báo cáo sơ kết 6 tháng”. Hạn này sẽ không được nhắc."
    assert assignment_views(app.db) == []
    (card,) = propose_deadlines(app.ctx, doc_id)  # a discarded one is not asked again
    assert "có 2 hạn nộp chờ" in card.text
    (reply,) = await office.send(f"bỏ qua {year}, {monthly}")
    assert reply.splitlines() == [
        f"Đã bỏ qua #{year} “Báo cáo năm”. Hạn này sẽ không được nhắc.",
        f"Đã bỏ qua #{monthly} “Báo cáo kết quả thực hiện”. Hạn này sẽ không được nhắc.",
    ]
    assert propose_deadlines(app.ctx, doc_id) == []


async def test_bad_input_is_explained(app: App, office: Person) -> None:
    propose_deadlines(app.ctx, store_document(app))
    six = proposed_ids(app)[0]
    (reply,) = await office.send(f"/duyet {six} 31/02/2024")
    assert reply.startswith("Không đọc được ngày “31/02/2024”.")
    (reply,) = await office.send(f"/duyet {six} chibo ZZ")
    assert reply == "Không có chi bộ mã: ZZ. Gõ /chibo để xem danh sách chi bộ."
    assert (await office.send("/duyet 999"))[0] == "Không có hạn nộp #999."
    assert (await office.send("/duyet"))[0].startswith("Cách dùng: /duyet SỐ")


async def test_secretaries_cannot_approve(app: App, channel: FakeChannel, office: Person) -> None:
    propose_deadlines(app.ctx, store_document(app))
    secretary = await join(app, channel, office, "10", "A1")
    six = proposed_ids(app)[0]
    for attempt in (secretary.send(f"/duyet {six}"), secretary.press(f"ap:{six}")):
        assert await attempt == ["Lệnh này chỉ dành cho cán bộ Văn phòng Đảng ủy."]
    assert assignment_views(app.db) == []


async def test_unknown_or_empty_document(app: App, office: Person) -> None:
    assert propose_deadlines(app.ctx, 12345) == []
    assert propose_deadlines(app.ctx, store_document(app, deadlines=[])) == []


HD34 = """ĐẢNG BỘ SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số 34-HD/ĐU
HƯỚNG DẪN
thực hiện công tác dân vận năm 2024

I. MỤC ĐÍCH
{purpose}

II. TỔ CHỨC THỰC HIỆN
1. Các chi bộ báo cáo sơ kết 6 tháng gửi về Văn phòng Đảng ủy trước ngày 10/5/2024.
2. Các chi bộ báo cáo tổng kết năm gửi về Văn phòng Đảng ủy trước ngày 10/11/2024.
"""


def ingest_version(app: App, folder: Path, purpose: str) -> None:
    """Write hd34.txt with this purpose paragraph and ingest it as `danvan ingest` does."""
    path = folder / "hd34.txt"
    path.write_text(HD34.format(purpose=purpose), encoding="utf-8")
    report = ingest_paths(app.ctx, [path])
    assert [item["file"] for item in report.ingested] == ["hd34.txt"]


def open_proposals(app: App) -> list[tuple[str, int | None]]:
    """The proposals waiting for the admin: (sentence, document id)."""
    return [(d.source_text, d.document_id) for d in deadlines(app.db, ("proposed",))]


async def test_a_changed_version_proposes_each_sentence_once(
    app: App, office: Person, tmp_path: Path
) -> None:
    ingest_version(app, tmp_path, "Nâng cao hiệu quả công tác dân vận.")
    first = deadlines(app.db, ("proposed",))
    ingest_version(app, tmp_path, "Nâng cao hiệu quả công tác dân vận trong trường học.")
    proposals = open_proposals(app)
    assert len(proposals) == 2 and len({s for s, _ in proposals}) == 2
    assert None not in {doc for _, doc in proposals}  # all from the new version
    (reply,) = await office.send(f"/duyet {first[0].id}")  # a card from the old version
    assert reply == (
        f"Đề xuất #{first[0].id} “Báo cáo sơ kết 6 tháng” đã bị bỏ qua hoặc được thay bằng "
        "đề xuất từ bản mới của văn bản, nên không duyệt được nữa."
    )
    assert assignment_views(app.db) == []


async def test_an_approved_sentence_is_not_proposed_again_by_a_new_version(
    app: App, office: Person, tmp_path: Path
) -> None:
    ingest_version(app, tmp_path, "Nâng cao hiệu quả công tác dân vận.")
    approved = deadlines(app.db, ("proposed",))[0]
    await office.send(f"/duyet {approved.id}")
    ingest_version(app, tmp_path, "Nâng cao hiệu quả công tác dân vận trong trường học.")
    assert [s for s, _ in open_proposals(app)] == [
        "Các chi bộ báo cáo tổng kết năm gửi về Văn phòng Đảng ủy trước ngày 10/11/2024."
    ]
    (kept,) = deadlines(app.db)
    assert kept.id == approved.id and kept.document_id is not None  # re-attached
    assert len(assignment_views(app.db)) == 3


async def test_branches_cannot_change_after_approval(app: App, office: Person) -> None:
    propose_deadlines(app.ctx, store_document(app))
    six = proposed_ids(app)[0]
    await office.send(f"/duyet {six}")
    (reply,) = await office.send(f"/duyet {six} chibo A1")
    assert reply == (
        f"#{six} “Báo cáo sơ kết 6 tháng” đã được duyệt nên không đổi chi bộ được nữa. "
        f"Dùng /mien {six} MÃ_CHI_BỘ để miễn cho một chi bộ."
    )
    (reply,) = await office.send(f"/duyet {six}")
    assert reply.endswith(f"Muốn dời hạn, gõ /doihan {six} NGÀY, ví dụ /doihan {six} 16/05/2024.")
