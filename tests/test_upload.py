"""Dialogs: an admin sends a file to ingest; others get a refusal (or the confirmation flow)."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from bot.app import App
from handlers.upload import REFUSAL
from storage.models.documents import Document
from storage.models.org import Branch
from storage.repos.members import bind_chat
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_readers import directive_docx, make_pdf

ADMIN, SECRETARY = "1", "2"


@pytest.fixture
def admin(app: App, channel: FakeChannel) -> Person:
    """The party office."""
    bind_chat(app.db, "fake", ADMIN, "admin", None)
    return Person(app, channel, ADMIN)


@pytest.fixture
def secretary(app: App, channel: FakeChannel) -> Person:
    """A branch secretary."""
    with app.db.session() as session:
        branch = Branch(code="A1", name="Chi bộ Trường A", created_at=app.ctx.clock.now())
        session.add(branch)
        session.flush()
        branch_id = branch.id
    bind_chat(app.db, "fake", SECRETARY, "secretary", branch_id)
    return Person(app, channel, SECRETARY)


def documents(app: App) -> list[Document]:
    """Every stored document."""
    with app.db.session() as session:
        return list(session.exec(select(Document).order_by(col(Document.id))))


async def test_admin_uploads_a_docx(admin: Person, app: App, channel: FakeChannel) -> None:
    replies = await admin.send_file("34-HD.docx", directive_docx())
    summary = replies[0]
    assert summary.startswith("Đã nạp “34-HD.docx” vào thư viện.")
    assert "• Số: 34-HD/ĐU" in summary
    assert "• Trích yếu: " in summary and "công tác dân vận năm 2024" in summary.lower()
    assert "• Số mục: 2" in summary
    assert "• Câu nêu hạn tìm thấy: 1" in summary
    # One approval card follows, naming the deadline, with buttons for the admin.
    proposals = [s for s in channel.sent if s.chat_id == ADMIN and s.reply.buttons]
    assert len(replies) == 2 and len(proposals) == 1
    assert replies[1].startswith("Văn bản 34-HD/ĐU có 1 hạn nộp chờ đồng chí duyệt")
    assert "hạn 10/05/2024" in replies[1]
    assert [d.number for d in documents(app)] == ["34-HD/ĐU"]


async def test_admin_uploads_the_same_file_twice(admin: Person, app: App) -> None:
    data = directive_docx()  # python-docx stamps the time: build the bytes once
    await admin.send_file("34-HD.docx", data)
    stored = documents(app)
    replies = await admin.send_file("34-HD.docx", data)
    assert replies == [
        "“34-HD.docx” đã có trong thư viện với đúng nội dung này, không cần nạp lại."
    ]
    assert documents(app) == stored


async def test_admin_uploads_a_new_version(admin: Person, app: App) -> None:
    await admin.send_file("34-HD.docx", directive_docx())
    (old,) = documents(app)
    replies = await admin.send_file("34-HD.docx", directive_docx("Bổ sung: thực hiện nghiêm."))
    assert replies[0].startswith("Đã nạp “34-HD.docx” vào thư viện (thay bản cũ cùng tên).")
    (new,) = documents(app)
    assert new.id != old.id and "Bổ sung: thực hiện nghiêm." in new.text


async def test_scanned_pdf_is_refused_with_the_reason(admin: Person, app: App) -> None:
    replies = await admin.send_file("34-HD.pdf", make_pdf(None))
    assert replies == ["34-HD.pdf: PDF không có lớp chữ (bản scan), cần OCR trước khi nạp."]
    assert documents(app) == []


async def test_unsupported_file_is_refused_before_download(admin: Person) -> None:
    replies = await admin.send_file("bang-diem.xlsx", b"PK\x03\x04")
    assert replies == [
        "bang-diem.xlsx: định dạng .xlsx không được hỗ trợ; chỉ nhận tệp .txt, .docx hoặc .pdf."
    ]
    assert admin.fetched == []


async def test_too_big_file_is_refused_before_download(admin: Person) -> None:
    replies = await admin.send_file("lon.pdf", b"%PDF", size=50 * 1024 * 1024)
    assert replies == [
        "lon.pdf: tệp dung lượng 50,0 MB vượt giới hạn 20,0 MB (MAX_UPLOAD_MB); "
        "hãy tách nhỏ hoặc nén lại rồi gửi."
    ]
    assert admin.fetched == []


async def test_download_failure_asks_to_send_again(admin: Person, app: App) -> None:
    replies = await admin.send_file("34-HD.docx", directive_docx(), fail=True)
    assert replies == ["34-HD.docx: không tải được tệp về, đồng chí vui lòng gửi lại sau ít phút."]
    assert documents(app) == []


async def test_secretary_upload_gets_a_polite_refusal(secretary: Person, app: App) -> None:
    replies = await secretary.send_file("34-HD.docx", directive_docx())
    assert replies == [REFUSAL]
    assert secretary.fetched == [] and documents(app) == []


async def test_secretary_file_in_reply_is_left_to_the_confirmation(
    secretary: Person, app: App
) -> None:
    replies = await secretary.send_file("bao-cao.docx", directive_docx(), reply_to="77")
    assert REFUSAL not in replies
    assert documents(app) == []


async def test_unregistered_sender_is_not_served(app: App, channel: FakeChannel) -> None:
    stranger = Person(app, channel, "900")
    replies = await stranger.send_file("34-HD.docx", directive_docx())
    assert len(replies) == 1 and "chưa đăng ký" in replies[0]
    assert stranger.fetched == [] and documents(app) == []
