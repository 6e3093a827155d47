"""A plan's schedule by month: the items under "Tháng 01/2027:" are that month's tasks."""

from __future__ import annotations

from knowledge.parse.deadline_schedule import is_task, period_heading
from knowledge.parse.directive import parse_text

PLAN = "\n\n".join(
    [
        "ĐẢNG BỘ SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "CHI BỘ TRƯỜNG THPT HÒA AN",
        "Số 05-KH/CB",
        "Hòa An, ngày 04 tháng 01 năm 2027",
        "KẾ HOẠCH",
        "Hoạt động của Chi bộ năm 2027",
        "II. NỘI DUNG CỤ THỂ",
        "Tháng 01/2027:",
        "- Triển khai Kế hoạch hoạt động năm 2027; phân công nhiệm vụ cho đảng viên.",
        "- Đảng viên nộp bản cam kết về Chi ủy trước ngày 20/01/2027.",
        "Tháng 7 và tháng 8/2027:",
        "- Chi ủy tổ chức cho đảng viên học tập nghị quyết trong dịp hè.",
        "Quý IV/2027:",
        "- Chuẩn bị kiểm điểm, đánh giá, xếp loại đảng viên cuối năm.",
        "III. TỔ CHỨC THỰC HIỆN",
        "Chi ủy triển khai kế hoạch này.",
        "T/M CHI BỘ",
        "BÍ THƯ",
        "Lê Văn Hòa",
    ]
)


def test_each_item_is_due_in_the_period_it_is_listed_under() -> None:
    """An item stating no term of its own is due in its period line's month or quarter."""
    found = [(d.period or str(d.due), d.text) for d in parse_text(PLAN).deadlines]
    assert found == [
        (
            "2027-01",
            "Tháng 01/2027: Triển khai Kế hoạch hoạt động năm 2027; phân công nhiệm vụ cho"
            " đảng viên.",
        ),
        ("2027-01-20", "Đảng viên nộp bản cam kết về Chi ủy trước ngày 20/01/2027."),
        (
            "2027-08",
            "Tháng 7 và tháng 8/2027: Chi ủy tổ chức cho đảng viên học tập nghị quyết trong"
            " dịp hè.",
        ),
        ("2027-Q4", "Quý IV/2027: Chuẩn bị kiểm điểm, đánh giá, xếp loại đảng viên cuối năm."),
    ]


def test_the_schedule_ends_at_the_first_line_that_is_no_item() -> None:
    """ "III. TỔ CHỨC THỰC HIỆN" closes the list: its lines take no month."""
    sections = {d.section for d in parse_text(PLAN).deadlines}
    assert sections == {"II"}


def test_a_period_line_is_short_and_ends_with_a_colon() -> None:
    """A sentence naming a month is no period line."""
    assert period_heading("Quý II/2027:") == "Quý II/2027"
    assert period_heading("Tháng 3:") == "Tháng 3"
    assert period_heading("Tháng 3/2027, chi bộ tổ chức kết nạp đảng viên mới.") is None
    assert (
        period_heading("Tháng 3/2027 chi bộ tổ chức kết nạp đảng viên mới cho quần chúng ưu tú:")
        is None
    )


def test_work_told_done_is_no_task() -> None:
    """A report's month by month tells what was done ("đã tổ chức"): no term."""
    assert not is_task("- Chi bộ đã tổ chức học tập nghị quyết cho 100% đảng viên.")
    assert is_task("- Hoàn thành hồ sơ đã được giao, gửi Đảng ủy Sở.")
    assert not is_task("- Ngày 05/9/2027, toàn ngành tổ chức Lễ khai giảng năm học mới.")
