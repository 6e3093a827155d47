"""Vietnamese texts of the basic conversation."""

GREETING = (
    "Xin chào{name}! Tôi là danvan, trợ lý của Đảng ủy Sở Giáo dục và Đào tạo.\n\n"
    "Tôi có thể:\n"
    "• Tra cứu văn bản theo số hoặc tên: gõ «kh 89», «34 hd du», «hướng dẫn 34».\n"
    "• Trả lời câu hỏi về nội dung văn bản: «Ban Tuyên giáo phải làm gì?», "
    "«hạn nộp báo cáo 6 tháng?».\n"
    "• Nhắc hạn nộp báo cáo cho chi bộ và ghi nhận khi chi bộ trả lời «đã nộp».\n\n"
    "Gõ /help để xem các lệnh."
)
GREETING_UNREGISTERED = (
    "\n\nBạn chưa đăng ký với bot. Hãy xin Văn phòng Đảng ủy một mã mời rồi gửi "
    "«/start MÃ_MỜI» để tham gia."
)
HELP_HEADER = "Các lệnh bạn dùng được:"
HELP_FOOTER = (
    "Ngoài lệnh, bạn cứ gõ câu hỏi hoặc số văn bản bình thường, có dấu hay không dấu đều được."
)
FALLBACK = (
    "Xin lỗi, tôi chưa hiểu ý bạn. Bạn có thể gõ số văn bản (ví dụ «kh 89»), "
    "đặt câu hỏi về văn bản, hoặc gõ /help để xem các lệnh."
)
UNKNOWN_COMMAND = "Tôi không biết lệnh /{command}. Gõ /help để xem các lệnh."
NOT_REGISTERED = (
    "Bạn chưa đăng ký với bot nên chưa xem được nội dung này. Hãy xin Văn phòng Đảng ủy "
    "một mã mời rồi gửi «/start MÃ_MỜI»."
)
ADMIN_ONLY = "Lệnh này chỉ dành cho Văn phòng Đảng ủy."
STALE_BUTTON = "Nút này không còn hiệu lực."
INTERNAL_ERROR = "Xin lỗi, đã có lỗi khi xử lý tin nhắn. Văn phòng Đảng ủy đã được báo."
EMPTY_MESSAGE = "Tin nhắn trống. Bạn hãy gõ câu hỏi hoặc số văn bản cần tìm."
