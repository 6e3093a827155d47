"""Recurring duties and relative terms, as offices write them."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.parse.deadlines import find_deadlines


def _cycles(sentence: str, year: int | None = 2026) -> list[tuple[object, ...]]:
    return [(h.value, h.recurrence, h.day, h.month) for h in find_deadlines(sentence, year)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Các chi hội gửi báo cáo về Ban Thường trực trước ngày 20 hằng tháng.",
            ("monthly", 20, None),
        ),
        ("Hạn cuối ngày 15 tháng 12 hằng năm, các trường nộp hồ sơ thi đua.", ("yearly", 15, 12)),
        (
            "Tháng 10 hằng năm, Phòng Nội vụ tổng hợp, báo cáo kết quả đánh giá.",
            ("yearly", None, 10),
        ),
        ("Báo cáo quý gửi vào tuần cuối của tháng thứ 3 trong quý.", ("quarterly", None, None)),
        ("Số liệu báo cáo hằng tháng tính đến ngày 25 của tháng trước đó.", ("monthly", 25, None)),
    ],
)
def test_a_day_or_month_in_a_cycle(sentence: str, expected: tuple[object, ...]) -> None:
    (hit,) = find_deadlines(sentence, 2026)
    assert hit.value == "recurring"
    assert (hit.recurrence, hit.day, hit.month) == expected


@pytest.mark.parametrize(
    ("sentence", "recurrences"),
    [
        ("Định kỳ 6 tháng, các chi bộ báo cáo Đảng ủy xã.", ["half-yearly"]),
        ("Ban Công tác Mặt trận báo cáo kết quả hằng quý và cả năm.", ["quarterly", "yearly"]),
        ("Phòng Văn hóa tổng hợp, cập nhật số liệu lên phần mềm mỗi tháng.", ["monthly"]),
        ("100% thôn, tổ dân phố mỗi quý có ít nhất 02 buổi sinh hoạt chuyên đề.", ["quarterly"]),
        ("Các chi bộ duy trì nền nếp sinh hoạt chi bộ định kỳ hằng tháng.", ["monthly"]),
        ("Cấp ủy theo dõi, đánh giá chất lượng đảng viên định kỳ hằng quý.", ["quarterly"]),
        ("Ban Tổ chức rà soát quy hoạch định kỳ hằng năm hoặc đột xuất.", ["yearly"]),
    ],
)
def test_cycles_that_ask_for_a_duty(sentence: str, recurrences: list[str]) -> None:
    assert [r for _, r, _, _ in _cycles(sentence)] == recurrences


@pytest.mark.parametrize(
    "sentence",
    [
        "Trên cơ sở kết quả đánh giá cán bộ định kỳ hằng năm, cấp ủy xem xét bố trí.",
        "Đổi mới quy trình, phương pháp xét thi đua theo hướng thực chất.",
        "Cụ thể hóa bằng chương trình công tác hàng năm của đơn vị.",
        "Xây dựng tiêu chí đánh giá hàng năm phù hợp thực tế.",
        "Kết quả đánh giá định kỳ hằng năm là căn cứ để xếp loại đảng viên.",
    ],
)
def test_cycles_that_describe_are_no_duty(sentence: str) -> None:
    assert find_deadlines(sentence, 2026) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Ban Chỉ đạo định kỳ báo cáo Huyện ủy kết quả thực hiện theo quy định.",
        "Phòng Giáo dục định kỳ tổng hợp, báo cáo Ủy ban nhân dân huyện.",
        "Các đơn vị thực hiện chế độ báo cáo định kỳ về Sở.",
    ],
)
def test_periodic_without_a_period_is_recurring_unstated(sentence: str) -> None:
    assert _cycles(sentence) == [("recurring", None, None, None)]


def test_hang_nam_opening_makes_the_terms_of_the_sentence_yearly() -> None:
    sentence = (
        "Hằng năm, các chi bộ rà soát, bổ sung quy hoạch trong Quý I và báo cáo Đảng ủy cấp"
        " trên trong Quý II, chậm nhất tháng 6."
    )
    hits = find_deadlines(sentence, 2026)
    assert [(h.recurrence, h.period, h.month) for h in hits] == [
        ("yearly", "Q1", None),
        ("yearly", "Q2", 6),
    ]
    window = "Hằng năm, các trường gửi hồ sơ từ ngày 05 đến ngày 10 tháng 5."
    (hit,) = find_deadlines(window, 2026)
    assert (hit.recurrence, hit.day, hit.month) == ("yearly", 10, 5)


def test_a_day_inside_a_yearly_cycle_is_yearly() -> None:
    sentence = (
        "Các cơ quan cập nhật danh mục dữ liệu định kỳ hằng năm (trước ngày 30/11 trong năm)."
    )
    assert _cycles(sentence) == [("recurring", "yearly", 30, 11)]


@pytest.mark.parametrize("year", [None, 2026])
def test_half_year_and_year_reports_are_yearly_without_an_invented_year(year: int | None) -> None:
    sentence = "Báo cáo 6 tháng gửi trước ngày 15 tháng 6, báo cáo năm gửi trước ngày 15 tháng 12."
    hits = find_deadlines(sentence, year)
    assert [(h.recurrence, h.day, h.month) for h in hits] == [("yearly", 15, 6), ("yearly", 15, 12)]
    assert [h.due for h in hits] == (
        [None, None] if year is None else [date(2026, 6, 15), date(2026, 12, 15)]
    )
    bracketed = "Các chi bộ gửi báo cáo 6 tháng (trước 10/6) và báo cáo năm (trước 10/12)."
    assert [h.recurrence for h in find_deadlines(bracketed, None)] == ["yearly", "yearly"]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        (
            "Giáo viên nộp điểm cho tổ chuyên môn chậm nhất 05 ngày kể từ ngày thi.",
            "chậm nhất 05 ngày kể từ ngày thi",
        ),
        (
            "Trong thời hạn 15 ngày làm việc kể từ khi nhận đủ hồ sơ, Phòng Nội vụ phải trả lời.",
            "Trong thời hạn 15 ngày làm việc kể từ khi nhận đủ hồ sơ",
        ),
        (
            "Đơn khiếu nại gửi chậm nhất 03 ngày sau khi công bố kết quả.",
            "chậm nhất 03 ngày sau khi công bố kết quả",
        ),
        (
            "Đơn vị phải thông báo ít nhất 10 ngày làm việc trước khi tổ chức hội nghị.",
            "ít nhất 10 ngày làm việc trước khi tổ chức hội nghị",
        ),
        ("Khi xảy ra sự cố mất tài liệu phải báo cáo ngay về Thường trực Đảng ủy.", "báo cáo ngay"),
    ],
)
def test_relative_and_open_terms_are_unspecified_with_their_phrase(
    sentence: str, phrase: str
) -> None:
    (hit,) = find_deadlines(sentence, 2026)
    assert (hit.value, hit.due, hit.kind) == ("unspecified", None, "relative")
    assert sentence[hit.start : hit.end] == phrase


def test_a_term_of_legal_effect_is_no_duty() -> None:
    assert find_deadlines("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", 2026) == []
