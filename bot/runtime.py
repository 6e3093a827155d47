"""Running danvan: channels chosen by the settings, the scheduler, graceful shutdown."""

from __future__ import annotations

import logging

from bot.app import App
from bot.cli.run_cmd import console_channel

log = logging.getLogger(__name__)


async def serve(app: App) -> int:
    """Run until stopped; with no platform token, the terminal chat over the library."""
    from bot.scheduler import start_scheduler

    scheduler = start_scheduler(app)
    try:
        channel = console_channel(app, None, admin=True)
        assert channel is not None
        print("Chưa cấu hình TELEGRAM_BOT_TOKEN: mở chat trong terminal (gõ /quit để thoát).")
        app.add_channel(channel)
        await channel.run(app.process)
    finally:
        scheduler.shutdown()
        app.db.dispose()
    return 0
