"""Windows, meetings, proposals and lists: a secretary asks "từ ngày nào đến ngày nào",
"chi bộ họp ngày nào", "trường kiến nghị gì", "đề nghị kết nạp những ai", and the bot
answers with the line that says it. Every document here is invented for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer import intents, wants, wording
from knowledge.answer.covers import grain_of as _grain_of
from knowledge.answer.targets import named_documents
from knowledge.answer.when import has_time, meeting_day
from knowledge.search.library import Library
from tests.support_answers import answer_and_files, library_of

TODAY = date(2026, 12, 6)


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


FIRST_AID = _text(
    "KẾ HOẠCH",
    "Giáo dục kỹ năng sơ cứu cho học sinh năm học 2026 - 2027",
    "Trường THCS Hòa Lạc xây dựng Kế hoạch giáo dục kỹ năng sơ cứu như sau:",
    "I. MỤC ĐÍCH",
    "1. Trang bị cho học sinh kỹ năng sơ cứu ban đầu khi gặp tai nạn.",
    (
        "2. Trường có 905 học sinh; khảo sát tháng 9/2026 cho thấy 312 học sinh chưa biết sơ "
        "cứu cơ bản."
    ),
    "II. NỘI DUNG VÀ THỜI GIAN",
    (
        "1. Lớp sơ cứu: phối hợp Hội Chữ thập đỏ phường mở lớp sơ cứu cho học sinh khối 8, 9 "
        "theo hai đợt: Đợt 1 từ ngày 08/3/2027 đến ngày 24/4/2027; Đợt 2 trong tháng 7/2027."
    ),
    "2. Ngày hội thực hành sơ cứu của học sinh tổ chức vào ngày 15/5/2027.",
    "III. TỔ CHỨC THỰC HIỆN",
    "Tổ Thể dục báo cáo kết quả lớp sơ cứu về Ban Giám hiệu trước ngày 30/5/2027.",
    "HIỆU TRƯỞNG",
    "Lê Văn Tâm",
)

CITY_GUIDE = _text(
    "THÀNH ỦY CẦN THƠ",
    "Số 9-HD/TU",
    "Cần Thơ, ngày 02 tháng 11 năm 2026",
    "HƯỚNG DẪN",
    "Tuyên truyền kỷ niệm Ngày Nhà giáo Việt Nam",
    "1. Thời gian tuyên truyền: từ ngày 01/11/2026 đến ngày 20/11/2026.",
    "2. Các cấp ủy tổ chức gặp mặt nhà giáo tiêu biểu trước ngày 18/11/2026.",
    "T/M BAN THƯỜNG VỤ",
    "PHÓ BÍ THƯ",
    "Trần Văn Khải",
)

REVIEW_PLAN = _text(
    "ĐẢNG ỦY KHỐI CƠ QUAN TỈNH BẾN TRE",
    "Số 61-KH/ĐU",
    "Bến Tre, ngày 20 tháng 11 năm 2026",
    "KẾ HOẠCH",
    "Kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2026",
    "I. THỜI GIAN",
    (
        "1. Các chi bộ tổ chức họp kiểm điểm tập thể chi ủy và đảng viên từ ngày 03 tháng 12 "
        "đến ngày 18 tháng 12 năm 2026."
    ),
    (
        "2. Đảng ủy cơ sở tổng hợp kết quả, gửi về Ban Tổ chức Đảng ủy Khối trước ngày 24 "
        "tháng 12 năm 2026."
    ),
    "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "Võ Thị Hạnh",
)

SUBMISSION = _text(
    "ĐẢNG BỘ SỞ Y TẾ TỈNH BẾN TRE",
    "CHI BỘ BỆNH VIỆN ĐA KHOA HUYỆN BA TRI",
    "TỜ TRÌNH",
    "Đề nghị kết nạp đảng viên",
    "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
    "Căn cứ Nghị quyết của Chi bộ tại cuộc họp xét kết nạp đảng viên ngày 19 tháng 11 năm 2026,",
    (
        "Chi bộ Bệnh viện Đa khoa huyện Ba Tri kính trình Đảng ủy Sở Y tế xem xét, quyết định "
        "kết nạp vào Đảng đối với 02 quần chúng ưu tú sau:"
    ),
    "1. Quần chúng Phạm Thị Thu Trang, sinh ngày 02/3/1995, điều dưỡng khoa Nhi.",
    "2. Quần chúng Huỳnh Minh Đức, sinh ngày 17/8/1993, bác sĩ khoa Cấp cứu.",
    "3. Kết quả biểu quyết tại Chi bộ: 28/28 đảng viên chính thức đồng ý (đạt 100%).",
    "T/M CHI BỘ",
    "BÍ THƯ",
    "Ngô Văn Lộc",
)

CONCLUSION = _text(
    "TỈNH ỦY BẾN TRE",
    "Số 140-TB/TU",
    "Bến Tre, ngày 01 tháng 12 năm 2026",
    "THÔNG BÁO",
    "Kết luận của Ban Thường vụ Tỉnh ủy về công tác y tế cơ sở",
    (
        "Ngày 24 tháng 11 năm 2026, Ban Thường vụ Tỉnh ủy họp nghe Ban cán sự đảng Ủy ban "
        "nhân dân tỉnh báo cáo tình hình y tế cơ sở năm 2026. Ban Thường vụ Tỉnh ủy kết luận "
        "như sau:"
    ),
    (
        "1. Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo hoàn thiện mạng lưới trạm y tế xã, báo "
        "cáo Ban Thường vụ Tỉnh ủy trước ngày 31/3/2027."
    ),
    (
        "2. Sở Y tế hoàn thành báo cáo tổng kết công tác y tế cơ sở năm 2026, gửi Ban Thường "
        "vụ Tỉnh ủy trước ngày 20/12/2026."
    ),
    (
        "3. Ban Thường vụ thống nhất tổ chức Hội nghị tổng kết công tác y tế cơ sở năm 2026 "
        "vào tuần thứ hai của tháng 01/2027."
    ),
    "T/L BAN THƯỜNG VỤ",
    "CHÁNH VĂN PHÒNG",
    "Đỗ Minh Hải",
)

SCHOOL_REPORT = _text(
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO BẾN TRE",
    "TRƯỜNG THPT PHÚ TÚC",
    "BÁO CÁO",
    "Kết quả thực hiện công tác thư viện năm 2026",
    (
        "Thực hiện Công văn số 1840/SGDĐT-GDTrH của Sở Giáo dục và Đào tạo, Trường THPT Phú "
        "Túc báo cáo như sau:"
    ),
    "I. KẾT QUẢ",
    "1. Thư viện mở cửa 5 ngày mỗi tuần; học sinh kiến nghị kéo dài giờ mở cửa buổi chiều.",
    "II. KIẾN NGHỊ",
    "Đề nghị Sở Giáo dục và Đào tạo bổ sung kinh phí mua sách tham khảo cho thư viện trường.",
    "HIỆU TRƯỞNG",
    "Mai Văn Phúc",
)

WARD_REPORT = _text(
    "ĐẢNG BỘ TỈNH BẾN TRE",
    "ĐẢNG ỦY PHƯỜNG AN HỘI",
    "Số 31-BC/ĐU",
    "An Hội, ngày 05 tháng 12 năm 2026",
    "BÁO CÁO",
    "Kết quả công tác xây dựng Đảng năm 2026",
    "I. KẾT QUẢ",
    "1. Toàn Đảng bộ kết nạp 12 đảng viên mới.",
    "II. ĐỀ XUẤT, KIẾN NGHỊ VÀ NHIỆM VỤ TRƯỚC MẮT",
    "1. Kiến nghị Ban Thường vụ Tỉnh ủy",
    "- Sớm hướng dẫn chế độ phụ cấp đối với bí thư chi bộ khu phố.",
    "2. Nhiệm vụ trước mắt, đề nghị các chi bộ trực thuộc thực hiện",
    "a) Văn phòng Đảng ủy phường An Hội chuẩn bị báo cáo Tỉnh ủy về Hội nghị tổng kết năm.",
    "T/M ĐẢNG ỦY",
    "BÍ THƯ",
    "Lê Thị Hạnh",
)

GUIDE_SLOGANS = _text(
    "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY BẾN TRE",
    "Số 15-HD/BTGDVTU",
    "Bến Tre, ngày 10 tháng 11 năm 2026",
    "HƯỚNG DẪN",
    "Tuyên truyền Ngày Quốc phòng toàn dân",
    "I. HÌNH THỨC TUYÊN TRUYỀN",
    (
        "1. Tuyên truyền trực quan: treo băng rôn, pano tại trụ sở cơ quan, các tuyến đường "
        "chính; sử dụng các khẩu hiệu tại phần II của Hướng dẫn này."
    ),
    "II. KHẨU HIỆU TUYÊN TRUYỀN",
    "1. Toàn dân tham gia xây dựng nền quốc phòng vững mạnh!",
    "2. Quân với dân một ý chí!",
    "K/T TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "Lâm Thị Ngọc",
)

FILES = {
    "kh_hoalac_socuu.txt": FIRST_AID,
    "hd9_tu_cantho_nhagiao.txt": CITY_GUIDE,
    "kh61_du_kiemdiem.txt": REVIEW_PLAN,
    "ttr_batri_ketnap.txt": SUBMISSION,
    "tb140_tu_bentre_yte.txt": CONCLUSION,
    "bc_phutuc_thuvien.txt": SCHOOL_REPORT,
    "bc31_du_anhoi.txt": WARD_REPORT,
    "hd15_bentre_quocphong.txt": GUIDE_SLOGANS,
}


@pytest.fixture(scope="module")
def library() -> Library:
    """The invented documents above, parsed as an ingest does."""
    return library_of(FILES)


def ask(library: Library, question: str) -> tuple[str, list[str]]:
    """The answer up to its other candidates, and its sources' files in order."""
    return answer_and_files(library, question, TODAY)


def test_from_before_a_day_is_not_the_city_party_committee(library: Library) -> None:
    """ "khối 8, 9 tu ngay nao": typed without diacritics, "9 tu" is not "9-HD/TU"."""
    question = "lop so cuu dot 1 cho hoc sinh khoi 8 9 tu ngay nao den ngay nao"
    assert not named_documents(library, question).docs
    text, files = ask(library, question)
    assert files[0] == "kh_hoalac_socuu.txt"
    assert "08/3/2027" in text and "24/4/2027" in text
    # A number with "TU" after it still names the document.
    assert named_documents(library, "hd 9 tu tuyên truyền khi nào").ids


def test_a_window_question_prefers_the_sentence_from_day_to_day(library: Library) -> None:
    text, files = ask(library, "các chi bộ họp kiểm điểm năm 2026 trong khoảng thời gian nào")
    assert files[0] == "kh61_du_kiemdiem.txt"
    assert "03 tháng 12" in text and "18 tháng 12" in text
    window = "họp từ ngày 03 đến ngày 18 tháng 12"
    for asked in ("tu ngay nao den ngay nao", "trong khoang thoi gian nao", "keo dai bao lau"):
        assert _grain_of(asked, window) and not _grain_of(asked, "họp vào ngày 10 tháng 12")
    assert _grain_of("tu ngay nao", "Từ 12/4 đến 16/4/2027")


def test_the_day_of_a_meeting_in_a_basis_line(library: Library) -> None:
    """ "Căn cứ Nghị quyết … tại cuộc họp … ngày 19 tháng 11": the meeting's day answers
    when the question asks when it met; a cited document's date stays no time."""
    text, files = ask(library, "chi bộ ba tri xét kết nạp đảng viên ở cuộc họp ngày nào")
    assert files[0] == "ttr_batri_ketnap.txt" and "19 tháng 11 năm 2026" in text
    line = "Căn cứ Nghị quyết của Chi bộ tại cuộc họp xét kết nạp ngày 19 tháng 11 năm 2026,"
    assert meeting_day(line) and not has_time(line)
    assert not meeting_day("Căn cứ Hướng dẫn số 12-HD/BTCTW ngày 05 tháng 3 năm 2026;")


def test_a_meeting_that_hears_a_report_is_not_a_duty(library: Library) -> None:
    """ "họp nghe báo cáo … ngày nào": the day of the meeting, not a report's deadline."""
    question = "Ban Thường vụ Tỉnh ủy họp nghe báo cáo về y tế cơ sở ngày nào"
    assert not intents.detect(question).due
    text, files = ask(library, question)
    assert files[0] == "tb140_tu_bentre_yte.txt" and "24 tháng 11 năm 2026" in text
    assert intents.detect("chi bộ họp xong phải nộp báo cáo trước ngày nào").due


def test_what_a_report_proposes_is_its_proposals_section(library: Library) -> None:
    """A remark that pupils "kiến nghị" something is not what the school proposes."""
    text, files = ask(library, "truong phu tuc kien nghi so dieu gi")
    assert files[0] == "bc_phutuc_thuvien.txt"
    assert "bổ sung kinh phí mua sách" in text
    text, _ = ask(library, "trường Phú Túc kiến nghị gì về thư viện")
    assert "bổ sung kinh phí mua sách" in text


def test_what_a_report_proposes_upwards_is_not_its_requests_downwards(library: Library) -> None:
    """Under "ĐỀ XUẤT, KIẾN NGHỊ VÀ NHIỆM VỤ", the lines of "Nhiệm vụ trước mắt, đề nghị các
    chi bộ …" are tasks for the cells, not what the ward proposes to the province."""
    text, files = ask(library, "dang uy phuong an hoi kien nghi tinh uy nhung gi")
    assert files[0] == "bc31_du_anhoi.txt"
    assert "phụ cấp đối với bí thư chi bộ khu phố" in text.split("\n\n")[0]


def test_a_list_under_a_lead_in_is_quoted_with_its_items(library: Library) -> None:
    """ "… đối với 02 quần chúng ưu tú sau:" ends the opening: its items are the answer."""
    text, _ = ask(library, "to trinh chi bo ba tri de nghi ket nap nhung ai")
    assert "Phạm Thị Thu Trang" in text


def test_a_list_question_reads_the_heading_over_the_items(library: Library) -> None:
    """ "Có những khẩu hiệu nào?": the heading with its items, not the line that only says
    the slogans are in part II."""
    text, files = ask(library, "hướng dẫn 15 có những khẩu hiệu tuyên truyền nào")
    assert files[0] == "hd15_bentre_quocphong.txt"
    assert "Quân với dân một ý chí" in text
    assert wants.want_of(intents.detect("có những khẩu hiệu nào")) is not None


def test_what_a_unit_is_given_to_do(library: Library) -> None:
    """ "được giao những việc gì" asks a unit's tasks, as "có nhiệm vụ gì" does."""
    for question in (
        "Tổ Thể dục được giao những việc gì",
        "to the duc duoc giao nhung nhiem vu nao",
    ):
        intent = intents.detect(question)
        assert intent.kind == intents.UNIT and intent.unit.startswith("to the duc")


def test_a_slip_that_is_a_word_is_mended_by_its_neighbours() -> None:
    """ "chuan hao du lieu": "hào" is a word, but no document prints "chuẩn hào"; the swap
    "hóa" stands beside "chuẩn" in one. A word beside a neighbour it is printed with stays."""
    printed = {("chuan", "hoa"), ("hoa", "du"), ("du", "lieu"), ("hao", "phi")}
    words = {w for pair in printed for w in pair}

    def paired(left: str, right: str) -> float:
        return 1.0 if (left, right) in printed else 0.0

    mended = wording.mend("phai chuan hao du lieu", words.__contains__, paired)
    assert mended == "phai chuan hoa du lieu"
    assert wording.mend("chong hao phi", words.__contains__, paired) == "chong hao phi"
    assert wording.mend("chuan hao du lieu", words.__contains__) == "chuan hao du lieu"


def test_a_school_year_or_a_plans_number_is_no_count() -> None:
    """ "Bao nhiêu học sinh …?": "năm học 2026 - 2027" and "Kế hoạch số 115/KH-THCS" state
    no count; "418 học sinh" does."""
    assert not wants.states_count("cho học sinh năm học 2026 - 2027 như sau:")
    assert not wants.states_count("Căn cứ Kế hoạch số 115/KH-THCSHL của trường;")
    assert wants.states_count("có 418 học sinh chưa biết bơi")
    assert wants.states_count("25/25 đảng viên có mặt")


def test_how_many_is_the_sentence_with_the_count(library: Library) -> None:
    text, _ = ask(library, "truong hoa lac co bao nhieu hoc sinh chua biet so cuu")
    assert "312 học sinh" in text


def test_the_year_asked_may_be_the_year_reviewed(library: Library) -> None:
    """ "Hội nghị tổng kết … năm 2026 tổ chức khi nào?": held in January 2027; the year
    names the work reviewed, as the sentence does."""
    text, files = ask(library, "hội nghị tổng kết công tác y tế cơ sở năm 2026 tổ chức khi nào")
    assert files[0] == "tb140_tu_bentre_yte.txt"
    assert "tuần thứ hai của tháng 01/2027" in text


UNION_FEES = _text(
    "CÔNG ĐOÀN NGÀNH GIÁO DỤC TỈNH VĨNH LONG",
    "Số: 52/CĐN",
    "Vĩnh Long, ngày 01 tháng 12 năm 2026",
    "V/v thu, nộp kinh phí công đoàn năm 2027",
    "Kính gửi: Các công đoàn cơ sở trực thuộc.",
    "1. Công đoàn cơ sở nộp kinh phí công đoàn lên Công đoàn ngành theo quý, trước ngày 10 "
    "của tháng đầu quý sau.",
    (
        "2. Kể từ ngày 01/01/2027, công đoàn cơ sở không nộp kinh phí bằng tiền mặt mà chuyển "
        "khoản vào tài khoản của Công đoàn ngành tại Kho bạc Nhà nước tỉnh."
    ),
    "Nơi nhận:",
    "- Như trên;",
    "CHỦ TỊCH",
    "Đặng Thị Hoa",
)


def test_how_something_is_paid_is_the_sentence_saying_the_means() -> None:
    """ "Nộp bằng hình thức nào?": the sentence saying "chuyển khoản", not the one saying
    when, which shares more of the question's words."""
    library = library_of({**FILES, "cv52_cdn_kinhphi.txt": UNION_FEES})
    text, _ = ask(
        library, "tu nam 2027 cong doan co so nop kinh phi len cong doan nganh bang hinh thuc nao"
    )
    assert "chuyển khoản" in text
