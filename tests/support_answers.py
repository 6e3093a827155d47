"""Invented directives of the kinds offices receive, for the answer and lookup tests.

Written for these tests (a provincial People's Committee plan, the same plan of another
province, a district Party committee's công văn, a commune Front's plan without a
header, a decision that takes effect on a stated day); none is copied from a real
document. `library()` parses them with the real parser, as an ingest does.
"""

from __future__ import annotations

from datetime import date

from knowledge.answer.ask import answer_question
from knowledge.parse.directive import parse_text
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc


def _text(*lines: str) -> str:
    """A document as extracted from Word: one paragraph a line."""
    return "\n".join(lines) + "\n"


BAC_NINH = _text(
    "ỦY BAN NHÂN DÂN",
    "TỈNH BẮC NINH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 415/KH-UBND",
    "Bắc Ninh, ngày 12 tháng 3 năm 2026",
    "KẾ HOẠCH",
    "Tổ chức Hội thi giáo viên dạy giỏi cấp tỉnh năm học 2025 - 2026",
    (
        "Thực hiện Quyết định số 1203/QĐ-BGDĐT ngày 05/01/2026 của Bộ Giáo dục và Đào tạo về "
        "tổ chức hội thi giáo viên; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"
    ),
    "I. MỤC ĐÍCH, YÊU CẦU",
    (
        "1. Phát hiện, tôn vinh giáo viên có năng lực sư phạm tốt, lan tỏa phương pháp dạy "
        "học tích cực."
    ),
    "2. Hội thi được tổ chức công khai, khách quan, tiết kiệm.",
    "II. THỜI GIAN TỔ CHỨC",
    ("1. Vòng 1 (lần thứ nhất): từ ngày 06 đến ngày 10 tháng 4 năm 2026 tại các cụm trường."),
    (
        "2. Vòng 2 (lần thứ hai): từ ngày 20 đến ngày 24 tháng 4 năm 2026 tại Trường THPT "
        "Chuyên Bắc Ninh."
    ),
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Sở Giáo dục và Đào tạo",
    "- Xây dựng và ban hành thể lệ hội thi, thành lập Ban Giám khảo.",
    "Thời gian hoàn thành: Trước ngày 25/3/2026.",
    "- Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trong tháng 5/2026.",
    "2. Các cơ sở giáo dục",
    (
        "Lựa chọn, cử giáo viên dự thi; gửi danh sách về Sở Giáo dục và Đào tạo trước ngày 30 "
        "tháng 3 năm 2026."
    ),
    "Nơi nhận:",
    "- Bộ Giáo dục và Đào tạo;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn Hùng",
)

LANG_SON = _text(
    "ỦY BAN NHÂN DÂN",
    "TỈNH LẠNG SƠN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 88/KH-UBND",
    "Lạng Sơn, ngày 02 tháng 3 năm 2026",
    "KẾ HOẠCH",
    "Tổ chức Hội thi giáo viên dạy giỏi cấp tỉnh năm học 2025 - 2026",
    "Căn cứ Quyết định số 1203/QĐ-BGDĐT ngày 05/01/2026 của Bộ Giáo dục và Đào tạo;",
    "I. MỤC ĐÍCH",
    "1. Nâng cao chất lượng đội ngũ giáo viên vùng cao, vùng biên giới.",
    "II. THỜI GIAN",
    "1. Hội thi diễn ra từ ngày 13 đến ngày 17 tháng 4 năm 2026.",
    "III. TỔ CHỨC THỰC HIỆN",
    (
        "1. Sở Giáo dục và Đào tạo chủ trì tổ chức hội thi, báo cáo kết quả trước ngày 15 "
        "tháng 5 năm 2026."
    ),
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Hoàng Thị Lan",
)

DONG_SON = _text(
    "HUYỆN ỦY ĐÔNG SƠN",
    "*",
    "Số 245-CV/HU",
    "V/v tổng kết công tác xây dựng Đảng năm 2025",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Đông Sơn, ngày 20 tháng 11 năm 2025",
    "Kính gửi: Các chi bộ, đảng bộ cơ sở trực thuộc Huyện ủy",
    (
        "Thực hiện Công văn số 1502-CV/TU ngày 10/11/2025 của Ban Thường vụ Tỉnh ủy về tổng "
        "kết công tác năm 2025, Ban Thường vụ Huyện ủy đề nghị:"
    ),
    (
        "1. Các chi bộ, đảng bộ cơ sở xây dựng báo cáo tổng kết công tác xây dựng Đảng năm "
        "2025, gửi về Văn phòng Huyện ủy trước ngày 15 tháng 12 năm 2025."
    ),
    (
        "2. Ủy ban Kiểm tra Huyện ủy tổng hợp kết quả kiểm tra, giám sát, báo cáo Ban Thường "
        "vụ hằng tháng trước ngày 20."
    ),
    ("3. Ban Tuyên giáo Huyện ủy hướng dẫn các chi bộ tổ chức sinh hoạt chuyên đề quý I/2026."),
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu Văn phòng Huyện ủy.",
    "T/M BAN THƯỜNG VỤ",
    "PHÓ BÍ THƯ",
    "Lê Thị Mai",
)

PHU_HOA = _text(
    (
        "Thực hiện Hướng dẫn số 08/HD-MTTQ-BTT ngày 15/9/2025 của Ban Thường trực Ủy ban Mặt "
        "trận Tổ quốc Việt Nam tỉnh về tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025, "
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc xã Phú Hòa xây dựng kế hoạch như sau:"
    ),
    "1. Mục đích",
    (
        "Tăng cường khối đại đoàn kết toàn dân tộc ở khu dân cư, biểu dương hộ gia đình văn "
        "hóa tiêu biểu."
    ),
    "2. Thời gian, địa điểm",
    ("Ngày hội tổ chức tại nhà văn hóa các thôn, hoàn thành trước ngày 18 tháng 11 năm 2025."),
    "3. Kinh phí",
    "Mỗi khu dân cư được hỗ trợ 2.500.000 đồng từ ngân sách xã.",
)

DECISION = _text(
    "ỦY BAN NHÂN DÂN",
    "THÀNH PHỐ HẢI PHÒNG",
    "Số: 2210/QĐ-UBND",
    "Hải Phòng, ngày 15 tháng 12 năm 2025",
    "QUYẾT ĐỊNH",
    "Về việc ban hành Quy chế quản lý thư viện trường học",
    (
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý thư viện trường học trên "
        "địa bàn thành phố."
    ),
    (
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2026. Quyết "
        "định số 915/QĐ-UBND ngày 04/5/2019 hết hiệu lực kể từ ngày Quyết định này có hiệu "
        "lực."
    ),
    (
        "Điều 3. Thư viện trường học mở cửa phục vụ học sinh tối thiểu 40 giờ mỗi tuần; sách "
        "hư hỏng được thanh lý định kỳ 02 năm một lần."
    ),
    "Nơi nhận:",
    "- Như Điều 3;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Trần Quốc Toản",
)

FILES = {
    "kh415_bacninh_hoithi.txt": BAC_NINH,
    "kh88_langson_hoithi.txt": LANG_SON,
    "cv245_hu_dongson.txt": DONG_SON,
    "kh_mttq_phuhoa.txt": PHU_HOA,
    "qd2210_haiphong_thuvien.txt": DECISION,
}


def library() -> Library:
    """The invented directives, parsed and indexed as an ingest does (ids 1, 2, …)."""
    return library_of(FILES)


def library_of(files: dict[str, str]) -> Library:
    """Texts by file name, parsed and indexed as an ingest does (ids 1, 2, …)."""
    docs = [
        LibraryDoc.from_directive(i, name, parse_text(text, name))
        for i, (name, text) in enumerate(files.items(), 1)
    ]
    return Library.build(docs)


def answer_and_files(library: Library, question: str, today: date) -> tuple[str, list[str]]:
    """The answer up to its other candidates, and its sources' files in order."""
    answer = answer_question(library, question, today)
    return answer.text.split("Có thể liên quan")[0], [s.file for s in answer.sources]
