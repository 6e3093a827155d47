"""`danvan backup FILE` and `danvan restore FILE`: a consistent copy of the SQLite database.

backup works while the bot runs (SQLite's online backup API); restore refuses while a
bot or a terminal chat uses the database, checks the file first, keeps the current
database beside it, and upgrades the schema if the backup is from an older danvan.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.common import print_json, settings
from storage.backup import BackupError, backup, restore
from storage.db import Database
from storage.runlock import InUse, using

IN_USE = (
    "Bot đang chạy và dùng cơ sở dữ liệu {db}: hãy dừng bot trước (systemctl stop danvan, "
    "hoặc docker compose stop bot) rồi chạy lại lệnh khôi phục."
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add backup and restore."""
    make = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu SQLite (được cả khi bot đang chạy)")
    make.add_argument("file", type=Path, metavar="FILE", help="tệp (hoặc thư mục) sao lưu")
    make.add_argument("--json", action="store_true")
    make.set_defaults(func=cmd_backup)
    back = sub.add_parser("restore", help="khôi phục cơ sở dữ liệu từ bản sao lưu (dừng bot trước)")
    back.add_argument("file", type=Path, metavar="FILE", help="tệp sao lưu")
    back.add_argument("--json", action="store_true")
    back.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the live database to FILE."""
    url = settings().database_url
    if not args.json:
        print("Đang sao lưu cơ sở dữ liệu ...", flush=True)
    try:
        result = backup(url, args.file)
    except BackupError as exc:
        print(f"Không sao lưu được: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print_json(
            {"file": str(result.path), "bytes": result.size,
             "seconds": round(result.seconds, 3), "revision": result.revision}
        )  # fmt: skip
    else:
        print(
            f"Đã sao lưu vào {result.path} ({_vi(result.size / 1e6)} MB, "
            f"{_vi(result.seconds)} giây); "
            "bản sao đã được kiểm tra toàn vẹn."
        )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup back, with the bot stopped."""
    url = settings().database_url
    try:
        with using(url, alone=True):
            result = restore(url, args.file)
            database = Database(url)
            try:
                database.upgrade()  # a backup from an older danvan gets today's schema
                revision = database.current_revision()
            finally:
                database.dispose()
    except InUse as exc:
        print(IN_USE.format(db=exc), file=sys.stderr)
        return 1
    except BackupError as exc:
        print(f"Không khôi phục được: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print_json(
            {"file": str(args.file), "database": str(result.target),
             "kept": str(result.kept) if result.kept else None, "revision": revision,
             "seconds": round(result.seconds, 3)}
        )  # fmt: skip
        return 0
    print(f"Đã khôi phục {args.file} vào {result.target} (lược đồ {revision}).")
    if result.kept is not None:
        print(f"Cơ sở dữ liệu trước đó được giữ lại ở {result.kept}.")
    return 0


def _vi(value: float) -> str:
    """A number with one decimal, written the Vietnamese way (12,3)."""
    return f"{value:.1f}".replace(".", ",")
