"""Rules that carry to documents never seen: a meeting "thường kỳ" is no signature, "mấy
giờ" asks a time of day, a type printed before a number whose code names none, "trong kế
hoạch này" names no topic, a unit named before ":" under "Tổ chức thực hiện". Each on
invented documents (none copied from a real one): a secretary asks, the bot answers.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer import intents
from knowledge.answer.wants import states_count
from knowledge.parse.directive import parse_text
from knowledge.search.library import Library
from tests.support_answers import answer_and_files, library_of

TODAY = date(2026, 3, 1)


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


WOMEN_PLAN = _text(
    "HỘI LIÊN HIỆP PHỤ NỮ PHƯỜNG LONG BIÊN",
    "Số: 09/KH-HPN",
    "Long Biên, ngày 20 tháng 02 năm 2026",
    "KẾ HOẠCH",
    "Tổ chức Hội thi “Phụ nữ khéo tay” năm 2026",
    (
        "Căn cứ Quy chế phối hợp số 07/QCPH-UBND-HPN ngày 12 tháng 01 năm 2026 giữa Ủy ban "
        "nhân dân phường và Hội Liên hiệp Phụ nữ phường về công tác vận động phụ nữ;"
    ),
    "Ban Thường vụ Hội Liên hiệp Phụ nữ phường ban hành Kế hoạch như sau:",
    "I. NỘI DUNG",
    "1. Hội thi gồm hai phần: trưng bày sản phẩm và thi nấu ăn.",
    (
        "2. Lễ khai mạc Hội thi tổ chức lúc 07 giờ 30 ngày 08 tháng 3 năm 2026 tại Nhà văn "
        "hóa phường."
    ),
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Ban Văn thể Hội: xây dựng thể lệ Hội thi; mời ban giám khảo; chuẩn bị giải thưởng.",
    "2. Tổ Coi thi: kiểm tra sản phẩm dự thi, ghi biên bản chấm điểm từng phần thi.",
    "3. Chi hội các tổ dân phố: vận động hội viên đăng ký dự thi trước ngày 01/3/2026.",
    "TM. BAN THƯỜNG VỤ",
    "CHỦ TỊCH",
    "Đỗ Thị Lan",
)

CELL_RESOLUTION = _text(
    "ĐẢNG BỘ PHƯỜNG LONG BIÊN",
    "CHI BỘ KHU DÂN CƯ SỐ 4",
    "Số: 03-NQ/CB",
    "Long Biên, ngày 05 tháng 02 năm 2026",
    "NGHỊ QUYẾT",
    "Hội nghị Chi bộ thường kỳ tháng 02 năm 2026",
    "I. ĐÁNH GIÁ KẾT QUẢ THÁNG 01",
    "1. Chi bộ đã vận động các hộ gia đình tham gia vệ sinh môi trường dịp Tết.",
    "II. NHIỆM VỤ THÁNG 02",
    "1. Chi ủy họp thường kỳ vào ngày 03 hằng tháng để chuẩn bị nội dung sinh hoạt chi bộ.",
    "2. Đảng viên đóng đảng phí đầy đủ trước ngày 10 hằng tháng.",
    "T/M CHI BỘ",
    "BÍ THƯ",
    "Phạm Văn Tuấn",
)

SCHOOL_RULES = _text(
    "TRƯỜNG THCS NGUYỄN DU",
    "Số: 21/QĐ-THCSND",
    "Biên Hòa, ngày 10 tháng 01 năm 2026",
    "QUYẾT ĐỊNH",
    "Ban hành Quy chế tổ chức câu lạc bộ năng khiếu của nhà trường",
    "Điều 1. Tổ chức câu lạc bộ",
    (
        "1. Câu lạc bộ sinh hoạt ngoài giờ chính khóa, không thu tiền của học sinh; "
        "nhà trường chi kinh phí từ nguồn xã hội hóa."
    ),
    "2. Học sinh tham gia câu lạc bộ phải có đơn đăng ký của cha mẹ học sinh.",
    "3. Ban chủ nhiệm câu lạc bộ gồm 07 thành viên do Hiệu trưởng quyết định.",
    "Điều 2. Sinh hoạt và liên hệ",
    (
        "1. Ban chủ nhiệm họp mỗi tháng một lần; trong vòng 03 ngày sau khi họp gửi biên bản "
        "về Văn phòng."
    ),
    "2. Đơn đăng ký nộp trực tiếp tại Văn phòng, không nhận qua thư điện tử.",
    "3. Phụ huynh liên hệ số điện thoại 0251.3822.456 để được giải đáp về câu lạc bộ.",
    "4. Năm học 2024 - 2025, tỷ lệ học sinh tham gia câu lạc bộ đạt 76,5%.",
    "Nơi nhận:",
    "- Như Điều 2;",
    "- Lưu: VT.",
    "HIỆU TRƯỞNG",
    "Lê Minh Khoa",
)

SCHOOL_REPORT = _text(
    "TRƯỜNG TIỂU HỌC HOA SEN",
    "BÁO CÁO",
    "Kết quả công tác thư viện thân thiện năm 2025",
    "I. KẾT QUẢ",
    "1. Trong năm 2025, thư viện nhà trường tiếp nhận 1.200 đầu sách do phụ huynh quyên góp.",
    "2. Nhà trường tổ chức Ngày hội đọc sách vào ngày 21 tháng 4 năm 2025 với 600 học sinh.",
    "II. HẠN CHẾ",
    "Phòng đọc còn chật, chưa có khu đọc ngoài trời.",
    "Nơi nhận:",
    "- Phòng GD&ĐT;",
    "- Lưu: VT.",
    "HIỆU TRƯỞNG",
    "Trần Thu Hà",
)

FILES = {
    "bc_th_hoasen_thuvien.txt": SCHOOL_REPORT,
    "kh09_hpn_hoithi.txt": WOMEN_PLAN,
    "nq03_cb_thang02.txt": CELL_RESOLUTION,
    "qd21_thcs_caulacbo.txt": SCHOOL_RULES,
}


@pytest.fixture(scope="module")
def library() -> Library:
    """The invented documents above, parsed as an ingest does."""
    return library_of(FILES)


def ask(library: Library, question: str) -> tuple[str, list[str]]:
    """The answer up to its other candidates, and its sources' files in order."""
    return answer_and_files(library, question, TODAY)


def test_a_regular_meeting_is_no_signature() -> None:
    """ "họp thường kỳ vào ngày nào", "định kỳ ngày nào": the "kỳ" of a period, not "ký"."""
    for question in ("chi ủy họp thường kỳ vào ngày nào", "hop dinh ky vao ngay nao"):
        assert intents.detect(question).kind != intents.ISSUED
    assert intents.detect("văn bản ký ngày nào").kind == intents.ISSUED


def test_the_day_of_a_regular_meeting_is_the_meeting_not_the_issue_date(
    library: Library,
) -> None:
    """Bí thư hỏi chi ủy họp thường kỳ vào ngày nào: the line of the meeting says it."""
    text, files = ask(library, "chi ủy họp thường kỳ vào ngày nào")
    assert files[0] == "nq03_cb_thang02.txt"
    assert "ngày 03 hằng tháng" in text
    assert "ban hành" not in text


def test_what_time_is_a_time_of_day_not_a_length() -> None:
    """ "lúc mấy giờ ngày nào" asks when, not how long ("bao nhiêu giờ" does)."""
    intent = intents.detect("lễ khai mạc tổ chức lúc mấy giờ ngày nào")
    assert intent.kind == intents.DEADLINE
    assert "may gio" not in intent.topic and "luc" not in intent.topic.split()
    assert intents.detect("báo cáo trong bao nhiêu giờ").kind == intents.DURATION


def test_the_time_of_an_event_is_answered_with_its_hour(library: Library) -> None:
    """Chi hội trưởng hỏi lễ khai mạc hội thi lúc mấy giờ, ngày nào."""
    text, files = ask(library, "le khai mac hoi thi to chuc luc may gio ngay nao")
    assert files[0] == "kh09_hpn_hoithi.txt"
    assert "07 giờ 30" in text


def test_the_type_printed_before_a_number_answers_which_document_it_is_based_on(
    library: Library,
) -> None:
    """ "Quy chế phối hợp số 07/QCPH-…": its code names no type, the words before it do."""
    text, _ = ask(library, "kế hoạch hội thi phụ nữ khéo tay căn cứ quy chế phối hợp số mấy")
    assert "07/QCPH-UBND-HPN" in text.split("\n")[0]


def test_this_plan_names_no_topic(library: Library) -> None:
    """ "… có nhiệm vụ gì trong kế hoạch này": the unit's tasks, not a search for "này"."""
    intent = intents.detect("Ban Văn thể Hội có nhiệm vụ gì trong kế hoạch này")
    assert intent.kind == intents.UNIT and intent.topic == ""
    text, files = ask(library, "Ban Văn thể Hội có nhiệm vụ gì trong kế hoạch này")
    assert files[0] == "kh09_hpn_hoithi.txt"
    assert "xây dựng thể lệ" in text


def test_a_name_before_a_colon_under_implementation_is_a_unit(library: Library) -> None:
    """ "2. Tổ Coi thi: kiểm tra …" under "TỔ CHỨC THỰC HIỆN": the tổ's tasks; its last word
    folds like the "thì" of "… thì làm gì", yet the unit is so named."""
    tasks = {t.unit: t.text for t in parse_text(WOMEN_PLAN).tasks}
    assert tasks["Tổ Coi thi"].startswith("kiểm tra sản phẩm")
    assert not any(unit.startswith("Lễ") for unit in tasks)  # not under "Tổ chức thực hiện"
    text, _ = ask(library, "tổ coi thi làm những việc gì")
    assert "Nhiệm vụ của Tổ Coi thi" in text and "ghi biên bản" in text


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        # A count asked: the sentence with the number, whatever word it counts with.
        ("ban chủ nhiệm câu lạc bộ có bao nhiêu thành viên", "07 thành viên"),
        # How often: "mỗi tháng một lần", not the "03 ngày" after the meeting.
        ("ban chu nhiem cau lac bo hop bao lau mot lan", "mỗi tháng một lần"),
        # A phone number asked: the line printing one.
        ("số điện thoại giải đáp về câu lạc bộ", "0251.3822.456"),
        # A rate asked: the line with the percentage.
        ("tỷ lệ học sinh tham gia câu lạc bộ là bao nhiêu", "76,5%"),
        # Yes or no: the line saying "không …" answers.
        ("hoc sinh tham gia cau lac bo co phai dong tien khong", "không thu tiền"),
        ("đơn đăng ký câu lạc bộ có nộp qua mail được không", "không nhận qua thư điện tử"),
    ],
)
def test_the_sentence_stating_what_is_asked_answers(
    library: Library, question: str, stated: str
) -> None:
    """Phụ huynh hỏi, the bot quotes the line that states the number, the frequency, the
    phone number, the rate or the yes/no asked for."""
    text, files = ask(library, question)
    assert files[0] == "qd21_thcs_caulacbo.txt"
    assert stated in text


def test_a_count_is_no_date_nor_an_article() -> None:
    """ "05 thành viên", "có mặt: 25 đồng chí", "98,2%" count; a date or "Điều 3" do not."""
    assert states_count("gồm 05 thành viên") and states_count("có mặt: 25 đồng chí")
    assert states_count("đạt 98,2%")
    assert not states_count("họp ngày 02 tháng 12 năm 2026")
    assert not states_count("theo Điều 3 của Quy chế, trước 15/4/2026")


def test_a_report_of_past_days_sets_no_deadline(library: Library) -> None:
    """Hỏi báo cáo thư viện của trường Hoa Sen có hạn nộp gì không: it only tells what was
    done and when; the answer says plainly there is no deadline, not a past day."""
    text, _ = ask(
        library, "báo cáo thư viện thân thiện năm 2025 của trường hoa sen có hạn nộp gì không"
    )
    assert "thời hạn" in text.split("\n")[0]
    assert "21 tháng 4" not in text.split("\n")[0]
    # A plan that sets one still answers with it.
    text, _ = ask(library, "chi hội các tổ dân phố vận động hội viên đăng ký dự thi trước ngày nào")
    assert "01/03/2026" in text or "01/3/2026" in text
