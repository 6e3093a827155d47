"""The reminder ladder as branches and admins see it, driven by a fake clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from storage.repos import assignments
from tests.support import local
from tests.support_reminders import ADMIN, LQD, NTMK, add_deadline, add_people, fake, make_app, walk

FOOTER = "Khi đã nộp, chọn «Đã nộp» hoặc nhắn «đã nộp»."


async def test_full_ladder_for_one_deadline(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(app)
    seen = await walk(app, sched, clock, local(2024, 5, 11, 12, 0))  # hourly: exact times
    seen += await walk(app, sched, clock, local(2024, 5, 25, 12, 0), step=timedelta(hours=5))
    lqd = [(t, text) for t, chat, text in seen if chat == LQD]
    what = "Báo cáo 6 tháng (34-HD/ĐU, mục II) — hạn 10/05/2024."
    assert lqd == [
        ("02/05 09:00", f"Việc mới được giao, còn 8 ngày: {what} {FOOTER}"),
        ("03/05 08:00", f"Còn 7 ngày: {what} {FOOTER}"),
        ("07/05 08:00", f"Còn 3 ngày: {what} {FOOTER}"),
        ("09/05 08:00", f"Còn 1 ngày: {what} {FOOTER}"),
        ("10/05 08:00", f"Hôm nay là hạn chót: {what} {FOOTER}"),
        ("11/05 08:00", f"Quá hạn 1 ngày: {what} Chi bộ chưa nộp. {FOOTER}"),
    ]
    admin = [(t, text) for t, chat, text in seen if chat == ADMIN]
    assert admin == [  # both branches missed it in the same pass: one message names both
        (
            "11/05 08:00",
            "Quá hạn chưa nộp: 2 chi bộ.\n"
            "\n"
            "Báo cáo 6 tháng (34-HD/ĐU, mục II) — hạn 10/05/2024, quá hạn 1 ngày:\n"
            "- Chi bộ Trường THPT Lê Quý Đôn (mã LQD)\n"
            "- Chi bộ Trường THCS Nguyễn Thị Minh Khai (mã NTMK)\n"
            "\n"
            "Các chi bộ đã được nhắc.",
        ),
    ]
    assert len([c for _, c, _ in seen if c == NTMK]) == 6  # the other branch has its own ladder
    app.db.dispose()


async def test_reminder_carries_done_button_and_reference(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    await ReminderScheduler(app).tick()
    sent = fake(app).last(LQD)
    views = assignments.assignment_views(app.db)
    (aid,) = [v.assignment_id for v in views if v.branch_code == "LQD"]
    assert sent.reply.buttons[0][0].label == "Đã nộp"
    assert sent.reply.buttons[0][0].data == f"done:{aid}"
    assert sent.reply.ref == f"assignment:{aid}"
    app.db.dispose()


async def test_quiet_hours_move_a_late_evening_notice_to_the_morning(
    tmp_path: Path, clock: FakeClock
) -> None:
    clock.set(local(2024, 5, 2, 22, 0))
    app = make_app(tmp_path, clock, quiet_hours="21:00-07:00")
    add_people(app)
    add_deadline(app, local(2024, 5, 3, 17, 0))
    seen = await walk(
        app, ReminderScheduler(app), clock, local(2024, 5, 3, 12, 0), step=timedelta(minutes=30)
    )
    lqd = [(t, text.split(":")[0]) for t, chat, text in seen if chat == LQD]
    assert lqd == [("03/05 07:00", "Việc mới được giao, hạn hôm nay")]
    app.db.dispose()


async def test_ladder_time_inside_quiet_hours_waits_for_their_end(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = make_app(tmp_path, clock, quiet_hours="21:00-07:30", reminder_time="06:00")
    add_people(app)
    add_deadline(app, local(2024, 5, 4, 17, 0))
    seen = await walk(
        app, ReminderScheduler(app), clock, local(2024, 5, 4, 12, 0), step=timedelta(minutes=30)
    )
    times = [t for t, chat, _ in seen if chat == LQD]
    assert times == ["02/05 09:00", "03/05 07:30", "04/05 07:30"]  # notice, d1, d0
    app.db.dispose()


async def test_no_reminder_after_submission_or_exemption(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
    add_people(app)
    deadline = add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(app)
    await sched.tick()
    views = {v.branch_code: v for v in assignments.assignment_views(app.db)}
    assert assignments.submit(app.db, views["LQD"].assignment_id, None, clock.now(), "button")
    assert deadline.id is not None and views["NTMK"].branch_id is not None
    assignments.set_exempt(app.db, deadline.id, views["NTMK"].branch_id)
    # Coarse steps suffice: a reminder due between two ticks would go out at the next one.
    seen = await walk(app, sched, clock, local(2024, 5, 20, 12, 0), step=timedelta(hours=5))
    assert seen == []
    app.db.dispose()


async def test_recurring_periods_each_get_their_own_ladder(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = make_app(tmp_path, clock)
    add_people(app)
    add_deadline(app, local(2024, 5, 20, 17, 0), title="Báo cáo tháng", recurrence="monthly")
    sched = ReminderScheduler(app)
    seen = await walk(app, sched, clock, clock.now())  # the notice, at 09:00
    clock.set(local(2024, 5, 3, 8, 0))  # then every morning at reminder time
    seen += await walk(app, sched, clock, local(2024, 6, 25, 12, 0), step=timedelta(days=1))
    lqd = [(t, text.split(" — ")[0]) for t, chat, text in seen if chat == LQD]
    may = [x for x in lqd if "tháng 05/2024" in x[1]]
    june = [x for x in lqd if "tháng 06/2024" in x[1]]
    assert [t for t, _ in may] == [
        "02/05 09:00",
        "13/05 08:00",
        "17/05 08:00",
        "19/05 08:00",
        "20/05 08:00",
        "21/05 08:00",
    ]
    assert [t for t, _ in june] == [
        "23/05 08:00",
        "13/06 08:00",
        "17/06 08:00",
        "19/06 08:00",
        "20/06 08:00",
        "21/06 08:00",
    ]
    app.db.dispose()
