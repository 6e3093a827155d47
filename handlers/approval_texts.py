"""Vietnamese texts of the approval of proposed deadlines (cards, /dexuat, /duyet, /boqua)."""

# One document's summary card, sent after ingest.
DOC_SUMMARY = "Văn bản {doc} có {count} hạn nộp chờ đồng chí duyệt trước khi nhắc các chi bộ:"
DOC_CAPPED = (
    "Văn bản có {found} hạn nộp khác nhau; chỉ đề xuất {cap} hạn đầu tiên "
    "(giới hạn MAX_DEADLINES_PER_DOCUMENT). Hạn khác, nếu cần, đồng chí thêm bằng /hanmoi."
)
DOC_MERGED = "Các câu nêu hạn giống hệt nhau đã được gộp làm một."
DOC_NONE_OPEN = "Văn bản {doc} không còn hạn nộp nào chờ duyệt."
# /dexuat and its pages.
LIST_HEADER = "Có {count} đề xuất hạn nộp chờ duyệt{page}:"
LIST_PAGE = " (trang {page}/{pages})"
LIST_EMPTY = "Không có đề xuất hạn nộp nào chờ duyệt."
LIST_LINE = "#{id} {title}{who} — {due}"
LIST_FROM = " ({doc})"
LIST_MORE = "… và {count} hạn khác: chọn “Xem tất cả”."
LIST_FOOTER = (
    "Đồng chí gõ /duyet 12 để duyệt một hạn, /duyet 12,13,15 để duyệt nhiều hạn, "
    "/duyet 12 NGÀY để sửa ngày rồi duyệt, /boqua 12 để bỏ qua (số là số đề xuất #)."
)
DUE_ON = "hạn {day}"
DUE_NONE = "chưa rõ ngày"
DUE_PAST = " (đã qua)"
DUE_DAY_OFF = " ({name}, ngày nghỉ)"
SUGGESTED = "gợi ý {day}"
APPROVE_ALL_BUTTON = "Duyệt tất cả"
SEE_ALL_BUTTON = "Xem tất cả"
NEXT_PAGE_BUTTON = "Trang sau"

# One proposal's card.
PROPOSAL = (
    "Đề xuất #{id} từ văn bản {doc}{section}:\n"
    "“{sentence}”\n"
    "Việc: {title}\n"
    "{who}"
    "Ngày hạn: {due}{recurrence}\n"
    "Áp dụng: {branches}"
)
PROPOSAL_WHO = "Đơn vị: {unit}\n"
PROPOSAL_TYPED = (
    "\n\nGõ /duyet {id} để duyệt; /duyet {id} NGÀY để sửa ngày và duyệt (ví dụ /duyet {id} "
    "{example}); /duyet {id} chibo A1,B2 để chỉ giao cho một số chi bộ; /boqua {id} để bỏ qua."
)
DAY_OFF_NOTE = (
    "\nLưu ý: {day} là {name} (ngày nghỉ). Ngày làm việc liền trước là {previous}; "
    "muốn lấy ngày đó, gõ /duyet {id} {previous}."
)
SUGGESTION_NOTE = (
    "\nVăn bản chỉ ghi thời hạn “{period}”, không ghi ngày cụ thể. Ngày gợi ý: {day} "
    "(ngày làm việc cuối của kỳ) — chỉ là gợi ý, đồng chí duyệt ngày nào thì nhắc theo ngày đó."
)
PAST_NOTE = "\nLưu ý: ngày hạn này đã qua {days} ngày."
APPROVE_BUTTON = "Duyệt"
DATE_BUTTON = "Sửa ngày"
BRANCHES_BUTTON = "Chọn chi bộ"
DISCARD_BUTTON = "Bỏ qua"
SUGGESTED_BUTTON = "Duyệt ngày gợi ý {day}"
PREVIOUS_DAY_BUTTON = "Duyệt ngày {day}"
FORCE_BUTTON = "Vẫn duyệt ngày đã qua"

# Answers to /duyet, the buttons and /boqua.
NEEDS_DATE = (
    "Đề xuất #{id} “{title}” chưa có ngày hạn. Đồng chí gõ /duyet {id} NGÀY, "
    "ví dụ /duyet {id} {example}."
)
NEEDS_DATE_SUGGESTED = (
    "Đề xuất #{id} “{title}” chưa có ngày hạn (văn bản ghi “{period}”). Ngày gợi ý: {day}; "
    "đồng chí gõ /duyet {id} {day} để duyệt ngày đó, hoặc /duyet {id} NGÀY_KHÁC."
)
PAST_REFUSED = (
    "Chưa duyệt #{id} “{title}”: ngày hạn {due} đã qua {days} ngày, nếu duyệt thì mọi chi bộ "
    "được giao sẽ bị tính quá hạn ngay. Đồng chí gõ /duyet {id} NGÀY_MỚI để duyệt với ngày khác, "
    "/boqua {id} nếu việc này không còn cần nhắc, hoặc /duyet {id} xác nhận (nút “{force}”) "
    "nếu vẫn muốn duyệt ngày đã qua."
)
APPROVED_PAST_NOTE = " Ngày hạn đã qua: các chi bộ chưa nộp được tính là quá hạn."
APPROVED_DAY_OFF_NOTE = (
    " Lưu ý: {day} là {name} (ngày nghỉ); muốn dời sang {previous}, gõ /doihan {id} {previous}."
)
BULK_DONE = "Đã duyệt {count} hạn nộp:"
BULK_NONE = "Chưa duyệt hạn nào."
BULK_SKIPPED = "Chưa duyệt {count} hạn, cần đồng chí xem riêng:"
BULK_SKIP_LINE = "#{id} “{title}”: {reason}"
BULK_SKIP_UNKNOWN = "#{id}: {reason}"
SKIP_NO_DATE = "chưa có ngày hạn (gõ /duyet {id} NGÀY)"
SKIP_SUGGESTED = "chưa có ngày hạn; gợi ý {day} (gõ /duyet {id} {day})"
SKIP_PAST = "ngày hạn {day} đã qua (gõ /duyet {id} NGÀY_MỚI hoặc /duyet {id} xác nhận)"
SKIP_SETTLED = "đã được duyệt hoặc bỏ qua trước đó"
SKIP_UNKNOWN = "không có đề xuất này"
ASK_DATE = (
    "Đồng chí gõ ngày hạn mới cho #{id}, ví dụ: /duyet {id} {example} "
    "(có thể thêm giờ: /duyet {id} {example} 16:00). Không ghi giờ thì hạn là 17:00."
)
ASK_BRANCHES = (
    "Chọn chi bộ cho #{id}: gõ /duyet {id} chibo MÃ1,MÃ2 "
    "(hoặc /duyet {id} chibo tatca để giao cho tất cả chi bộ).\n{branches}"
)
CHOSEN = "Đang chọn: {branches}. Chọn tên chi bộ để thêm hoặc bỏ, rồi chọn “Duyệt”."
DISCARDED = "Đã bỏ qua #{id} “{title}”. Hạn này sẽ không được nhắc."
ALREADY_APPROVED = (
    "#{id} “{title}” đã được duyệt trước đó. Muốn dời hạn, gõ /doihan {id} NGÀY, "
    "ví dụ /doihan {id} {example}."
)
ALREADY_DISCARDED = (
    "Đề xuất #{id} “{title}” đã bị bỏ qua hoặc được thay bằng đề xuất từ bản mới của văn bản, "
    "nên không duyệt được nữa."
)
APPROVE_USAGE = (
    "Cách dùng: /duyet SỐ [NGÀY] [chibo MÃ1,MÃ2], /duyet SỐ1,SỐ2,… hoặc /duyet tatca; "
    "/boqua SỐ. Gõ /dexuat để xem các đề xuất chờ duyệt."
)
BRANCHES_FIXED = (
    "#{id} “{title}” đã được duyệt nên không đổi chi bộ được nữa. "
    "Dùng /mien {id} MÃ_CHI_BỘ để miễn cho một chi bộ."
)
