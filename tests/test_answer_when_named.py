"""A "when" question answered by the date of what it names, or said not to be found.

A secretary asks "lịch nghỉ Tết … từ ngày nào", "chi bộ sinh hoạt tháng 5 ngày nào",
"công đoàn tổ chức hội thảo vào tháng mấy". The documents of the same school year hold
many dates; one of another thing (a mid-term test, the meeting of another month) is no
answer: the bot says plainly that the documents do not say, and points at the nearest.
Every document here is invented for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer import wording
from knowledge.answer.covers import Asked, asked_of, dates_asked, missing
from knowledge.search.library import Library
from knowledge.vi.textnorm import fold
from tests.support_answers import answer_and_files, library_of

TODAY = date(2026, 12, 6)
NOT_FOUND = "Trong các văn bản đã nạp chưa thấy"
SEE_ALSO = "Xem thêm (văn bản gần với câu hỏi, không phải câu trả lời):"


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


TIMETABLE = _text(
    "UBND TỈNH VĨNH LONG",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    "Số: 1502/SGDĐT-GDTrH",
    "Vĩnh Long, ngày 20 tháng 8 năm 2026",
    "V/v khung kế hoạch thời gian năm học 2026-2027",
    "I. KHUNG THỜI GIAN",
    "1. Học kỳ I: bắt đầu từ ngày 07/9/2026, kết thúc ngày 15/01/2027.",
    "2. Các trường tổ chức kiểm tra giữa học kỳ II từ ngày 15/3 đến ngày 19/3/2027.",
    "3. Học sinh nộp hồ sơ dự tuyển vào lớp 10 từ ngày 04/5/2027 đến ngày 11/5/2027.",
    "II. CÔNG TÁC AN TOÀN",
    "1. Tổ chức kiểm tra công tác an toàn trường học từ ngày 03/5 đến ngày 28/5/2027.",
    "2. Các trường xây dựng lịch trực, phân công lãnh đạo trực trong những ngày nghỉ Tết "
    "Nguyên đán; gửi lịch trực về Sở trước ngày 25/01/2027.",
    "3. Phân công cán bộ, giáo viên trực trường trong thời gian nghỉ hè năm 2027.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Đặng Minh Khoa",
)

CELL_MEETING = _text(
    "ĐẢNG BỘ SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    "CHI BỘ TRƯỜNG THCS TÂN MỸ",
    "Số 07-NQ/CB",
    "Tân Mỹ, ngày 04 tháng 3 năm 2027",
    "NGHỊ QUYẾT",
    "Hội nghị Chi bộ thường kỳ tháng 3 năm 2027",
    "Ngày 03/3/2027, Chi bộ Trường THCS Tân Mỹ tổ chức sinh hoạt thường kỳ tháng 3.",
    "I. KẾT QUẢ THÁNG 2",
    "1. Học sinh trở lại trường đầy đủ sau kỳ nghỉ Tết Nguyên đán; tỷ lệ chuyên cần đạt 98,6%. "
    "Ngày 18/02/2027, nhà trường tổ chức Ngày hội đọc sách cho 820 học sinh.",
    "2. Chi bộ đã phân công đảng viên trực Tết, bảo đảm an toàn tài sản nhà trường.",
    "II. NHIỆM VỤ THÁNG 3",
    "2. Các tổ chuyên môn gửi báo cáo sinh hoạt chuyên đề về chi ủy trước ngày 25 hằng tháng.",
    "3. Sinh hoạt chi bộ thường kỳ tháng 4/2027 vào ngày 03/4/2027, lúc 16 giờ 00 tại phòng "
    "họp Hội đồng sư phạm.",
    "T/M CHI BỘ",
    "BÍ THƯ",
    "Võ Thị Hằng",
)

UNION_GUIDE = _text(
    "CÔNG ĐOÀN NGÀNH GIÁO DỤC TỈNH VĨNH LONG",
    "Số 41/HD-CĐN",
    "Vĩnh Long, ngày 10 tháng 9 năm 2026",
    "HƯỚNG DẪN",
    "Tổ chức hội nghị viên chức, người lao động năm học 2026-2027",
    "1. Hội nghị viên chức của các trường tổ chức xong trước ngày 31/10/2026.",
    "2. Công đoàn cơ sở gửi bản đăng ký thi đua về Công đoàn ngành chậm nhất ngày 20/10/2026.",
    "3. Hưởng ứng Tháng Thanh niên năm 2027, công đoàn cơ sở phối hợp Đoàn trường tổ chức "
    "các hoạt động tình nguyện từ ngày 01/3 đến ngày 31/3/2027.",
    "4. Khuyến khích giáo viên tham gia hội thảo chuyên môn do nhà trường tổ chức.",
    "TM. BAN THƯỜNG VỤ",
    "CHỦ TỊCH",
    "Trương Văn Lộc",
)

RESOLUTION = _text(
    "ĐẢNG BỘ XÃ TÂN MỸ",
    "Số 12-NQ/ĐU",
    "Tân Mỹ, ngày 15 tháng 3 năm 2027",
    "NGHỊ QUYẾT",
    "Về tăng cường phòng, chống đuối nước cho trẻ em trên địa bàn xã",
    "I. TÌNH HÌNH",
    "Tuy nhiên, vẫn còn những hạn chế: nhiều gia đình chưa quan tâm quản lý con em; một số "
    "bến sông chưa có biển cảnh báo (trong năm 2026 có 04 vụ đuối nước làm 05 trẻ em tử vong).",
    "II. NHIỆM VỤ, GIẢI PHÁP",
    "1. Tuyên truyền kỹ năng phòng, chống đuối nước cho học sinh và phụ huynh.",
    "2. Lắp đặt biển cảnh báo tại các bến sông, ao hồ nguy hiểm.",
    "T/M ĐẢNG ỦY",
    "BÍ THƯ",
    "Lê Quang Hải",
)

FILES = {
    "cv1502_khung_nam_hoc.txt": TIMETABLE,
    "nq07_chibo_tanmy.txt": CELL_MEETING,
    "hd41_congdoan_nganh.txt": UNION_GUIDE,
    "nq12_du_tanmy_duoinuoc.txt": RESOLUTION,
}


@pytest.fixture(scope="module")
def library() -> Library:
    """The invented documents above, parsed as an ingest does."""
    return library_of(FILES)


def ask(library: Library, question: str) -> tuple[str, list[str]]:
    """The answer up to its other candidates, and its sources' files in order."""
    return answer_and_files(library, question, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "lich nghi tet nguyen dan 2027 cua hoc sinh vinh long tu ngay nao den ngay nao",
        "lịch nghỉ hè của giáo viên năm 2027 bắt đầu từ ngày nào",
        "cong doan nganh to chuc hoi thao giao vien vao thang mayy",
        "chi bo tan my sinh hoat thuong ky thang 5 ngay nao",
    ],
)
def test_a_time_of_what_no_document_dates_is_not_found(library: Library, question: str) -> None:
    """No date of the thing or month named: said plainly, the nearest only pointed at."""
    text, _ = ask(library, question)
    lead = text.split("\n\n")[0]
    assert lead.startswith(NOT_FOUND)
    assert SEE_ALSO in text
    assert "15/3" not in lead and "03/5" not in lead and "03/3" not in lead


def test_a_thing_no_document_speaks_of_is_not_dated_by_the_union_named(library: Library) -> None:
    """ "giải bóng đá" is printed nowhere: the union's guide named does not date it, and
    its volunteer month is no answer."""
    text, _ = ask(library, "cong doan nganh giao duc vinh long to chuc giai bong da khi nao")
    lead = text.split("\n\n")[0]
    assert "01/3" not in lead and "31/3" not in lead
    assert lead.startswith(NOT_FOUND) or "không nêu thời hạn" in lead


@pytest.mark.parametrize(
    ("question", "fact", "file"),
    [
        ("sinh hoat chi bo thang 4 truong tan my ngay nao", "03/4/2027", "nq07_chibo_tanmy.txt"),
        ("lich kiem tra giua hoc ky 2 tu ngay nao", "15/3", "cv1502_khung_nam_hoc.txt"),
        ("lich truc tet gui ve so truoc ngay nao", "25/01/2027", "cv1502_khung_nam_hoc.txt"),
        ("hoc sinh nop ho so tuyen sinh lop 10 tu ngay nao", "04/5", "cv1502_khung_nam_hoc.txt"),
        # A duty of every month is of the month named.
        (
            "to chuyen mon gui bao cao sinh hoat chuyen de thang 5 ngay nao",
            "25",
            "nq07_chibo_tanmy.txt",
        ),
    ],
)
def test_the_time_of_what_is_named_is_answered(
    library: Library, question: str, fact: str, file: str
) -> None:
    """The sentence dating what is named answers, another month's meeting does not."""
    text, files = ask(library, question)
    assert not text.startswith(NOT_FOUND)
    assert files[0] == file and fact in text


def test_a_limitation_is_no_deadline(library: Library) -> None:
    """ "hạn chế" (a shortcoming) beside a past year sets no deadline: none is said."""
    question = "nghi quyet phong chong duoi nuoc xa tan my co han hoan thanh nao khong"
    text, _ = ask(library, question)
    assert text.startswith(NOT_FOUND) and "thời hạn" in text.split("\n\n")[0]


def test_a_slip_without_a_vowel_finds_the_month_named(library: Library) -> None:
    """ "thang thnh nien": "thnh" has no vowel; "thanh" is printed beside "tháng". The
    window of Tháng Thanh niên answers, not an earlier window of another thing."""
    text, files = ask(library, "thang thnh nien 2027 to chuc tu ngay nao den ngay nao")
    assert files[0] == "hd41_congdoan_nganh.txt"
    assert "01/03/2027" in text.split("\n\n")[0] and "31/03/2027" in text.split("\n\n")[0]


def test_a_dropped_vowel_is_put_back_only_beside_a_printed_neighbour() -> None:
    printed = {("thang", "thanh"), ("thanh", "nien"), ("cong", "nhan")}
    words = {w for pair in printed for w in pair} | {"thinh"}

    def paired(left: str, right: str) -> float:
        return 1.0 if (left, right) in printed else 0.0

    assert wording.mend("thang thnh nien", words.__contains__, paired) == "thang thanh nien"
    assert wording.mend("cong nhn", words.__contains__, paired) == "cong nhan"
    assert wording.mend("xyz nhn", words.__contains__, paired) == "xyz nhn"
    assert wording.mend("cong nhn", words.__contains__) == "cong nhn"


def test_what_a_when_question_names() -> None:
    assert asked_of("lich nghi he cua giao vien nam 2027 bat dau tu ngay nao").heads == [
        ("nghi he", "lich nghi")
    ]
    assert asked_of("cong doan to chuc hoi thao giao vien vao thang may").heads == [("hoi thao",)]
    assert asked_of("chi bo sinh hoat thang 5 ngay nao").month == 5
    # "6 tháng", "tháng mấy", "từ tháng 3 đến tháng 5" name no month of their own.
    assert asked_of("bao cao 6 thang nop ngay nao").month is None
    assert asked_of("hoi thi vao thang may") == Asked([], None)
    assert asked_of("tap huan tu thang 3 den thang 5 ngay nao").month is None
    # A word no document uses ("attgt") is no head to look for.
    known = {"ke", "hoach", "hoc", "sinh", "nghi", "he"}.__contains__
    assert asked_of("ke hoach attgt hoc sinh gui truoc ngay nao", known).heads == []
    assert asked_of("lich nghi he ngay nao", known).heads == [("nghi he", "lich nghi")]


def test_a_sentence_missing_the_head_or_the_month() -> None:
    asked = asked_of(fold("lịch nghỉ Tết của học sinh từ ngày nào"))
    kiem_tra = "Kiểm tra giữa học kỳ II từ ngày 15/3 đến ngày 19/3/2027."
    assert missing(asked, kiem_tra, "Khung thời gian năm học", []) == "nghi tet"
    nghi_tet = "Học sinh nghỉ Tết Nguyên đán từ ngày 04/02 đến ngày 12/02/2027."
    assert missing(asked, nghi_tet, "", []) == ""
    month = asked_of("chi bo hop thang 5 ngay nao")
    assert missing(month, "Chi bộ họp ngày 03/3/2027.", "", [date(2027, 3, 3)]) == "thang 5"
    assert missing(month, "Chi bộ họp ngày 05/5/2027.", "", [date(2027, 5, 5)]) == ""
    assert missing(month, "Chi bộ họp ngày 03 hằng tháng.", "", []) == ""
    assert missing(month, "Báo cáo trước ngày 20.", "", [], monthly=True) == ""
    # The date of another clause is not the time of the holiday.
    report = "Học sinh trở lại trường sau kỳ nghỉ Tết; Ngày 18/02/2027, nhà trường tổ chức…"
    assert not dates_asked(asked, report)
    assert dates_asked(asked, nghi_tet)
