"""Conversations on Zalo: the app and its Zalo channel against the fake Zalo Bot API.

The app runs in the test's event loop, wired as `danvan run` wires it
(bot.runtime.zalo_channel); people talk through the fake server by long polling (the
webhook is in tests/test_web_webhooks.py), and the assertions read what the server was
asked to send.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, build_app
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_render import TEXT_ONLY
from bot.runtime import zalo_channel
from core.clock import FakeClock
from core.messages import ChatRef
from core.settings import Settings
from handlers.reminders.plan import NOTICE
from handlers.reminders.texts import branch_reply
from storage.repos.assignments import assignment_views
from tests.fakes.zalo_server import TOKEN, FakeZalo
from tests.support import TZ, Person, ZaloLine, wait_for

OFFICE, LAN, MINH = "0ffice0ffice0ffice00", "6ede9afa66b88fe6d6a9", "7fa1b2c3d4e5f6a7b8c9"


def people(app: App, fake: FakeZalo) -> tuple[Person, Person, Person]:
    """The office, Lan and Minh in their private Zalo chats with the bot."""
    line = ZaloLine(fake)
    return Person(app, line, OFFICE), Person(app, line, LAN), Person(app, line, MINH)


async def invite(office: Person, words: str) -> str:
    """The office makes an invite with /moi; the code to send as «/start CODE»."""
    *_, made = await office.send(f"/moi {words}", until="/start")
    found = re.search(r"/start (\w+)", made)
    assert found and "t.me" not in made, made
    return found.group(1)


async def answer(fake: FakeZalo, chat_id: str, before: int, until: str) -> str:
    """The first text sent to a chat after `before` containing `until`."""
    texts = lambda: fake.texts(chat_id)[before:]  # noqa: E731
    return await wait_for(lambda: next((t for t in texts() if until in t), None))


@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    """The fake Zalo Bot API server."""
    server = FakeZalo().start()
    yield server
    server.stop()


@asynccontextmanager
async def running(
    fake: FakeZalo, tmp_path: Path, database_url: str, **extra: Any
) -> AsyncIterator[App]:
    """The app with its Zalo channel receiving from the fake server."""
    settings = Settings(
        zalo_bot_token=TOKEN,  # type: ignore[arg-type]
        zalo_api_base_url=fake.base_url,
        database_url=database_url,
        samples_dir=str(tmp_path / "none"),
        admin_chat_ids=f"zalo:{OFFICE}",
        _env_file=None,  # type: ignore[call-arg]
        **extra,
    )
    app = build_app(settings, clock=FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=TZ)))
    channel = zalo_channel(app)
    channel.client.poll_seconds = 1
    app.add_channel(channel)
    await channel.start(app.process)
    try:
        yield app
    finally:
        await channel.stop()
        app.db.dispose()


async def test_joining_by_code_then_confirming_a_reminder_by_its_number(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    async with running(fake, tmp_path, database_url) as app:
        office, lan, minh = people(app, fake)
        assert fake.calls_to("deleteWebhook")  # polling needs no webhook set
        await office.send("/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
        code = await invite(office, "A1")
        *_, joined = await lan.send(f"/start {code}", until="Chào mừng")
        assert "mã A1" in joined
        # The office learns who joined, by the Zalo display name.
        notice = await wait_for(
            lambda: next((t for t in fake.texts(OFFICE) if "Người dùng" in t), None)
        )
        assert "A1" in notice
        # A reminder arrives with its «Đã nộp» as a numbered option.
        await office.send("/hanmoi 30/11/2026 Báo cáo tình hình tư tưởng", until="#")
        [view] = assignment_views(app.db)
        chat = ChatRef("zalo", LAN)
        now = app.ctx.clock.now()
        await app.delivery.deliver(chat, branch_reply(NOTICE, view, now, TZ, chat))
        reminder = fake.texts(LAN)[-1]
        assert "[1] Đã nộp" in reminder and "Gõ số thứ tự" in reminder
        assert "<" not in reminder and "&amp;" not in reminder  # plain text, no HTML
        *_, done = await lan.send("1", until="Đã ghi nhận")
        # The confirmation's own option goes on numbering: «1» typed twice cannot undo.
        assert "Chi bộ Trường THPT Nguyễn Du đã nộp" in done and "[2] Hoàn tác" in done
        assert "Không có lựa chọn số 1" in (await lan.send("1", until="lựa chọn"))[-1]
        assert "Đã hoàn tác" in (await lan.send("2", until="hoàn tác"))[-1]
        assert "Đã ghi nhận" in (await lan.send("đã nộp", until="Đã ghi nhận"))[-1]


async def test_two_reminders_in_a_row_each_confirmed_by_its_own_number(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    async with running(fake, tmp_path, database_url) as app:
        office, lan, minh = people(app, fake)
        await office.send("/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
        await lan.send(f"/start {await invite(office, 'A1')}", until="Chào mừng")
        await office.send("/hanmoi 30/11/2026 Báo cáo tình hình tư tưởng", until="#")
        await office.send("/hanmoi 05/12/2026 Báo cáo tổng kết năm", until="#")
        chat, now = ChatRef("zalo", LAN), app.ctx.clock.now()
        for view in assignment_views(app.db):
            await app.delivery.deliver(chat, branch_reply(NOTICE, view, now, TZ, chat))
        first, second = fake.texts(LAN)[-2:]
        assert "tư tưởng" in first and "[1] Đã nộp" in first
        assert "tổng kết năm" in second and "[2] Đã nộp" in second
        assert "“Báo cáo tình hình tư tưởng”" in (await lan.send("1", until="Đã ghi nhận"))[-1]
        assert "“Báo cáo tổng kết năm”" in (await lan.send("2", until="Đã ghi nhận"))[-1]
        *_, wrong = await lan.send("7", until="lựa chọn")
        assert wrong.startswith("Không có lựa chọn số 7 đang chờ. Các số đang chờ: 3, 4.")
        # Words still work beside the numbers.
        assert "Đã hoàn tác" in (await lan.send("hủy", until="hoàn tác"))[-1]
    async with running(
        fake, tmp_path, database_url
    ) as app:  # a restart forgets the options, and says so
        lan = people(app, fake)[1]
        assert "Không có lựa chọn số 1 đang chờ" in (await lan.send("1", until="lựa chọn"))[-1]


async def test_a_message_arriving_while_stopping_is_answered(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    fake.idle_wait = 60
    async with running(fake, tmp_path, database_url) as app:
        office, lan, minh = people(app, fake)
        channel = app.channels["zalo"]
        assert isinstance(channel, ZaloChannel) and channel.poller is not None
        poller = channel.poller
        channel.client.poll_seconds = 30  # the next poll stays open until a message comes
        started = fake.polls
        await wait_for(lambda: fake.polls > started and fake.polling)
        polls = fake.polls
        stopping = asyncio.create_task(channel.stop_receiving())
        await wait_for(lambda: poller.stopping)
        fake.enqueue(fake.message(MINH, text="/start"))
        await asyncio.wait_for(stopping, 20)
        assert any("Xin chào" in t for t in fake.texts(MINH))
        assert fake.polls == polls and fake.updates == []  # taken once, no poll after


async def test_repeats_are_answered_once_and_non_text_politely(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    async with running(fake, tmp_path, database_url) as app:
        office, lan, minh = people(app, fake)
        hello = fake.message(MINH, text="/start")
        fake.enqueue(hello, times=3)  # getUpdates has no offset: Zalo may send it again
        await answer(fake, MINH, 0, "Xin chào")
        for kind in ("image", "sticker", "unsupported"):
            before = len(minh.inbox())
            fake.enqueue(fake.message(MINH, kind))  # a picture or sticker: no text to send
            assert await answer(fake, MINH, before, "chỉ đọc được tin nhắn chữ") == TEXT_ONLY
        await asyncio.sleep(0.5)
    texts = fake.texts(MINH)
    assert len(texts) == 4 and sum("Xin chào" in t for t in texts) == 1


async def test_typing_shows_while_answering_and_its_failure_is_ignored(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    fake.fail("sendChatAction", 400, "Not supported")
    async with running(fake, tmp_path, database_url) as app:
        office, lan, minh = people(app, fake)
        app.channels["zalo"].typing_after = 0  # type: ignore[attr-defined]
        assert "mã mời" in (await minh.send("kh 89", until="mã mời"))[-1]
    [typing] = fake.calls_to("sendChatAction", MINH)  # tried once, never again after failing
    assert typing.params["action"] == "typing"


async def test_a_blocked_user_is_marked_and_the_office_told(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    async with running(fake, tmp_path, database_url) as app:
        office, lan, minh = people(app, fake)
        await office.send("/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
        await lan.send(f"/start {await invite(office, 'A1')}", until="Chào mừng")
        fake.block(LAN)
        before = len(fake.texts(OFFICE))
        await app.delivery.deliver(ChatRef("zalo", LAN), _plain("Nhắc hạn"))
        told = await answer(fake, OFFICE, before, "Không gửi được")
    assert "Chi bộ Trường THPT Nguyễn Du" in told


async def test_polling_survives_server_errors(
    fake: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    fake.fail("getUpdates", 502, "Bad Gateway", times=2)
    async with running(fake, tmp_path, database_url) as app:
        office, lan, minh = people(app, fake)
        assert "Xin chào" in (await minh.send("/start", until="Xin chào"))[-1]


def _plain(text: str) -> Any:
    from core.messages import Reply

    return Reply(text, kind="reminder")
