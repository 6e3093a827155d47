"""Admins sending a .docx/.pdf/.txt file to ingest."""

from __future__ import annotations

import asyncio
import logging

from core.messages import Attachment, Reply
from handlers.audit import actor_of
from handlers.context import Request
from handlers.ingest import ingest_bytes
from handlers.ingest_report import FileOutcome, display_number, shorten
from knowledge.model import Deadline
from knowledge.parse.readers import ReadError, check_name, check_size
from knowledge.vi.periods import when_text
from storage.repos.messages import ref_of_message

log = logging.getLogger(__name__)

REFUSAL = (
    "Cảm ơn bạn đã gửi tệp. Chỉ Văn phòng Đảng ủy mới nạp văn bản vào thư viện của bot. "
    "Nếu đây là báo cáo gửi theo lời nhắc hạn, bạn hãy trả lời (reply) đúng tin nhắc đó "
    "kèm tệp báo cáo."
)
FETCH_FAILED = "{file}: không tải được tệp về, bạn hãy gửi lại sau ít phút."
SKIPPED_SAME = "«{file}» đã có trong thư viện với đúng nội dung này, không cần nạp lại."
SKIPPED_TWIN = "«{file}» có nội dung trùng với tệp «{twin}» đã nạp, không nạp lại."
INGESTED = "Đã nạp «{file}» vào thư viện{replaced}.\n• Số: {number}\n• Trích yếu: {title}\n"
SECTIONS = "• Số mục: {count}"
DEADLINES = "• Hạn tìm thấy: {count}"
NO_DEADLINES = "• Không thấy hạn nộp nào trong văn bản."
APPROVAL_FOLLOWS = "Các hạn dưới đây chờ anh/chị duyệt trước khi nhắc các chi bộ."
REPLACED = " (thay bản cũ cùng tên)"


async def on_file(req: Request) -> list[Reply] | None:
    """A file sent to the bot: admins ingest it, others get a polite refusal."""
    attachment = req.msg.attachment
    if attachment is None:
        return None
    if not req.is_admin:
        # A file in reply to a reminder is a submitted report: the confirmation handler's.
        return None if req.msg.reply_to_message_id else [Reply(REFUSAL)]
    if _replies_to_reminder(req):
        return None
    return await _ingest_upload(req, attachment)


def _replies_to_reminder(req: Request) -> bool:
    msg = req.msg
    if not msg.reply_to_message_id:
        return False
    ref = ref_of_message(req.ctx.db, msg.channel, msg.chat_id, msg.reply_to_message_id)
    return bool(ref and ref.startswith("assignment:"))


async def _ingest_upload(req: Request, attachment: Attachment) -> list[Reply]:
    """Check name and size before downloading, then ingest and describe the result."""
    name = attachment.name or "tep-khong-ten"
    try:
        check_name(name)
        check_size(name, attachment.size, req.ctx.settings.max_upload_bytes)
    except ReadError as exc:
        return [Reply(str(exc))]
    try:
        data = await attachment.fetch()
    except Exception:  # any channel download failure: the admin can simply send it again
        log.exception("downloading %s failed", name)
        return [Reply(FETCH_FAILED.format(file=name))]
    # Reading and parsing a large PDF takes a while: keep the event loop answering others.
    outcome = await asyncio.to_thread(ingest_bytes, req.ctx, name, data, actor=actor_of(req))
    return describe_outcome(outcome)


def describe_outcome(outcome: FileOutcome) -> list[Reply]:
    """The admin's answer: what was found, then the deadline approval messages."""
    if outcome.status == "error":
        return [Reply(f"{outcome.file}: {outcome.reason}")]
    if outcome.status == "skipped":
        twin = outcome.reason.removeprefix("trùng nội dung với ")
        if twin == outcome.reason:
            return [Reply(SKIPPED_SAME.format(file=outcome.file))]
        return [Reply(SKIPPED_TWIN.format(file=outcome.file, twin=twin))]
    directive = outcome.directive
    assert directive is not None
    text = INGESTED.format(
        file=outcome.file,
        replaced=REPLACED if outcome.replaced else "",
        number=display_number(directive),
        title=shorten(directive.title or outcome.file, 200),
    )
    lines = [text + SECTIONS.format(count=len(directive.sections))]
    lines += _deadline_lines(directive.deadlines)
    lines += [f"Lưu ý: {warning}" for warning in outcome.warnings]
    if outcome.replies:
        lines.append(APPROVAL_FOLLOWS)
    return [Reply("\n".join(lines)), *outcome.replies]


def _deadline_lines(deadlines: list[Deadline]) -> list[str]:
    if not deadlines:
        return [NO_DEADLINES]
    lines = [DEADLINES.format(count=len(deadlines))]
    for found in deadlines:
        when = when_text(found)
        lines.append(f"  – {when}: {shorten(found.label or found.text, 90)}")
    return lines
