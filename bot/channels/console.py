"""The terminal chat: one message a line from stdin, replies on stdout."""

from __future__ import annotations

import asyncio
import re
import sys
from typing import TextIO

from bot.channels.base import Handle, SendResult
from bot.channels.text import render_options, typed_number
from core.messages import Button, Incoming, Reply

_REPLY_TO = re.compile(r"^#(\d+)\s+(.*)$", re.S)


class ConsoleChannel:
    """A line-based chat in the terminal, through the same handlers as the bots.

    Typing a number picks one of the last numbered options; «#12 đã nộp» replies
    to message #12 (shown after reminders), as reply-to does on Telegram.
    """

    name = "console"
    max_text = 100_000

    def __init__(
        self,
        chat_id: str,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        display_name: str = "",
        last_id: int = 0,
    ) -> None:
        self.chat_id = chat_id
        self.display_name = display_name
        self._in = stdin or sys.stdin
        self._out = stdout or sys.stdout
        self._options: list[Button] = []
        # Numbers continue from earlier sessions so «#12» never means an old message.
        self._next_id = last_id
        self._stopped = False

    @property
    def interactive(self) -> bool:
        """Whether a person is typing (show a prompt) rather than a pipe."""
        return self._in.isatty()

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Print a reply meant for this terminal's chat; others are noted in one line."""
        self._next_id += 1
        message_id = str(self._next_id)
        if chat_id != self.chat_id:
            self._print(f"(gửi tới {chat_id}) {reply.text}")
            return SendResult([message_id])
        text = reply.text
        if reply.buttons:
            self._options = [b for row in reply.buttons for b in row]
            text += "\n" + render_options(reply.buttons)
        if reply.ref or reply.buttons:
            text += f"\n  (tin #{message_id}; trả lời bằng “#{message_id} nội dung”)"
        if reply.file_path:  # the terminal is on the machine that holds the file
            text += f"\n  (tệp đã lưu: {reply.file_path})"
        self._print(text)
        return SendResult([message_id])

    def to_incoming(self, line: str) -> Incoming:
        """Turn a typed line into an Incoming (option number, reply-to, or text)."""
        text = line.strip()
        number = typed_number(text)
        if number is not None and 1 <= int(number) <= len(self._options):
            data = self._options[int(number) - 1].data
            return Incoming(
                self.name,
                self.chat_id,
                self.chat_id,
                callback_data=data,
                display_name=self.display_name,
            )
        self._options = []  # options answer only the line right after them
        reply_to = None
        match = _REPLY_TO.match(text)
        if match:
            reply_to, text = match.group(1), match.group(2)
        return Incoming(
            self.name,
            self.chat_id,
            self.chat_id,
            text=text,
            message_id=f"in-{self._next_id}",
            reply_to_message_id=reply_to,
            display_name=self.display_name,
        )

    async def run(self, handle: Handle) -> None:
        """Read lines until EOF (or /quit), answering each through handle."""
        loop = asyncio.get_running_loop()
        while not self._stopped:
            if self.interactive:
                self._out.write("bạn> ")
                self._out.flush()
            line = await loop.run_in_executor(None, self._in.readline)
            if not line:
                break
            if line.strip() in {"/quit", "/exit"}:
                break
            if not self.interactive:
                self._print(f"> {line.rstrip()}")
            await handle(self.to_incoming(line))

    async def stop(self) -> None:
        """Stop after the current line."""
        self._stopped = True

    def _print(self, text: str) -> None:
        self._out.write(text.rstrip() + "\n\n")
        self._out.flush()
