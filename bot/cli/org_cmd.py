"""`danvan branch add|list` and `danvan invite`."""

from __future__ import annotations

import argparse
import sys

from bot.cli.common import cli_actor, print_json
from bot.cli.deadline_cmd import opened_app
from handlers.audit import record
from handlers.org import make_invite
from handlers.org_texts import ROLE_NAMES
from storage.repos.deadlines import ensure_all_assignments
from storage.repos.org import ROLES, add_branch, list_branches


def register(sub: argparse._SubParsersAction) -> None:
    """Add `branch` and `invite`."""
    branch = sub.add_parser("branch", help="chi bộ: thêm, liệt kê")
    branch_sub = branch.add_subparsers(dest="branch_command", metavar="ACTION")
    add = branch_sub.add_parser("add", help="đăng ký chi bộ (mã đã có thì cập nhật tên)")
    add.add_argument("name", metavar="NAME", help="tên chi bộ, ví dụ «Chi bộ Trường THPT A»")
    add.add_argument("--code", required=True, help="mã ngắn của chi bộ, ví dụ A1")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_branch_add)
    listing = branch_sub.add_parser("list", help="danh sách chi bộ")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_branch_list)

    invite = sub.add_parser(
        "invite",
        help="tạo mã mời dùng một lần (bí thư/phó bí thư của chi bộ, hoặc quản trị)",
        description="Tạo mã mời dùng một lần. Người nhận gửi «/start MÃ» cho bot. "
        "Với --role admin có thể bỏ mã chi bộ.",
    )
    invite.add_argument("code", nargs="?", metavar="CODE", help="mã chi bộ")
    invite.add_argument("--role", choices=ROLES, default="secretary")
    invite.add_argument("--json", action="store_true")
    invite.set_defaults(func=cmd_invite)


def cmd_branch_add(args: argparse.Namespace) -> int:
    """Register (or rename) a branch."""
    with opened_app() as app:
        now = app.ctx.clock.now()
        branch, created = add_branch(app.db, args.code, args.name, now)
        if created:  # the running bot's sweep would do it within a minute; do it now
            ensure_all_assignments(app.db, now, app.ctx.tz)
        action = "branch_added" if created else "branch_renamed"
        record(app.ctx, cli_actor(), action, f"branch:{branch.code}", after={"name": branch.name})
        if args.json:
            print_json({"code": branch.code, "name": branch.name, "created": created})
        else:
            verb = "Đã thêm" if created else "Đã cập nhật"
            print(f"{verb} chi bộ {branch.code}: {branch.name}")
        return 0


def cmd_branch_list(args: argparse.Namespace) -> int:
    """List the branches."""
    with opened_app() as app:
        rows = list_branches(app.db)
        if args.json:
            print_json(
                [
                    {"code": r.code, "name": r.name, "members": r.members, "active": r.active}
                    for r in rows
                ]
            )
        elif not rows:
            print("Chưa có chi bộ nào. Thêm bằng: danvan branch add TÊN --code MÃ")
        else:
            for r in rows:
                print(f"{r.code}\t{r.name}\t{r.members} thành viên")
        return 0


def cmd_invite(args: argparse.Namespace) -> int:
    """Make a single-use invite."""
    if not args.code and args.role != "admin":
        print("Cần mã chi bộ (hoặc --role admin).", file=sys.stderr)
        return 2
    with opened_app() as app:
        try:
            made = make_invite(app.ctx, args.code, args.role)
        except LookupError:
            print(
                f"Không có chi bộ mã {args.code.upper()}. Xem: danvan branch list", file=sys.stderr
            )
            return 1
        target = f"branch:{made['branch']}" if made["branch"] else "Văn phòng"
        invited = {"invite": made["id"], "role": args.role, "expires_at": made["expires_at"]}
        record(app.ctx, cli_actor(), "invited", target, after=invited)
        if args.json:
            print_json(made)
            return 0
        print(f"Mã mời ({ROLE_NAMES[args.role]}): {made['code']}")
        print(f"Hết hạn: {made['expires_at']}; chỉ dùng được một lần.")
        print(f"Người nhận gửi cho bot: /start {made['code']}")
        if made["telegram_link"]:
            print(f"Đường dẫn Telegram: {made['telegram_link']}")
        return 0
