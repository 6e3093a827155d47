"""Stopping the bot for good: the exit code, and the one line for whoever started it.

SIGTERM stops the bots with exit code 0. A platform that refuses the bot's token stops
them with exit code 2 (a supervisor should not simply restart it), after telling the
admins on the other channels and printing what to fix.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.alerts import tell_admins
from bot.app import App
from bot.channels.base import TokenRejected

log = logging.getLogger(__name__)

EXIT_TOKEN = 2  # a platform refused the bot's token: restarting will not help


@dataclass
class Halt:
    """How the bots stop: a signal (exit 0), or a channel that cannot go on (exit 2)."""

    event: asyncio.Event = field(default_factory=asyncio.Event)
    code: int = 0

    def stop(self, code: int = 0) -> None:
        """Stop the bots; a non-zero code is kept as the exit code."""
        self.code = self.code or code
        self.event.set()

    def fatal_hook(self, app: App, channel: str) -> Callable[[TokenRejected], Awaitable[None]]:
        """What a channel calls when its token is refused while running: tell, then stop."""

        async def fatal(exc: TokenRejected) -> None:
            await token_rejected(app, channel, exc)
            self.stop(EXIT_TOKEN)

        return fatal


async def token_rejected(app: App, channel: str, exc: TokenRejected) -> None:
    """A platform refused the token: the admins hear it on the other channels, and whoever
    started the bot reads the one line saying what to fix."""
    others = [name for name in app.channels if name != channel]
    if others:
        await tell_admins(app, f"⛔ {exc} Bot đã dừng.", "alert", others)
    tell(app, str(exc), error=True)


def tell(app: App, text: str, error: bool = False) -> None:
    """A line for whoever started the bot: printed, or logged when logs are JSON lines
    (a printed line would break a log reader that parses every line)."""
    if app.settings.log_format == "json":
        log.log(logging.ERROR if error else logging.INFO, text)
    else:
        print(text, file=sys.stderr if error else sys.stdout, flush=True)
