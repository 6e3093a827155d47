"""Reminders follow the office calendar: no reminder on a Sunday, a holiday or during Tết."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from storage.repos import reminders as repo
from storage.repos.assignments import assignment_views
from tests.support import Person, local
from tests.support_reminders import ADMIN, LQD, add_deadline, add_people, fake, make_app, walk

FOOTER = "Khi đã nộp, đồng chí chọn “Đã nộp” hoặc nhắn “đã nộp”."


def heads(seen: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(time, text up to the colon) of what LQD received."""
    return [(t, text.split(":")[0]) for t, chat, text in seen if chat == LQD]


async def test_a_deadline_on_tet_is_reminded_before_the_holiday(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    clock.set(local(2025, 1, 15, 9, 0))
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2025, 1, 29, 17, 0), title="Báo cáo tổng kết năm")  # Mùng một Tết
    seen = await walk(app, ReminderScheduler(app), clock, local(2025, 2, 3, 12, 0))
    # 26/01 is a Sunday, 27/01 to 01/02 are Tết: d3, d1 and d0 all go on Friday 24/01,
    # as one reminder; the overdue one waits for Monday 03/02, the first working day after.
    assert heads(seen) == [
        ("15/01 09:00", "Việc mới được giao, còn 14 ngày"),
        ("22/01 08:00", "Còn 7 ngày"),
        ("24/01 08:00", "Còn 5 ngày"),
        ("03/02 08:00", "Quá hạn 5 ngày"),
    ]
    friday = [text for t, chat, text in seen if chat == LQD and t == "24/01 08:00"]
    assert friday == [
        "Còn 5 ngày: Báo cáo tổng kết năm (34-HD/ĐU, mục II) — hạn thứ Tư 29/01/2025 (ngày "
        f"nghỉ: Tết Nguyên Đán). {FOOTER}"
    ]
    assert not [t for t, chat, _ in seen if chat == ADMIN and t < "03/02"]  # no alert in Tết
    app.db.dispose()


async def test_a_deadline_on_a_sunday(tmp_path: Path, clock: FakeClock, database_url: str) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 12, 17, 0), title="Báo cáo chuyên đề")  # a Sunday
    seen = await walk(app, ReminderScheduler(app), clock, local(2024, 5, 13, 12, 0))
    assert heads(seen) == [
        ("02/05 09:00", "Việc mới được giao, còn 10 ngày"),
        ("04/05 08:00", "Còn 8 ngày"),  # d7 (Sunday 05/05) on the make-up Saturday before
        ("09/05 08:00", "Còn 3 ngày"),
        ("10/05 08:00", "Còn 2 ngày"),  # d1 and d0 (the weekend) on Friday
        ("13/05 08:00", "Quá hạn 1 ngày"),
    ]
    (friday,) = [text for t, chat, text in seen if chat == LQD and t == "10/05 08:00"]
    assert "— hạn Chủ nhật 12/05/2024 (ngày nghỉ cuối tuần)." in friday
    app.db.dispose()


async def test_days_left_can_count_working_days(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url, days_left_count="working")
    add_people(app)
    add_deadline(app, local(2024, 5, 12, 17, 0), title="Báo cáo chuyên đề")  # a Sunday
    seen = await walk(app, ReminderScheduler(app), clock, local(2024, 5, 13, 12, 0))
    # 02/05 → 12/05: 03, 04 (a make-up Saturday), 06–10 are worked: 7 working days.
    assert heads(seen) == [
        ("02/05 09:00", "Việc mới được giao, còn 7 ngày làm việc"),
        ("04/05 08:00", "Còn 5 ngày làm việc"),
        ("09/05 08:00", "Còn 1 ngày làm việc"),
        ("10/05 08:00", "Hôm nay là ngày làm việc cuối cùng trước hạn"),
        ("13/05 08:00", "Quá hạn 1 ngày làm việc"),
    ]
    app.db.dispose()


async def test_a_deadline_approved_on_a_weekend_is_announced_at_once_then_waits(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    clock.set(local(2024, 5, 11, 10, 0))  # Saturday: the office chose to work today
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 20, 17, 0))
    seen = await walk(app, ReminderScheduler(app), clock, local(2024, 5, 13, 12, 0))
    assert heads(seen) == [
        ("11/05 10:00", "Việc mới được giao, còn 9 ngày"),  # it answers the approval
        ("13/05 08:00", "Còn 7 ngày"),  # the ladder itself keeps to working days
    ]
    app.db.dispose()


async def test_a_day_declared_off_moves_its_reminders(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 20, 17, 0))
    sched = ReminderScheduler(app)
    await sched.tick()
    office = Person(app, fake(app), ADMIN)
    (declared,) = await office.send("/ngaynghi 17/05/2024 Nghỉ dự Đại hội Đảng bộ")
    assert declared == (
        "Đã ghi nhận ngày nghỉ thứ Sáu 17/05/2024: Nghỉ dự Đại hội Đảng bộ. "
        "Đã dời 2 lời nhắc hạn sang ngày làm việc gần nhất."
    )
    seen = await walk(app, sched, clock, local(2024, 5, 21, 12, 0))
    assert heads(seen) == [
        ("13/05 08:00", "Còn 7 ngày"),
        ("16/05 08:00", "Còn 4 ngày"),  # d1 (Sunday), then d3 (the day declared off)
        ("20/05 08:00", "Hôm nay là hạn chót"),
        ("21/05 08:00", "Quá hạn 1 ngày"),
    ]
    app.db.dispose()


async def test_a_day_declared_off_too_late_waits_for_the_next_working_day(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 9, 17, 0))
    sched = ReminderScheduler(app)
    await sched.tick()
    clock.set(local(2024, 5, 6, 7, 45))  # the morning itself: the day before has passed
    office = Person(app, fake(app), ADMIN)
    (declared,) = await office.send("/ngaynghi 06/05/2024 Nghỉ đột xuất")
    assert "Đã dời" not in declared
    seen = await walk(app, sched, clock, local(2024, 5, 7, 12, 0), step=timedelta(minutes=15))
    assert heads(seen) == [("07/05 08:00", "Còn 2 ngày")]  # d3 waited for the next working day
    app.db.dispose()


async def test_no_digest_on_a_holiday(tmp_path: Path, clock: FakeClock, database_url: str) -> None:
    clock.set(local(2024, 4, 29, 7, 0))
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 2, 17, 0))
    sched = ReminderScheduler(app)
    days = []
    while clock.now() < local(2024, 5, 3, 12, 0):
        report = await sched.tick()
        if report.digest:
            days.append(clock.now().astimezone(local(2024, 1, 1).tzinfo).strftime("%d/%m"))
        clock.advance(timedelta(hours=1))
    assert days == ["02/05", "03/05"]  # 29/04, 30/04 and 01/05 are holidays
    app.db.dispose()


async def test_the_office_lists_and_declares_days_in_chat(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    clock.set(local(2025, 4, 1, 9, 0))
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    office = Person(app, fake(app), ADMIN)
    (listing,) = await office.send("/ngaynghi")
    assert listing.splitlines()[:5] == [
        "Ngày nghỉ và ngày làm bù từ 01/04/2025 đến 30/06/2025:",
        "• thứ Hai 07/04/2025: Ngày Giỗ Tổ Hùng Vương (nghỉ lễ)",
        "• thứ Bảy 26/04/2025: Làm bù cho ngày nghỉ 02/05/2025 (làm việc)",
        "• thứ Tư 30/04/2025: Ngày Chiến thắng (nghỉ lễ)",
        "• thứ Năm 01/05/2025: Ngày Quốc tế Lao động (nghỉ lễ)",
    ]
    (worked,) = await office.send("/ngaylam 10/05/2025 Làm bù cho ngày 02/06")
    assert worked == "Đã ghi nhận thứ Bảy 10/05/2025 là ngày làm việc: Làm bù cho ngày 02/06."
    await office.send("/ngaynghi 02/06/2025 Nghỉ tổng kết năm học")
    (listing,) = await office.send("/ngaynghi")
    assert "• thứ Hai 02/06/2025: Nghỉ tổng kết năm học (cơ quan nghỉ)" in listing
    (removed,) = await office.send("/ngaynghi xoa 02/06/2025")
    assert removed == "Đã bỏ khai báo của ngày thứ Hai 02/06/2025."
    (again,) = await office.send("/ngaynghi xoá 02/06/2025")
    assert again == "Ngày thứ Hai 02/06/2025 chưa được khai báo nên không có gì để bỏ."
    assert (await office.send("/ngaynghi 02/06/2025"))[0].startswith("Hãy ghi kèm tên")
    assert (await office.send("/ngaynghi mai"))[0].startswith("Cách dùng: /ngaynghi")
    secretary = Person(app, fake(app), LQD)
    (refused,) = await secretary.send("/ngaynghi")
    assert refused == "Lệnh này chỉ dành cho cán bộ Văn phòng Đảng ủy."
    app.db.dispose()


def test_holiday_cli_lists_a_year_and_declares_days(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["holiday", "add", "2026-05-19", "Nghỉ dự Đại hội", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert added == {
        "date": "2026-05-19", "name": "Nghỉ dự Đại hội", "kind": "office",
        "created": True, "moved": 0,
    }  # fmt: skip
    assert main(["holiday", "add", "23/05/2026", "Làm bù", "--workday"]) == 0
    assert "Đã ghi nhận ngày làm việc thứ Bảy 23/05/2026: Làm bù." in capsys.readouterr().out
    assert main(["holiday", "list", "--year", "2026", "--json"]) == 0
    days = json.loads(capsys.readouterr().out)
    assert {"date": "2026-02-17", "name": "Tết Nguyên Đán", "kind": "public"} in days
    assert {
        "date": "2026-08-22",
        "name": "Làm bù cho ngày nghỉ 31/08/2026",
        "kind": "workday",
    } in days
    assert {"date": "2026-05-19", "name": "Nghỉ dự Đại hội", "kind": "office"} in days
    assert {"date": "2026-05-23", "name": "Làm bù", "kind": "workday"} in days
    assert [d["date"] for d in days] == sorted(d["date"] for d in days)
    assert main(["holiday", "list", "--year", "2026"]) == 0
    assert "thứ Ba 17/02/2026: Tết Nguyên Đán (nghỉ lễ)" in capsys.readouterr().out
    assert main(["holiday", "remove", "2026-05-19"]) == 0
    assert main(["holiday", "remove", "2026-05-19"]) == 1
    assert main(["holiday", "add", "31/02/2026", "Sai ngày"]) == 2
    assert "Không đọc được ngày “31/02/2026”" in capsys.readouterr().err


def test_declaring_from_the_cli_moves_planned_reminders(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 20, 17, 0))
    ReminderScheduler(app).plan(clock.now())
    (view, *_) = assignment_views(app.db)
    from handlers.reminders.days import declare

    declared = declare(app.ctx, local(2024, 5, 13).date(), "Nghỉ đột xuất", "office", "cli:hoa")
    assert declared.moved == 2
    kinds = {r.kind: r.due_at for r in repo.reminders_of(app.db, view.assignment_id)}
    assert kinds["d7"] == local(2024, 5, 10, 8, 0)  # Friday before
    app.db.dispose()
