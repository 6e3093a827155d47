"""What the Zalo channel writes: replies as plain text with numbered options, and its notices.

Zalo has no buttons, no markup and no files from a bot: a reply's buttons become numbered
options the member picks by typing the number, a file is named instead of sent, and a
text is split into parts of at most 2,000 characters (sendMessage's limit).
"""

from __future__ import annotations

from pathlib import Path

from bot.channels.text import render_options, split_text
from core.messages import Reply

MAX_TEXT = 2000  # sendMessage accepts 1-2000 characters
ERROR_TEXT = "Xin lỗi, đã có lỗi khi xử lý tin nhắn. Văn phòng Đảng ủy đã được báo."
PICK_HINT = "(Gõ số thứ tự để chọn, ví dụ “{first}”.)"
NO_OPTION = "Không có lựa chọn số {number} đang chờ."
PENDING_NUMBERS = " Các số đang chờ: {numbers}."
NO_OPTION_HELP = " Gõ “đã nộp” để báo đã nộp, hoặc /viec để xem việc của chi bộ."
TEXT_ONLY = (
    "Xin lỗi, trên Zalo tôi chỉ đọc được tin nhắn chữ, chưa xem được hình ảnh, nhãn dán, "
    "tin nhắn thoại hay tệp. Đồng chí vui lòng gõ câu hỏi, số văn bản (ví dụ “kh 89”) hoặc "
    "“đã nộp” bằng chữ. Văn bản cần đưa lên hệ thống xin gửi Văn phòng Đảng ủy để nạp qua "
    "Telegram hoặc công cụ dòng lệnh."
)
FILE_NOTE = (
    "(Tệp “{name}” không gửi được qua Zalo. Đồng chí vui lòng lấy tệp qua Telegram hoặc nhờ "
    "Văn phòng Đảng ủy xuất bằng công cụ dòng lệnh.)"
)


def render(reply: Reply, limit: int = MAX_TEXT, first: int = 1) -> list[str]:
    """The texts a reply becomes: plain text, options numbered from first, split at limit."""
    text = reply.text.strip()
    if reply.buttons:
        options = render_options(reply.buttons, first)
        text = f"{text}\n\n{options}\n{PICK_HINT.format(first=first)}".strip()
    if reply.file_path:
        text = f"{text}\n\n{FILE_NOTE.format(name=Path(reply.file_path).name)}".strip()
    return split_text(text, limit) or ["…"]  # Zalo refuses an empty message


def no_option_text(number: int, pending: list[int]) -> str:
    """What a number that picks nothing is answered: the numbers pending, what to do."""
    text = NO_OPTION.format(number=number)
    if pending:
        text += PENDING_NUMBERS.format(numbers=", ".join(map(str, pending)))
    return text + NO_OPTION_HELP
