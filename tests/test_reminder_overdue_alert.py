"""The admins' overdue alert: one message per pass naming every branch that missed a deadline."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.channels.base import TransientError
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from storage.repos import assignments
from storage.repos import reminders as repo
from storage.repos.members import bind_chat
from tests.fakes.channel import KillableChannel, Killed
from tests.support import Person, local
from tests.support_reminders import ADMIN, ADMIN2, add_deadline, fake, make_app, new_branch

ALERT = "overdue_alert"
WHAT = "Báo cáo 6 tháng (34-HD/ĐU, mục II) — hạn thứ Sáu 10/05/2024, quá hạn 3 ngày:"


def secretary(n: int) -> str:
    """The chat of branch n's secretary."""
    return f"3{n:02d}"


def add_branches(app: App, count: int, admins: tuple[str, ...] = (ADMIN,)) -> None:
    """Admin chats and `count` branches C01.. (Chi bộ Trường số 1..), each with a secretary."""
    for chat in admins:
        bind_chat(app.db, "fake", chat, "admin", None, "Văn phòng Đảng ủy")
    for n in range(1, count + 1):
        branch, _ = new_branch(app.db, f"C{n:02d}", f"Chi bộ Trường số {n}", app.ctx.clock.now())
        bind_chat(app.db, "fake", secretary(n), "secretary", branch.id, f"Bí thư C{n:02d}")


def alerts(app: App, chat: str = ADMIN) -> list[str]:
    """The overdue alerts a chat received."""
    return [s.reply.text for s in fake(app).sent if s.chat_id == chat and s.reply.kind == ALERT]


def overdue_texts(app: App, n: int) -> list[str]:
    """The overdue reminders branch n's secretary received."""
    return [t for t in fake(app).texts(secretary(n)) if t.startswith("Quá hạn")]


def branch_lines(count: int) -> list[str]:
    """The alert's lines naming branches 1..count, in code order."""
    return [f"- Chi bộ Trường số {n} (mã C{n:02d})" for n in range(1, count + 1)]


def overdue_statuses(app: App) -> list[str]:
    """The status of every overdue reminder row."""
    views = assignments.assignment_views(app.db)
    rows = [r for v in views for r in repo.reminders_of(app.db, v.assignment_id)]
    return sorted(r.status for r in rows if r.kind == "overdue")


async def notices_then_overdue(app: App, clock: FakeClock) -> ReminderScheduler:
    """Send the notices now, then move the clock to the overdue morning (Monday 13/05 08:00)."""
    sched = ReminderScheduler(app)
    await sched.tick()
    clock.set(local(2024, 5, 13, 8, 0))
    return sched


async def test_twelve_branches_missing_a_deadline_make_one_alert_per_admin(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_branches(app, 12, admins=(ADMIN, ADMIN2))
    add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = await notices_then_overdue(app, clock)
    await sched.tick()
    expected = "\n".join(
        [
            "Quá hạn chưa nộp: 12 chi bộ.",
            "",
            WHAT,
            *branch_lines(12),
            "",
            "Các chi bộ đã được nhắc.",
        ]
    )
    assert alerts(app, ADMIN) == [expected]
    assert alerts(app, ADMIN2) == [expected]
    for n in range(1, 13):  # every secretary still hears about their own branch
        assert overdue_texts(app, n) == [
            "Quá hạn 3 ngày: Báo cáo 6 tháng (34-HD/ĐU, mục II) — hạn thứ Sáu 10/05/2024. "
            "Chi bộ chưa nộp, đề nghị đồng chí khẩn trương hoàn thành. "
            "Khi đã nộp, đồng chí chọn “Đã nộp” hoặc nhắn “đã nộp”."
        ]
    assert overdue_statuses(app) == ["sent"] * 12
    clock.advance(timedelta(hours=5))
    await sched.tick()
    assert len(alerts(app, ADMIN)) == 1  # nothing repeats on the next pass
    app.db.dispose()


async def test_alert_groups_branches_by_deadline_and_names_a_branch_without_a_chat(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_branches(app, 2)
    new_branch(app.db, "C03", "Chi bộ Trường số 3", clock.now())  # nobody has joined yet
    add_deadline(app, local(2024, 5, 10, 17, 0))
    add_deadline(app, local(2024, 5, 9, 17, 0), title="Báo cáo chuyên đề")
    sched = await notices_then_overdue(app, clock)  # down since 10/05: both overdue rows due
    await sched.tick()
    assert alerts(app) == [
        "Quá hạn chưa nộp: 3 chi bộ, 2 việc.\n"
        "\n"
        "Báo cáo chuyên đề (34-HD/ĐU, mục II) — hạn thứ Năm 09/05/2024, quá hạn 4 ngày:\n"
        "- Chi bộ Trường số 1 (mã C01)\n"
        "- Chi bộ Trường số 2 (mã C02)\n"
        "- Chi bộ Trường số 3 (mã C03) — chưa có tài khoản nhận tin nên bot chưa nhắc được\n"
        "\n"
        f"{WHAT}\n"
        "- Chi bộ Trường số 1 (mã C01)\n"
        "- Chi bộ Trường số 2 (mã C02)\n"
        "- Chi bộ Trường số 3 (mã C03) — chưa có tài khoản nhận tin nên bot chưa nhắc được\n"
        "\n"
        "Các chi bộ còn lại đã được nhắc."
    ]
    assert overdue_statuses(app) == ["sent"] * 6
    app.db.dispose()


async def test_a_single_overdue_branch_gets_the_short_alert_an_admin_can_answer(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_branches(app, 2)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = await notices_then_overdue(app, clock)
    views = {v.branch_code: v for v in assignments.assignment_views(app.db)}
    assert assignments.submit(app.db, views["C02"].assignment_id, None, clock.now(), "button")
    await sched.tick()
    assert alerts(app) == [
        "Quá hạn 3 ngày: Chi bộ Trường số 1 (mã C01) chưa nộp Báo cáo 6 tháng "
        "(34-HD/ĐU, mục II) — hạn thứ Sáu 10/05/2024. Chi bộ đã được nhắc."
    ]
    office = Person(app, fake(app), ADMIN)
    notice = [s for s in fake(app).sent if s.reply.kind == ALERT][0].message_id
    (reply,) = await office.send("đã nộp", reply_to=notice)  # the report came on paper
    assert reply.startswith("Đã ghi nhận: Chi bộ Trường số 1 đã nộp “Báo cáo 6 tháng”")
    app.db.dispose()


async def test_failed_admin_alert_is_retried_without_repeating_the_branch_reminders(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = make_app(tmp_path, clock, database_url)
    add_branches(app, 3)
    add_deadline(app, local(2024, 5, 10, 17, 0))
    sched = await notices_then_overdue(app, clock)
    fake(app).failures[ADMIN] = TransientError("502 Bad Gateway")
    await sched.tick()
    assert alerts(app) == []
    assert [len(overdue_texts(app, n)) for n in (1, 2, 3)] == [1, 1, 1]
    assert overdue_statuses(app) == ["planned"] * 3  # given back for the next sweep
    del fake(app).failures[ADMIN]
    clock.advance(timedelta(seconds=30))
    await sched.tick()
    assert alerts(app) == [
        "\n".join(
            ["Quá hạn chưa nộp: 3 chi bộ.", "", WHAT, *branch_lines(3)]
            + ["", "Các chi bộ đã được nhắc."]
        )
    ]
    assert [len(overdue_texts(app, n)) for n in (1, 2, 3)] == [1, 1, 1]
    assert overdue_statuses(app) == ["sent"] * 3
    app.db.dispose()


async def test_killed_while_alerting_then_restarted_tells_only_the_admin_not_yet_told(
    tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    first = make_app(tmp_path, clock, database_url)
    channel = KillableChannel()
    first.add_channel(channel)
    add_branches(first, 4, admins=(ADMIN, ADMIN2))
    add_deadline(first, local(2024, 5, 10, 17, 0))
    sched = await notices_then_overdue(first, clock)
    channel.kill_at.add((ADMIN2, ALERT))
    with pytest.raises(Killed):
        await sched.tick()  # sorted admin chats: 100 was told, then the process died on 101
    assert len(alerts(first, ADMIN)) == 1 and alerts(first, ADMIN2) == []
    first.db.dispose()

    second = make_app(tmp_path, clock, database_url)
    restarted = ReminderScheduler(second)
    await restarted.tick()
    assert fake(second).sent == []  # the rows are still claimed by the dead process
    clock.advance(timedelta(minutes=11))
    await restarted.tick()
    expected = ["Quá hạn chưa nộp: 4 chi bộ.", "", WHAT, *branch_lines(4)]
    assert alerts(second, ADMIN2) == ["\n".join([*expected, "", "Các chi bộ đã được nhắc."])]
    assert [s.chat_id for s in fake(second).sent if s.reply.kind != "digest"] == [ADMIN2]
    assert overdue_statuses(second) == ["sent"] * 4
    second.db.dispose()


async def test_crash_after_the_alert_before_marking_repeats_nothing(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    first = make_app(tmp_path, clock, database_url)
    add_branches(first, 3, admins=(ADMIN, ADMIN2))
    add_deadline(first, local(2024, 5, 10, 17, 0))
    sched = await notices_then_overdue(first, clock)
    with monkeypatch.context() as patch:
        patch.setattr(repo, "mark_sent", lambda *args: None)  # died before marking the rows
        await sched.tick()
    assert len(alerts(first, ADMIN)) == 1 and len(alerts(first, ADMIN2)) == 1
    assert overdue_statuses(first) == ["claimed"] * 3
    first.db.dispose()

    clock.advance(timedelta(minutes=11))
    second = make_app(tmp_path, clock, database_url)
    await ReminderScheduler(second).tick()
    assert [s for s in fake(second).sent if s.reply.kind != "digest"] == []
    assert overdue_statuses(second) == ["sent"] * 3
    second.db.dispose()


async def _two_instances_alert_each_branch_once(
    tmp_path: Path, clock: FakeClock, url: str | None
) -> None:
    one = make_app(tmp_path, clock, url)
    add_branches(one, 12)
    add_deadline(one, local(2024, 5, 10, 17, 0))
    await notices_then_overdue(one, clock)
    two = make_app(tmp_path, clock, url)
    await asyncio.gather(ReminderScheduler(one).tick(), ReminderScheduler(two).tick())
    told = alerts(one) + alerts(two)
    assert 1 <= len(told) <= 2  # one message per admin per pass of each instance
    named = sorted(line for text in told for line in text.splitlines() if line.startswith("- "))
    assert named == sorted(branch_lines(12))  # every branch named once, by one of the two
    for n in range(1, 13):
        assert len(overdue_texts(one, n) + overdue_texts(two, n)) == 1
    assert overdue_statuses(one) == ["sent"] * 12
    one.db.dispose()
    two.db.dispose()


async def test_two_instances_alert_each_overdue_branch_once(
    tmp_path: Path, clock: FakeClock
) -> None:
    await _two_instances_alert_each_branch_once(tmp_path, clock, None)


async def test_two_instances_alert_each_overdue_branch_once_on_postgresql(
    tmp_path: Path, clock: FakeClock
) -> None:
    from tests.support_pg import fresh_pg_database

    with fresh_pg_database() as url:
        await _two_instances_alert_each_branch_once(tmp_path, clock, url)
