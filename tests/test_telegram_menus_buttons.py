"""Menus follow joins, and pressed buttons leave their message: the bot against the fake Bot API.

The app and its Telegram channel run in the test's event loop, wired as `danvan run`
wires them (bot.runtime.telegram_channel); people talk through the fake server and the
assertions read what it received and what its chats now show.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, build_app
from bot.runtime import telegram_channel
from core.clock import FakeClock
from core.messages import ChatRef
from core.settings import Settings
from handlers.proposals import proposal_card
from handlers.reminders.plan import NOTICE
from handlers.reminders.texts import branch_reply
from storage.models.org import Deadline
from storage.repos.assignments import assignment_views
from storage.repos.deadlines import add_deadline
from tests.fakes.telegram_server import Call, FakeTelegram
from tests.support import TZ, Person, TelegramLine, wait_for

TOKEN = "123:ABC"
OFFICE, LAN, MINH = 200, 100, 300  # OFFICE is in ADMIN_CHAT_IDS


def people(app: App, fake: FakeTelegram) -> tuple[Person, Person, Person]:
    """The office, Lan and Minh in their private chats with the bot."""
    line = TelegramLine(fake)
    return Person(app, line, str(OFFICE)), Person(app, line, str(LAN)), Person(app, line, str(MINH))


async def invite(office: Person, words: str) -> str:
    """The office makes an invite with /moi; the code the deep link carries."""
    *_, made = await office.send(f"/moi {words}", until="t.me/")
    found = re.search(r"\?start=(\w+)", made)
    assert found, made
    return found.group(1)


def shown(fake: FakeTelegram, chat_id: int, message_id: int) -> dict[str, Any]:
    """A message the bot sent, as the chat shows it now."""
    return next(m for m in fake.sent_messages(chat_id) if m["message_id"] == message_id)


@asynccontextmanager
async def running(fake: FakeTelegram, tmp_path: Path, database_url: str) -> AsyncIterator[App]:
    """The app with its Telegram channel receiving from the fake server."""
    settings = Settings(
        telegram_bot_token=TOKEN,  # type: ignore[arg-type]
        telegram_api_base_url=fake.base_url,
        telegram_bot_username="danvan_test_bot",
        database_url=database_url,
        samples_dir=str(tmp_path / "none"),
        admin_chat_ids=str(OFFICE),
        _env_file=None,  # type: ignore[call-arg]
    )
    app = build_app(settings, clock=FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=TZ)))
    channel = telegram_channel(app)
    app.add_channel(channel)
    await channel.start(app.process)
    try:
        yield app
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
    fake: FakeTelegram, tmp_path: Path, database_url: str
) -> None:
    async with running(fake, tmp_path, database_url) as app:
        office, lan, minh = people(app, fake)
        assert menu_calls(fake, MINH) == []
        code = await invite(office, "quản trị")
        *_, welcome = await minh.send(f"/start {code}", until="Chào mừng")
        assert "quản trị" in welcome
        [call] = await wait_for(lambda: menu_calls(fake, MINH))
        assert call.method == "setMyCommands"
        office_menu = [c.name for c in app.router.menu("admin")]
        assert commands(call) == office_menu and {"moi", "tinhhinh"} <= set(office_menu)
        # A secretary joining keeps the default (member) menu: nothing is set for the chat.
        await office.send("/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
        code = await invite(office, "A1")
        await lan.send(f"/start {code}", until="Chào mừng")
        # A wrong code changes nothing either.
        await lan.send("/start SAIMA123", until="Mã mời")
        # The admin chat re-joined as a secretary goes back to the default menu.
        code = await invite(office, "A1 phó")
        await minh.send(f"/start {code}", until="phó bí thư")
        await wait_for(lambda: len(menu_calls(fake, MINH)) == 2)
    assert menu_calls(fake, LAN) == []
    assert [c.method for c in menu_calls(fake, MINH)] == ["setMyCommands", "deleteMyCommands"]


async def test_a_failed_menu_update_is_logged_and_the_bot_carries_on(
    fake: FakeTelegram, tmp_path: Path, caplog: pytest.LogCaptureFixture, database_url: str
) -> None:
    caplog.set_level(logging.INFO)
    async with running(fake, tmp_path, database_url) as app:
        office, _, minh = people(app, fake)
        code = await invite(office, "quản trị")
        fake.fail("setMyCommands", 400, "Bad Request: chat not found", times=1)
        await minh.send(f"/start {code}", until="Chào mừng")
        await wait_for(lambda: menu_calls(fake, MINH))
        # The new admin is an admin all the same: the office's commands answer.
        *_, answer = await minh.send("/chibo", until="chi bộ")
        assert "chỉ dành cho" not in answer
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("bot.")]
    assert "telegram: menu of chat 300 not updated: Chat not found" in ours
    assert not any(TOKEN in line for line in ours)


# ---- pressed buttons leave their message ------------------------------------------------
async def remind(office: Person, chat_id: int) -> tuple[int, int]:
    """A deadline for every branch and its reminder to a chat: (message id, assignment id)."""
    await office.send("/hanmoi 30/11/2026 Báo cáo tình hình tư tưởng", until="#")
    app = office.app
    [view] = assignment_views(app.db)
    now = app.ctx.clock.now()
    chat = ChatRef("telegram", str(chat_id))
    sent = await app.delivery.deliver(chat, branch_reply(NOTICE, view, now, TZ, chat))
    return int(sent.message_ids[0]), view.assignment_id


async def member(office: Person, secretary: Person) -> None:
    """A secretary of branch A1 in this chat."""
    await office.send("/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
    await secretary.send(f"/start {await invite(office, 'A1')}", until="Chào mừng")


async def test_pressing_done_removes_the_keyboard_of_that_reminder(
    fake: FakeTelegram, tmp_path: Path, database_url: str
) -> None:
    async with running(fake, tmp_path, database_url) as app:
        office, lan, _ = people(app, fake)
        await member(office, lan)
        reminder, assignment = await remind(office, LAN)
        assert shown(fake, LAN, reminder)["reply_markup"]["inline_keyboard"][0][0] == {
            "text": "Đã nộp",
            "callback_data": f"done:{assignment}",
        }
        *_, answer = await lan.press(f"done:{assignment}", str(reminder), until="Đã ghi nhận")
        assert "Chi bộ Trường THPT Nguyễn Du đã nộp" in answer
        [edit] = await wait_for(lambda: fake.calls_to("editMessageReplyMarkup", LAN))
        assert edit.params["message_id"] == str(reminder)
        assert "reply_markup" not in edit.params  # no keyboard: the Bot API removes it
        assert "reply_markup" not in shown(fake, LAN, reminder)  # what Lan now sees
        # The confirmation's «Hoàn tác» goes the same way once pressed.
        [confirmation] = [m for m in fake.sent_messages(LAN) if "undo:" in str(m)]
        undo = f"undo:{assignment}"
        await lan.press(undo, str(confirmation["message_id"]), until="Đã hoàn tác")
        await wait_for(lambda: len(fake.calls_to("editMessageReplyMarkup", LAN)) == 2)
        assert "reply_markup" not in shown(fake, LAN, confirmation["message_id"])
    assert len(fake.calls_to("answerCallbackQuery")) == 2


async def test_a_keyboard_that_cannot_be_removed_is_logged_and_the_bot_carries_on(
    fake: FakeTelegram, tmp_path: Path, caplog: pytest.LogCaptureFixture, database_url: str
) -> None:
    caplog.set_level(logging.INFO)
    async with running(fake, tmp_path, database_url) as app:
        office, lan, _ = people(app, fake)
        await member(office, lan)
        reminder, assignment = await remind(office, LAN)
        fake.fail("editMessageReplyMarkup", 400, "Bad Request: message can't be edited", times=1)
        await lan.press(f"done:{assignment}", str(reminder), until="Đã ghi nhận")
        await wait_for(lambda: fake.calls_to("editMessageReplyMarkup"))
        # The next message is answered as usual.
        assert "Đã hoàn tác" in (await lan.send("hủy", until="hoàn tác"))[-1]
    assert "keyboard not removed (ignored): Message can't be edited" in caplog.text
    assert len(fake.calls_to("answerCallbackQuery")) == 1


async def test_a_proposal_card_keeps_its_buttons_until_it_is_settled(
    fake: FakeTelegram, tmp_path: Path, database_url: str
) -> None:
    async with running(fake, tmp_path, database_url) as app:
        office, _, _ = people(app, fake)
        now = app.ctx.clock.now()
        row = add_deadline(
            app.db,
            Deadline(title="Báo cáo sơ kết", source_text="Báo cáo sơ kết.", created_at=now),
        )
        card = proposal_card(app.ctx, row, "89-KH/ĐU")
        to = ChatRef("telegram", str(OFFICE))
        card_id = int((await app.delivery.deliver(to, card)).message_ids[0])
        # «Sửa ngày» only asks for the date: «Duyệt» and «Bỏ qua» are still needed after it.
        await office.press(f"apdate:{row.id}", str(card_id), until="ngày hạn mới")
        assert "reply_markup" in shown(fake, OFFICE, card_id)
        await office.press(f"apx:{row.id}", str(card_id), until="Đã bỏ qua")
        await wait_for(lambda: fake.calls_to("editMessageReplyMarkup", OFFICE))
        assert "reply_markup" not in shown(fake, OFFICE, card_id)
    [edit] = fake.calls_to("editMessageReplyMarkup")
    assert edit.params["message_id"] == str(card_id)
