"""A month of a meeting, daily and month-end cycles, prompt and open terms, forecasts."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.parse.deadlines import find_deadlines


def _values(sentence: str, bare: bool = False) -> list[tuple[object, ...]]:
    hits = find_deadlines(sentence, 2027, date(2026, 12, 10), bare=bare)
    return [(h.value, h.period, h.recurrence) for h in hits]


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        (
            "Ban Tuyên giáo dự thảo Kế hoạch học tập chuyên đề năm 2027, trình Ban Thường vụ "
            "cho ý kiến tại hội nghị tháng 02/2027.",
            "2027-02",
        ),
        ("Đánh giá việc thực hiện nghị quyết trong kỳ sinh hoạt chi bộ tháng 9.", "2027-09"),
        (
            "Các tổ chuyên môn báo cáo kết quả thi đua trong kỳ sơ kết 6 tháng (tháng 7/2027).",
            "2027-07",
        ),
    ],
)
def test_month_of_a_meeting(sentence: str, period: str) -> None:
    assert _values(sentence) == [("month", period, None)]


@pytest.mark.parametrize(
    ("sentence", "recurrence"),
    [
        ("Các trạm gửi số liệu mực nước về Ban Chỉ huy hằng ngày trước 10 giờ.", None),
        ("Các tổ tự kiểm tra sổ sách kế toán vào ngày làm việc cuối cùng hằng tháng.", "monthly"),
        ("Thủ quỹ đối chiếu tồn quỹ tiền mặt vào ngày cuối cùng của mỗi quý.", "quarterly"),
    ],
)
def test_daily_and_month_end_cycles(sentence: str, recurrence: str | None) -> None:
    assert _values(sentence) == [("recurring", None, recurrence)]


def test_a_daily_habit_without_duty_or_hour_is_no_cycle() -> None:
    assert _values("Cán bộ đoàn rèn luyện thể thao hằng ngày để nâng cao sức khỏe.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Đơn thư tố cáo phải được chuyển ngay sau khi tiếp nhận.",
        "Bộ phận một cửa nhận và chuyển hồ sơ trong ngày.",
        "Hồ sơ nhận sau 16 giờ thì xử lý trong buổi sáng ngày làm việc tiếp theo.",
        "Các chi bộ gửi bản tự kiểm điểm về Ban Tổ chức theo thời gian Ban Tổ chức hướng dẫn.",
    ],
)
def test_prompt_and_open_terms(sentence: str) -> None:
    values = _values(sentence)
    assert values and all(v == ("unspecified", None, None) for v in values)


def test_a_day_of_the_calendar_after_trong_ngay_is_a_day() -> None:
    values = _values("Các đơn vị gửi báo cáo trong ngày 15/3/2027.")
    assert [v[0] for v in values] == ["day"]


def test_a_holiday_time_cell() -> None:
    assert _values("Trước Tết Nguyên đán Mậu Thân", bare=True) == [("unspecified", None, None)]
    assert _values("Trước ngày 10/01/2027", bare=True)[0][0] == "day"


def test_a_forecast_is_no_term() -> None:
    sentence = (
        "Theo dự báo của Trung tâm Khí tượng, từ đầu tháng 7/2027 đến hết tháng 9/2027, "
        "khu vực có khả năng chịu ảnh hưởng của 3 đến 4 cơn bão."
    )
    assert _values(sentence) == []
    asked = (
        "Theo dự báo, mùa mưa bão kéo dài; các xã phải hoàn thành phương án phòng chống "
        "trong tháng 6/2027."
    )
    assert ("month", "2027-06", None) in _values(asked)


def test_a_programme_is_not_the_verb_to_submit() -> None:
    assert _values("Các lớp thực hiện chương trình bồi dưỡng theo thời gian quy định.") == []
