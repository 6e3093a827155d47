"""/metrics: what a Prometheus scrape of a bot that has been talking shows."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx

from bot.app import App
from bot.scheduler import ReminderScheduler
from bot.web.app import build_web
from bot.web.health import Health
from core.clock import FakeClock
from core.messages import ChatRef, Reply
from tests.fakes.channel import FakeChannel
from tests.support import Person, local
from tests.support_reminders import add_deadline, add_people, make_app


async def scrape(app: App) -> tuple[str, list[str]]:
    """GET /metrics: the content type and the sample lines (no comments)."""
    web = build_web(Health(app), app.metrics)
    transport = httpx.ASGITransport(app=web)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
        answer = await client.get("/metrics")
    assert answer.status_code == 200
    lines = [line for line in answer.text.splitlines() if not line.startswith("#")]
    return answer.headers["content-type"], lines


async def test_messages_in_and_out_and_the_answer_time_per_channel(
    app: App, channel: FakeChannel
) -> None:
    lan = Person(app, channel, "501", "Lan")
    await lan.send("/start")
    await lan.send("/help")
    long_text = "Kế hoạch tuyên truyền. " * 400  # over the 4,096 characters of one message
    await app.delivery.deliver(ChatRef("fake", "501"), Reply(long_text))
    kind, lines = await scrape(app)
    assert kind.startswith("text/plain")
    assert 'danvan_messages_in_total{channel="fake"} 2.0' in lines
    assert 'danvan_messages_out_total{channel="fake"} 5.0' in lines  # 2 answers + 3 parts
    assert 'danvan_answer_seconds_count{channel="fake"} 2.0' in lines
    assert any(line.startswith('danvan_answer_seconds_bucket{channel="fake",le="+Inf"} 2.0')
               for line in lines)  # fmt: skip


async def test_reminder_states_come_from_the_database(tmp_path: Path, database_url: str) -> None:
    clock = FakeClock(local(2026, 11, 25, 9, 0))  # a working day: the notices go out
    app = make_app(tmp_path, clock, database_url)
    try:
        add_people(app)
        add_deadline(app, local(2026, 12, 20, 17, 0))
        sched = ReminderScheduler(app)
        sched.plan(clock.now())
        _, before = await scrape(app)
        await sched.run_due(clock.now() + timedelta(minutes=1))
        _, after = await scrape(app)
    finally:
        app.db.dispose()
    planned = [line for line in before if line.startswith('danvan_reminders{state="planned"}')]
    assert planned and float(planned[0].split()[-1]) > 2
    assert 'danvan_reminders{state="sent"} 0.0' in before
    assert 'danvan_reminders{state="sent"} 2.0' in after  # the notice to each branch
    assert 'danvan_reminders{state="failed"} 0.0' in after


async def test_two_apps_count_apart(tmp_path: Path, app: App, channel: FakeChannel) -> None:
    other = make_app(tmp_path / "other", FakeClock(local(2026, 11, 24, 9, 0)))
    try:
        await Person(app, channel, "501").send("/start")
        _, mine = await scrape(app)
        _, theirs = await scrape(other)
    finally:
        other.db.dispose()
    assert 'danvan_messages_in_total{channel="fake"} 1.0' in mine
    assert not any(line.startswith("danvan_messages_in_total") for line in theirs)
