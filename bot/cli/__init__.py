"""The admin CLI (`danvan`, `python -m bot`): a stable interface for ops and checks."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from sqlalchemy.exc import DBAPIError, OperationalError

from bot.cli import (
    audit_cmd,
    backup_cmd,
    db_cmd,
    deadline_cmd,
    department_cmd,
    holiday_cmd,
    ingest_cmd,
    org_cmd,
    run_cmd,
    search_cmd,
    simulate_cmd,
)
from bot.cli.common import UnknownDepartment, choose_department
from core.settings import SettingsError
from storage.db import DatabaseUnavailable, is_busy

MODULES = (
    run_cmd, ingest_cmd, search_cmd, org_cmd, deadline_cmd, holiday_cmd, simulate_cmd, backup_cmd,
    audit_cmd, db_cmd, department_cmd,
)  # fmt: skip
# Commands that read or write one department's data: each takes --department CODE.
SCOPED_COMMANDS = (
    "ingest", "lookup", "ask", "branch", "invite", "member", "deadline", "status", "export",
    "audit",
)  # fmt: skip
BUSY = "Cơ sở dữ liệu đang bận (một tiến trình khác đang ghi); hãy thử lại sau ít phút."
EX_TEMPFAIL = 75  # sysexits.h: a temporary failure, the caller may retry

# argparse speaks English; office staff read these, so the common ones are translated.
_ARGPARSE_VI = (
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"tham số không nhận ra: \1"),
    (r"argument (\S+): invalid int value: (.*)", r"\1 cần một số nguyên, nhận được \2"),
    (r"argument (\S+): invalid float value: (.*)", r"\1 cần một số, nhận được \2"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"\1 không nhận giá trị \2 (chọn một trong: \3)",
    ),
    (r"argument (\S+): expected one argument", r"\1 cần một giá trị"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 không dùng chung với \2"),
    # Our own type checks already speak Vietnamese: keep only the option's name.
    (r"argument (\S+): ", r"\1: "),
)


class VietnameseArgumentParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are in Vietnamese."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error in Vietnamese, exit 2."""
        for pattern, replacement in _ARGPARSE_VI:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = VietnameseArgumentParser(
        prog="danvan", description="Trợ lý chat của Đảng ủy Sở GD&ĐT (danvan)."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in MODULES:
        module.register(sub)
    for name in SCOPED_COMMANDS:
        for leaf in _leaves(sub.choices[name]):
            leaf.add_argument(
                "--department",
                metavar="CODE",
                default="",
                help="đơn vị (mã); mặc định DEFAULT_DEPARTMENT",
            )
    return parser


def _leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parsers that run a command: this one, or those under its subcommands."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [parser]
    return [leaf for child in subs[0].choices.values() for leaf in _leaves(child)]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one CLI command; returns the process exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    choose_department(getattr(args, "department", None))
    try:
        return int(args.func(args) or 0)
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except (OperationalError, DBAPIError) as exc:
        if is_busy(exc):
            print(BUSY, file=sys.stderr)
            return EX_TEMPFAIL
        print(_database_error(exc), file=sys.stderr)
        return 2
    except DatabaseUnavailable as exc:
        print(f"Không mở được cơ sở dữ liệu (DATABASE_URL): {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except UnknownDepartment as exc:
        print(f"Không có đơn vị mã “{exc}” (xem: danvan department list).", file=sys.stderr)
        return 2


def _database_error(exc: DBAPIError) -> str:
    """One line naming DATABASE_URL; the driver's first line says why (never the password)."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return f"Không mở được cơ sở dữ liệu (DATABASE_URL): {reason}"
