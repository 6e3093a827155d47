"""Vietnamese texts of the lookup and question routes (answers themselves: knowledge/)."""

TIM_USAGE = (
    "Đồng chí hãy gõ số hoặc vài từ trong tên văn bản sau lệnh, ví dụ: “/tim kh 89”, "
    "“/tim 34 hd du”, “/tim chương trình dân vận 2024”."
)
HOI_USAGE = (
    "Đồng chí hãy gõ câu hỏi sau lệnh, ví dụ: “/hoi Ban Tuyên giáo phải làm gì?”, "
    "“/hoi hạn nộp báo cáo 6 tháng?”, “/hoi văn bản nào thực hiện 89-KH/TU?”."
)
NOT_A_QUESTION = (
    "Tôi chưa đọc được chữ nào trong tin nhắn. Đồng chí hãy gõ số văn bản (ví dụ “kh 89”) "
    "hoặc một câu hỏi (ví dụ “hạn nộp báo cáo 6 tháng?”)."
)
TOO_LONG_NOTE = "(Tin nhắn dài nên tôi chỉ đọc {limit} ký tự đầu.)"
EMPTY_LIBRARY_ADMIN = (
    "Thư viện chưa có văn bản nào. Đồng chí hãy gửi tệp .docx, .pdf hoặc .txt cho bot "
    "(hoặc dùng lệnh “danvan ingest”) rồi hỏi lại."
)
