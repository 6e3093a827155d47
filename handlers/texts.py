"""Vietnamese texts of the basic conversation."""

GREETING = (
    "Xin chào đồng chí{name}! Tôi là danvan, trợ lý của Đảng ủy Sở Giáo dục và Đào tạo.\n\n"
    "Tôi có thể:\n"
    "• Tra cứu văn bản theo số hoặc tên: gõ “kh 89”, “34 hd du”, “hướng dẫn 34”.\n"
    "• Trả lời câu hỏi về nội dung văn bản: “Ban Tuyên giáo phải làm gì?”, "
    "“hạn nộp báo cáo 6 tháng?”.\n"
    "• Nhắc hạn nộp báo cáo cho chi bộ và ghi nhận khi chi bộ trả lời “đã nộp”.\n\n"
    "Gõ /help để xem các lệnh."
)
GREETING_UNREGISTERED = (
    "\n\nĐồng chí chưa đăng ký với bot. Đề nghị đồng chí xin Văn phòng Đảng ủy một mã mời "
    "rồi gửi “/start MÃ_MỜI” để tham gia."
)
HELP_HEADER = "Các lệnh đồng chí dùng được:"
HELP_FOOTER = (
    "Ngoài các lệnh trên, đồng chí cứ gõ câu hỏi hoặc số văn bản như bình thường, "
    "có dấu hay không dấu đều được."
)
FALLBACK = (
    "Xin lỗi, tôi chưa hiểu ý đồng chí. Đồng chí có thể gõ số văn bản (ví dụ “kh 89”), "
    "đặt câu hỏi về văn bản, hoặc gõ /help để xem các lệnh."
)
UNKNOWN_COMMAND = "Không có lệnh /{command}. Đồng chí gõ /help để xem các lệnh."
NOT_REGISTERED = (
    "Đồng chí chưa đăng ký với bot nên chưa xem được nội dung này. Đề nghị đồng chí xin "
    "Văn phòng Đảng ủy một mã mời rồi gửi “/start MÃ_MỜI”."
)
ADMIN_ONLY = "Lệnh này chỉ dành cho cán bộ Văn phòng Đảng ủy."
STALE_BUTTON = "Nút này không còn hiệu lực. Đồng chí gõ /help để xem các lệnh."
INTERNAL_ERROR = (
    "Xin lỗi đồng chí, đã có lỗi khi xử lý tin nhắn. Văn phòng Đảng ủy đã được báo; "
    "đồng chí vui lòng thử lại sau ít phút."
)
EMPTY_MESSAGE = "Tin nhắn trống. Đồng chí hãy gõ câu hỏi hoặc số văn bản cần tìm."
