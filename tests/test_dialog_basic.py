"""The first conversation, as a user sees it."""

from __future__ import annotations

from tests.support import Person


async def test_start_greets_in_vietnamese(stranger: Person) -> None:
    replies = await stranger.send("/start")
    assert len(replies) == 1
    assert replies[0].startswith("Xin chào")
    assert "Đảng ủy Sở Giáo dục và Đào tạo" in replies[0]
    assert "mã mời" in replies[0]  # a stranger is told how to join


async def test_help_lists_commands(stranger: Person) -> None:
    (reply,) = await stranger.send("/help")
    assert "/start" in reply and "/help" in reply


async def test_unknown_command_is_named(stranger: Person) -> None:
    (reply,) = await stranger.send("/khongco")
    assert reply == "Không có lệnh /khongco. Đồng chí gõ /help để xem các lệnh."


async def test_start_with_bot_suffix(stranger: Person) -> None:
    (reply,) = await stranger.send("/start@danvan_bot")
    assert reply.startswith("Xin chào")
