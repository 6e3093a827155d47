"""A subject no document speaks of, and a list asked for whole.

"Lịch thi học sinh giỏi cấp thành phố khi nào?" asked of a library holding a teachers'
contest: the bot says plainly that no document speaks of "học sinh giỏi", never the
teachers' dates. "Ngày hội gồm những hoạt động nào?": the six items, not the first four.
Every document here is invented for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer.passages import list_items, quote_list
from knowledge.answer.subjects import subjects, unspoken_subject
from knowledge.search.library import Library
from tests.support_answers import answer_and_files, library_of

TODAY = date(2026, 11, 20)


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


CONTEST = _text(
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH LÂM ĐỒNG",
    "Số: 845/SGDĐT-GDTrH",
    "Lâm Đồng, ngày 10 tháng 11 năm 2026",
    "V/v tổ chức Hội thi giáo viên dạy giỏi cấp tỉnh cấp trung học năm học 2026 - 2027",
    "1. Hội thi giáo viên dạy giỏi cấp tỉnh tổ chức từ ngày 10/01/2027 đến ngày 20/01/2027.",
    "2. Các đơn vị gửi danh sách giáo viên dự thi về Sở trước ngày 15/12/2026.",
    "3. Phòng Khảo thí xây dựng lịch thi chi tiết, gửi các đơn vị trước ngày 25/12/2026.",
    "GIÁM ĐỐC",
    "Nguyễn Văn An",
)

VETERAN_TEACHERS = _text(
    "HỘI CỰU GIÁO CHỨC THÀNH PHỐ",
    "Số 15/KH-HCGC",
    "KẾ HOẠCH",
    "Hoạt động năm 2027 của Hội Cựu giáo chức Thành phố",
    "1. Tham gia khen thưởng học sinh nghèo vượt khó, học sinh đạt thành tích cao cấp thành phố.",
    (
        "2. Các Hội cơ sở xây dựng kế hoạch hoạt động năm 2027, gửi về Văn phòng Hội Thành phố "
        "trước ngày 31/12/2026."
    ),
    "CHỦ TỊCH",
    "Trần Thị Bích",
)

ENROLMENT = _text(
    "ỦY BAN NHÂN DÂN THÀNH PHỐ BẢO LỘC",
    "Số 90/KH-UBND",
    "KẾ HOẠCH",
    "Tuyển sinh vào lớp 10 năm học 2027 - 2028",
    "1. Học sinh nộp hồ sơ đăng ký dự tuyển từ ngày 02/5/2027 đến ngày 15/5/2027.",
    "2. Kỳ thi tuyển sinh lớp 10 tổ chức ngày 06/6/2027.",
    "CHỦ TỊCH",
    "Lê Văn Cường",
)

FESTIVAL = _text(
    "ĐẢNG ỦY XÃ TÂN HÒA",
    "Số 45-KH/ĐU",
    "Tân Hòa, ngày 03 tháng 10 năm 2026",
    "KẾ HOẠCH",
    "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
    "I. MỤC ĐÍCH",
    "1. Phát huy truyền thống đoàn kết của Nhân dân trong xã.",
    "II. NỘI DUNG",
    (
        "1. Các hoạt động chính của Ngày hội gồm: (1) thăm hỏi, tặng quà các hộ gia đình chính "
        "sách, hộ nghèo trên địa bàn các ấp; (2) tổ chức hội thi nấu ăn giữa các chi hội phụ nữ "
        "và các tổ tự quản; (3) giao lưu văn nghệ, thể thao giữa các ấp, các đoàn thể chính trị "
        "- xã hội; (4) biểu dương, khen thưởng các gia đình văn hóa tiêu biểu ba năm liền; (5) ra "
        "mắt mô hình camera an ninh tự quản tại khu dân cư ấp Tân Thạnh; (6) trồng cây xanh tại "
        "tuyến đường liên ấp."
    ),
    "2. Thời gian tổ chức: ngày 15/11/2026.",
    "III. TỔ CHỨC THỰC HIỆN",
    "Ban Công tác Mặt trận các ấp chủ trì, phối hợp các chi hội thực hiện các nội dung sau:",
    "- Lập danh sách hộ gia đình chính sách, hộ nghèo cần thăm hỏi;",
    "- Vận động các hộ kinh doanh, mạnh thường quân ủng hộ kinh phí tổ chức ngày hội;",
    "- Trang trí khu vực tổ chức, chuẩn bị âm thanh, ánh sáng, bàn ghế, nước uống phục vụ;",
    "- Phân công lực lượng giữ gìn trật tự, an ninh, an toàn giao thông trong suốt ngày hội;",
    "- Tổng hợp kết quả, báo cáo Đảng ủy xã trước ngày 20/11/2026.",
    "T/M ĐẢNG ỦY",
    "BÍ THƯ",
    "Nguyễn Văn Dũng",
)


@pytest.fixture(scope="module")
def library() -> Library:
    return library_of(
        {
            "cv845.docx": CONTEST,
            "kh15.docx": VETERAN_TEACHERS,
            "kh90.docx": ENROLMENT,
            "kh45.docx": FESTIVAL,
        }
    )


def _ask(library: Library, question: str) -> tuple[str, list[str]]:
    return answer_and_files(library, question, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "lịch thi học sinh giỏi cấp thành phố lớp 12 năm 2027 khi nào",
        "lich thi hoc sinh gioi cap thanh pho lop 12 nam 2027 khi nao",
        "Lịch thi HSG cấp thành phố khi nào?",
        "ke hoach to chuc hoi khoe phu dong han dang ky khi nao",
    ],
)
def test_a_subject_no_document_speaks_of_is_not_answered(library: Library, question: str) -> None:
    text, _ = _ask(library, question)
    first = text.split("\n\n")[0]
    assert first.startswith("Chưa thấy văn bản nào nêu") or first.startswith("Trong các văn")
    # Never the teachers' contest or the veterans' plan given as the answer.
    assert "10/01/2027" not in first and "31/12/2026" not in first


def test_the_subject_is_named_as_typed(library: Library) -> None:
    text, _ = _ask(library, "lịch thi học sinh giỏi cấp thành phố khi nào")
    assert text.startswith("Chưa thấy văn bản nào nêu học sinh giỏi")
    # The nearest document is offered only as a pointer, marked as not the answer.
    assert "không phải câu trả lời" in text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("lich thi giao vien day gioi khi nao", "10/01/2027"),
        ("lịch thi tuyển sinh lớp 10 khi nào", "06/6/2027"),
        ("han nop ho so tuyen sinh lop 10", "15/05/2027"),
        ("hạn nộp danh sách giáo viên dự thi", "15/12/2026"),
        ("lich thi giao vein day gioi", "845/SGDĐT"),  # a slip: never read as a subject absent
    ],
)
def test_a_subject_some_document_speaks_of_is_answered(
    library: Library, question: str, fact: str
) -> None:
    text, _ = _ask(library, question)
    assert not text.startswith("Chưa thấy"), text
    assert fact in text


def test_a_subject_running_into_the_next_words_is_found_by_its_head(library: Library) -> None:
    # "giáo viên dạy ra" is read up to "sao"; the document prints its head "giáo viên dạy".
    assert unspoken_subject(library, "hoi thi giao vien day ra sao") is None
    assert unspoken_subject(library, "lich thi hoc sinh gioi cap thanh pho") == "hoc sinh gioi"


def test_subjects_follow_the_words_naming_a_plan_or_a_time() -> None:
    assert subjects("lich thi hoc sinh gioi cap thanh pho lop 12 khi nao") == ["hoc sinh gioi"]
    assert subjects("ke hoach to chuc hoi khoe phu dong nam 2027") == ["hoi khoe phu dong"]
    # A place ends it; a run of five words may be two phrases: none is read.
    assert subjects("hoi thi giao vien bac ninh ai ky") == ["giao vien"]
    assert subjects("ke hoach dao tao boi duong can bo nguon khi nao") == []
    assert subjects("han nop ho so xet tuyen vien chuc nam 2027") == ["xet tuyen vien chuc"]
    assert subjects("lich hop chi bo thang 12") == ["hop chi bo"]
    assert subjects("chi bo hop khi nao") == []
    # "du lịch", "lịch sử" hold "lịch" but name no schedule.
    assert subjects("nghi quyet ve phat trien du lich cua tinh uy") == []
    assert subjects("cuoc thi tim hieu lich su dang bo") == ["tim hieu lich su"]


@pytest.mark.parametrize(
    "question",
    [
        "ngay hoi dai doan ket gom nhung hoat dong nao",
        "Các hoạt động chính của Ngày hội gồm những gì?",
    ],
)
def test_an_inline_list_asked_for_is_quoted_whole(library: Library, question: str) -> None:
    text, files = _ask(library, question)
    assert files[0] == "kh45.docx"
    for item in ("(1) thăm hỏi", "(5) ra mắt mô hình camera", "(6) trồng cây xanh"):
        assert item in text


def test_a_list_of_lines_asked_for_keeps_its_fifth_item(library: Library) -> None:
    text, files = _ask(library, "ban cong tac mat tran cac ap thuc hien nhung noi dung nao")
    assert files[0] == "kh45.docx"
    assert "Phân công lực lượng" in text and "Tổng hợp kết quả" in text


def test_a_list_too_long_says_how_many_items_it_has() -> None:
    items = "; ".join(
        f"({i}) nội dung công việc thứ {i} của các chi bộ trực thuộc" for i in range(1, 31)
    )
    quoted = quote_list(f"Các nội dung gồm: {items}.", limit=400)
    assert quoted.endswith("mục)") and "/30 mục" in quoted
    assert "(1) nội dung" in quoted and "(30)" not in quoted
    lead, found = list_items(
        "Gồm: - Lập danh sách; - Vận động; - Trang trí khu vực chính trị - xã hội."
    )
    assert lead == "Gồm:" and len(found) == 3
