"""Deadlines that name a month, a quarter, a year or a window instead of a day."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.parse.deadlines import find_deadlines

Value = tuple[str, str | None, date | None, date | None, date | None]


def _one(sentence: str, year: int | None = 2026, bare: bool = False) -> Value:
    (hit,) = find_deadlines(sentence, year, bare=bare)
    return hit.value, hit.period, hit.period_start, hit.period_end, hit.due


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("Các trường hoàn thành việc sửa chữa phòng học trong tháng 7/2026.", "2026-07"),
        ("Ban Tổ chức trình danh sách khen thưởng xong cuối tháng 12 năm 2026.", "2026-12"),
        ("Tổ chức tổng kết phong trào vào tháng 5 năm 2027.", "2027-05"),
        ("Các chi bộ nộp báo cáo chậm nhất trong tháng 3/2026.", "2026-03"),
        ("bảo đảm đến hết tháng 9 năm 2026 hoàn thành việc sáp nhập điểm trường", "2026-09"),
    ],
)
def test_a_month_is_kept_as_its_period(sentence: str, key: str) -> None:
    value, period, start, end, due = _one(sentence)
    assert (value, period, due) == ("month", key, None)
    year, month = map(int, key.split("-"))
    assert start == date(year, month, 1) and end is not None and end.month == month
    assert end.day >= 28  # the month's last day: a reminder can be suggested from it


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("Triển khai thí điểm mô hình từ tháng 9 năm 2026 đến hết tháng 5 năm 2027.", "2027-05"),
        ("Đợt cao điểm thực hiện từ tháng 10/2026 đến tháng 01/2027.", "2027-01"),
        ("Các xã tổ chức ra quân trong tháng 3 - 4/2026.", "2026-04"),
    ],
)
def test_a_month_range_is_due_in_its_last_month(sentence: str, key: str) -> None:
    assert _one(sentence)[:2] == ("month", key)


def test_a_range_that_only_starts_names_no_term() -> None:
    assert find_deadlines("Thực hiện từ tháng 11/2026 đến khi kết thúc đợt kiểm tra.", 2026) == []
    assert find_deadlines("Từ tháng 8/2026 đến khi có hướng dẫn mới.", 2026, bare=True) == []


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("Hoàn thành việc số hóa hồ sơ trong quý II năm 2026.", "2026-Q2"),
        ("Báo cáo sơ kết gửi về Huyện ủy trong Quý I/2027.", "2027-Q1"),
        ("Tổ chức hội nghị chuyên đề (thực hiện quý 3/2026).", "2026-Q3"),
    ],
)
def test_a_quarter_is_kept_as_its_period(sentence: str, key: str) -> None:
    value, period, start, end, _ = _one(sentence)
    assert (value, period) == ("quarter", key)
    assert start is not None and end is not None and (end.month - start.month) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Phòng Tài chính hoàn thành quyết toán trong năm 2026.",
        "Bảo đảm đến hết năm 2026 không còn phòng học tạm.",
        "Sở Xây dựng sớm bàn giao trong năm 2026 công trình nhà văn hóa.",
    ],
)
def test_a_year_is_its_period_and_reads_as_its_last_month(sentence: str) -> None:
    value, period, start, end, _ = _one(sentence)
    assert (value, period, start, end) == ("year", "2026", date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    "sentence",
    [
        "Ủy ban nhân dân xã ban hành Kế hoạch thực hiện các nhiệm vụ trọng tâm cuối năm 2026.",
        "Tình hình kinh tế - xã hội trong năm 2026 có nhiều chuyển biến.",
        "Tổng kết công tác năm 2026 và phương hướng năm 2027.",
    ],
)
def test_a_year_named_as_a_topic_is_no_term(sentence: str) -> None:
    assert find_deadlines(sentence, 2026) == []


@pytest.mark.parametrize(
    ("sentence", "due", "first"),
    [
        (
            "Đợt 2 tổ chức từ ngày 08 đến ngày 12 tháng 6 năm 2026.",
            date(2026, 6, 12),
            date(2026, 6, 8),
        ),
        (
            "Các đơn vị gửi hồ sơ từ ngày 3 đến hết ngày 15/9/2026.",
            date(2026, 9, 15),
            date(2026, 9, 3),
        ),
        (
            "Thời gian: từ ngày 20/10/2026 đến ngày 05/11/2026.",
            date(2026, 11, 5),
            date(2026, 10, 20),
        ),
    ],
)
def test_a_window_is_due_on_its_last_day(sentence: str, due: date, first: date) -> None:
    (hit,) = find_deadlines(sentence, 2026)
    assert (hit.value, hit.due, hit.period_start) == ("day", due, first)


def test_periods_and_windows_that_ended_before_the_document_are_events() -> None:
    issued = date(2026, 11, 20)
    past = (
        "Trong tháng 10/2026, các trường đã tổ chức hội thi; từ ngày 02 đến ngày 05 tháng 11"
        " năm 2026 đã kiểm tra."
    )
    assert find_deadlines(past, 2026, issued) == []
    # A term after a marker is what the text asks, even when it is already past.
    (hit,) = find_deadlines("Các xã nộp báo cáo trước ngày 15/11/2026.", 2026, issued)
    assert hit.due == date(2026, 11, 15)


def test_a_yearless_month_takes_the_work_year_or_stays_unspecified() -> None:
    assert _one("Hoàn thành trong tháng 8.", 2026)[:2] == ("month", "2026-08")
    value, period, *_ = _one("Hoàn thành trong tháng 8.", None)
    assert (value, period) == ("unspecified", "--08")  # never a guessed year


def test_bare_values_of_a_time_column() -> None:
    assert _one("Tháng 12/2026.", bare=True)[:2] == ("month", "2026-12")
    assert _one("Quý IV/2026", bare=True)[:2] == ("quarter", "2026-Q4")
    assert _one("30/6/2026", bare=True)[4] == date(2026, 6, 30)
