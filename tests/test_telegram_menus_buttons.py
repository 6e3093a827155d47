"""Menus follow joins, and pressed buttons leave their message: the bot against the fake Bot API.

The app and its Telegram channel run in the test's event loop, wired as `danvan run`
wires them (bot.runtime.telegram_channel); people talk through the fake server and the
assertions read what it received and what its chats now show.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest

from bot.app import App, build_app
from bot.runtime import telegram_channel
from core.clock import FakeClock
from core.messages import ChatRef
from core.settings import Settings
from handlers.approval import proposal_message
from handlers.reminders.plan import NOTICE
from handlers.reminders.texts import branch_reply
from storage.models import Deadline
from storage.repos.assignments import assignment_views
from storage.repos.deadlines import add_deadline
from tests.fakes.telegram_server import Call, FakeTelegram

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TOKEN = "123:ABC"
OFFICE, LAN, MINH = 200, 100, 300  # OFFICE is in ADMIN_CHAT_IDS
T = TypeVar("T")


@dataclass
class Bot:
    """The running app and the fake server it talks to."""

    app: App
    fake: FakeTelegram

    async def say(self, chat_id: int, text: str, until: str) -> str:
        """Send a text; the first answer containing `until`."""
        return await self._exchange(chat_id, self.fake.text(chat_id, text), until)

    async def press(self, chat_id: int, message_id: int, data: str, until: str) -> str:
        """Press a button of a message; the first answer containing `until`."""
        return await self._exchange(chat_id, self.fake.press(chat_id, message_id, data), until)

    async def _exchange(self, chat_id: int, update: dict[str, Any], until: str) -> str:
        before = len(self.fake.texts(chat_id))
        self.fake.enqueue(update)
        answers = lambda: self.fake.texts(chat_id)[before:]  # noqa: E731
        return await wait(lambda: next((t for t in answers() if until in t), None))

    async def invite(self, words: str) -> str:
        """The office makes an invite with /moi; the code the deep link carries."""
        answer = await self.say(OFFICE, f"/moi {words}", until="t.me/")
        found = re.search(r"\?start=(\w+)", answer)
        assert found, answer
        return found.group(1)

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """A message the bot sent, as the chat shows it now."""
        return next(m for m in self.fake.sent_messages(chat_id) if m["message_id"] == message_id)


async def wait(predicate: Callable[[], T | None], timeout: float = 10.0) -> T:
    """Wait in the event loop until predicate() is truthy; returns its value."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (result := predicate()):
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)
    return result


@asynccontextmanager
async def running(fake: FakeTelegram, tmp_path: Path) -> AsyncIterator[Bot]:
    """The app with its Telegram channel receiving from the fake server."""
    settings = Settings(
        telegram_bot_token=TOKEN,  # type: ignore[arg-type]
        telegram_api_base_url=fake.base_url,
        telegram_bot_username="danvan_test_bot",
        database_url=f"sqlite:///{tmp_path / 'menus.db'}",
        samples_dir=str(tmp_path / "none"),
        admin_chat_ids=str(OFFICE),
        _env_file=None,  # type: ignore[call-arg]
    )
    app = build_app(settings, clock=FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=TZ)))
    channel = telegram_channel(app)
    app.add_channel(channel)
    await channel.start(app.process)
    try:
        yield Bot(app, fake)
    finally:
        await channel.stop()
        app.db.dispose()


@pytest.fixture
def fake() -> Any:
    """The fake Bot API server."""
    server = FakeTelegram(token=TOKEN).start()
    yield server
    server.stop()


def menu_calls(fake: FakeTelegram, chat_id: int) -> list[Call]:
    """setMyCommands/deleteMyCommands calls scoped to one chat."""
    calls = fake.calls_to("setMyCommands") + fake.calls_to("deleteMyCommands")
    return [c for c in calls if c.json("scope") == {"type": "chat", "chat_id": chat_id}]


def commands(call: Call) -> list[str]:
    """The command names of a setMyCommands call."""
    return [c["command"] for c in call.json("commands")]


# ---- the admin menu right after a join -------------------------------------------------------
async def test_an_admin_who_joins_gets_the_admin_menu_at_once(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with running(fake, tmp_path) as bot:
        assert menu_calls(fake, MINH) == []
        code = await bot.invite("quản trị")
        welcome = await bot.say(MINH, f"/start {code}", until="Chào mừng")
        assert "quản trị" in welcome
        [call] = await wait(lambda: menu_calls(fake, MINH))
        assert call.method == "setMyCommands"
        office_menu = [c.name for c in bot.app.router.menu("admin")]
        assert commands(call) == office_menu and {"moi", "tinhhinh"} <= set(office_menu)
        # A secretary joining keeps the default (member) menu: nothing is set for the chat.
        await bot.say(OFFICE, "/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
        code = await bot.invite("A1")
        await bot.say(LAN, f"/start {code}", until="Chào mừng")
        # A wrong code changes nothing either.
        await bot.say(LAN, "/start SAIMA123", until="Mã mời")
        # The admin chat re-joined as a secretary goes back to the default menu.
        code = await bot.invite("A1 phó")
        await bot.say(MINH, f"/start {code}", until="phó bí thư")
        await wait(lambda: len(menu_calls(fake, MINH)) == 2)
    assert menu_calls(fake, LAN) == []
    assert [c.method for c in menu_calls(fake, MINH)] == ["setMyCommands", "deleteMyCommands"]


async def test_a_failed_menu_update_is_logged_and_the_bot_carries_on(
    fake: FakeTelegram, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running(fake, tmp_path) as bot:
        code = await bot.invite("quản trị")
        fake.fail("setMyCommands", 400, "Bad Request: chat not found", times=1)
        await bot.say(MINH, f"/start {code}", until="Chào mừng")
        await wait(lambda: menu_calls(fake, MINH))
        # The new admin is an admin all the same: the office's commands answer.
        answer = await bot.say(MINH, "/chibo", until="chi bộ")
        assert "chỉ dành cho" not in answer
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("bot.")]
    assert "telegram: menu of chat 300 not updated: Chat not found" in ours
    assert not any(TOKEN in line for line in ours)


# ---- pressed buttons leave their message ------------------------------------------------
async def remind(bot: Bot, chat_id: int) -> tuple[int, int]:
    """A deadline for every branch and its reminder to a chat: (message id, assignment id)."""
    await bot.say(OFFICE, "/hanmoi 30/11/2026 Báo cáo tình hình tư tưởng", until="#")
    [view] = assignment_views(bot.app.db)
    now = bot.app.ctx.clock.now()
    chat = ChatRef("telegram", str(chat_id))
    sent = await bot.app.delivery.deliver(chat, branch_reply(NOTICE, view, now, TZ, chat))
    return int(sent.message_ids[0]), view.assignment_id


async def member(bot: Bot, chat_id: int) -> None:
    """A secretary of branch A1 in this chat."""
    await bot.say(OFFICE, "/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
    await bot.say(chat_id, f"/start {await bot.invite('A1')}", until="Chào mừng")


async def test_pressing_done_removes_the_keyboard_of_that_reminder(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with running(fake, tmp_path) as bot:
        await member(bot, LAN)
        reminder, assignment = await remind(bot, LAN)
        assert bot.message(LAN, reminder)["reply_markup"]["inline_keyboard"][0][0] == {
            "text": "Đã nộp",
            "callback_data": f"done:{assignment}",
        }
        answer = await bot.press(LAN, reminder, f"done:{assignment}", until="Đã ghi nhận")
        assert "Chi bộ Trường THPT Nguyễn Du đã nộp" in answer
        [edit] = await wait(lambda: fake.calls_to("editMessageReplyMarkup", LAN))
        assert edit.params["message_id"] == str(reminder)
        assert "reply_markup" not in edit.params  # no keyboard: the Bot API removes it
        assert "reply_markup" not in bot.message(LAN, reminder)  # what Lan now sees
        # The confirmation's «Hoàn tác» goes the same way once pressed.
        [confirmation] = [m for m in fake.sent_messages(LAN) if "undo:" in str(m)]
        undo = f"undo:{assignment}"
        await bot.press(LAN, confirmation["message_id"], undo, until="Đã hoàn tác")
        await wait(lambda: len(fake.calls_to("editMessageReplyMarkup", LAN)) == 2)
        assert "reply_markup" not in bot.message(LAN, confirmation["message_id"])
    assert len(fake.calls_to("answerCallbackQuery")) == 2


async def test_a_keyboard_that_cannot_be_removed_is_logged_and_the_bot_carries_on(
    fake: FakeTelegram, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running(fake, tmp_path) as bot:
        await member(bot, LAN)
        reminder, assignment = await remind(bot, LAN)
        fake.fail("editMessageReplyMarkup", 400, "Bad Request: message can't be edited", times=1)
        await bot.press(LAN, reminder, f"done:{assignment}", until="Đã ghi nhận")
        await wait(lambda: fake.calls_to("editMessageReplyMarkup"))
        # The next message is answered as usual.
        assert "Đã hoàn tác" in await bot.say(LAN, "hủy", until="hoàn tác")
    assert "keyboard not removed (ignored): Message can't be edited" in caplog.text
    assert len(fake.calls_to("answerCallbackQuery")) == 1


async def test_a_proposal_card_keeps_its_buttons_until_it_is_settled(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with running(fake, tmp_path) as bot:
        now = bot.app.ctx.clock.now()
        row = add_deadline(
            bot.app.db,
            Deadline(title="Báo cáo sơ kết", source_text="Báo cáo sơ kết.", created_at=now),
        )
        card = proposal_message(bot.app.ctx, row, "89-KH/ĐU")
        office = ChatRef("telegram", str(OFFICE))
        card_id = int((await bot.app.delivery.deliver(office, card)).message_ids[0])
        # «Sửa ngày» only asks for the date: «Duyệt» and «Bỏ qua» are still needed after it.
        await bot.press(OFFICE, card_id, f"apdate:{row.id}", until="Gõ ngày hạn mới")
        assert "reply_markup" in bot.message(OFFICE, card_id)
        await bot.press(OFFICE, card_id, f"apx:{row.id}", until="Đã bỏ qua")
        await wait(lambda: fake.calls_to("editMessageReplyMarkup", OFFICE))
        assert "reply_markup" not in bot.message(OFFICE, card_id)
    [edit] = fake.calls_to("editMessageReplyMarkup")
    assert edit.params["message_id"] == str(card_id)
