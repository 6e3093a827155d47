"""`danvan department add|list`: the offices that share this deployment."""

from __future__ import annotations

import argparse

from bot.cli.common import print_json
from bot.cli.deadline_cmd import opened_app
from storage.repos.departments import add_department, list_departments


def register(sub: argparse._SubParsersAction) -> None:
    """Add `department`."""
    department = sub.add_parser("department", help="đơn vị dùng chung hệ thống: thêm, liệt kê")
    department_sub = department.add_subparsers(dest="department_command", metavar="ACTION")
    add = department_sub.add_parser("add", help="thêm đơn vị (mã đã có thì cập nhật tên)")
    add.add_argument("code", metavar="CODE", help="mã ngắn, ví dụ so-gddt")
    add.add_argument("name", metavar="NAME", help="tên đơn vị, ví dụ “Đảng ủy Sở GD&ĐT”")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_department_add)
    listing = department_sub.add_parser("list", help="danh sách đơn vị")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_department_list)


def cmd_department_add(args: argparse.Namespace) -> int:
    """Register (or rename) a department."""
    with opened_app() as app:
        row, created = add_department(app.db, args.code, args.name, app.ctx.clock.now())
    if args.json:
        print_json({"id": row.id, "code": row.code, "name": row.name, "created": created})
    else:
        verb = "Đã thêm" if created else "Đã cập nhật"
        print(f"{verb} đơn vị {row.code}: {row.name}")
    return 0


def cmd_department_list(args: argparse.Namespace) -> int:
    """List the departments with their branch and document counts."""
    with opened_app() as app:
        rows = list_departments(app.db)
    if args.json:
        print_json([r.__dict__ for r in rows])
        return 0
    for r in rows:
        print(f"{r.code:<16} {r.name}  ({r.branches} chi bộ, {r.documents} văn bản)")
    return 0
