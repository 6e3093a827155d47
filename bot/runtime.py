"""Running danvan: channels chosen by the settings, the web server, the scheduler, shutdown.

With TELEGRAM_BOT_TOKEN the Telegram bot runs (long polling, or a webhook when
TELEGRAM_WEBHOOK_URL is set), with ZALO_BOT_TOKEN the Zalo bot (likewise with
ZALO_WEBHOOK_URL), both side by side when both are set; with neither, the terminal chat.
Whenever a channel runs, so does the web server on HTTP_HOST:HTTP_PORT: the webhooks,
/healthz and /metrics (bot/web/). SIGTERM and SIGINT stop things in an order that loses
nothing, the same for every channel: stop taking webhooks, stop polling, finish the
updates in hand and their sends, stop the scheduler and the backups, close the bots'
connections, close the database.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import signal
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, Protocol

from bot.alerts import install_alerts
from bot.app import App
from bot.channels.base import Channel, Handle, StartRefused, TokenRejected
from bot.channels.console import ConsoleChannel
from bot.channels.webhook import Activity, Webhook
from bot.halt import EXIT_TOKEN, Halt, tell, token_rejected
from bot.logging_setup import setup_logging
from bot.polling_leader import Leads
from core.settings import retired_keys
from storage.repos.members import admin_chats, bind_chat, branch_by_code
from storage.repos.messages import last_numeric_id

if TYPE_CHECKING:  # platform code is imported only when it runs: the console starts faster
    from bot.backups import DailyBackup
    from bot.channels.telegram import ErrorFn, TelegramChannel
    from bot.channels.zalo import ZaloChannel
    from bot.web.health import Health
    from bot.web.server import WebServer

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
PLATFORM_NAMES = {"telegram": "Telegram", "zalo": "Zalo"}
SETTINGS_HINT = {
    "telegram": "TELEGRAM_BOT_TOKEN và TELEGRAM_API_BASE_URL",
    "zalo": "ZALO_BOT_TOKEN và ZALO_API_BASE_URL",
}


class BotChannel(Channel, Protocol):
    """A platform channel the runtime starts and stops in two steps."""

    activity: Activity  # when it last heard its platform, for /healthz

    @property
    def endpoint(self) -> Webhook | None:
        """Its webhook, mounted on the web server (None: it polls)."""
        ...

    async def start(self, handle: Handle) -> None:
        """Connect and begin receiving."""
        ...

    async def stop_receiving(self) -> None:
        """Stop receiving and finish the updates in hand."""
        ...


async def serve(app: App) -> int:
    """Run until stopped; with no platform token, the terminal chat over the library."""
    setup_logging(app.settings)
    for old, new in retired_keys(os.environ).items():
        log.warning("%s is no longer read: the web server listens on %s", old, new)
    alerts = install_alerts(app)
    halt = Halt()
    channels: list[BotChannel] = []
    if app.settings.telegram_bot_token is not None:
        channels.append(telegram_channel(app, alerts.on_error, halt.fatal_hook(app, "telegram")))
    if app.settings.zalo_bot_token is not None:
        channels.append(zalo_channel(app, alerts.on_error, halt.fatal_hook(app, "zalo")))
    if not channels:
        return await serve_console(app)
    return await serve_channels(app, channels, halt)


async def serve_channels(app: App, channels: list[BotChannel], halt: Halt | None = None) -> int:
    """The bots, the web server and the scheduler until SIGTERM/SIGINT or a fatal error;
    1 when one cannot start, 2 when a platform refuses the token."""
    from bot.scheduler import start_scheduler

    for channel in channels:
        app.add_channel(channel)
    halt = halt or Halt()
    _on_signals(halt.stop)
    scheduler: Any = None
    backups: DailyBackup | None = None
    started: list[BotChannel] = []
    leads = Leads(app, halt, started, lambda channel: _start(app, channel))
    web, health = web_server(app, channels)
    try:
        # Listening first: a webhook URL must answer before the platform is told about it.
        if not await _start_web(app, web):
            return 1
        for channel in channels:
            if code := await leads.start(channel):
                return code
        scheduler = health.scheduler = start_scheduler(app)
        backups = start_backups(app)
        names = " và ".join(PLATFORM_NAMES[c.name] for c in channels)
        tell(app, f"danvan đang chạy trên {names} (Ctrl+C để dừng).")
        await halt.event.wait()
        log.info("stopping: %s", "a channel cannot go on" if halt.code else "signal received")
    finally:
        if scheduler is not None:  # at once: the channels' stopping must not see new claims
            scheduler.stop_claiming()
        await web.stop()  # no new webhook; the ones taken are queued and finish below
        leads.stop_waiting()
        # Every bot stops receiving first, so none answers while another is closing.
        await _each([c.stop_receiving() for c in started], "stop receiving")
        if scheduler is not None:
            await _maybe_await(scheduler.shutdown())
        if backups is not None:
            await backups.stop()
        await _each([c.stop() for c in channels], "stop")
        leads.release()  # after the last poll ended: the next leader gets no 409
        app.db.dispose()
    return halt.code


def web_server(app: App, channels: list[BotChannel]) -> tuple[WebServer, Health]:
    """The web server for these channels (their webhooks, /healthz, /metrics), not started."""
    from bot.web.app import build_web
    from bot.web.console.routes import console_routes
    from bot.web.health import Health
    from bot.web.server import WebServer

    health = Health(app, channels)
    hooks = [c.endpoint for c in channels if c.endpoint is not None]
    # The office web console (bot/web/console): the pages /web's one-time links open.
    asgi = build_web(health, app.metrics, hooks, pages=console_routes(app.ctx))
    return WebServer(asgi, app.settings.http_host, app.settings.http_port), health


async def _start_web(app: App, web: WebServer) -> bool:
    """Start the web server; False (with a one-line reason) when it cannot listen."""
    from bot.web.server import WebServerError

    try:
        await web.start()
    except WebServerError as exc:
        tell(app, str(exc), error=True)
        return False
    return True


def start_backups(app: App) -> DailyBackup | None:
    """The daily SQLite backup, unless BACKUP_KEEP=0 or the database is PostgreSQL."""
    from bot.backups import DailyBackup, backup_folder

    folder = backup_folder(app.settings)
    if folder is None:
        return None
    backups = DailyBackup(app.settings, app.ctx.clock, folder)
    backups.start()
    return backups


async def _each(calls: list[Coroutine[Any, Any, None]], what: str) -> None:
    """Run the calls side by side; one failing must not keep the others from finishing."""
    for result in await asyncio.gather(*calls, return_exceptions=True):
        if isinstance(result, BaseException):
            log.error("could not %s a channel", what, exc_info=result)


async def _start(app: App, channel: BotChannel) -> int:
    """Start one bot; the exit code when it cannot (with a one-line hint), else 0."""
    try:
        await channel.start(app.process)
    except TokenRejected as exc:  # the channels started before may still tell the admins
        log.error("%s: could not start: %s", channel.name, exc)
        await token_rejected(app, channel.name, exc)
        return EXIT_TOKEN
    except StartRefused as exc:  # a setting the platform refuses: the message says which
        log.error("%s: could not start: %s", channel.name, exc)
        tell(app, str(exc), error=True)
        return 1
    except Exception as exc:  # getMe failed: wrong URL, no network
        log.error("%s: could not start: %s", channel.name, exc)
        hint = (
            f"Không kết nối được {PLATFORM_NAMES[channel.name]} ({type(exc).__name__}). "
            f"Hãy kiểm tra {SETTINGS_HINT[channel.name]}."
        )
        tell(app, hint, error=True)
        return 1
    if channel.name == "telegram" and not app.settings.telegram_bot_username:
        from bot.channels.telegram import TelegramChannel  # already imported: it runs

        assert isinstance(channel, TelegramChannel)
        # Invite deep links (t.me/<bot>?start=CODE) need the name; getMe told us.
        app.settings.telegram_bot_username = channel.application.bot.username
    return 0


def zalo_channel(
    app: App,
    on_error: ErrorFn | None = None,
    on_fatal: Callable[[TokenRejected], Awaitable[None]] | None = None,
) -> ZaloChannel:
    """The Zalo channel wired to the app: error alerts, the admins' notices about Zalo's
    errors, what to do when the token is refused, and in the database (shared by every
    process) the monthly quota, the messages already handled and the pending options."""
    from bot.alerts import admin_teller
    from bot.channels.zalo import ZaloChannel
    from bot.channels.zalo_errors import Notices
    from bot.channels.zalo_options import SharedOptions
    from bot.channels.zalo_quota import MonthlyQuota
    from bot.channels.zalo_updates import SharedSeen

    tell_admins, now = admin_teller(app), app.ctx.clock.now
    shared = app.db.engine.dialect.name == "postgresql"
    return ZaloChannel(
        app.settings,
        on_error=on_error,
        quota=MonthlyQuota(app.db, app.settings, now, tell_admins),
        notices=Notices(tell_admins, now),
        on_fatal=on_fatal,
        # Shared by every process on PostgreSQL (awaited on worker threads); SQLite serves
        # one process, where memory does and no call waits on another writer's lock.
        seen=SharedSeen(app.db, now) if shared else None,
        options=SharedOptions(app.db, now) if shared else None,
    )


def telegram_channel(
    app: App,
    on_error: ErrorFn | None = None,
    on_fatal: Callable[[TokenRejected], Awaitable[None]] | None = None,
) -> TelegramChannel:
    """The Telegram channel wired to the app: its menus, its admins, its error alerts, what
    to do when the token is refused."""
    from bot.channels.telegram import TelegramChannel

    return TelegramChannel(
        app.settings,
        menu=lambda role: _menu(app, role),
        on_error=on_error,
        admin_chats=lambda: _admin_chats(app),
        on_fatal=on_fatal,
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
        print(
            "Chưa cấu hình TELEGRAM_BOT_TOKEN hay ZALO_BOT_TOKEN: mở chat trong terminal "
            "(gõ /quit để thoát)."
        )
        app.add_channel(channel)
        await channel.run(app.process)
    finally:
        await _maybe_await(scheduler.shutdown())
        app.db.dispose()
    return 0


def console_channel(app: App, branch_code: str | None, admin: bool) -> ConsoleChannel | None:
    """A console channel bound to a secretary of a branch, or to office staff."""
    if branch_code:
        branch = branch_by_code(app.db, branch_code)
        if branch is None:
            print(
                f"Không có chi bộ mã {branch_code}. Thêm bằng: danvan branch add TÊN --code "
                f"{branch_code.upper()}"
            )
            return None
        chat_id = f"branch-{branch.code}"
        bind_chat(app.db, "console", chat_id, "secretary", branch.id, f"Bí thư {branch.name}")
        return ConsoleChannel(chat_id, last_id=last_numeric_id(app.db, "console", chat_id))
    # Whoever runs the terminal owns the database, so the default is office staff.
    bind_chat(app.db, "console", "admin", "admin", None, "Văn phòng Đảng ủy")
    return ConsoleChannel("admin", last_id=last_numeric_id(app.db, "console", "admin"))


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
