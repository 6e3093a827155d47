"""`danvan chat --now DATE`: the terminal chat at a simulated date, the scheduler running.

Everything happens on a throwaway copy of the database (bot.simulation): the chat, the
reminders it triggers, the confirmations. /tua N moves the clock N days on and runs the
scheduler over them, so a newcomer sees the notices, the ladder, the morning digest and
the overdue alert, answers them and sees the status change, in one sitting. Messages to
Telegram or Zalo chats in the copy are printed, never sent.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from typing import TextIO

from bot.app import App, build_app, load_samples_if_empty
from bot.channels.base import Handle, SendResult
from bot.channels.console import ConsoleChannel
from bot.runtime import console_channel
from bot.scheduler import ReminderScheduler
from bot.simulation import MAX_TEXT, OTHER_TEXT, Stepper, throwaway_copy
from core.clock import FakeClock
from core.messages import Incoming, Reply
from core.settings import Settings
from handlers.reminders.calendar import weekday_name

BANNER = (
    "Chat thử ở ngày giả lập {at}, trên một bản sao tạm của cơ sở dữ liệu: không gửi tin "
    "thật, mọi thay đổi mất khi thoát. Bộ nhắc hạn đang chạy; gõ /tua N để chuyển đồng hồ "
    "thêm N ngày, /quit để thoát."
)


def when_vi(instant: datetime, app: App) -> str:
    """'09:00 thứ Hai 04/05/2026' in the office's timezone."""
    local = instant.astimezone(app.ctx.tz)
    return f"{local:%H:%M} {weekday_name(local.date())} {local:%d/%m/%Y}"


class SimulatedTerminal:
    """The terminal channel on a simulated clock.

    While /tua moves the clock, each message goes under a line with the simulated time it
    went out at, so the skipped days read as a timeline.
    """

    name = "console"

    def __init__(self, console: ConsoleChannel, app: App, out: TextIO | None = None) -> None:
        self.console = console
        self.app = app
        self.max_text = console.max_text
        self.out = out or sys.stdout
        self.traveling = False
        self.sent = 0
        self._stamped: datetime | None = None

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Print through the terminal, under the simulated time while traveling."""
        self.stamp()
        return await self.console.send(chat_id, reply)

    def note(self, text: str) -> None:
        """Print a message that went to another platform's chat."""
        self.stamp()
        self.out.write(text.rstrip() + "\n\n")
        self.out.flush()

    def stamp(self) -> None:
        """Count a message; while traveling, show its simulated time when it changed."""
        self.sent += 1
        now = self.app.ctx.clock.now()
        if self.traveling and now != self._stamped:
            self._stamped = now
            self.out.write(f"— {when_vi(now, self.app)} —\n\n")

    async def run(self, handle: Handle) -> None:
        """Read the terminal until EOF or /quit."""
        await self.console.run(handle)

    async def stop(self) -> None:
        """Stop after the current line."""
        await self.console.stop()


class EchoChannel:
    """Telegram or Zalo in a simulated chat: a message to one of their chats is printed."""

    def __init__(self, name: str, terminal: SimulatedTerminal) -> None:
        self.name = name
        self.max_text = MAX_TEXT.get(name, OTHER_TEXT)
        self.terminal = terminal
        self._next_id = 0

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        """Print instead of sending."""
        self._next_id += 1
        self.terminal.note(f"(gửi tới {self.name} {chat_id}) {reply.text}")
        return SendResult([f"sim-{self._next_id}"])

    async def run(self, handle: Handle) -> None:
        """Nothing arrives from a platform in a simulated chat."""

    async def stop(self) -> None:
        """Nothing to stop."""


async def chat_at(settings: Settings, start: datetime, branch_code: str | None, admin: bool) -> int:
    """The terminal chat on a copy of the database, its clock starting at `start`."""
    with throwaway_copy(settings) as copy:
        clock = FakeClock(start)
        app = build_app(copy, clock=clock)
        try:
            return await _chat(app, clock, branch_code, admin)
        finally:
            app.db.dispose()


async def _chat(app: App, clock: FakeClock, branch_code: str | None, admin: bool) -> int:
    load_samples_if_empty(app, echo=False)
    console = console_channel(app, branch_code, admin)
    if console is None:
        return 2
    terminal = SimulatedTerminal(console, app)
    app.add_channel(terminal)
    for name in MAX_TEXT:
        app.add_channel(EchoChannel(name, terminal))
    stepper = Stepper(ReminderScheduler(app), clock)

    async def advance(delta: timedelta) -> int:
        before, terminal.traveling = terminal.sent, True
        try:
            await stepper.run_until(clock.now() + delta, inclusive=True)
        finally:
            terminal.traveling = False
        return terminal.sent - before

    async def handle(msg: Incoming) -> list[Reply]:
        replies = await app.process(msg)
        await stepper.tick()  # what the message started (an approval, a join) goes out now
        return replies

    app.ctx.advance = advance
    print(BANNER.format(at=when_vi(clock.now(), app)) + "\n", flush=True)
    await stepper.tick()
    await terminal.run(handle)
    return 0
