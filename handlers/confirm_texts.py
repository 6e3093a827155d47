"""Vietnamese texts of confirmations: «đã nộp», the pick list, undo."""

CONFIRMED = "Đã ghi nhận: {branch} đã nộp “{title}” lúc {at}, {state}."
CONFIRMED_LATE_NOTE = " (hạn là {due})"
UNDO_HINT = "Nếu nhầm, đồng chí chọn “Hoàn tác” hoặc gõ “hủy” trong vòng 24 giờ."
ALREADY_DONE = "“{title}” của {branch} đã được ghi nhận nộp lúc {at}{state} rồi."
ALREADY_EXEMPT = "{branch} được miễn “{title}”, không cần nộp."
NOT_YOURS = "Việc này không thuộc chi bộ của đồng chí."
NO_BRANCH = "Đồng chí chưa thuộc chi bộ nào nên không xác nhận nộp được."
UNKNOWN_ASSIGNMENT = "Không tìm thấy việc này; có thể hạn nộp đã bị xóa."
NOTHING_PENDING = "{branch} hiện không có việc nào đang chờ nộp."
PICK_HEADER = "{branch} đang có {count} việc chờ nộp. Đồng chí đã nộp việc nào?"
PICK_HEADER_MATCHES = "Có {count} việc chờ nộp khớp “{query}”. Đồng chí đã nộp việc nào?"
PICK_HEADER_ACK = "{branch} đang có {count} việc chờ nộp. Đồng chí báo đã nộp việc nào?"
PICK_LINE = "{n}. {title} — hạn {due}"
PICK_FOOTER = "Đồng chí chọn việc tương ứng, hoặc gõ “đã nộp 1” (số thứ tự trong danh sách này)."
PICK_BAD = "Danh sách gần nhất không có số {n}. Gõ “đã nộp” để xem lại danh sách."
PICK_NONE = (
    "Số {n} không ứng với danh sách nào: gần đây tôi chưa gửi danh sách việc nào cho đồng chí. "
    "Gõ /viec để xem danh sách việc chờ nộp, hoặc nhắn “đã nộp” kèm tên báo cáo."
)
PICK_STALE = (
    "Danh sách việc gửi lúc {at} đã cũ nên tôi không dùng số {n} của danh sách đó, "
    "tránh ghi nhận nhầm việc. Danh sách hiện tại ở dưới; đồng chí chọn lại giúp."
)
NO_MATCH = (
    "Không thấy việc nào đang chờ nộp khớp “{query}”, nên tôi chưa ghi nhận gì. "
    "Các việc {branch} đang chờ nộp:"
)
NO_MATCH_EMPTY = (
    "Không thấy việc nào đang chờ nộp khớp “{query}”; {branch} hiện không có việc nào chờ nộp."
)
ACK_NOTHING = "Cảm ơn đồng chí. {branch} hiện không có việc nào chờ nộp."
ACK = (
    "Vâng. Nếu đồng chí muốn báo đã nộp báo cáo, hãy trả lời đúng tin nhắc hoặc nhắn "
    "“đã nộp” kèm tên báo cáo; muốn tra cứu, đồng chí gõ số văn bản hoặc câu hỏi."
)
UNDONE = "Đã hoàn tác: “{title}” của {branch} trở lại trạng thái chưa nộp."
UNDO_NOTHING = "Không có xác nhận nộp nào trong 24 giờ qua để hoàn tác."
UNDO_TOO_LATE = (
    "Chỉ hoàn tác được trong 24 giờ sau khi xác nhận. Đề nghị đồng chí liên hệ Văn phòng "
    "Đảng ủy nếu cần sửa."
)
UNDO_BUTTON = "Hoàn tác"
# To the branch when the office records (or undoes) a submission on its behalf.
RECORDED_FOR_BRANCH = (
    "Văn phòng Đảng ủy đã ghi nhận {branch} nộp “{title}” lúc {at}, {state}. "
    "Chi bộ không cần xác nhận thêm."
)
UNDONE_FOR_BRANCH = (
    "Văn phòng Đảng ủy đã hủy ghi nhận nộp “{title}” của {branch}; việc này trở lại "
    "trạng thái chưa nộp."
)
