"""Vietnamese texts for branches, members and invites."""

ROLE_NAMES = {
    "secretary": "bí thư",
    "deputy": "phó bí thư",
    "admin": "cán bộ Văn phòng Đảng ủy (quản trị)",
}
# Words an admin may type after /moi CODE to choose the role; folded (no diacritics).
ROLE_WORDS = {
    "bithu": "secretary",
    "bi thu": "secretary",
    "secretary": "secretary",
    "pho": "deputy",
    "pho bi thu": "deputy",
    "phobithu": "deputy",
    "deputy": "deputy",
    "admin": "admin",
    "quantri": "admin",
    "quan tri": "admin",
    "vanphong": "admin",
    "van phong": "admin",
}

JOINED_BRANCH = (
    "Chào mừng đồng chí! Đồng chí đã tham gia danvan với vai trò {role} của {branch} "
    "(mã {code}).\n"
    "Từ nay bot sẽ nhắc hạn nộp báo cáo của chi bộ trong cuộc trò chuyện này. Khi đã nộp, "
    "đồng chí chỉ cần chọn “Đã nộp” dưới tin nhắc hoặc nhắn “đã nộp”. "
    "Gõ /viec để xem việc của chi bộ."
)
JOINED_ADMIN = (
    "Chào mừng đồng chí! Đồng chí đã tham gia danvan với vai trò {role}.\n"
    "Gõ /help để xem các lệnh quản trị: /chibo, /moi, /dexuat, /hanmoi, /tinhhinh."
)
SOMEONE = "Một thành viên mới"
JOINED_NOTICE = "{name} vừa tham gia danvan với vai trò {role} của {branch} (mã {code})."
JOINED_NOTICE_ADMIN = "{name} vừa tham gia danvan với vai trò {role}."
INVITE_UNKNOWN = (
    "Mã mời không đúng. Đồng chí vui lòng kiểm tra lại mã (8 ký tự gồm chữ và số) "
    "hoặc đề nghị Văn phòng Đảng ủy cấp mã mới."
)
INVITE_USED = (
    "Mã mời này đã được sử dụng. Mỗi mã chỉ dùng được một lần; "
    "đồng chí vui lòng đề nghị Văn phòng Đảng ủy cấp mã mới."
)
INVITE_EXPIRED = "Mã mời này đã hết hạn. Đồng chí vui lòng đề nghị Văn phòng Đảng ủy cấp mã mới."
INVITE_NO_BRANCH = (
    "Chi bộ của mã mời này không còn trong danh sách. "
    "Đồng chí vui lòng đề nghị Văn phòng Đảng ủy cấp mã mới."
)

INVITE_MADE = (
    "Mã mời cho {who}: {code}\n"
    "Hiệu lực đến {expires}, chỉ dùng được một lần.\n"
    "Người nhận gửi cho bot tin nhắn: /start {code}"
)
INVITE_LINK = "\nHoặc mở đường dẫn: {link}"
INVITE_FOR_BRANCH = "{role} {branch} ({code})"
INVITE_USAGE = (
    "Cách dùng: /moi MÃ_CHI_BỘ [bí thư|phó] để tạo mã mời cho chi bộ, "
    "hoặc /moi quản trị để tạo mã mời cho cán bộ Văn phòng. Gõ /chibo để xem mã các chi bộ."
)
UNKNOWN_BRANCH = "Không có chi bộ mã {code}. Gõ /chibo để xem danh sách chi bộ."
UNKNOWN_ROLE = "Không rõ vai trò “{word}”. Dùng: bí thư, phó hoặc quản trị."

BRANCHES_HEADER = "Các chi bộ ({count}):"
BRANCH_LINE = "• {code} — {name} ({members} thành viên)"
NO_BRANCHES = (
    "Chưa có chi bộ nào. Thêm bằng lệnh /themchibo MÃ Tên chi bộ, "
    "ví dụ: /themchibo A1 Chi bộ Trường THPT Nguyễn Du."
)
BRANCH_ADD_USAGE = "Cách dùng: /themchibo MÃ Tên chi bộ, ví dụ: /themchibo A1 Chi bộ Trường THPT A."
BRANCH_ADDED = "Đã thêm {name} (mã {code}). Tạo mã mời cho bí thư: /moi {code}"
BRANCH_RENAMED = "Chi bộ mã {code} đã có; đã cập nhật tên thành {name}."

# Hand-over (/bangiao), members (/thanhvien) and leaving (/thoi).
HANDOVER_MADE = (
    "Mã bàn giao cho {role} mới của {branch} ({code}): {invite}\n"
    "Hiệu lực đến {expires}, chỉ dùng được một lần. Người nhận gửi cho bot tin nhắn: "
    "/start {invite}\n{after}"
)
HANDOVER_AFTER = (
    "Khi người nhận tham gia bằng mã này, {holders} thôi nhận tin của chi bộ; các việc và "
    "lịch sử nộp báo cáo của chi bộ vẫn giữ nguyên."
)
HANDOVER_NOBODY = "Chi bộ chưa có {role} nào trên bot, nên mã này dùng như một mã mời thường."
HANDOVER_USAGE = (
    "Cách dùng: /bangiao MÃ_CHI_BỘ [phó], ví dụ /bangiao A1 để bàn giao nhiệm vụ bí thư "
    "của chi bộ A1 cho người mới. Gõ /thanhvien A1 để xem ai đang nhận tin của chi bộ."
)
HOLDER = "đồng chí {name}"
JOINED_TAKES_OVER = (
    "\nĐồng chí nhận bàn giao từ {names}; các việc đang chờ và lịch sử của chi bộ vẫn giữ nguyên."
)
RETIRED_NOTICE = (
    "Đồng chí {new} đã nhận bàn giao nhiệm vụ {role} của {branch}. Từ nay bot không gửi nhắc "
    "việc của chi bộ tới đồng chí nữa. Cảm ơn đồng chí đã đồng hành cùng chi bộ."
)
HANDOVER_NOTICE = (
    "{new} đã nhận bàn giao nhiệm vụ {role} của {branch} (mã {code}) từ {old}; {old} thôi "
    "nhận tin. Lịch sử nộp báo cáo của chi bộ giữ nguyên."
)
MEMBERS_HEADER = "Thành viên của {branch} ({code}):"
MEMBERS_ALL = "Các thành viên đang nhận tin ({count}):"
MEMBERS_GROUP = "{branch} ({code}):"
MEMBERS_OFFICE = "Văn phòng Đảng ủy:"
MEMBER_LINE = "#{id} {name} — {role}, tham gia ngày {joined} ({channels})"
MEMBERS_NONE = "Chưa có thành viên nào tham gia. Tạo mã mời bằng /moi MÃ_CHI_BỘ."
MEMBERS_FOOTER = (
    "Gõ /bangiao MÃ_CHI_BỘ để bàn giao nhiệm vụ bí thư cho người mới, "
    "/thoi SỐ để một thành viên thôi nhận tin (nghỉ hưu, chuyển công tác)."
)
NO_NAME = "(chưa có tên)"
RETIRE_USAGE = "Cách dùng: /thoi SỐ_THÀNH_VIÊN (số # trong /thanhvien), ví dụ /thoi 12."
RETIRE_UNKNOWN = "Không có thành viên #{id} đang nhận tin. Gõ /thanhvien để xem danh sách."
RETIRE_SELF = (
    "Đồng chí không tự cho mình thôi được; đề nghị một cán bộ Văn phòng khác làm việc này."
)
RETIRED = "Đã cho {name} ({role}{branch}) thôi nhận tin; lịch sử nộp báo cáo vẫn giữ nguyên."
RETIRED_BY_OFFICE = (
    "Văn phòng Đảng ủy đã ghi nhận đồng chí thôi nhiệm vụ {role}{branch}. Từ nay bot không "
    "gửi tin nhắc việc tới đồng chí nữa. Cảm ơn đồng chí."
)
