"""Recurring deadlines are series: each next period is assigned ahead, year after year,
until the office ends the series."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bot.app import App
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from storage.repos import assignments
from storage.repos.members import bind_chat
from storage.repos.series import series_periods
from tests.support import TZ, Person, local
from tests.support_reminders import (
    ADMIN,
    LQD,
    add_deadline,
    add_people,
    fake,
    make_app,
    new_branch,
)


def periods(app: App, code: str = "LQD") -> list[str]:
    """The periods a branch has been assigned, in order."""
    return [v.period for v in assignments.assignment_views(app.db) if v.branch_code == code]


def submit_all(app: App) -> None:
    """Every branch reports everything it has (so old periods stay quiet)."""
    for view in assignments.assignment_views(app.db, states=["pending"]):
        assignments.submit(app.db, view.assignment_id, None, app.ctx.clock.now(), "admin")


async def at(app: App, clock: FakeClock, instant: datetime) -> list[str]:
    """Move the clock, run one pass; the texts LQD received in it."""
    clock.set(instant)
    before = len(fake(app).texts(LQD))
    await ReminderScheduler(app).tick()
    return fake(app).texts(LQD)[before:]


async def test_a_yearly_report_rolls_over_three_years(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 11, 10, 17, 0), title="Báo cáo năm", recurrence="yearly")
    assert await at(app, clock, local(2024, 5, 2, 9, 0)) == []  # announced 30 days ahead
    (notice,) = await at(app, clock, local(2024, 10, 11, 8, 0))
    assert notice.startswith(
        "Việc mới được giao, còn 30 ngày: Báo cáo năm, kỳ năm 2024 (34-HD/ĐU, mục II) — hạn "
        "Chủ nhật 10/11/2024 (ngày nghỉ cuối tuần)."
    )
    submit_all(app)
    assert periods(app) == ["2024"]

    assert await at(app, clock, local(2025, 9, 20, 8, 0)) == []
    assert periods(app) == ["2024"]  # not yet: too far ahead
    assert await at(app, clock, local(2025, 9, 29, 8, 0)) == []
    assert periods(app) == ["2024", "2025"]  # assigned before its notice day
    (notice,) = await at(app, clock, local(2025, 10, 10, 8, 0))  # 10/11/2025 minus 31 days
    assert notice.startswith("Việc mới được giao, còn 31 ngày: Báo cáo năm, kỳ năm 2025")
    submit_all(app)

    # 10/10/2026 is a Saturday: the third year's notice comes on the Friday before.
    assert await at(app, clock, local(2026, 10, 8, 8, 0)) == []
    (notice,) = await at(app, clock, local(2026, 10, 9, 8, 0))
    assert notice.startswith("Việc mới được giao, còn 32 ngày: Báo cáo năm, kỳ năm 2026")
    assert "hạn thứ Ba 10/11/2026" in notice
    assert periods(app) == periods(app, "NTMK") == ["2024", "2025", "2026"]
    app.db.dispose()


async def test_a_monthly_report_goes_on_into_the_next_year(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 11, 25, 17, 0), title="Báo cáo tháng", recurrence="monthly")
    assert periods(app) == ["2024-11", "2024-12"]  # approval assigns the first year
    await at(app, clock, local(2024, 12, 6, 8, 0))
    assert periods(app) == ["2024-11", "2024-12"]
    await at(app, clock, local(2024, 12, 15, 8, 0))  # 30 days before its notice, and a margin
    assert periods(app) == ["2024-11", "2024-12", "2025-01"]
    await at(app, clock, local(2025, 1, 15, 8, 0))
    assert periods(app)[-1] == "2025-02"
    app.db.dispose()


async def test_after_a_downtime_only_the_latest_missed_period_is_assigned(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 11, 10, 17, 0), title="Báo cáo năm", recurrence="yearly")
    submit_all(app)
    await at(app, clock, local(2027, 1, 5, 8, 0))  # the bot was off through 2025 and 2026
    assert periods(app) == ["2024", "2026"]  # 2026 overdue, as reminders catch up: latest only
    app.db.dispose()


async def test_a_branch_joining_later_gets_the_periods_assigned_ahead(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 11, 25, 17, 0), title="Báo cáo tháng", recurrence="monthly")
    await at(app, clock, local(2025, 1, 15, 8, 0))
    assert periods(app)[-2:] == ["2025-01", "2025-02"]
    branch, _ = new_branch(app.db, "BTX", "Chi bộ Trường THPT Bùi Thị Xuân", clock.now())
    bind_chat(app.db, "fake", "203", "secretary", branch.id, "Bí thư BTX")
    await at(app, clock, local(2025, 1, 15, 8, 1))
    assert periods(app, "BTX") == ["2025-01", "2025-02"]  # not the months already past
    app.db.dispose()


async def test_the_office_ends_a_series(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    office = Person(app, fake(app), ADMIN)
    deadline = add_deadline(
        app, local(2024, 5, 20, 17, 0), title="Báo cáo tháng", recurrence="monthly"
    )
    once = add_deadline(app, local(2024, 6, 10, 17, 0), title="Báo cáo sơ kết")
    (ended,) = await office.send(f"/ketthuc {deadline.id}")
    assert ended == (
        f"Đã kết thúc hạn nộp #{deadline.id} “Báo cáo tháng” (hằng tháng): kỳ cuối là tháng "
        "05/2024, hạn thứ Hai 20/05/2024. Bot không giao kỳ mới nữa. Đã bỏ 14 việc của các kỳ "
        "sau đó đã giao trước cho chi bộ."
    )
    assert periods(app) == ["2024-05", ""]
    await at(app, clock, local(2024, 12, 10, 8, 0))
    new_branch(app.db, "BTX", "Chi bộ Trường THPT Bùi Thị Xuân", clock.now())
    await at(app, clock, local(2025, 5, 10, 8, 0))
    assert periods(app) == ["2024-05", ""] and periods(app, "BTX") == []
    assert (await office.send(f"/ketthuc {once.id}"))[0] == (
        f"Hạn nộp #{once.id} “Báo cáo sơ kết” không định kỳ nên không cần kết thúc."
    )
    assert (await office.send("/ketthuc 99"))[0] == "Không có hạn nộp #99."
    assert (await office.send("/ketthuc"))[0].startswith("Cách dùng: /ketthuc SỐ")
    app.db.dispose()


async def test_a_series_ended_at_a_date_keeps_the_periods_up_to_it(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    office = Person(app, fake(app), ADMIN)
    deadline = add_deadline(
        app, local(2024, 3, 31, 17, 0), title="Báo cáo quý", recurrence="quarterly"
    )
    (ended,) = await office.send(f"/ketthuc {deadline.id} 30/09/2024")
    assert "kỳ cuối là quý 3/2024, hạn thứ Hai 30/09/2024" in ended
    assert periods(app) == ["2024-Q1", "2024-Q2", "2024-Q3"]
    app.db.dispose()


def test_periods_fall_on_the_first_due_day_clamped_to_the_month() -> None:
    first = local(2024, 1, 31, 17, 0)
    found = series_periods(first, "monthly", TZ, None, local(2025, 3, 31, 17, 0))
    assert [p for p, _ in found][:3] == ["2024-01", "2024-02", "2024-03"]
    assert found[1][1] == local(2024, 2, 29, 17, 0) and found[2][1] == local(2024, 3, 31, 17, 0)
    assert [p for p, _ in found][-3:] == ["2025-01", "2025-02", "2025-03"]
    half = series_periods(
        local(2024, 6, 30, 17, 0), "half-yearly", TZ, first, first + timedelta(days=900)
    )
    assert [p for p, _ in half] == ["2024-H1", "2024-H2", "2025-H1", "2025-H2", "2026-H1"]
