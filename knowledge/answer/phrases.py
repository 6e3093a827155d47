"""Vietnamese wording of answers (knowledge/ builds the answer text the CLI also prints)."""

EMPTY_LIBRARY = (
    "Thư viện chưa có văn bản nào nên tôi chưa trả lời được. Văn phòng Đảng ủy cần nạp "
    "văn bản trước (gửi tệp .docx, .pdf hoặc .txt cho bot, hoặc dùng lệnh “danvan ingest”)."
)
NOTHING_TO_ASK = (
    "Tôi chưa thấy câu hỏi. Đồng chí có thể hỏi, ví dụ: “Ban Tuyên giáo phải làm gì?”, "
    "“hạn nộp báo cáo 6 tháng?” hoặc gõ số văn bản như “kh 89”."
)
NOT_FOUND = "Trong các văn bản đã nạp chưa thấy nội dung trả lời câu hỏi này."
NO_SUCH_DOC = (
    "Trong các văn bản đã nạp chưa thấy văn bản {number}, nên chưa trả lời được câu hỏi này."
)
NO_PLACE = (
    "Trong các văn bản đã nạp chưa thấy văn bản nào của hoặc về {place}, nên chưa trả lời "
    "được câu hỏi này."
)
NO_SUBJECT = "Chưa thấy văn bản nào nêu {subject}, nên chưa trả lời được câu hỏi này."
SEE_ALSO = "Xem thêm (văn bản gần với câu hỏi, không phải câu trả lời):"
SUGGEST = (
    "Đồng chí có thể hỏi về nhiệm vụ của một đơn vị (“Ban Tổ chức Đảng ủy phải làm gì?”), "
    "hạn nộp báo cáo (“hạn nộp báo cáo 6 tháng?”, “tháng 5/2024 có hạn gì?”), người ký, "
    "nơi nhận, văn bản triển khai (“văn bản nào thực hiện 89-KH/TU?”), hoặc gõ số văn bản "
    "để tra cứu."
)
OTHERS = "Có thể liên quan:"
OTHER_LINE = "• {cite}: {label}"

SIGNED_BY = "{doc} do {name} ký ({title})."
SIGNED_BY_NO_TITLE = "{doc} do {name} ký."
NO_SIGNER = "{doc} không ghi người ký (phần chữ ký có thể đã mất khi trích văn bản)."
SIGNATURE = "phần chữ ký"
SENT_TO = "{doc} gửi đến:"
NO_RECIPIENTS = "{doc} không ghi nơi nhận (phần “Nơi nhận” có thể đã mất khi trích văn bản)."
RECIPIENTS_PART = "nơi nhận"
PREAMBLE = "phần mở đầu"
CLOSING = "phần cuối"

CITED_ONLY = "{doc} — chưa có toàn văn"
IMPLEMENTED_BY = "được triển khai bởi {docs}"
CITED_BY = "được nhắc đến trong {docs}"
NO_IMPLEMENTING = "Chưa có văn bản nào trong thư viện triển khai {number}."
IMPLEMENTING_LEAD = "{number} được triển khai bởi {docs}."
BASIS_LEAD = "{doc} thực hiện (căn cứ) {refs}."
AND_MORE = "{docs} và {more} văn bản khác"

DEADLINE_LEAD = "{label}: hạn {due}."
EVENT_LEAD = "{label}: ngày {due}."  # "tổ chức vào ngày …": when it happens, not a due date
DEADLINE_OPEN = "{label}: chưa rõ ngày{period}."
DEADLINE_PERIOD = "{label}: {period}"
WINDOW = "từ {start} đến {end}"
DEADLINE_RECURRING = "{label}: {every}, trước ngày {day}"
DEADLINE_AS_WRITTEN = "{label}: {phrase}"
RECURRING_OPEN = "{label}: định kỳ, văn bản chưa nêu kỳ và ngày cụ thể"
RECURRING_NAMED = "{label}: {cycle}, văn bản chưa nêu ngày cụ thể"  # "hằng tuần", "theo học kỳ"
PERIOD_LEAD = "Các hạn {period}:"
PERIOD_NONE = "Tôi không thấy hạn nào {period} trong các văn bản đã nạp."
NEXT_DUE = "Hạn gần nhất sau đó: {what} ({cite})."
MONTH_INVALID = (
    "Không có tháng {month}: tháng chỉ từ 1 đến 12. Đồng chí hãy hỏi lại, ví dụ "
    "“tháng 5/2024 có hạn gì?”."
)
QUARTER_INVALID = "Không có quý {quarter}: một năm chỉ có quý 1 đến quý 4."
UPCOMING = "trong {days} ngày tới (đến {end})"
YEAR_NONE = "Tôi không thấy hạn nào khớp câu hỏi trong năm {year}; các hạn gần nhất ở năm khác:"
MONTH_DUE_IN = "trong {period}"

ISSUED_ON = "{doc} ban hành ngày {date}."
ISSUED_PER_CITATION = "{doc} ban hành ngày {date} (theo trích dẫn trong {source})."
ISSUED_UNKNOWN = (
    "{doc} không ghi ngày ban hành (phần đầu văn bản có thể đã mất khi trích văn bản), "
    "và chưa văn bản nào trong thư viện trích dẫn nó kèm ngày."
)
ISSUED_UNKNOWN_CITED = "Các văn bản trích dẫn {doc} không ghi ngày ban hành của nó."
ISSUED_YEAR = "năm {year} (theo nội dung văn bản)"
ISSUED_WHICH = (
    "Đồng chí hỏi ngày ban hành của văn bản nào? Đồng chí hãy gõ kèm số văn bản, ví dụ "
    "“kế hoạch 89 ngày nào?” hoặc “34-HD/ĐU ban hành ngày nào?”."
)
KNOWN = "Những gì đã biết: {what}."
NO_EFFECTIVE = "{doc} không ghi thời điểm có hiệu lực."
NO_DEADLINE = "{doc} không nêu thời hạn cho việc này; đoạn gần nhất với câu hỏi:"
NO_CONTENT = "{doc} không có nội dung trả lời câu hỏi này; đoạn gần nhất với câu hỏi:"
NO_DEADLINE_ANY = "Trong các văn bản đã nạp chưa thấy thời hạn cho việc này."
NO_FULL_TEXT = "Thư viện chưa có toàn văn văn bản này."

UNIT_LEAD = "Nhiệm vụ của {unit}:"
REQUIRES_LEAD = "{doc} yêu cầu:"
RECURRENCE = {
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half-yearly": "6 tháng một lần",
    "yearly": "hằng năm",
}

DOCUMENT = "Văn bản"
LOOKUP_NONE = (
    "Không tìm thấy văn bản nào khớp với “{query}”. Đồng chí hãy gõ số và ký hiệu "
    "(ví dụ “89-KH/TU”, “kh 89”) hoặc vài từ trong tên văn bản."
)
LOOKUP_AMBIGUOUS = "Có nhiều văn bản khớp với “{query}”:"
LOOKUP_NONE_TYPED = "Không tìm thấy văn bản nào khớp với “{query}”."
LOOKUP_SAME_NUMBER = "Văn bản mang số {number} trong thư viện:"
LOOKUP_TYPE_FULL = "Đồng chí hãy gõ đầy đủ số và ký hiệu, ví dụ “{example}”."
LOOKUP_AMBIGUOUS_TITLE = "Có nhiều văn bản gần với “{query}”:"
LOOKUP_MORE_WORDS = (
    "Đồng chí hãy gõ thêm vài từ trong tên văn bản, hoặc số và ký hiệu (ví dụ “{example}”)."
)
LOOKUP_OTHERS = "Văn bản khác gần giống:"
LOOKUP_FILE = "Tệp: {file}"
