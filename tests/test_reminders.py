"""The reminder ladder as branches and admins see it, driven by a fake clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlmodel import select

from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from storage.models.messages import SentMessage
from storage.repos import assignments
from tests.support import Person, local
from tests.support_reminders import ADMIN, LQD, NTMK, add_deadline, add_people, fake, make_app, walk

FOOTER = "Khi đã nộp, đồng chí chọn “Đã nộp” hoặc nhắn “đã nộp”."
URGE = "Chi bộ chưa nộp, đề nghị đồng chí khẩn trương hoàn thành."


async def test_full_ladder_for_one_deadline(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))  # a Friday
    sched = ReminderScheduler(app)
    seen = await walk(app, sched, clock, local(2024, 5, 13, 12, 0))  # hourly: exact times
    seen += await walk(app, sched, clock, local(2024, 5, 25, 12, 0), step=timedelta(hours=5))
    lqd = [(t, text) for t, chat, text in seen if chat == LQD]
    what = "Báo cáo 6 tháng (34-HD/ĐU, mục II) — hạn thứ Sáu 10/05/2024."
    assert lqd == [
        ("02/05 09:00", f"Việc mới được giao, còn 8 ngày: {what} {FOOTER}"),
        ("03/05 08:00", f"Còn 7 ngày: {what} {FOOTER}"),
        ("07/05 08:00", f"Còn 3 ngày: {what} {FOOTER}"),
        ("09/05 08:00", f"Còn 1 ngày: {what} {FOOTER}"),
        ("10/05 08:00", f"Hôm nay là hạn chót: {what} {FOOTER}"),
        # Not on Saturday: the first working day after the due date.
        ("13/05 08:00", f"Quá hạn 3 ngày: {what} {URGE} {FOOTER}"),
    ]
    admin = [(t, text) for t, chat, text in seen if chat == ADMIN]
    assert admin == [  # both branches missed it in the same pass: one message names both
        (
            "13/05 08:00",
            "Quá hạn chưa nộp: 2 chi bộ.\n"
            "\n"
            "Báo cáo 6 tháng (34-HD/ĐU, mục II) — hạn thứ Sáu 10/05/2024, quá hạn 3 ngày:\n"
            "- Chi bộ Trường THPT Lê Quý Đôn (mã LQD)\n"
            "- Chi bộ Trường THCS Nguyễn Thị Minh Khai (mã NTMK)\n"
            "\n"
            "Các chi bộ đã được nhắc.",
        ),
    ]
    assert len([c for _, c, _ in seen if c == NTMK]) == 6  # the other branch has its own ladder
    app.db.dispose()


async def test_reminder_carries_done_button_and_reference(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
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
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    clock.set(local(2024, 5, 2, 22, 0))
    app = make_app(tmp_path, clock, database_url, quiet_hours="21:00-07:00")
    add_people(app)
    add_deadline(app, local(2024, 5, 3, 17, 0))
    seen = await walk(
        app, ReminderScheduler(app), clock, local(2024, 5, 3, 12, 0), step=timedelta(minutes=30)
    )
    lqd = [(t, text.split(":")[0]) for t, chat, text in seen if chat == LQD]
    assert lqd == [("03/05 07:00", "Việc mới được giao, hạn hôm nay")]
    app.db.dispose()


async def test_ladder_time_inside_quiet_hours_waits_for_their_end(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url, quiet_hours="21:00-07:30", reminder_time="06:00")
    add_people(app)
    add_deadline(app, local(2024, 5, 4, 17, 0))  # a make-up working Saturday in 2024
    seen = await walk(
        app, ReminderScheduler(app), clock, local(2024, 5, 4, 12, 0), step=timedelta(minutes=30)
    )
    times = [t for t, chat, _ in seen if chat == LQD]
    assert times == ["02/05 09:00", "03/05 07:30", "04/05 07:30"]  # notice, d1, d0
    app.db.dispose()


async def test_no_reminder_after_submission_or_exemption(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
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
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 20, 17, 0), title="Báo cáo tháng", recurrence="monthly")
    sched = ReminderScheduler(app)
    seen = await walk(app, sched, clock, clock.now())  # the notice, at 09:00
    clock.set(local(2024, 5, 3, 8, 0))  # then every morning at reminder time
    seen += await walk(app, sched, clock, local(2024, 6, 25, 12, 0), step=timedelta(days=1))
    lqd = [(t, text) for t, chat, text in seen if chat == LQD]
    may = [t for t, text in lqd if "kỳ tháng 05/2024" in text]
    june = [t for t, text in lqd if "kỳ tháng 06/2024" in text]
    # 19/05 and 19/06 fall on days off: d1 goes with d3 on the Friday before (17/05)
    # or is a working Wednesday (19/06).
    assert may == ["02/05 09:00", "13/05 08:00", "17/05 08:00", "20/05 08:00", "21/05 08:00"]
    assert june == [
        "21/05 08:00",  # announced RECURRENCE_LEAD_DAYS (30) before its due date
        "13/06 08:00",
        "17/06 08:00",
        "19/06 08:00",
        "20/06 08:00",
        "21/06 08:00",
    ]
    # May's overdue reminder and June's notice fall on the same morning: one message.
    (both,) = [text for t, text in lqd if t == "21/05 08:00"]
    assert both.splitlines()[:3] == [
        "Chi bộ Trường THPT Lê Quý Đôn có 2 việc cần lưu ý hôm nay, thứ Ba 21/05/2024:",
        "1. Quá hạn 1 ngày: Báo cáo tháng, kỳ tháng 05/2024 (34-HD/ĐU, mục II) — hạn thứ Hai "
        "20/05/2024, chi bộ chưa nộp.",
        "2. Việc mới được giao, còn 30 ngày: Báo cáo tháng, kỳ tháng 06/2024 (34-HD/ĐU, mục II) "
        "— hạn thứ Năm 20/06/2024.",
    ]
    app.db.dispose()


MORNING = [
    "Chi bộ Trường THPT Lê Quý Đôn có 3 việc cần lưu ý hôm nay, thứ Hai 13/05/2024:",
    "1. Quá hạn 3 ngày: Báo cáo 6 tháng (34-HD/ĐU, mục II) — hạn thứ Sáu 10/05/2024, "
    "chi bộ chưa nộp.",
    "2. Hôm nay là hạn chót: Báo cáo chuyên đề (34-HD/ĐU, mục II) — hạn thứ Hai 13/05/2024.",
    "3. Còn 3 ngày: Báo cáo quý (34-HD/ĐU, mục II) — hạn thứ Năm 16/05/2024.",
    "Khi đã nộp việc nào, đồng chí chọn “Đã nộp” của việc đó, hoặc nhắn “đã nộp” kèm số thứ tự, "
    "ví dụ “đã nộp 1”.",
]


async def test_three_reminders_of_one_morning_make_one_message(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))  # overdue on Monday 13/05
    add_deadline(app, local(2024, 5, 13, 17, 0), title="Báo cáo chuyên đề")  # due that day
    add_deadline(app, local(2024, 5, 16, 17, 0), title="Báo cáo quý")  # three days left
    sched = ReminderScheduler(app)
    await sched.tick()  # the three notices, also as one message
    clock.set(local(2024, 5, 13, 8, 0))
    before = len(fake(app).sent)
    await sched.tick()
    mine = [s for s in fake(app).sent[before:] if s.chat_id == LQD]
    assert len(mine) == 1 and mine[0].reply.text.splitlines() == MORNING
    views = {v.deadline_title: v.assignment_id for v in assignments.assignment_views(app.db)
             if v.branch_code == "LQD"}  # fmt: skip
    ids = [views["Báo cáo 6 tháng"], views["Báo cáo chuyên đề"], views["Báo cáo quý"]]
    assert [b[0].data for b in mine[0].reply.buttons] == [f"done:{i}" for i in ids]
    assert [b[0].label for b in mine[0].reply.buttons] == [
        "1. Đã nộp: Báo cáo 6 tháng",
        "2. Đã nộp: Báo cáo chuyên đề",
        "3. Đã nộp: Báo cáo quý",
    ]
    secretary = Person(app, fake(app), LQD)
    message = mine[0].message_id
    (which,) = await secretary.send("đã nộp", reply_to=message)  # several items: which one?
    assert "đang có 3 việc chờ nộp" in which
    (done,) = await secretary.send("đã nộp 2", reply_to=message)
    assert done.startswith("Đã ghi nhận: Chi bộ Trường THPT Lê Quý Đôn đã nộp")
    assert "Báo cáo chuyên đề" in done
    (pressed,) = await secretary.press(f"done:{ids[2]}", message_id=message)
    assert "Báo cáo quý" in pressed
    states = {v.deadline_title: v.state for v in assignments.assignment_views(app.db)
              if v.branch_code == "LQD"}  # fmt: skip
    assert states == {"Báo cáo 6 tháng": "pending", "Báo cáo chuyên đề": "submitted",
                      "Báo cáo quý": "submitted"}  # fmt: skip
    app.db.dispose()


async def test_a_combined_message_is_recorded_against_every_reminder_it_carries(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    add_deadline(app, local(2024, 5, 13, 17, 0), title="Báo cáo chuyên đề")
    sched = ReminderScheduler(app)
    await sched.tick()
    # Every row the combined message carried is recorded as delivered to the chat, so
    # a row left claimed by a crash is settled without sending it again.
    with app.db.session() as session:
        rows = session.exec(select(SentMessage).where(SentMessage.chat_id == LQD)).all()
    assert len({r.reminder_id for r in rows}) == 2 and len({r.message_id for r in rows}) == 1
    assert {r.ref for r in rows} == {rows[0].ref} and (rows[0].ref or "").startswith("pick:")
    app.db.dispose()
