"""`danvan run`, `danvan chat` and `danvan db upgrade`."""

from __future__ import annotations

import argparse
import asyncio

from bot.app import load_samples_if_empty
from bot.cli.common import open_app, print_json
from bot.runtime import console_channel, serve


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
    chat.set_defaults(func=cmd_chat)
    db = sub.add_parser("db", help="cơ sở dữ liệu")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION")
    upgrade = db_sub.add_parser("upgrade", help="tạo hoặc nâng cấp lược đồ (Alembic)")
    upgrade.add_argument("--json", action="store_true")
    upgrade.set_defaults(func=cmd_db_upgrade)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Apply the migrations."""
    app = open_app(migrate=True)
    revision = app.db.current_revision()
    if args.json:
        print_json({"revision": revision})
    else:
        print(f"Cơ sở dữ liệu đã ở phiên bản {revision}.")
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """The terminal chat."""
    app = open_app()
    load_samples_if_empty(app, echo=False)
    channel = console_channel(app, args.as_branch, args.admin)
    if channel is None:
        return 2
    app.add_channel(channel)
    asyncio.run(channel.run(app.process))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Run the configured channels and the scheduler; the terminal chat without tokens."""
    app = open_app()
    load_samples_if_empty(app, echo=True)
    return asyncio.run(serve(app))
