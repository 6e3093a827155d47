"""The delivery layer: pacing, retries, unreachable chats, recorded message ids."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlmodel import select

from bot.app import App
from bot.channels.base import DeliveryError, RetryLater, SendResult, TransientError, Unreachable
from bot.delivery import Delivery
from bot.ratelimit import VirtualTicker
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from core.messages import Button, ChatRef, Reply
from storage.models.messages import SentMessage
from storage.models.org import MemberChat
from storage.repos import assignments
from storage.repos.messages import ref_of_message
from tests.fakes.channel import FakeChannel
from tests.support import local
from tests.support_reminders import ADMIN, LQD, add_deadline, add_people, fake, make_app


@dataclass
class ScriptedChannel(FakeChannel):
    """A fake channel that fails the first calls to a chat as scripted."""

    script: dict[str, list[Exception]] = field(default_factory=dict)
    calls: int = 0

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Raise the next scripted failure for this chat, else record the reply."""
        self.calls += 1
        pending = self.script.get(chat_id)
        if pending:
            raise pending.pop(0)
        return await super().send(chat_id, reply)


def paced(app: App, channel: FakeChannel) -> tuple[Delivery, VirtualTicker]:
    """A delivery layer on virtual time, so waits are counted instead of slept."""
    ticker = VirtualTicker()
    delivery = Delivery(app.ctx, {channel.name: channel}, ticker=ticker)
    app.delivery = delivery
    app.channels[channel.name] = channel
    return delivery, ticker


@pytest.fixture
def world(tmp_path: Path, clock: FakeClock, database_url: str) -> App:
    """An app with an admin and two branches."""
    app = make_app(tmp_path, clock, database_url)
    add_people(app)
    yield app  # type: ignore[misc]
    app.db.dispose()


async def test_global_rate_is_thirty_messages_a_second(world: App) -> None:
    delivery, ticker = paced(world, FakeChannel())
    chats = [ChatRef("fake", str(1000 + n)) for n in range(91)]
    await asyncio.gather(*(delivery.deliver(c, Reply("Thông báo")) for c in chats))
    assert ticker.now == pytest.approx(90 / 30)  # 91 messages: the first is free


async def test_one_message_a_second_to_the_same_chat(world: App) -> None:
    delivery, ticker = paced(world, FakeChannel())
    for n in range(4):
        await delivery.deliver(ChatRef("fake", LQD), Reply(f"Tin {n + 1}"))
    assert ticker.now == pytest.approx(3.0)


async def test_network_errors_are_retried_with_backoff(world: App) -> None:
    channel = ScriptedChannel(script={LQD: [TransientError("502"), TransientError("timeout")]})
    delivery, ticker = paced(world, channel)
    result = await delivery.deliver(ChatRef("fake", LQD), Reply("Xin chào"))
    assert channel.texts(LQD) == ["Xin chào"] and result.message_ids == ["1"]
    # Backoff 0.5 s then 1 s; the per-chat pace (1 s after the first try) is absorbed.
    assert 0.5 in ticker.sleeps and 1.0 in ticker.sleeps
    assert ticker.now == pytest.approx(2.0)


async def test_429_waits_its_retry_after(world: App) -> None:
    channel = ScriptedChannel(script={LQD: [RetryLater(7)]})
    delivery, ticker = paced(world, channel)
    await delivery.deliver(ChatRef("fake", LQD), Reply("Xin chào"))
    assert 7 in ticker.sleeps and channel.texts(LQD) == ["Xin chào"]


async def test_gives_up_after_the_last_attempt(world: App) -> None:
    channel = ScriptedChannel(script={LQD: [TransientError("500")] * 10})
    delivery, _ = paced(world, channel)
    with pytest.raises(DeliveryError):
        await delivery.deliver(ChatRef("fake", LQD), Reply("Xin chào"))
    assert channel.calls == delivery.max_attempts
    await delivery.deliver_all(ChatRef("fake", LQD), [Reply("Một"), Reply("Hai")])  # logged


async def test_blocked_chat_is_marked_and_admins_are_told(world: App) -> None:
    channel = ScriptedChannel(script={LQD: [Unreachable("403 Forbidden: bot was blocked")]})
    delivery, _ = paced(world, channel)
    result = await delivery.deliver(ChatRef("fake", LQD), Reply("Xin chào"))
    assert result.message_ids == []
    (alert,) = channel.texts(ADMIN)
    assert alert.startswith(
        "Không gửi được tin nhắn tới Chi bộ Trường THPT Lê Quý Đôn (mã LQD): "
        "tài khoản Bí thư LQD đã chặn bot hoặc chưa từng nhắn tin cho bot."
    )
    with world.db.session() as session:
        chats = session.exec(select(MemberChat)).all()
    assert {c.chat_id: c.reachable for c in chats}[LQD] is False


async def test_unreachable_branch_gets_no_more_reminders(world: App, clock: FakeClock) -> None:
    channel = fake(world)
    channel.failures[LQD] = Unreachable("403")
    add_deadline(world, local(2024, 5, 10, 17, 0))
    sched = ReminderScheduler(world)
    await sched.tick()
    assert len(channel.texts(ADMIN)) == 1  # one alert naming the branch
    del channel.failures[LQD]
    clock.set(local(2024, 5, 3, 8, 0))
    await sched.tick()
    assert channel.texts(LQD) == [] and len(channel.texts(ADMIN)) == 1


async def test_every_reminder_is_recorded_with_its_message_id(world: App) -> None:
    add_deadline(world, local(2024, 5, 10, 17, 0))
    await ReminderScheduler(world).tick()
    sent = fake(world).last(LQD)
    views = assignments.assignment_views(world.db)
    (aid,) = [v.assignment_id for v in views if v.branch_code == "LQD"]
    assert ref_of_message(world.db, "fake", LQD, sent.message_id) == f"assignment:{aid}"
    with world.db.session() as session:
        rows = session.exec(select(SentMessage).where(SentMessage.kind == "reminder")).all()
    assert {(r.chat_id, r.ref) for r in rows} >= {(LQD, f"assignment:{aid}")}
    assert all(r.reminder_id is not None for r in rows)


async def test_ordinary_replies_go_through_the_same_layer(world: App) -> None:
    from tests.support import Person

    channel = fake(world)
    (reply,) = await Person(world, channel, LQD).send("/help")
    assert reply
    with world.db.session() as session:
        rows = session.exec(select(SentMessage).where(SentMessage.chat_id == LQD)).all()
    assert [r.message_id for r in rows] == [channel.last(LQD).message_id]


@dataclass
class FlakyPartsChannel(FakeChannel):
    """A fake channel with a short limit whose n-th call fails once."""

    fail_on: dict[int, Exception] = field(default_factory=dict)
    calls: int = 0

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Fail the scripted call, else record the part."""
        self.calls += 1
        if self.calls in self.fail_on:
            raise self.fail_on.pop(self.calls)
        return await super().send(chat_id, reply)


async def test_a_long_answer_arrives_once_when_a_later_part_is_retried(world: App) -> None:
    channel = FlakyPartsChannel(max_text=40, fail_on={2: RetryLater(3), 4: TransientError("502")})
    delivery, ticker = paced(world, channel)
    paragraphs = [f"Đoạn {n}: báo cáo sơ kết sáu tháng." for n in range(1, 4)]
    button = Button("Đã nộp", "done:7")
    reply = Reply("\n\n".join(paragraphs), buttons=((button,),), ref="assignment:7")
    result = await delivery.deliver(ChatRef("fake", LQD), reply)
    assert channel.texts(LQD) == paragraphs  # each part once, in order
    assert [s.reply.buttons for s in channel.sent] == [(), (), ((button,),)]
    assert len(result.message_ids) == 3 and 3 in ticker.sleeps
    assert {ref_of_message(world.db, "fake", LQD, i) for i in result.message_ids} == {
        "assignment:7"
    }
