"""General deadline rules seen on unseen documents: what is a term and what is not."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.parse.deadlines import find_deadlines

ISSUED = date(2026, 1, 10)


def _values(sentence: str, bare: bool = False) -> list[tuple[object, ...]]:
    hits = find_deadlines(sentence, 2026, ISSUED, bare=bare)
    return [(h.value, h.due, h.period, h.recurrence) for h in hits]


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("Các chi bộ tổ chức hội nghị sơ kết vào ngày 20/7/2026.", date(2026, 7, 20)),
        ("Tổ chức Lễ kỷ niệm vào ngày 03/02/2026 tại Hội trường Sở.", date(2026, 2, 3)),
        ("Hội nghị khai mạc vào lúc 7 giờ 30 ngày 15/3/2026 tại trụ sở.", date(2026, 3, 15)),
        ("- Ra quân đồng loạt vào sáng ngày 26/3/2026 tại các trường.", date(2026, 3, 26)),
        ("to chuc hoi thi vao ngay 12/4/2026 tai hoi truong so", date(2026, 4, 12)),
    ],
)
def test_an_activity_the_plan_schedules_is_due_that_day(sentence: str, due: date) -> None:
    assert _values(sentence) == [("day", due, None, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Đảng ủy đã tổ chức hội nghị quán triệt vào ngày 12/3/2026 với 100% đảng viên dự.",
        "Hội nghị được tổ chức vào ngày 05/01/2026 tại Hội trường Sở.",  # before the plan
        "Thực hiện Kế hoạch số 12-KH/ĐU về tổ chức hội nghị vào ngày 20/5/2026.",
        "Nghị quyết số 35-NQ/TW được ban hành vào ngày 22/10/2018.",  # no activity
    ],
)
def test_a_past_or_cited_day_is_not_scheduled(sentence: str) -> None:
    assert _values(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "recurrence"),
    [
        ("Các chi bộ gửi báo cáo quý trước ngày 20 tháng cuối quý.", "quarterly"),
        ("Báo cáo quý gửi về Văn phòng chậm nhất ngày 25 của tháng cuối quý.", "quarterly"),
        ("Ủy ban Kiểm tra kiểm tra việc thu, nộp đảng phí 01 lần/quý.", "quarterly"),
        ("Chi ủy họp định kỳ mỗi tháng 01 lần để đánh giá tình hình.", "monthly"),
        ("Tổ chức sinh hoạt chuyên đề 6 tháng/lần.", "half-yearly"),
        ("Cac chi bo bao cao ket qua giam sat 2 lan/nam.", "yearly"),
        ("Định kỳ hàng quý, các chi bộ báo cáo tình hình tư tưởng về Đảng ủy.", "quarterly"),
    ],
)
def test_quarterly_and_other_cycles(sentence: str, recurrence: str) -> None:
    (hit,) = find_deadlines(sentence, 2026, ISSUED)
    assert (hit.value, hit.recurrence) == ("recurring", recurrence)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Năm 2028", ("year", None, "2028", None)),
        ("Trong năm 2027.", ("year", None, "2027", None)),
        ("Hằng năm", ("recurring", None, None, "yearly")),
        ("Hàng quý", ("recurring", None, None, "quarterly")),
        ("Quý III/2027", ("quarter", None, "2027-Q3", None)),
        ("Tháng 9 – 10/2027", ("month", None, "2027-10", None)),
        ("Quý I hằng năm", ("recurring", None, "Q1", "yearly")),
    ],
)
def test_a_task_table_time_cell(cell: str, expected: tuple[object, ...]) -> None:
    assert _values(cell, bare=True) == [expected]


def test_a_cell_that_names_no_time_is_no_term() -> None:
    assert _values("Thường xuyên", bare=True) == []
    assert _values("Năm 2026 - 2030", bare=True) == []  # a whole programme's span


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Thực hiện báo cáo trong vòng 15 ngày kể từ ngày ký.", "trong vòng 15 ngày kể từ ngày ký"),
        ("Báo cáo Ban Thường vụ Đảng ủy sau khi có kết quả.", "sau khi có kết quả"),
        (
            "Sau khi kết thúc đợt thi đua, các chi bộ tổng hợp, báo cáo kết quả về Văn phòng.",
            "Sau khi kết thúc đợt thi đua",
        ),
        ("Phải thông báo ít nhất 7 ngày làm việc trước khi tạm ngừng.", "ít nhất 7 ngày"),
    ],
)
def test_a_term_counted_from_an_event_is_unspecified(sentence: str, phrase: str) -> None:
    (hit,) = find_deadlines(sentence, 2026, ISSUED)
    assert hit.value == "unspecified"
    assert sentence[hit.start : hit.end].startswith(phrase)


@pytest.mark.parametrize(
    "sentence",
    [
        "Sau khi Kế hoạch được phê duyệt, các đơn vị triển khai thực hiện.",  # no duty to chase
        "Trường hợp bổ sung lần thứ 2 phải báo cáo ít nhất sau 30 ngày kể từ ngày phê duyệt.",
        "Học viên được dự kiểm tra lại ít nhất 10 ngày sau khi công bố kết quả.",
        "Chi trả trợ cấp hàng tháng qua tài khoản cho người hưởng, báo cáo đầy đủ.",
        "Đơn vị có số lượng chuyển tiền trợ cấp hằng tháng qua tài khoản cao hơn xếp trên.",
        "Cấp ủy bảo đảm chi trả phụ cấp hàng tháng cho bí thư chi bộ, báo cáo khi có yêu cầu.",
    ],
)
def test_not_a_term(sentence: str) -> None:
    assert _values(sentence) == []


def test_an_alternative_keeps_the_term_that_can_be_chased() -> None:
    sentence = (
        "Các chi bộ bàn giao hồ sơ đảng viên về Văn phòng ngay sau khi có quyết định "
        "chuyển sinh hoạt hoặc theo định kỳ hằng năm."
    )
    assert _values(sentence) == [("recurring", None, None, "yearly")]


def test_a_report_date_without_a_year_takes_the_plan_year() -> None:
    # A plan for 2026 signed in December 2025: "trước ngày 15/6" is in 2026.
    hits = find_deadlines("Các chi bộ báo cáo sơ kết trước ngày 15/6.", 2026, None)
    assert [(h.value, h.due) for h in hits] == [("day", date(2026, 6, 15))]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        (
            "Các chi bộ xây dựng kế hoạch cụ thể; kết quả thực hiện báo cáo về Văn phòng Đảng ủy.",
            "kết quả thực hiện báo cáo về Văn phòng Đảng ủy",
        ),
        (
            "Đảng ủy Sở yêu cầu các chi bộ triển khai, báo cáo Ban Thường vụ kết quả thực hiện./.",
            "báo cáo Ban Thường vụ kết quả thực hiện",
        ),
        (
            "Đợt thi đua triển khai từ ngày ban hành Kế hoạch đến khi kết thúc Đại hội Đảng bộ.",
            "từ ngày ban hành Kế hoạch đến khi kết thúc Đại hội Đảng bộ",
        ),
    ],
)
def test_a_duty_with_no_term_at_all_is_unspecified(sentence: str, phrase: str) -> None:
    (hit,) = find_deadlines(sentence, 2026, ISSUED)
    assert hit.value == "unspecified"
    assert sentence[hit.start : hit.end] == phrase


@pytest.mark.parametrize(
    "sentence",
    [
        "- Ban Thường vụ Đảng ủy Khối (để báo cáo kết quả thực hiện),",
        "Kết quả thực hiện đạt 95% chỉ tiêu đề ra.",
        "Báo cáo kết quả thực hiện gửi về Văn phòng trước ngày 10/12/2026.",  # its own term
    ],
)
def test_no_open_term_beside_a_copy_a_fact_or_a_dated_term(sentence: str) -> None:
    assert [h.value for h in find_deadlines(sentence, 2026, ISSUED)] in ([], ["day"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Các chi bộ hoàn thành thu nộp đảng phí quý I trước ngày 20/3/2026.",
        "Các chi bộ nộp báo cáo trong quý I, chậm nhất ngày 20/3/2026.",
    ],
)
def test_a_day_beside_its_period_is_one_term(sentence: str) -> None:
    assert _values(sentence) == [("day", date(2026, 3, 20), None, None)]


def test_a_period_and_a_day_of_two_duties_stay_two() -> None:
    sentence = (
        "Sở Xây dựng sớm bàn giao trong năm 2026 dự án cho tỉnh, báo cáo Ủy ban nhân dân "
        "tỉnh kết quả thực hiện trước ngày 31 tháng 12 năm 2026."
    )
    assert [v[0] for v in _values(sentence)] == ["year", "day"]
