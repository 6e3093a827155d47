"""Dialogs: an admin sends a file to ingest; others get a refusal (or the confirmation flow)."""

from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument
from sqlmodel import select

from bot.app import App
from bot.channels.fake import FakeChannel
from core.messages import Attachment, Incoming
from handlers.upload import REFUSAL
from storage.models import Branch, Document
from storage.repos.members import bind_chat
from tests.readers_support import make_pdf

ADMIN, SECRETARY = "1", "2"


def directive_docx(extra: str = "") -> bytes:
    """A Word directive with the header table and one dated deadline."""
    doc = WordDocument()
    left, right = doc.add_table(rows=1, cols=2).rows[0].cells
    left.text = "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    left.add_paragraph("Số 34-HD/ĐU")
    right.text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    right.add_paragraph("TP. Hồ Chí Minh, ngày 15 tháng 4 năm 2024")
    for line in (
        "HƯỚNG DẪN",
        "thực hiện công tác dân vận năm 2024",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao nhận thức của cán bộ, đảng viên về công tác dân vận.",
        "II. TỔ CHỨC THỰC HIỆN",
        "Các chi bộ gửi báo cáo kết quả về Văn phòng Đảng ủy trước ngày 10/5/2024.",
        extra,
    ):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class Sender:
    """Someone in a chat who sends files; records whether the bot downloaded them."""

    def __init__(self, app: App, channel: FakeChannel, chat_id: str) -> None:
        self.app, self.channel, self.chat_id = app, channel, chat_id
        self.fetched: list[str] = []

    async def send_file(
        self,
        name: str,
        data: bytes,
        size: int | None = None,
        reply_to: str | None = None,
        fail: bool = False,
    ) -> list[str]:
        """Send a file; returns the texts the bot answered with."""

        async def fetch() -> bytes:
            if fail:
                raise ConnectionError("network down")
            self.fetched.append(name)
            return data

        attachment = Attachment(name, len(data) if size is None else size, fetch)
        before = len(self.channel.sent)
        msg = Incoming(
            self.channel.name,
            self.chat_id,
            self.chat_id,
            reply_to_message_id=reply_to,
            attachment=attachment,
        )
        await self.app.process(msg)
        return [s.reply.text for s in self.channel.sent[before:] if s.chat_id == self.chat_id]


@pytest.fixture
def admin(app: App, channel: FakeChannel) -> Sender:
    """The party office."""
    bind_chat(app.db, "fake", ADMIN, "admin", None)
    return Sender(app, channel, ADMIN)


@pytest.fixture
def secretary(app: App, channel: FakeChannel) -> Sender:
    """A branch secretary."""
    with app.db.session() as session:
        branch = Branch(code="A1", name="Chi bộ Trường A", created_at=app.ctx.clock.now())
        session.add(branch)
        session.flush()
        branch_id = branch.id
    bind_chat(app.db, "fake", SECRETARY, "secretary", branch_id)
    return Sender(app, channel, SECRETARY)


def documents(app: App) -> list[Document]:
    """Every stored document."""
    with app.db.session() as session:
        return list(session.exec(select(Document)))


async def test_admin_uploads_a_docx(admin: Sender, app: App, channel: FakeChannel) -> None:
    replies = await admin.send_file("34-HD.docx", directive_docx())
    summary = replies[0]
    assert summary.startswith("Đã nạp «34-HD.docx» vào thư viện.")
    assert "• Số: 34-HD/ĐU" in summary
    assert "• Trích yếu: " in summary and "công tác dân vận năm 2024" in summary.lower()
    assert "• Số mục: 2" in summary
    assert "• Hạn tìm thấy: 1" in summary
    assert "10/05/2024" in summary
    # The deadline approval follows, with buttons for the admin.
    proposals = [s for s in channel.sent if s.chat_id == ADMIN and s.reply.buttons]
    assert len(replies) == 2 and len(proposals) == 1
    assert [d.number for d in documents(app)] == ["34-HD/ĐU"]


async def test_admin_uploads_the_same_file_twice(admin: Sender, app: App) -> None:
    data = directive_docx()  # python-docx stamps the time: build the bytes once
    await admin.send_file("34-HD.docx", data)
    stored = documents(app)
    replies = await admin.send_file("34-HD.docx", data)
    assert replies == [
        "«34-HD.docx» đã có trong thư viện với đúng nội dung này, không cần nạp lại."
    ]
    assert documents(app) == stored


async def test_admin_uploads_a_new_version(admin: Sender, app: App) -> None:
    await admin.send_file("34-HD.docx", directive_docx())
    (old,) = documents(app)
    replies = await admin.send_file("34-HD.docx", directive_docx("Bổ sung: thực hiện nghiêm."))
    assert replies[0].startswith("Đã nạp «34-HD.docx» vào thư viện (thay bản cũ cùng tên).")
    (new,) = documents(app)
    assert new.id != old.id and "Bổ sung: thực hiện nghiêm." in new.text


async def test_scanned_pdf_is_refused_with_the_reason(admin: Sender, app: App) -> None:
    replies = await admin.send_file("34-HD.pdf", make_pdf(None))
    assert replies == ["34-HD.pdf: PDF không có lớp chữ (bản scan), cần OCR trước khi nạp."]
    assert documents(app) == []


async def test_unsupported_file_is_refused_before_download(admin: Sender) -> None:
    replies = await admin.send_file("bang-diem.xlsx", b"PK\x03\x04")
    assert replies == [
        "bang-diem.xlsx: định dạng .xlsx không được hỗ trợ; chỉ nhận tệp .txt, .docx hoặc .pdf."
    ]
    assert admin.fetched == []


async def test_too_big_file_is_refused_before_download(admin: Sender) -> None:
    replies = await admin.send_file("lon.pdf", b"%PDF", size=50 * 1024 * 1024)
    assert replies == [
        "lon.pdf: tệp dung lượng 50,0 MB vượt giới hạn 20,0 MB; hãy tách nhỏ hoặc nén lại rồi gửi."
    ]
    assert admin.fetched == []


async def test_download_failure_asks_to_send_again(admin: Sender, app: App) -> None:
    replies = await admin.send_file("34-HD.docx", directive_docx(), fail=True)
    assert replies == ["34-HD.docx: không tải được tệp về, bạn hãy gửi lại sau ít phút."]
    assert documents(app) == []


async def test_secretary_upload_gets_a_polite_refusal(secretary: Sender, app: App) -> None:
    replies = await secretary.send_file("34-HD.docx", directive_docx())
    assert replies == [REFUSAL]
    assert secretary.fetched == [] and documents(app) == []


async def test_secretary_file_in_reply_is_left_to_the_confirmation(
    secretary: Sender, app: App
) -> None:
    replies = await secretary.send_file("bao-cao.docx", directive_docx(), reply_to="77")
    assert REFUSAL not in replies
    assert documents(app) == []


async def test_unregistered_sender_is_not_served(app: App, channel: FakeChannel) -> None:
    stranger = Sender(app, channel, "900")
    replies = await stranger.send_file("34-HD.docx", directive_docx())
    assert len(replies) == 1 and "chưa đăng ký" in replies[0]
    assert stranger.fetched == [] and documents(app) == []
