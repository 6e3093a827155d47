"""`danvan run`, `danvan chat` and `danvan db upgrade`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.app import load_samples_if_empty
from bot.cli.common import open_app, settings
from bot.logging_setup import setup_logging
from bot.runtime import console_channel, serve
from handlers.deadlines import parse_due
from storage.runlock import InUse, using

RESTORING = "Cơ sở dữ liệu {db} đang được khôi phục (danvan restore): hãy chờ xong rồi chạy lại."


def register(sub: argparse._SubParsersAction) -> None:
    """Add run, chat and db."""
    run = sub.add_parser("run", help="chạy bot (Telegram/Zalo nếu có token, nếu không: chat)")
    run.set_defaults(func=cmd_run)
    chat = sub.add_parser("chat", help="chat trong terminal qua cùng các handler")
    group = chat.add_mutually_exclusive_group()
    group.add_argument(
        "--as", dest="as_branch", metavar="BRANCH_CODE", help="đóng vai bí thư chi bộ có mã này"
    )
    group.add_argument("--admin", action="store_true", help="đóng vai Văn phòng Đảng ủy")
    chat.add_argument(
        "--now",
        metavar="YYYY-MM-DD[THH:MM]",
        help="chat thử ở một ngày giả lập (mặc định 09:00), bộ nhắc hạn chạy theo đồng hồ giả "
        "lập và /tua N chuyển thêm N ngày; trên bản sao tạm của cơ sở dữ liệu",
    )
    chat.set_defaults(func=cmd_chat)
    # `danvan db` (upgrade, copy) is bot/cli/db_cmd.py.


def cmd_chat(args: argparse.Namespace) -> int:
    """The terminal chat (at a simulated date with --now)."""
    if args.now:
        return chat_simulated(args)
    try:
        with using(settings().database_url):
            app = open_app()
            load_samples_if_empty(app, echo=False)
            channel = console_channel(app, args.as_branch, args.admin)
            if channel is None:
                return 2
            app.add_channel(channel)
            asyncio.run(channel.run(app.process))
    except InUse as exc:
        print(RESTORING.format(db=exc), file=sys.stderr)
        return 1
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Run the configured channels and the scheduler; the terminal chat without tokens."""
    config = settings()
    if config.telegram_bot_token or config.zalo_bot_token:  # the terminal chat stays quiet
        setup_logging(config)  # from the start: migrations and samples log in LOG_FORMAT too
    try:
        with using(config.database_url):  # `danvan restore` is refused while this runs
            app = open_app()
            # A printed progress line would break JSON logs: there, the count is logged.
            loaded = load_samples_if_empty(app, echo=config.log_format == "text")
            if loaded and config.log_format == "json":
                logging.getLogger(__name__).info("samples: %d sample directives loaded", loaded)
            return asyncio.run(serve(app))
    except InUse as exc:
        print(RESTORING.format(db=exc), file=sys.stderr)
        return 1


def chat_simulated(args: argparse.Namespace) -> int:
    """`danvan chat --now`: the chat on a copy of the database at a simulated date."""
    from bot.sim_chat import chat_at

    config = settings()
    tz = ZoneInfo(config.timezone)
    start = parse_due(args.now, tz, datetime.now(tz))
    if start is None:
        print(f"Không đọc được ngày --now “{args.now}”: cần YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM.")
        return 2
    if "T" not in args.now and " " not in args.now.strip():
        start = start.astimezone(tz).replace(hour=9, minute=0)  # office hours begin
    return asyncio.run(chat_at(config, start, args.as_branch, args.admin))
