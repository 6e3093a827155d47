"""Running danvan: channels chosen by the settings, the scheduler, graceful shutdown.

With TELEGRAM_BOT_TOKEN the Telegram bot runs (long polling, or a webhook when
TELEGRAM_WEBHOOK_URL is set); without it, the terminal chat. SIGTERM and SIGINT stop
things in an order that loses nothing: stop receiving, finish the updates in hand and
their sends, stop the scheduler, close the bot's connections, close the database.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import signal
import sys
from typing import TYPE_CHECKING, Any

from bot.alerts import ErrorAlerts, install_alerts
from bot.app import App
from bot.cli.run_cmd import console_channel
from bot.logging_setup import setup_logging
from storage.repos.members import admin_chats

if TYPE_CHECKING:  # PTB is imported only when Telegram runs: the console starts faster
    from bot.channels.telegram import ErrorFn, TelegramChannel

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


async def serve(app: App) -> int:
    """Run until stopped; with no platform token, the terminal chat over the library."""
    setup_logging(app.settings)
    alerts = install_alerts(app)
    if app.settings.zalo_bot_token is not None:
        log.warning("ZALO_BOT_TOKEN is set, but Zalo is not supported yet: ignored")
        print("Lưu ý: kênh Zalo chưa được hỗ trợ, bỏ qua ZALO_BOT_TOKEN.", file=sys.stderr)
    if app.settings.telegram_bot_token is None:
        return await serve_console(app)
    return await serve_telegram(app, alerts)


async def serve_telegram(app: App, alerts: ErrorAlerts) -> int:
    """The Telegram bot and the scheduler until SIGTERM/SIGINT."""
    from bot.scheduler import start_scheduler

    channel = telegram_channel(app, alerts.on_error)
    app.add_channel(channel)
    stop = asyncio.Event()
    _on_signals(stop.set)
    scheduler: Any = None
    try:
        try:
            await channel.start(app.process)
        except Exception as exc:  # getMe failed: wrong token, wrong URL, no network
            log.error("telegram: could not start: %s", exc)
            print(
                f"Không kết nối được Telegram ({type(exc).__name__}). Hãy kiểm tra "
                "TELEGRAM_BOT_TOKEN và TELEGRAM_API_BASE_URL.",
                file=sys.stderr,
            )
            return 1
        if not app.settings.telegram_bot_username:
            # Invite deep links (t.me/<bot>?start=CODE) need the name; getMe told us.
            app.settings.telegram_bot_username = channel.application.bot.username
        scheduler = start_scheduler(app)
        print("danvan đang chạy trên Telegram (Ctrl+C để dừng).", flush=True)
        await stop.wait()
        log.info("stopping: signal received")
    finally:
        await channel.stop_receiving()
        if scheduler is not None:
            await _maybe_await(scheduler.shutdown())
        await channel.stop()
        app.db.dispose()
    return 0


def telegram_channel(app: App, on_error: ErrorFn | None = None) -> TelegramChannel:
    """The Telegram channel wired to the app: its menus, its admins, its error alerts."""
    from bot.channels.telegram import TelegramChannel

    return TelegramChannel(
        app.settings,
        menu=lambda role: _menu(app, role),
        on_error=on_error,
        admin_chats=lambda: _admin_chats(app),
    )


async def serve_console(app: App) -> int:
    """The terminal chat as office staff, with the scheduler running alongside."""
    from bot.scheduler import start_scheduler

    # Log lines would interleave with the conversation: only warnings reach the terminal.
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.WARNING))
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    scheduler: Any = start_scheduler(app)
    try:
        channel = console_channel(app, None, admin=True)
        assert channel is not None
        print("Chưa cấu hình TELEGRAM_BOT_TOKEN: mở chat trong terminal (gõ /quit để thoát).")
        app.add_channel(channel)
        await channel.run(app.process)
    finally:
        await _maybe_await(scheduler.shutdown())
        app.db.dispose()
    return 0


def _menu(app: App, role: str) -> list[tuple[str, str]]:
    return [(c.name, c.description) for c in app.router.menu(role)]


def _admin_chats(app: App) -> list[str]:
    # Admins who joined by invite, as well as ADMIN_CHAT_IDS: both get the admin menu.
    return [f"{c.channel}:{c.chat_id}" for c in admin_chats(app.db, app.settings)]


def _on_signals(callback: Any) -> None:
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        try:
            loop.add_signal_handler(sig, callback)
        except (NotImplementedError, RuntimeError):  # Windows: Ctrl+C still raises
            log.debug("no handler for %s on this platform", sig)


async def _maybe_await(result: object) -> None:
    # The scheduler's shutdown may be plain or a coroutine, depending on its implementation.
    if inspect.isawaitable(result):
        await result
