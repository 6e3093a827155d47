"""The terminal channel: numbered options stand for buttons, «#N text» replies to a message."""

from __future__ import annotations

import io

from bot.channels.console import ConsoleChannel
from core.messages import Button, Reply


async def test_buttons_become_numbered_options() -> None:
    out = io.StringIO()
    console = ConsoleChannel("admin", stdin=io.StringIO(""), stdout=out)
    reply = Reply("Hạn nộp báo cáo", buttons=((Button("Đã nộp", "done:7"),),), ref="assignment:7")
    result = await console.send("admin", reply)
    assert "[1] Đã nộp" in out.getvalue()
    assert f"tin #{result.message_ids[0]}" in out.getvalue()
    pressed = console.to_incoming("1")
    assert pressed.callback_data == "done:7"
    await console.send("admin", reply)
    assert console.to_incoming("²").text == "²"  # a superscript is text, not option 1


async def test_reply_to_syntax() -> None:
    console = ConsoleChannel("admin", stdin=io.StringIO(""), stdout=io.StringIO())
    msg = console.to_incoming("#12 đã nộp")
    assert msg.reply_to_message_id == "12" and msg.text == "đã nộp"


async def test_number_without_options_is_text() -> None:
    console = ConsoleChannel("admin", stdin=io.StringIO(""), stdout=io.StringIO())
    assert console.to_incoming("30").text == "30"


async def test_piped_input_echoes_and_stops_at_eof() -> None:
    out = io.StringIO()
    console = ConsoleChannel("admin", stdin=io.StringIO("xin chào\n"), stdout=out)
    seen: list[str] = []

    async def handle(msg):  # type: ignore[no-untyped-def]
        seen.append(msg.text)
        await console.send("admin", Reply("Chào bạn"))
        return []

    await console.run(handle)
    assert seen == ["xin chào"]
    assert out.getvalue().startswith("> xin chào")


async def test_options_answer_only_the_next_line() -> None:
    console = ConsoleChannel("admin", stdin=io.StringIO(""), stdout=io.StringIO())
    await console.send("admin", Reply("Chọn", buttons=((Button("Một", "pick:1"),),)))
    assert console.to_incoming("kh 61").text == "kh 61"
    assert console.to_incoming("1").callback_data is None  # the list is stale now


async def test_message_numbers_continue_from_earlier_sessions() -> None:
    out = io.StringIO()
    console = ConsoleChannel("admin", stdin=io.StringIO(""), stdout=out, last_id=41)
    result = await console.send("admin", Reply("Nhắc hạn", ref="assignment:3"))
    assert result.message_ids == ["42"]
    assert "tin #42" in out.getvalue()


def test_numbered_labels_are_not_numbered_twice() -> None:
    from bot.channels.text import render_options

    text = render_options(((Button("1. Báo cáo nhanh", "done:1"),), (Button("Hủy", "x"),)))
    assert text == "  [1] Báo cáo nhanh\n  [2] Hủy"
