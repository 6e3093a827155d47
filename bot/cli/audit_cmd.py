"""`danvan audit`: who did what, when (the append-only audit log)."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from bot.cli.common import open_app, print_json
from handlers.audit import entry_json, entry_line
from storage.repos.audit import entries


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands."""
    audit = sub.add_parser("audit", help="nhật ký thao tác: ai làm gì, lúc nào")
    audit.add_argument(
        "--since", type=_day, metavar="DATE", help="chỉ từ ngày này (YYYY-MM-DD, giờ địa phương)"
    )
    audit.add_argument("--limit", type=int, metavar="N", help="chỉ N thao tác mới nhất")
    audit.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    audit.set_defaults(func=cmd_audit)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"cần ngày dạng YYYY-MM-DD, nhận được {text!r}") from None


def cmd_audit(args: argparse.Namespace) -> int:
    """Print the audit log, oldest first: one line per entry, or the JSON list."""
    app = open_app()
    try:
        tz = app.ctx.tz
        since = datetime.combine(args.since, datetime.min.time(), tz) if args.since else None
        found = entries(app.db, since=since, limit=args.limit)
    finally:
        app.db.dispose()
    if args.json:
        print_json([entry_json(e, tz) for e in found])
    elif found:
        print("\n".join(entry_line(e, tz) for e in found))
    else:
        print("Nhật ký chưa ghi thao tác nào" + (" từ ngày này." if since else "."))
    return 0
