"""Terms in whole documents: task tables, time lines, bases and headers (invented texts).

Each case runs `parse_text` on a header and a body and compares the terms with the real
corpus labels' conventions (support_deadline_codes).
"""

from __future__ import annotations

import pytest

from knowledge.parse.directive import parse_text
from tests.support_deadline_codes import HEAD, document_codes, nfd

TABLE = "III. PHÂN CÔNG NHIỆM VỤ\nTT | Nội dung | Đơn vị chủ trì | Thời gian hoàn thành\n"

CELLS = [
    ("Trước ngày 15/3/2027", ["2027-03-15"]),
    ("Trước 15/3/2027", ["2027-03-15"]),
    ("15/3/2027", ["2027-03-15"]),
    ("Chậm nhất ngày 05/01/2027", ["2027-01-05"]),
    ("Tháng 01/2027", ["2027-01"]),
    ("Trong tháng 12/2026", ["2026-12"]),
    ("Quý I/2027", ["2027-Q1"]),
    ("Quý IV năm 2026", ["2026-Q4"]),
    ("6 tháng đầu năm 2027", ["2027-06"]),
    ("Năm 2027", ["2027-12"]),
    ("Tháng 12/2026 - tháng 01/2027", ["2027-01"]),
    ("Từ 01/12/2026 đến 31/12/2026", ["2026-12-31"]),
    ("Hằng tháng", ["recurring/monthly"]),
    ("Trước ngày 20 hằng tháng", ["recurring/monthly"]),
    ("Hằng quý", ["recurring/quarterly"]),
    ("6 tháng, năm", ["recurring/half-yearly"]),
    ("Trước ngày 15/12 hằng năm", ["recurring/yearly"]),
    ("Sau khi có hướng dẫn của cấp trên", ["unspecified"]),
    ("Thường xuyên", []),
    ("Theo kế hoạch của Ban Thường vụ", []),
    ("Năm học 2026 - 2027", ["unspecified"]),
    ("tháng 01/2027", ["2027-01"]),
    ("Truoc ngay 20/12/2026", ["2026-12-20"]),
    ("Trước 30/11", ["2026-11-30"]),
    ("Tháng 12", ["2026-12"]),
    ("Quý I", ["2027-Q1"]),  # a yearless quarter already past on 20/11/2026: next year's
    ("Ngày 20/01/2027", ["2027-01-20"]),
    ("Tuần 2 tháng 12/2026", ["2026-12"]),
    ("Đợt 1: tháng 12/2026; Đợt 2: tháng 3/2027", ["2026-12", "2027-03"]),
    ("Tháng 12/2026 và tháng 6/2027", ["2026-12", "2027-06"]),
    ("Quý IV/2026 - Quý I/2027", ["2027-Q1"]),
    ("Trước 17h00 ngày 10/12/2026", ["2026-12-10"]),
    ("Cuối năm 2026", ["2026-12"]),
    ("Học kỳ I", ["unspecified"]),
    ("Hàng tuần", ["recurring/None"]),
    ("Thường xuyên, hằng năm", ["recurring/yearly"]),
    ("Theo hướng dẫn của Sở", []),
    ("Từ 20/5/2027 đến trước ngày thi", ["unspecified"]),  # the end is an event
]


@pytest.mark.parametrize(("cell", "expected"), CELLS)
def test_a_task_table_time_cell(cell: str, expected: list[str]) -> None:
    row = f"1 | Tổ chức hội nghị học tập chuyên đề | Ban Tuyên giáo Đảng ủy | {cell}"
    assert document_codes(TABLE + row + "\n") == expected


@pytest.mark.parametrize(
    "header",
    [
        "STT | Nhiệm vụ | Đơn vị thực hiện | Thời hạn hoàn thành",
        "TT | Công việc | Chủ trì | Phối hợp | Thời gian",
        "TT | Nội dung công việc | Bộ phận thực hiện | Tiến độ",
        "Stt | Noi dung | Don vi chu tri | Thoi gian hoan thanh",
    ],
)
def test_task_table_headers_of_every_office(header: str) -> None:
    cells = ["1", "Tổ chức hội nghị", "Ban Tuyên giáo", "Các chi bộ"][: header.count("|")]
    row = " | ".join([*cells, "Trước 15/12/2026"])
    assert document_codes(f"III. NHIỆM VỤ\n{header}\n{row}\n") == ["2026-12-15"]


def test_a_table_of_several_rows_and_units() -> None:
    body = (
        "III. PHÂN CÔNG NHIỆM VỤ\n"
        "STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện\n"
        "1 | Xây dựng kế hoạch kiểm tra | Ủy ban Kiểm tra | Các chi bộ | Trước 30/11/2026\n"
        "2 | Kiểm tra chi bộ trực thuộc | Ủy ban Kiểm tra | Văn phòng | Quý I/2027\n"
        "3 | Báo cáo kết quả kiểm tra | Văn phòng Đảng ủy | Các chi bộ | Tháng 6/2027\n"
        "4 | Theo dõi, đôn đốc | Văn phòng Đảng ủy | Các chi bộ | Thường xuyên\n"
    )
    assert document_codes(body) == ["2026-11-30", "2027-Q1", "2027-06"]


def test_a_table_row_is_quoted_as_printed_and_named_by_its_task() -> None:
    row = "2 | Tuyển dụng giáo viên | Sở Nội vụ | Sở Giáo dục và Đào tạo | Trước 31/8/2027 | QĐ"
    body = (
        "II. NHIỆM VỤ CỤ THỂ\n"
        "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm\n"
        "1 | Mua sắm thiết bị dạy học | Sở Giáo dục và Đào tạo | Sở Tài chính | Hằng năm | TB\n"
        f"{row}\n"
    )
    yearly, recruit = parse_text(HEAD + body).deadlines
    # A reader quotes whichever cells they like ("Sở Nội vụ | Trước 31/8/2027"): the row stays.
    assert recruit.text == row and recruit.phrase == "Trước 31/8/2027"
    assert recruit.label.startswith("Tuyển dụng giáo viên") and recruit.unit == "Sở Nội vụ"
    assert yearly.recurrence == "yearly" and yearly.label == "Mua sắm thiết bị dạy học"


def test_one_task_listed_for_many_units_is_one_term() -> None:
    body = (
        "III. ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA\n"
        "STT | Đối tượng | Nội dung | Thời gian | Thành viên phụ trách\n"
        "1 | Chi bộ Trường THPT An Dương | Kiểm tra thực hiện nhiệm vụ | Quý II/2027 | Lê Văn An\n"
        "2 | Chi bộ Trường THPT Tô Hiệu | Kiểm tra thực hiện nhiệm vụ | Quý II/2027 | Trần Hoa\n"
        "3 | Chi bộ Trường THCS Ngô Quyền | Kiểm tra thu, nộp đảng phí | Quý III/2027 | Lê Văn An\n"
    )
    assert document_codes(body) == ["2027-Q2", "2027-Q3"]


TIME_LINES = [
    ("- Thời gian hoàn thành: Quý I/2027.", ["2027-Q1"]),
    ("- Thời gian: Thường xuyên.", []),
    ("- Thời gian thực hiện: Từ ngày 01/12/2026 đến ngày 15/01/2027.", ["2027-01-15"]),
    ("- Thời hạn: Trước 17 giờ 00 ngày 10/12/2026.", ["2026-12-10"]),
    ("- Thời gian hoàn thành: Trước ngày 31/12 hằng năm.", ["recurring/yearly"]),
    ("- Thời gian hoàn thành: 6 tháng đầu năm 2027.", ["2027-06"]),
    ("- Tiến độ: Hoàn thành trong tháng 01/2027.", ["2027-01"]),
    ("- Thoi gian hoan thanh: truoc ngay 25/12/2026.", ["2026-12-25"]),
    # One month or quarter of an execution time is the term; a span of months is not.
    ("- Thời gian: tháng 3/2027.", ["2027-03"]),
    ("- Thời gian: thực hiện trong quý I/2027 theo lịch tại Phụ lục.", ["2027-Q1"]),
    ("- Thời gian thực hiện: Tháng 11 - 12/2026.", []),
]


@pytest.mark.parametrize(("line", "expected"), TIME_LINES)
def test_a_time_line_under_a_task(line: str, expected: list[str]) -> None:
    body = (
        "II. NHIỆM VỤ\n1. Rà soát, bổ sung quy hoạch cán bộ\n"
        "- Đơn vị chủ trì: Ban Tổ chức Đảng ủy.\n" + line + "\n"
    )
    assert document_codes(body) == expected


def test_bases_and_the_issue_date_are_no_terms() -> None:
    body = (
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n"
        "Căn cứ Kế hoạch số 12-KH/TU ngày 05/01/2026 của Tỉnh ủy về công tác kiểm tra;\n"
        "Thực hiện Công văn số 245-CV/ĐU ngày 18/11/2026 của Đảng ủy xã,\n"
        "Đảng ủy Trường ban hành Kế hoạch như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "Nâng cao chất lượng sinh hoạt chi bộ trong năm học 2026 - 2027.\n"
        "II. NHIỆM VỤ\n"
        "1. Các chi bộ gửi báo cáo về Văn phòng trước ngày 15/12/2026.\n"
    )
    assert document_codes(body) == ["2026-12-15"]


_SCHOOL = (
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH AN GIANG\nTRƯỜNG THPT BÌNH MINH\nSố: 215/KH-THPTBM\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Bình Minh, ngày 20 tháng 11 năm 2026\nKẾ HOẠCH\nTổ chức Hội thi giáo viên dạy giỏi\n"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            nfd("1. Các tổ chuyên môn gửi danh sách giáo viên dự thi trước ngày 05/12/2026.\n"),
            ["2026-12-05"],
        ),
        (
            "1. Hội đồng thi hoà giải, thống nhất kết quả chấm trước ngày 20/12/2026.\n"
            "2. Thủ trưởng đơn vị báo cáo Uỷ ban nhân dân xã trong tháng 01/2027.\n",
            ["2026-12-20", "2027-01"],
        ),
        (
            "1. Cac to chuyen mon nop ke hoach truoc ngay 30/11/2026.\n"
            "2. To chuc vong chung khao vao ngay 15/12/2026 tai hoi truong truong.\n",
            ["2026-11-30", "2026-12-15"],
        ),
    ],
)
def test_a_school_plan_in_every_encoding(body: str, expected: list[str]) -> None:
    assert document_codes("II. NỘI DUNG\n" + body, head=_SCHOOL) == expected


def test_a_schedule_without_a_task_column_dates_each_row() -> None:
    body = (
        "PHỤ LỤC\nLỊCH GIÁM SÁT CHI BỘ TRỰC THUỘC\n"
        "STT | Chi bộ được giám sát | Thời gian làm việc | Trưởng đoàn\n"
        "1 | Chi bộ Trường Tiểu học An Phú | Ngày 10/3/2027 | đ/c Lê Văn Tâm\n"
        "2 | Chi bộ Trường Mầm non Hoa Sen | Ngày 24/3/2027 | đ/c Lê Văn Tâm\n"
    )
    assert document_codes("III. TỔ CHỨC THỰC HIỆN\n" + body) == ["2027-03-10", "2027-03-24"]


def test_a_month_column_dates_a_row_whose_time_cell_names_no_day() -> None:
    body = (
        "Tháng | Nội dung | Cơ quan chủ trì | Thời gian\n"
        "Tháng 02 | Gặp mặt đảng viên cao tuổi đầu xuân | Văn phòng Đảng ủy | Sau Tết Nguyên đán\n"
        "Tháng 03 | Sơ kết công tác quý I | Văn phòng Đảng ủy | Ngày 25/3/2027\n"
    )
    assert document_codes("II. NỘI DUNG\n" + body) == ["2027-02", "2027-03-25"]


def test_a_heading_period_gives_way_to_the_terms_of_its_items() -> None:
    body = (
        "2. Báo cáo chuyên đề trong tháng 12/2026 và tháng 01/2027\n"
        "a) Báo cáo sơ kết học kỳ I: hạn chót ngày 10/01/2027.\n"
        "b) Báo cáo công tác chuẩn bị Tết: chậm nhất ngày 05/01/2027.\n"
        "3. Tổ chức hội nghị tổng kết trong tháng 01/2027\n"
        "Các chi bộ cử đại biểu tham dự.\n"
    )
    assert document_codes(body) == ["2027-01-10", "2027-01-05", "2027-01"]


def test_an_undated_report_tells_past_events_as_facts() -> None:
    head = "TRƯỜNG THCS AN PHÚ\nBÁO CÁO\nKết quả thực hiện quy chế dân chủ năm 2026\n"
    body = (
        "Thực hiện Công văn số 215/PGDĐT ngày 05/11/2026 của Phòng Giáo dục, Trường báo cáo:\n"
        "1. Hiệu trưởng tổ chức đối thoại với giáo viên vào ngày 15 tháng 10 năm 2026.\n"
        "2. Trường tiếp tục tổ chức hội nghị viên chức vào ngày 20/12/2026.\n"
        "Trên đây là báo cáo kết quả thực hiện quy chế dân chủ năm 2026 của Trường.\n"
    )
    assert document_codes(body, head=head) == ["2026-12-20"]


_TIMETABLE = (
    "IV. LỊCH TRÌNH TUYỂN SINH\n"
    "1. Trước ngày 15/01/2027: Sở công bố chỉ tiêu tuyển sinh dự kiến.\n"
    "2. Từ ngày 01/3 đến ngày 20/3: học sinh đăng ký nguyện vọng trực tuyến.\n"
    "3. Từ 12/4 đến 16/4/2027: học sinh được điều chỉnh nguyện vọng.\n"
    "4. Ngày 20/6/2027: Sở công bố điểm thi.\n"
    "5. Sáng 05/7/2027 (thứ Hai): các trường nhận hồ sơ phúc khảo.\n"
    "6. Từ ngày 11/7/2027 đến 17 giờ 00 ngày 18/7/2027: học sinh xác nhận nhập học.\n"
    "Quá thời hạn trên, học sinh không xác nhận nhập học xem như từ chối nhập học.\n"
)


@pytest.mark.parametrize("encode", [str, nfd])
def test_each_line_of_a_timetable_is_a_term(encode: object) -> None:
    body = encode(_TIMETABLE)  # type: ignore[operator]
    assert document_codes(body) == [
        "2027-01-15",
        "2027-03-20",
        "2027-04-16",
        "2027-06-20",
        "2027-07-05",
        "2027-07-18",
    ]


def test_a_day_said_as_a_date_of_the_past_opens_no_timetable_line() -> None:
    body = (
        "I. KẾT QUẢ\n"
        "1. Ngày 16/6/2026, Quốc hội đã thông qua Luật Nhà giáo.\n"
        "2. Ngày 15/10/2026: Chi bộ đã tổ chức hội nghị học tập nghị quyết.\n"
    )
    assert document_codes(body) == []


def test_a_term_said_again_later_in_its_section() -> None:
    body = (
        "II. NỘI DUNG\n"
        "a) Đăng ký dự thi: các đơn vị gửi danh sách về Sở trước 17 giờ 00 ngày 18/12/2026. "
        "Đơn vị không có giáo viên dự thi gửi văn bản nêu rõ lý do cũng trong thời hạn này.\n"
        "b) Các trường gửi sản phẩm dự thi trong tháng 01/2027.\n"
        "Bản mềm gửi qua thư điện tử trong thời hạn nêu trên.\n"
    )
    assert document_codes(body) == ["2026-12-18", "2026-12-18", "2027-01", "2027-01"]


def test_a_leave_calendar_in_a_plan_sets_no_term() -> None:
    body = (
        "III. NỘI DUNG\n"
        "4. Trao quà Tết cho đoàn viên, hoàn thành trước ngày 29/01/2027.\n"
        "5. Lịch nghỉ Tết Nguyên đán của cán bộ, giáo viên thực hiện theo thông báo của nhà "
        "trường (dự kiến từ ngày 03/02/2027 đến hết ngày 11/02/2027). Ban Chấp hành phân công "
        "trực Tết cùng Ban Giám hiệu.\n"
        "6. Các tổ công đoàn bố trí trực Tết từ ngày 03/02/2027 đến hết ngày 11/02/2027.\n"
    )
    assert document_codes(body) == ["2027-01-29", "2027-02-11"]


def test_a_duty_of_each_holiday_beside_monthly_ones() -> None:
    body = (
        "III. NỘI DUNG\n"
        "1. Các lớp báo cáo tình hình học sinh nghỉ học hằng tháng về Ban Giám hiệu.\n"
        "2. Giáo viên chủ nhiệm nhắc nhở cha mẹ học sinh quản lý con em trước mỗi kỳ nghỉ lễ, "
        "Tết, nghỉ hè.\n"
    )
    assert document_codes(body) == ["recurring/monthly", "recurring/None"]
