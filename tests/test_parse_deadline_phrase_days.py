"""Days and periods as offices of every level write them (invented sentences).

Each case: a sentence and the terms it sets, in the real corpus labels' conventions
(support_deadline_codes). The plan is dated 20/11/2026, its year 2026, unless a case says.
"""

from __future__ import annotations

import pytest

from knowledge.parse.deadlines import find_deadlines
from tests.support_deadline_codes import codes, nfd

DAYS = [
    ("Các chi bộ gửi báo cáo về Văn phòng Đảng ủy trước ngày 15/3/2027.", ["2027-03-15"]),
    ("Các trường nộp hồ sơ đề nghị khen thưởng về Sở GD&ĐT trước ngày 15-3-2027.", ["2027-03-15"]),
    (
        "Công đoàn cơ sở gửi danh sách đoàn viên về Công đoàn ngành trước ngày 15.3.2027.",
        ["2027-03-15"],
    ),
    ("Các phòng chuyên môn báo cáo kết quả chậm nhất ngày 05 tháng 4 năm 2027.", ["2027-04-05"]),
    ("Hạn chót nhận bài dự thi là 17 giờ 00 ngày 30/01/2027.", ["2027-01-30"]),
    ("Hạn chót: 17 giờ 00 ngày 15/12/2026, quá hạn Ban Tổ chức không nhận hồ sơ.", ["2026-12-15"]),
    (
        "Các đơn vị gửi danh sách đại biểu về Ban Tổ chức trước 16h00 ngày 10/12/2026.",
        ["2026-12-10"],
    ),
    (
        "Đề nghị các đồng chí gửi ý kiến góp ý bằng văn bản trước 17 giờ ngày 25/11/2026.",
        ["2026-11-25"],
    ),
    (
        "Các chi đoàn nộp sản phẩm dự thi trước 11h30 ngày 05/12/2026 tại Văn phòng Đoàn trường.",
        ["2026-12-05"],
    ),
    ("Thời gian nộp báo cáo không quá ngày 25/12/2026.", ["2026-12-25"]),
    (
        "Các chi bộ hoàn thành xong trước ngày 31/01/2027 việc kiểm điểm, đánh giá đảng viên.",
        ["2027-01-31"],
    ),
    (
        "Chậm nhất đến ngày 15/01/2027, các chi bộ phải nộp đầy đủ đảng phí về Đảng ủy.",
        ["2027-01-15"],
    ),
    ("Các tổ chức cơ sở đảng hoàn thành muộn nhất vào ngày 05/12/2026.", ["2026-12-05"]),
    ("Hạn cuối: ngày 28/02/2027.", ["2027-02-28"]),
    ("Đề nghị các đơn vị nộp báo cáo về Văn phòng trong ngày 30/11/2026.", ["2026-11-30"]),
    (
        "Các trường gửi kế hoạch về phòng Giáo dục trung học trước ngày 20 tháng 01 năm 2027.",
        ["2027-01-20"],
    ),
    (
        "Ủy ban MTTQ các xã gửi báo cáo về Ban Thường trực trước ngày 10/12/2026 (qua Văn phòng).",
        ["2026-12-10"],
    ),
    # A day without a year: the plan's year, the next one when already past on 20/11/2026.
    ("Các chi bộ gửi báo cáo sơ kết trước ngày 15/3.", ["2027-03-15"]),
    ("Các đơn vị gửi báo cáo kết quả về Ban Thường vụ trước ngày 10/12.", ["2026-12-10"]),
    ("Các trường gửi danh sách học sinh dự thi chậm nhất ngày 15 tháng 01.", ["2027-01-15"]),
    ("Các chi đoàn hoàn thành thu, nộp đoàn phí trước ngày 31/12 năm nay.", ["2026-12-31"]),
    ("Tổ chức Hội nghị tổng kết năm trước ngày 25 tháng 12 năm nay.", ["2026-12-25"]),
    # Without marks, as pasted from an old system; NFD and old-style tone marks.
    ("cac chi bo gui bao cao ve Van phong Dang uy truoc ngay 20/12/2026", ["2026-12-20"]),
    ("Cac don vi nop ho so cham nhat ngay 05 thang 01 nam 2027.", ["2027-01-05"]),
    ("han chot nop bai du thi: 17 gio 00 ngay 15/01/2027", ["2027-01-15"]),
    (nfd("Các chi bộ gửi báo cáo về Văn phòng Đảng ủy trước ngày 12/12/2026."), ["2026-12-12"]),
    ("Uỷ ban Kiểm tra Đảng uỷ hoàn thành việc kiểm tra trước ngày 30/12/2026.", ["2026-12-30"]),
    (nfd("Hạn chót nộp hồ sơ là 16 giờ 30 ngày 18/12/2026."), ["2026-12-18"]),
    # More markers and lists: "không muộn hơn", "đến hết ngày", "trước hoặc trong ngày".
    ("Các chi bộ gửi báo cáo về Đảng ủy trước ngày 5/1/2027.", ["2027-01-05"]),
    ("Hạn nộp: 20/12/2026.", ["2026-12-20"]),
    ("Hồ sơ gửi về Văn phòng chậm nhất là ngày 20/12/2026.", ["2026-12-20"]),
    ("Hồ sơ gửi về Văn phòng không muộn hơn ngày 20/12/2026.", ["2026-12-20"]),
    ("Các đơn vị nộp báo cáo trước hoặc trong ngày 20/12/2026.", ["2026-12-20"]),
    ("Hạn cuối cùng là ngày 20/12/2026.", ["2026-12-20"]),
    ("Hồ sơ gửi về trước 17h00, ngày 20/12/2026.", ["2026-12-20"]),
    ("Đến hết ngày 31/12/2026, các chi bộ phải hoàn thành thu nộp đảng phí.", ["2026-12-31"]),
    ("Các chi bộ hoàn thành trước ngày 15/01 năm sau.", ["2027-01-15"]),
    ("Các chi bộ hoàn thành trước ngày 15.01.2027.", ["2027-01-15"]),
    ("Hoàn thành trước 30/12/2026.", ["2026-12-30"]),
    (
        "Các trường báo cáo về Sở trước ngày 30/12/2026 qua hộp thư vanphong@sgd.edu.vn.",
        ["2026-12-30"],
    ),
]

PERIODS = [
    ("Các chi bộ hoàn thành việc kiểm điểm tập thể, cá nhân trong tháng 01/2027.", ["2027-01"]),
    ("Ban Chấp hành Công đoàn tổ chức sơ kết vào tháng 3 năm 2027.", ["2027-03"]),
    ("Hoàn thành việc rà soát, bổ sung quy hoạch cán bộ trong quý IV/2026.", ["2026-Q4"]),
    ("Các trường báo cáo kết quả tự đánh giá trong Quý 1 năm 2027.", ["2027-Q1"]),
    ("Các xã hoàn thành việc cấp đổi thẻ đảng viên trong 6 tháng đầu năm 2027.", ["2027-06"]),
    ("Hoàn thành số hóa hồ sơ đảng viên trong 6 tháng cuối năm 2027.", ["2027-12"]),
    ("Các chi bộ hoàn thành chuyển sinh hoạt đảng cuối tháng 12/2026.", ["2026-12"]),
    ("Ban Chỉ huy Quân sự xã tổ chức giao quân đầu tháng 02/2027.", ["2027-02"]),
    ("Chi đoàn các lớp hoàn thành đăng ký công trình thanh niên trong tháng 12.", ["2026-12"]),
    ("Các tổ chuyên môn hoàn thành chuyên đề trong tháng 3.", ["2027-03"]),
    ("Các chi bộ tổ chức các hoạt động kỷ niệm trong tháng 11 - 12/2026.", ["2026-12"]),
    ("Các đơn vị triển khai thực hiện từ tháng 12/2026 đến hết tháng 3/2027.", ["2027-03"]),
    ("Sở Nội vụ hoàn thành việc thẩm định đến hết quý I/2027.", ["2027-Q1"]),
    (
        "Các trường hoàn thành việc sửa chữa phòng học trong quý I và quý II năm 2027.",
        ["2027-Q1", "2027-Q2"],
    ),
    ("Hoàn thành việc xây dựng phòng truyền thống trong năm 2027.", ["2027-12"]),
    ("Các đơn vị duy trì, nâng cao chất lượng sinh hoạt chi bộ đến hết năm 2026.", ["2026-12"]),
    ("Ban Thường vụ Đoàn trường hoàn thành chỉ tiêu kết nạp đoàn viên cuối năm 2026.", ["2026-12"]),
    ("Các trường hoàn thành việc kiểm định chất lượng trong năm học 2026 - 2027.", ["unspecified"]),
    (
        "Tổ chức cho cha mẹ học sinh ký cam kết trong buổi họp cha mẹ học sinh cuối học kỳ I.",
        ["unspecified"],
    ),
    (
        "Các tổ chuyên môn hoàn thành kiểm tra nội bộ trong học kỳ I năm học 2026 - 2027.",
        ["unspecified"],
    ),
    ("Đợt thi đua cao điểm từ ngày 01/12/2026 đến ngày 31/3/2027.", ["2027-03-31"]),
    ("Các chi bộ tổ chức lấy phiếu tín nhiệm từ ngày 15/11 đến ngày 15/12/2026.", ["2026-12-15"]),
    ("Các đơn vị tổ chức tuyên truyền từ ngày 10 đến ngày 20 tháng 12 năm 2026.", ["2026-12-20"]),
    (
        "Thời gian tổ chức Hội thi từ ngày 05/01/2027 - 10/01/2027 tại Nhà văn hóa xã.",
        ["2027-01-10"],
    ),
    ("Các chi bộ tập trung thu nộp đảng phí từ nay đến hết ngày 31/12/2026.", ["2026-12-31"]),
    ("Các trường phát động đợt thi đua từ nay đến ngày 20/11/2027.", ["2027-11-20"]),
    ("cac truong hoan thanh boi duong giao vien trong thang 01/2027", ["2027-01"]),
    ("Hoan thanh ra soat quy hoach can bo trong quy I/2027.", ["2027-Q1"]),
    (nfd("Các chi bộ hoàn thành đại hội trong quý I năm 2027."), ["2027-Q1"]),
    (
        "Hoàn thành việc kiện toàn Ban Chấp hành Hội Cựu chiến binh trong tháng 02 năm 2027.",
        ["2027-02"],
    ),
    ("Hoàn thành việc kiểm tra trong Quý IV-2026.", ["2026-Q4"]),
    ("Tổ chức hội thi trong tuần thứ 2 của tháng 12/2026.", ["2026-12"]),
    ("Trong tháng 12/2026 và quý I/2027, các chi bộ tổ chức đại hội.", ["2026-12", "2027-Q1"]),
    ("Thực hiện trong thời gian từ 01/12/2026 - 31/12/2026.", ["2026-12-31"]),
    ("Các xã hoàn thành từ quý IV/2026 đến quý I/2027.", ["2027-Q1"]),
    # A half year as a report's topic, its day beside it: one term.
    ("Báo cáo sơ kết 6 tháng đầu năm 2027 gửi về Đảng ủy trước ngày 10/6/2027.", ["2027-06-10"]),
    ("Bao cao so ket 6 thang dau nam 2027 gui truoc ngay 15/6/2027.", ["2027-06-15"]),
    ("Các trường gửi báo cáo đầu năm học 2026 - 2027 trước ngày 30/11/2026.", ["2026-11-30"]),
    # A window's first day written bare, its year after the last; a time before the last day.
    ("Các trường rà soát hồ sơ từ 12/4 đến 16/4/2027.", ["2027-04-16"]),
    ("Cac truong ra soat ho so tu 12/4 den 16/4/2027.", ["2027-04-16"]),
    ("Nhận hồ sơ từ 05/01 - 15/01/2027 tại Văn phòng.", ["2027-01-15"]),
    (
        "Học sinh xác nhận nhập học từ ngày 11/7/2027 đến 17 giờ 00 ngày 18/7/2027.",
        ["2027-07-18"],
    ),
    (
        "Các chi bộ nộp phiếu từ ngày 02/12/2026 đến 16h30 thứ Sáu, ngày 11/12/2026.",
        ["2026-12-11"],
    ),
    (nfd("Nhận bài dự thi từ ngày 01/3/2027 đến 11 giờ ngày 31/3/2027."), ["2027-03-31"]),
    # A list of months with the year written once: two in a row are one span.
    ("Mở lớp dạy bơi đợt 2 trong tháng 6 và tháng 7/2027 (dịp nghỉ hè).", ["2027-07"]),
    ("Tổ chức khảo sát trong tháng 3, tháng 4 năm 2027.", ["2027-04"]),
    ("To chuc khao sat trong thang 10 va thang 11/2027.", ["2027-11"]),
    ("Kiểm tra nội bộ trong tháng 3 và tháng 9/2027.", ["2027-03", "2027-09"]),
    # A meeting of a month; a half year an activity is held in.
    (
        "Tổ chức hội nghị báo cáo viên tháng 01/2027, có nội dung kỷ niệm ngày thành lập Đảng.",
        ["2027-01"],
    ),
    ("Chi bộ tổ chức họp giao ban tháng 02/2027 vào tuần đầu tháng.", ["2027-02"]),
    ("to chuc hoi nghi can bo chu chot thang 3 nam 2027", ["2027-03"]),
    ("Tổ chức các lớp học kỹ năng số tại các Hội cơ sở trong 6 tháng đầu năm 2027.", ["2027-06"]),
    (nfd("Triển khai mô hình mới trong 6 tháng cuối năm 2027."), ["2027-12"]),
]


@pytest.mark.parametrize(("sentence", "expected"), DAYS)
def test_a_day_in_every_spelling(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), PERIODS)
def test_a_month_quarter_year_or_window(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected


def test_a_programme_of_a_year_dates_its_reports_in_that_year() -> None:
    # DOMAIN.md: "báo cáo 6 tháng (ngày 10/5), báo cáo năm (ngày 10/11)" in the 2024
    # programme are 10/5/2024 and 10/11/2024; unless the clause says they recur.
    sentence = "Các chi bộ gửi báo cáo 6 tháng (ngày 15/6) và báo cáo năm (ngày 15/11)."
    assert codes(sentence, year=2027, issued=None) == ["recurring/yearly", "recurring/yearly"]
    scoped = find_deadlines(sentence, 2027, None, scoped=True)
    assert [h.due.isoformat() for h in scoped if h.due] == ["2027-06-15", "2027-11-15"]
    assert [h.value for h in scoped] == ["day", "day"]
    again = "Báo cáo năm gửi trước ngày 15/11 hằng năm."
    assert [h.value for h in find_deadlines(again, 2027, None, scoped=True)] == ["recurring"]


def test_a_target_of_the_year_in_a_programme_of_that_year() -> None:
    sentence = "Phấn đấu kết nạp ít nhất 30 đoàn viên ưu tú vào Đảng trong năm."
    assert [h.period for h in find_deadlines(sentence, 2027, None, scoped=True)] == ["2027"]
    assert find_deadlines(sentence, 2027, None) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Đưa nội dung chuyển đổi số vào sinh hoạt chi bộ ít nhất 02 lần trong năm.",
        "Chi đoàn tổ chức ít nhất 03 lần trong năm các buổi sinh hoạt chủ điểm.",
        "dua noi dung vao sinh hoat chi bo it nhat 02 lan trong nam",
    ],
)
def test_a_count_of_times_in_the_year_is_no_target(sentence: str) -> None:
    assert find_deadlines(sentence, 2027, None, scoped=True) == []


def test_a_plan_for_next_year_keeps_its_year_for_yearless_days() -> None:
    # A programme "năm 2027" signed in November 2026: its yearless days are in 2027.
    sentence = "Các chi bộ báo cáo sơ kết trước ngày 15/6 và tổng kết trước ngày 15/12."
    assert codes(sentence, year=2027, issued=None) == ["2027-06-15", "2027-12-15"]


# "trước tháng / quý / năm ...": by the end of the period before the one named.
BEFORE_PERIODS = [
    ("Hoàn thành trước tháng 6/2027.", ["2027-05"]),
    ("Các trường hoàn thành việc sửa chữa trước tháng 6 năm 2027.", ["2027-05"]),
    ("Các chi bộ hoàn thành việc rà soát trước tháng 01/2027.", ["2026-12"]),
    ("Hoàn thành việc kiện toàn tổ chức trước quý III/2027.", ["2027-Q2"]),
    ("Hoan thanh truoc quy I nam 2027.", ["2026-Q4"]),
    ("Các xã hoàn thành xây dựng nhà văn hóa trước năm 2028.", ["2027-12"]),
    ("cac don vi hoan thanh so hoa ho so truoc thang 9/2027", ["2027-08"]),
    (nfd("Sở Nội vụ trình phương án sắp xếp trước quý 2/2027."), ["2027-Q1"]),
    # Since before, or a term reported met: no duty.
    ("Giải quyết dứt điểm các hồ sơ tồn đọng từ trước năm 2025.", []),
    ("Chi bộ đã hoàn thành việc kiểm điểm trước tháng 6/2027.", []),
    ("Chi bo da hoan thanh viec kiem diem truoc thang 6/2027.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), BEFORE_PERIODS)
def test_before_a_period_is_the_period_before(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected


# Days written with dashes: "dd-mm" opening a window or after a marker, "dd-mm-yyyy".
DASHED = [
    ("Tổ chức kiểm tra từ ngày 01-5 đến ngày 31-5-2027.", ["2027-05-31"]),
    ("Các trường tổ chức tự kiểm tra từ ngày 05-6 đến ngày 20-6-2027.", ["2027-06-20"]),
    ("Cac truong to chuc tu kiem tra tu ngay 05-6 den ngay 20-6-2027.", ["2027-06-20"]),
    ("Nhận hồ sơ từ 02-3 đến 15-3-2027 tại Văn phòng.", ["2027-03-15"]),
    ("Các chi bộ gửi báo cáo trước ngày 31-5.", ["2027-05-31"]),
    ("Các đơn vị nộp hồ sơ chậm nhất ngày 15-01.", ["2027-01-15"]),
    (nfd("Các đơn vị nộp hồ sơ chậm nhất ngày 15-01-2027."), ["2027-01-15"]),
    ("Hoàn thành trước ngày 30-6 và 31-12 hằng năm.", ["recurring/yearly", "recurring/yearly"]),
    # Holidays named by their dash date, and a period the figures cover: no term.
    ("Kỷ niệm ngày 30-4 và ngày 1-5 năm nay, các chi bộ treo cờ.", []),
    ("Tổ chức hoạt động chào mừng ngày 30-4, 1-5.", []),
    ("Số liệu từ 01-01 đến 31-5-2027.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), DASHED)
def test_a_day_written_with_dashes(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected


# "vào cuối năm 2027" says when; told as done it is a result.
YEAR_END = [
    ("Tham mưu sơ kết, đánh giá vào cuối năm 2027.", ["2027-12"]),
    ("Tham muu so ket, danh gia vao cuoi nam 2027.", ["2027-12"]),
    ("Ban Thường vụ tổ chức gặp mặt cán bộ hưu trí vào cuối năm 2027.", ["2027-12"]),
    (nfd("Các chi bộ tổng kết công tác kiểm tra vào cuối năm 2027."), ["2027-12"]),
    ("Các chi bộ tổ chức sơ kết cuối tháng 5/2027.", ["2027-05"]),
    ("Các chi bộ tổ chức sơ kết vào cuối quý II/2027.", ["2027-Q2"]),
    ("Ban Chỉ đạo tổ chức giao ban đầu tháng 3/2027.", ["2027-03"]),
    ("Chi bộ đã tổ chức sơ kết vào cuối năm 2027 với kết quả tốt.", []),
    ("Năm 2025, chi bộ đã tổ chức sơ kết vào cuối năm 2025.", []),
    ("Ban hành Kế hoạch thực hiện các nhiệm vụ trọng tâm cuối năm 2027.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), YEAR_END)
def test_at_the_end_of_a_year(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected
