"""Vietnamese texts and formatting for deadlines, approvals, confirmations and status."""

from __future__ import annotations

from datetime import datetime, tzinfo

# The words the office already uses in its reports (DOMAIN.md).
STATE_VI = {
    "submitted": "đúng hạn",
    "late": "trễ hạn",
    "overdue": "quá hạn",
    "pending": "trong hạn",
    "exempt": "miễn",
}
# Order in which reports list the states: problems first.
REPORT_ORDER = ("overdue", "late", "pending", "submitted", "exempt")
RECURRENCE_VI = {
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half-yearly": "6 tháng một lần",
    "yearly": "hằng năm",
}


def day(instant: datetime, tz: tzinfo) -> str:
    """dd/mm/yyyy in the office's timezone."""
    return instant.astimezone(tz).strftime("%d/%m/%Y")


def when(instant: datetime, tz: tzinfo) -> str:
    """'17:00 ngày 10/05/2024' in the office's timezone."""
    local = instant.astimezone(tz)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def period_vi(period: str) -> str:
    """A period key ("2024-05", "2024-Q2", "2024-H1", "2024") as Vietnamese."""
    if not period:
        return ""
    year, _, part = period.partition("-")
    if not part:
        return f"năm {year}"
    if part.startswith("Q"):
        return f"quý {part[1:]}/{year}"
    if part.startswith("H"):
        return f"6 tháng {'đầu' if part == 'H1' else 'cuối'} năm {year}"
    return f"tháng {part}/{year}"


def with_period(title: str, period: str) -> str:
    """A deadline title followed by its period when it recurs."""
    return f"{title} ({period_vi(period)})" if period else title


def days_left(due: datetime, now: datetime, tz: tzinfo) -> str:
    """' (còn 3 ngày)', ' (hạn hôm nay)' or ' (quá 2 ngày)', counted in calendar days."""
    delta = (due.astimezone(tz).date() - now.astimezone(tz).date()).days
    if delta > 0:
        return f" (còn {delta} ngày)"
    if delta == 0:
        return " (hạn hôm nay)"
    return f" (quá {-delta} ngày)"


def short(text: str, limit: int) -> str:
    """Text cut to at most `limit` characters on a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:  # drop the word the limit falls inside
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–—-") + "…"


# Buttons
DONE_BUTTON = "Đã nộp"

# /viec
TASKS_HEADER = "Việc của {branch}:"
TASKS_OVERDUE = "Quá hạn, chưa nộp:"
TASKS_UPCOMING = "Sắp tới:"
TASKS_LINE = "{n}. {title} — hạn {due}{left}"
TASKS_EMPTY = "{branch} hiện không có việc nào chờ nộp."
TASKS_FOOTER = (
    "Khi đã nộp, đồng chí nhắn “đã nộp” kèm số thứ tự (ví dụ “đã nộp 1”) "
    "hoặc kèm tên báo cáo (ví dụ “đã nộp báo cáo sơ kết”)."
)
TASKS_NO_BRANCH = (
    "Lệnh /viec dành cho bí thư chi bộ. Văn phòng dùng /tinhhinh để xem tình hình các chi bộ."
)

# /tinhhinh
STATUS_OVERVIEW = "Tình hình các hạn nộp (lúc {now}):"
STATUS_OVERVIEW_LINE = "#{id} {title} — hạn {due}: {counts}"
STATUS_OVERVIEW_FOOTER = (
    "Gõ /tinhhinh SỐ (hoặc vài chữ trong tên việc) để xem từng chi bộ; "
    "/bieudo để xem bảng màu, /xuatexcel để nhận tệp Excel."
)
STATUS_DETAIL = "#{id} {title}\nHạn: {due}"
STATUS_STATE_LINE = "{label} ({count}): {branches}"
STATUS_NO_ASSIGNMENTS = "Chưa giao cho chi bộ nào."
STATUS_NONE = "Chưa có hạn nộp nào được duyệt. Thêm bằng lệnh /hanmoi NGÀY Tên việc."
STATUS_NOT_FOUND = "Không tìm thấy hạn nộp “{query}”. Gõ /tinhhinh để xem danh sách."
STATUS_MANY = "Có nhiều hạn nộp khớp “{query}”; đồng chí gõ /tinhhinh SỐ:"

NO_DATE = "chưa rõ ngày"
ALL_BRANCHES = "tất cả chi bộ"
UNKNOWN_DEADLINE = "Không có hạn nộp #{id}."
UNKNOWN_CODES = "Không có chi bộ mã: {codes}. Gõ /chibo để xem danh sách chi bộ."
BAD_DATE = (
    "Không đọc được ngày “{text}”. Đồng chí viết theo dạng 10/05/2024 hoặc 2024-05-10, "
    "có thể thêm giờ, ví dụ 16:00."
)
APPROVED_LINE = "#{id} “{title}”, hạn {due}{recurrence}: giao cho {branches} chi bộ{periods}."
APPROVED = "Đã duyệt " + APPROVED_LINE
APPROVED_PERIODS = ", {count} kỳ"
APPROVED_NO_BRANCHES = " Chưa có chi bộ nào đăng ký; khi thêm chi bộ, hạn này sẽ được giao tự động."

# /hanmoi and /mien
NEW_USAGE = (
    "Cách dùng: /hanmoi NGÀY Tên việc [chibo A1,B2] [hằng tháng|hằng quý|hằng năm], "
    "ví dụ: /hanmoi 30/06/2024 Báo cáo sơ kết 6 tháng"
)
EXEMPT_USAGE = "Cách dùng: /mien SỐ_HẠN MÃ_CHI_BỘ, ví dụ: /mien 3 A1"
EXEMPTED = "Đã miễn “{title}” cho {branch}."
EXEMPT_NOTHING = "{branch} không còn việc nào chờ nộp thuộc hạn nộp #{id}."

# /doihan (and /duyet SỐ NGÀY on an approved deadline)
MOVE_USAGE = (
    "Cách dùng: /doihan SỐ NGÀY [GIỜ], ví dụ: /doihan 3 20/05/2024 hoặc /doihan 3 20/05/2024 16:00"
)
MOVE_NOT_APPROVED = "Đề xuất #{id} chưa được duyệt. Gõ /duyet {id} NGÀY để sửa ngày và duyệt."
MOVE_PAST = "Hạn mới ({due}) đã qua; đồng chí hãy chọn một thời điểm sắp tới."
MOVE_NOTHING = "Hạn nộp #{id} “{title}” không còn chi bộ nào chưa nộp nên không cần dời hạn."
MOVED = "Đã dời hạn #{id} “{title}” sang {due}."
MOVED_COUNT = " Đã báo hạn mới cho {count} chi bộ chưa nộp."
MOVED_KEPT = " Giữ nguyên hạn cũ cho {count} chi bộ đã nộp hoặc được miễn."
MOVED_BRANCH = (
    "Văn phòng Đảng ủy thông báo: hạn nộp “{title}” được dời sang {due} (hạn cũ: {old}). "
    "Khi đã nộp, đồng chí chọn “Đã nộp” hoặc nhắn “đã nộp”."
)
