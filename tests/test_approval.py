"""Deadlines found in an ingested document wait for an admin: approve, re-date, choose, discard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.app import App
from handlers.approval import propose_deadlines
from handlers.ingest import ingest_paths
from knowledge.model import Deadline as Found
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


async def test_admin_sees_each_deadline_with_sentence_section_and_buttons(
    app: App, office: Person
) -> None:
    cards = propose_deadlines(app.ctx, store_document(app))
    assert len(cards) == 3
    first = cards[0]
    assert first.text.startswith("Hạn nộp tìm thấy trong văn bản 89-KH/ĐU (mục III.2) — đề xuất #")
    assert f"«{SIX_MONTHS}»" in first.text
    assert "Ngày hạn: 17:00 ngày 10/05/2024" in first.text
    assert "Áp dụng: tất cả chi bộ" in first.text
    labels = [b.label for row in first.buttons for b in row]
    assert labels == ["Duyệt", "Sửa ngày", "Chọn chi bộ", "Bỏ qua"]
    assert "Ngày hạn: chưa rõ ngày (hằng tháng)" in cards[2].text
    assert "/duyet" in first.text and "/boqua" in first.text  # typed equivalents (Zalo)


async def test_nothing_is_scheduled_before_approval_and_proposing_is_idempotent(
    app: App, office: Person
) -> None:
    doc_id = store_document(app)
    first = propose_deadlines(app.ctx, doc_id)
    again = propose_deadlines(app.ctx, doc_id)
    assert [c.ref for c in first] == [c.ref for c in again]
    assert assignment_views(app.db) == []


async def test_approve_by_button_assigns_every_branch(app: App, office: Person) -> None:
    cards = propose_deadlines(app.ctx, store_document(app))
    data = cards[0].buttons[0][0].data
    (reply,) = await office.press(data)
    deadline_id = data.split(":")[1]
    assert reply == (
        f"Đã duyệt #{deadline_id} «Báo cáo sơ kết 6 tháng», hạn 17:00 ngày 10/05/2024: "
        "giao cho 3 chi bộ."
    )
    assert {v.branch_code for v in assignment_views(app.db)} == {"A1", "B2", "C3"}
    (again,) = await office.press(data)
    assert again.startswith(f"#{deadline_id} «Báo cáo sơ kết 6 tháng» đã được duyệt trước đó.")
    assert len(assignment_views(app.db)) == 3


async def test_edit_date_and_choose_branches_by_typing(app: App, office: Person) -> None:
    cards = propose_deadlines(app.ctx, store_document(app))
    deadline_id = cards[1].ref.split(":")[1] if cards[1].ref else ""
    (ask,) = await office.press(f"apdate:{deadline_id}")
    assert ask.startswith(f"Gõ ngày hạn mới cho #{deadline_id}, ví dụ: /duyet {deadline_id}")
    (ask,) = await office.press(f"apbr:{deadline_id}")
    assert "• A1 — Chi bộ Trường A" in ask
    (reply,) = await office.send(f"/duyet {deadline_id} 12/11/2024 chibo A1, C3")
    assert reply.endswith("hạn 17:00 ngày 12/11/2024: giao cho 2 chi bộ.")
    assert {v.branch_code for v in assignment_views(app.db)} == {"A1", "C3"}


async def test_choose_branches_with_buttons(app: App, channel: FakeChannel, office: Person) -> None:
    cards = propose_deadlines(app.ctx, store_document(app))
    deadline_id = (cards[0].ref or "").split(":")[1]
    await office.press(f"apbr:{deadline_id}")
    picker = channel.last(office.chat_id).reply
    assert [b.data for row in picker.buttons for b in row] == [
        f"apb:{deadline_id}:A1",
        f"apb:{deadline_id}:B2",
        f"apb:{deadline_id}:C3",
        f"apb:{deadline_id}:*",
        f"ap:{deadline_id}",
    ]
    assert picker.text.endswith(
        "Đang chọn: tất cả chi bộ. Chọn tên chi bộ để thêm hoặc bỏ, rồi chọn «Duyệt»."
    )
    await office.press(f"apb:{deadline_id}:A1")
    (after,) = await office.press(f"apb:{deadline_id}:B2")
    assert "Đang chọn: A1, B2." in after
    assert channel.last(office.chat_id).reply.buttons[0][0].label == "✓ A1"
    (approved,) = await office.press(f"ap:{deadline_id}")
    assert approved.endswith("giao cho 2 chi bộ.")
    assert {v.branch_code for v in assignment_views(app.db)} == {"A1", "B2"}


async def test_undated_recurring_needs_a_date_then_makes_one_assignment_per_month(
    app: App, office: Person
) -> None:
    cards = propose_deadlines(app.ctx, store_document(app))
    deadline_id = (cards[2].ref or "").split(":")[1]
    (reply,) = await office.send(f"/duyet {deadline_id}")
    assert reply == (
        f"Đề xuất #{deadline_id} chưa có ngày hạn. Gõ /duyet {deadline_id} NGÀY, "
        f"ví dụ /duyet {deadline_id} 10/05/2024."
    )
    (reply,) = await office.send(f"/duyet {deadline_id} 2024-05-25 chibo B2")
    assert reply.endswith("hạn 17:00 ngày 25/05/2024, hằng tháng: giao cho 1 chi bộ, 8 kỳ.")
    periods = [v.period for v in assignment_views(app.db)]
    assert periods == [f"2024-{m:02d}" for m in range(5, 13)]


async def test_discard(app: App, office: Person) -> None:
    doc_id = store_document(app)
    cards = propose_deadlines(app.ctx, doc_id)
    deadline_id = (cards[0].ref or "").split(":")[1]
    (reply,) = await office.send(f"/boqua {deadline_id}")
    assert reply == (
        f"Đã bỏ qua #{deadline_id} «Báo cáo sơ kết 6 tháng». Hạn này sẽ không được nhắc."
    )
    assert assignment_views(app.db) == []
    assert len(propose_deadlines(app.ctx, doc_id)) == 2  # a discarded one is not asked again


async def test_bad_input_is_explained(app: App, office: Person) -> None:
    cards = propose_deadlines(app.ctx, store_document(app))
    deadline_id = (cards[0].ref or "").split(":")[1]
    (reply,) = await office.send(f"/duyet {deadline_id} 31/02/2024")
    assert reply.startswith("Không đọc được ngày «31/02/2024».")
    (reply,) = await office.send(f"/duyet {deadline_id} chibo ZZ")
    assert reply == "Không có chi bộ mã: ZZ. Gõ /chibo để xem danh sách."
    assert (await office.send("/duyet 999"))[0] == "Không có hạn nộp #999."
    assert (await office.send("/duyet"))[0].startswith("Cách dùng: /duyet SỐ")


async def test_secretaries_cannot_approve(app: App, channel: FakeChannel, office: Person) -> None:
    cards = propose_deadlines(app.ctx, store_document(app))
    secretary = await join(app, channel, office, "10", "A1")
    deadline_id = (cards[0].ref or "").split(":")[1]
    for attempt in (secretary.send(f"/duyet {deadline_id}"), secretary.press(f"ap:{deadline_id}")):
        assert await attempt == ["Lệnh này chỉ dành cho Văn phòng Đảng ủy."]
    assert assignment_views(app.db) == []


async def test_unknown_or_empty_document(app: App, office: Person) -> None:
    assert propose_deadlines(app.ctx, 12345) == []


def test_titles_say_what_the_task_is() -> None:
    from handlers.approval import _title

    alone = Found(
        "Báo cáo sơ kết 6 tháng đầu năm 2027 gửi về Văn phòng Đảng ủy Sở trước ngày 15 tháng 6 "
        "năm 2027.",
        "III.1",
        date(2027, 6, 15),
        label="Sơ kết",
    )
    assert _title(alone, shared=False) == "Báo cáo sơ kết 6 tháng đầu năm 2027"
    subject = Found("Các chi bộ, đảng bộ cơ sở xây dựng kế hoạch, hạn chót ngày 30/11.", "III")
    assert _title(subject, shared=False) == "Xây dựng kế hoạch"
    assert _title(Found(SIX_MONTHS, "III.2", label="Báo cáo năm"), shared=True) == "Báo cáo năm"


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
        f"Đề xuất #{first[0].id} «Báo cáo sơ kết 6 tháng» đã bị bỏ qua hoặc được thay bằng "
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
    cards = propose_deadlines(app.ctx, store_document(app))
    deadline_id = (cards[0].ref or "").split(":")[1]
    await office.send(f"/duyet {deadline_id}")
    (reply,) = await office.send(f"/duyet {deadline_id} chibo A1")
    assert reply == (
        f"#{deadline_id} «Báo cáo sơ kết 6 tháng» đã được duyệt nên không đổi chi bộ được nữa. "
        f"Dùng /mien {deadline_id} MÃ_CHI_BỘ để miễn cho một chi bộ."
    )
    (reply,) = await office.send(f"/duyet {deadline_id}")
    assert reply.endswith(
        f"Muốn dời hạn, gõ /doihan {deadline_id} NGÀY, ví dụ /doihan {deadline_id} 20/05/2024."
    )
