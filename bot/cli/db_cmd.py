"""`danvan db`: upgrade the schema; copy an office's data (SQLite ⇄ PostgreSQL)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.engine import make_url

from bot.cli.common import open_app, print_json
from storage.copy import TargetNotEmpty, copy_database
from storage.db import Database


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands."""
    db = sub.add_parser("db", help="cơ sở dữ liệu")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION")
    upgrade = db_sub.add_parser("upgrade", help="tạo hoặc nâng cấp lược đồ (Alembic)")
    upgrade.add_argument("--json", action="store_true")
    upgrade.set_defaults(func=cmd_db_upgrade)
    copy = db_sub.add_parser(
        "copy", help="chép toàn bộ dữ liệu sang cơ sở dữ liệu khác, rồi đối chiếu"
    )
    copy.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="URL",
        help="nguồn: sqlite:///… hoặc postgresql+psycopg://…",
    )
    copy.add_argument("--to", dest="target", required=True, metavar="URL", help="đích")
    copy.add_argument("--force", action="store_true", help="xóa dữ liệu đang có ở đích rồi chép")
    copy.set_defaults(func=cmd_copy)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Apply the migrations."""
    app = open_app(migrate=True)
    try:
        revision = app.db.current_revision()
    finally:
        app.db.dispose()
    if args.json:
        print_json({"revision": revision})
    else:
        print(f"Cơ sở dữ liệu đã ở phiên bản {revision}.")
    return 0


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def cmd_copy(args: argparse.Namespace) -> int:
    """Copy every table, print progress on stderr and the comparison as JSON on stdout."""
    if make_url(args.source) == make_url(args.target):
        print("Nguồn và đích là cùng một cơ sở dữ liệu.", file=sys.stderr)
        return 2
    source, target = Database(args.source), Database(args.target)
    try:
        summary = copy_database(source, target, force=args.force, say=_progress)
    except TargetNotEmpty as exc:
        print(f"Đích đã có dữ liệu ({exc}); thêm --force để xóa và chép lại.", file=sys.stderr)
        return 2
    finally:
        source.dispose()
        target.dispose()
    print_json({"from": _shown(args.source), "to": _shown(args.target), **summary})
    if not summary["ok"]:
        print('Dữ liệu ở đích KHÁC nguồn: xem "tables" trong kết quả.', file=sys.stderr)
        return 1
    return 0
