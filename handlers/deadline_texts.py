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


# Confirmations
CONFIRMED = "Đã ghi nhận: {branch} đã nộp «{title}» lúc {at}, {state}."
CONFIRMED_LATE_NOTE = " (hạn là {due})"
UNDO_HINT = "Nếu nhầm, chọn «Hoàn tác» hoặc gõ «hủy» trong vòng 24 giờ."
ALREADY_DONE = "«{title}» của {branch} đã được ghi nhận nộp lúc {at} rồi."
ALREADY_EXEMPT = "{branch} được miễn «{title}», không cần nộp."
NOT_YOURS = "Việc này không thuộc chi bộ của bạn."
NO_BRANCH = "Bạn chưa thuộc chi bộ nào nên không xác nhận nộp được."
UNKNOWN_ASSIGNMENT = "Không tìm thấy việc này; có thể hạn nộp đã bị xóa."
NOTHING_PENDING = "{branch} hiện không có việc nào đang chờ nộp."
PICK_HEADER = "{branch} đang có {count} việc chờ nộp. Bạn đã nộp việc nào?"
PICK_LINE = "{n}. {title} — hạn {due}"
PICK_FOOTER = "Chọn việc tương ứng, hoặc gõ «đã nộp 1» (số thứ tự trong danh sách)."
PICK_BAD = "Không có số {n} trong danh sách. Gõ «đã nộp» để xem lại danh sách."
UNDONE = "Đã hoàn tác: «{title}» của {branch} trở lại trạng thái chưa nộp."
UNDO_NOTHING = "Không có xác nhận nộp nào trong 24 giờ qua để hoàn tác."
UNDO_TOO_LATE = (
    "Chỉ hoàn tác được trong 24 giờ sau khi xác nhận. Hãy liên hệ Văn phòng Đảng ủy nếu cần sửa."
)
DONE_BUTTON = "Đã nộp"
UNDO_BUTTON = "Hoàn tác"
# To the branch when the office records (or undoes) a submission on its behalf.
RECORDED_FOR_BRANCH = (
    "Văn phòng Đảng ủy đã ghi nhận {branch} nộp «{title}» lúc {at}, {state}. "
    "Chi bộ không cần xác nhận thêm."
)
UNDONE_FOR_BRANCH = (
    "Văn phòng Đảng ủy đã hủy ghi nhận nộp «{title}» của {branch}; việc này trở lại "
    "trạng thái chưa nộp."
)

# /viec
TASKS_HEADER = "Việc của {branch}:"
TASKS_OVERDUE = "Quá hạn, chưa nộp:"
TASKS_UPCOMING = "Sắp tới:"
TASKS_LINE = "{n}. {title} — hạn {due}{left}"
TASKS_EMPTY = "{branch} hiện không có việc nào chờ nộp."
TASKS_FOOTER = "Khi đã nộp, nhắn «đã nộp», hoặc «đã nộp» kèm số thứ tự, ví dụ «đã nộp 1»."
TASKS_NO_BRANCH = (
    "Lệnh /viec dành cho bí thư chi bộ. Văn phòng dùng /tinhhinh để xem tình hình các chi bộ."
)

# /tinhhinh
STATUS_OVERVIEW = "Tình hình các hạn nộp (lúc {now}):"
STATUS_OVERVIEW_LINE = "#{id} {title} — hạn {due}: {counts}"
STATUS_OVERVIEW_FOOTER = "Gõ /tinhhinh SỐ (hoặc vài chữ trong tên) để xem từng chi bộ."
STATUS_DETAIL = "#{id} {title}\nHạn: {due}"
STATUS_STATE_LINE = "{label} ({count}): {branches}"
STATUS_NO_ASSIGNMENTS = "Chưa giao cho chi bộ nào."
STATUS_NONE = "Chưa có hạn nộp nào được duyệt. Thêm bằng /hanmoi NGÀY Tên việc."
STATUS_NOT_FOUND = "Không tìm thấy hạn nộp «{query}». Gõ /tinhhinh để xem danh sách."
STATUS_MANY = "Có nhiều hạn nộp khớp «{query}»; gõ /tinhhinh SỐ:"

# Approval of parsed deadlines
PROPOSAL = (
    "Hạn nộp tìm thấy trong văn bản {doc}{section} — đề xuất #{id}:\n"
    "«{sentence}»\n"
    "Ngày hạn: {due}{recurrence}\n"
    "Áp dụng: {branches}\n\n"
    "Gõ /duyet {id} để duyệt; /duyet {id} NGÀY để sửa ngày và duyệt (ví dụ /duyet {id} "
    "10/05/2024); /duyet {id} chibo A1,B2 để chỉ giao cho một số chi bộ; /boqua {id} để bỏ qua."
)
NO_DATE = "chưa rõ ngày"
ALL_BRANCHES = "tất cả chi bộ"
APPROVE_BUTTON, DATE_BUTTON, BRANCHES_BUTTON, DISCARD_BUTTON = (
    "Duyệt",
    "Sửa ngày",
    "Chọn chi bộ",
    "Bỏ qua",
)
APPROVED = "Đã duyệt #{id} «{title}», hạn {due}{recurrence}: giao cho {branches} chi bộ{periods}."
APPROVED_PERIODS = ", {count} kỳ"
APPROVED_NO_BRANCHES = " Chưa có chi bộ nào đăng ký; khi thêm chi bộ, hạn này sẽ được giao tự động."
NEEDS_DATE = "Đề xuất #{id} chưa có ngày hạn. Gõ /duyet {id} NGÀY, ví dụ /duyet {id} 10/05/2024."
ASK_DATE = (
    "Gõ ngày hạn mới cho #{id}, ví dụ: /duyet {id} 10/05/2024 "
    "(có thể thêm giờ: /duyet {id} 10/05/2024 16:00). Không ghi giờ thì hạn là 17:00."
)
ASK_BRANCHES = (
    "Chọn chi bộ cho #{id}: gõ /duyet {id} chibo MÃ1,MÃ2 "
    "(hoặc /duyet {id} chibo tatca để giao cho tất cả).\n{branches}"
)
CHOSEN = "Đang chọn: {branches}. Chọn tên chi bộ để thêm hoặc bỏ, rồi chọn «Duyệt»."
DISCARDED = "Đã bỏ qua #{id} «{title}». Hạn này sẽ không được nhắc."
ALREADY_APPROVED = (
    "#{id} «{title}» đã được duyệt trước đó. Muốn dời hạn, gõ /doihan {id} NGÀY, "
    "ví dụ /doihan {id} 20/05/2024."
)
ALREADY_DISCARDED = (
    "Đề xuất #{id} «{title}» đã bị bỏ qua hoặc được thay bằng đề xuất từ bản mới của văn bản, "
    "nên không duyệt được nữa."
)
UNKNOWN_DEADLINE = "Không có hạn nộp #{id}."
UNKNOWN_CODES = "Không có chi bộ mã: {codes}. Gõ /chibo để xem danh sách."
APPROVE_USAGE = "Cách dùng: /duyet SỐ [NGÀY] [chibo MÃ1,MÃ2] hoặc /boqua SỐ."
BAD_DATE = (
    "Không đọc được ngày «{text}». Viết dạng 10/05/2024 hoặc 2024-05-10, có thể thêm giờ 16:00."
)

# /hanmoi and /mien
NEW_USAGE = (
    "Cách dùng: /hanmoi NGÀY Tên việc [chibo A1,B2] [hằng tháng|hằng quý|hằng năm], "
    "ví dụ: /hanmoi 30/06/2024 Báo cáo sơ kết 6 tháng"
)
EXEMPT_USAGE = "Cách dùng: /mien SỐ_HẠN MÃ_CHI_BỘ, ví dụ: /mien 3 A1"
EXEMPTED = "Đã miễn «{title}» cho {branch}."

# /doihan (and /duyet SỐ NGÀY on an approved deadline)
MOVE_USAGE = (
    "Cách dùng: /doihan SỐ NGÀY [GIỜ], ví dụ: /doihan 3 20/05/2024 hoặc /doihan 3 20/05/2024 16:00"
)
MOVE_NOT_APPROVED = "Đề xuất #{id} chưa được duyệt. Gõ /duyet {id} NGÀY để sửa ngày và duyệt."
MOVE_PAST = "Hạn mới ({due}) đã qua; hãy chọn một thời điểm sắp tới."
MOVE_NOTHING = "Hạn nộp #{id} «{title}» không còn chi bộ nào chưa nộp nên không cần dời hạn."
MOVED = "Đã dời hạn #{id} «{title}» sang {due}."
MOVED_COUNT = " Đã báo hạn mới cho {count} chi bộ chưa nộp."
MOVED_KEPT = " Giữ nguyên hạn cũ cho {count} chi bộ đã nộp hoặc được miễn."
MOVED_BRANCH = (
    "Văn phòng Đảng ủy thông báo: hạn nộp «{title}» được dời sang {due} (hạn cũ: {old}). "
    "Khi đã nộp, chọn «Đã nộp» hoặc nhắn «đã nộp»."
)
BRANCHES_FIXED = (
    "#{id} «{title}» đã được duyệt nên không đổi chi bộ được nữa. "
    "Dùng /mien {id} MÃ_CHI_BỘ để miễn cho một chi bộ."
)
EXEMPT_NOTHING = "{branch} không còn việc nào chờ nộp thuộc hạn nộp #{id}."
