"""End to end: an admin who joins by the invite link has the admin menu at once, and after a
restart, with `python -m bot run` as a subprocess against the fake Bot API server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.bot_process import TOKEN, BotProcess, Person, bot_env
from tests.fakes.telegram_server import Call, FakeTelegram

OFFICE, LAN, MINH = 200, 100, 300  # OFFICE is in ADMIN_CHAT_IDS (see bot_env)
ADMIN_ONLY = {"moi", "tinhhinh", "chibo"}


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """The fake Bot API server."""
    server = FakeTelegram(token=TOKEN).start()
    yield server
    server.stop()


def start_bot(fake: FakeTelegram, tmp_path: Path) -> BotProcess:
    """`danvan run` on the test's database, once it polls."""
    with fake.cond:
        fake.calls.clear()  # a restarted bot is ready when it calls deleteWebhook again
    return BotProcess(fake, bot_env(fake, tmp_path), tmp_path / "bot.log").start()


def chat_menus(fake: FakeTelegram, chat_id: int) -> list[Call]:
    """setMyCommands/deleteMyCommands calls scoped to one chat."""
    calls = fake.calls_to("setMyCommands") + fake.calls_to("deleteMyCommands")
    return [c for c in calls if c.json("scope") == {"type": "chat", "chat_id": chat_id}]


def names(call: Call) -> set[str]:
    """The command names a setMyCommands call sets."""
    return {c["command"] for c in call.json("commands")}


def invite(office: Person, words: str) -> str:
    """The code of the deep link the office's /moi answer carries."""
    answer = "\n".join(office.send(f"/moi {words}", until="t.me/"))
    found = re.search(r"https://t\.me/danvan_test_bot\?start=(\w+)", answer)
    assert found, answer
    return found.group(1)


def test_admin_joining_by_link_gets_the_admin_menu_now_and_after_a_restart(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    bot = start_bot(fake, tmp_path)
    try:
        office, lan, minh = Person(bot, OFFICE), Person(bot, LAN), Person(bot, MINH)
        office.send("/themchibo A1 Chi bộ Trường THPT Nguyễn Du", until="A1")
        assert "Chào mừng" in lan.send(f"/start {invite(office, 'A1')}", until="Chào mừng")[0]
        assert chat_menus(fake, MINH) == []
        joined = minh.send(f"/start {invite(office, 'quản trị')}", until="Chào mừng")[0]
        assert "quản trị" in joined
        [call] = bot.wait(lambda: chat_menus(fake, MINH))
        assert call.method == "setMyCommands" and names(call) >= ADMIN_ONLY
        assert chat_menus(fake, LAN) == []  # a secretary keeps the default menu
    finally:
        assert bot.stop() == 0, bot.log()[-3000:]
    assert TOKEN not in bot.log()
    # After a restart the admins who joined by invite get their menu with ADMIN_CHAT_IDS'.
    bot = start_bot(fake, tmp_path)
    try:
        [again] = chat_menus(fake, MINH)
        assert names(again) >= ADMIN_ONLY
        assert [c.json("scope")["chat_id"] for c in chat_menus(fake, OFFICE)] == [OFFICE]
        assert chat_menus(fake, LAN) == []
        # The admin commands answer the new admin.
        assert "A1" in "\n".join(Person(bot, MINH).send("/chibo", until="A1"))
    finally:
        assert bot.stop() == 0, bot.log()[-3000:]
