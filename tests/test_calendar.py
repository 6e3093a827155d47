"""The office's working days: weekends, Vietnamese public holidays, the office's own days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import inspect

from handlers.reminders.calendar import CalendarDay, WorkCalendar, load_calendar
from storage.db import Database
from storage.repos.holidays import office_days, remove_office_day, set_office_day
from tests.support import local

CAL = WorkCalendar()


def test_weekends_and_public_holidays_are_days_off() -> None:
    assert CAL.is_working_day(date(2024, 5, 10))  # a Friday
    assert CAL.day_off_name(date(2024, 5, 12)) == "Chủ nhật"
    assert CAL.day_off_name(date(2024, 5, 11)) == "thứ Bảy"
    assert CAL.day_off_name(date(2025, 1, 29)) == "Tết Nguyên Đán"
    assert CAL.day_off_name(date(2025, 4, 30)) == "Ngày Chiến thắng"
    assert CAL.day_off_name(date(2025, 9, 2)) == "Quốc khánh"
    assert CAL.day_off_name(date(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert CAL.day_off_name(date(2025, 5, 2)) == "Ngày nghỉ (thay cho ngày 26/04/2025)"


def test_a_make_up_saturday_is_a_working_day() -> None:
    assert CAL.is_working_day(date(2025, 4, 26))
    assert CAL.day_off_name(date(2025, 4, 26)) is None
    assert not CAL.is_working_day(date(2025, 4, 19))  # an ordinary Saturday


def test_the_working_day_around_tet() -> None:
    tet = date(2025, 1, 29)
    assert CAL.previous_working_day(tet) == date(2025, 1, 24)  # the Friday before 29 Tết
    assert CAL.next_working_day(tet) == date(2025, 2, 3)  # Monday after Mùng bốn and Sunday
    assert CAL.on_or_before(tet) == date(2025, 1, 24)
    assert CAL.on_or_after(date(2025, 2, 3)) == date(2025, 2, 3)
    assert CAL.last_working_day(date(2025, 1, 27), date(2025, 2, 2)) is None
    assert CAL.last_working_day(date(2025, 1, 20), date(2025, 2, 2)) == date(2025, 1, 24)


def test_counting_working_days() -> None:
    friday, monday = date(2024, 5, 10), date(2024, 5, 13)
    assert CAL.count_days(friday, monday) == 1
    assert CAL.count_days(monday, friday) == -1
    assert CAL.count_days(friday, friday) == 0
    # 26/4 to 6/5/2024: Monday 29/4, 30/4 and 1/5 are off, Saturday 4/5 is worked.
    assert CAL.count_days(date(2024, 4, 26), date(2024, 5, 6)) == 4


def test_the_office_declares_a_day_off_and_a_working_sunday() -> None:
    cal = WorkCalendar(
        [
            CalendarDay(date(2024, 5, 17), "Nghỉ dự Đại hội Đảng bộ", "office"),
            CalendarDay(date(2024, 5, 19), "Làm việc trực bầu cử", "workday"),
        ]
    )
    assert cal.day_off_name(date(2024, 5, 17)) == "Nghỉ dự Đại hội Đảng bộ"
    assert cal.is_working_day(date(2024, 5, 19))
    assert cal.previous_working_day(date(2024, 5, 18)) == date(2024, 5, 16)
    assert cal.next_working_day(date(2024, 5, 17)) == date(2024, 5, 19)


def test_a_year_of_special_days() -> None:
    days = WorkCalendar([CalendarDay(date(2025, 6, 2), "Nghỉ tổng kết năm học", "office")])
    year = days.special_days(2025)
    assert [(d.day, d.kind) for d in year][:2] == [
        (date(2025, 1, 1), "public"),
        (date(2025, 1, 27), "public"),
    ]
    assert CalendarDay(date(2025, 4, 26), "Làm bù cho ngày nghỉ 02/05/2025", "workday") in year
    assert CalendarDay(date(2025, 6, 2), "Nghỉ tổng kết năm học", "office") in year
    assert all(d.day.year == 2025 for d in year)
    assert [d.day for d in year] == sorted(d.day for d in year)


def test_declarations_are_stored_replaced_and_withdrawn(database_url: str) -> None:
    db = Database(database_url)
    db.upgrade()
    assert "office_days" in inspect(db.engine).get_table_names()
    now = local(2024, 5, 2, 9, 0)
    assert set_office_day(db, date(2024, 5, 17), "Nghỉ dự Đại hội", "office", now)
    assert not load_calendar(db).is_working_day(date(2024, 5, 17))
    assert not set_office_day(db, date(2024, 5, 17), "Làm việc bình thường", "workday", now)
    assert load_calendar(db).is_working_day(date(2024, 5, 17))
    assert [d.name for d in office_days(db, 2024)] == ["Làm việc bình thường"]
    assert office_days(db, 2025) == []
    assert remove_office_day(db, date(2024, 5, 17))
    assert not remove_office_day(db, date(2024, 5, 17))
    db.dispose()


DAYS = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31))


@given(DAYS)
def test_the_working_day_found_is_worked_and_on_the_right_side(day: date) -> None:
    before, after = CAL.on_or_before(day), CAL.on_or_after(day)
    assert CAL.is_working_day(before) and CAL.is_working_day(after)
    assert before <= day <= after
    assert before == day or CAL.count_days(before, day) == 0  # nothing worked in between


@given(DAYS, st.integers(0, 40), st.integers(0, 40))
def test_counts_add_up(day: date, a: int, b: int) -> None:
    mid, end = day + timedelta(days=a), day + timedelta(days=a + b)
    assert CAL.count_days(day, mid) + CAL.count_days(mid, end) == CAL.count_days(day, end)
    assert 0 <= CAL.count_days(day, end) <= (end - day).days
