"""`danvan branch add|list`, `danvan invite` (also for a hand-over) and `danvan member`."""

from __future__ import annotations

import argparse
import sys
from datetime import tzinfo
from typing import Any

from bot.app import App
from bot.cli.common import cli_actor, print_json
from bot.cli.deadline_cmd import opened_app
from handlers.audit import member_named, record
from handlers.handover import retired_value
from handlers.org import make_invite
from handlers.org_texts import ROLE_NAMES
from storage.repos.deadlines import ensure_all_assignments
from storage.repos.members import MemberRow, branch_by_code, holders, members, retire
from storage.repos.org import ROLES, add_branch, list_branches


def register(sub: argparse._SubParsersAction) -> None:
    """Add `branch` and `invite`."""
    branch = sub.add_parser("branch", help="chi bộ: thêm, liệt kê")
    branch_sub = branch.add_subparsers(dest="branch_command", metavar="ACTION")
    add = branch_sub.add_parser("add", help="đăng ký chi bộ (mã đã có thì cập nhật tên)")
    add.add_argument("name", metavar="NAME", help="tên chi bộ, ví dụ “Chi bộ Trường THPT A”")
    add.add_argument("--code", required=True, help="mã ngắn của chi bộ, ví dụ A1")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_branch_add)
    listing = branch_sub.add_parser("list", help="danh sách chi bộ")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_branch_list)

    invite = sub.add_parser(
        "invite",
        help="tạo mã mời dùng một lần (bí thư/phó bí thư của chi bộ, hoặc quản trị)",
        description="Tạo mã mời dùng một lần. Người nhận gửi “/start MÃ” cho bot. "
        "Với --role admin có thể bỏ mã chi bộ.",
    )
    invite.add_argument("code", nargs="?", metavar="CODE", help="mã chi bộ")
    invite.add_argument("--role", choices=ROLES, default="secretary")
    invite.add_argument(
        "--replace",
        action="store_true",
        help="mã bàn giao: người dùng mã thay người đang giữ vai trò này ở chi bộ "
        "(người cũ thôi nhận tin, lịch sử giữ nguyên)",
    )
    invite.add_argument("--json", action="store_true")
    invite.set_defaults(func=cmd_invite)

    member = sub.add_parser("member", help="thành viên: liệt kê, cho thôi nhận tin")
    member_sub = member.add_subparsers(dest="member_command", metavar="ACTION")
    listing = member_sub.add_parser(
        "list", help="thành viên đang nhận tin (--all: cả người đã thôi)"
    )
    listing.add_argument("--branch", metavar="CODE", help="chỉ một chi bộ")
    listing.add_argument("--all", action="store_true")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_member_list)
    leave = member_sub.add_parser("retire", help="cho một thành viên thôi nhận tin (nghỉ, chuyển)")
    leave.add_argument("member_id", type=int, metavar="MEMBER_ID")
    leave.add_argument("--json", action="store_true")
    leave.set_defaults(func=cmd_member_retire)


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
    if args.replace and (not args.code or args.role == "admin"):
        print("Mã bàn giao cần mã chi bộ và vai trò bí thư hoặc phó bí thư.", file=sys.stderr)
        return 2
    with opened_app() as app:
        try:
            made = make_invite(app.ctx, args.code, args.role, replaces=args.replace)
        except LookupError:
            print(
                f"Không có chi bộ mã {args.code.upper()}. Xem: danvan branch list", file=sys.stderr
            )
            return 1
        target = f"branch:{made['branch']}" if made["branch"] else "Văn phòng"
        invited: dict[str, Any] = {
            "invite": made["id"],
            "role": args.role,
            "expires_at": made["expires_at"],
        }
        if args.replace:  # a hand-over: the current holders are retired when it is used
            invited["replaces"] = [member_named(r) for r in _holders(app, args.code, args.role)]
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


def _holders(app: App, code: str, role: str) -> list[MemberRow]:
    branch = branch_by_code(app.db, code)
    return holders(app.db, branch.id, role) if branch and branch.id else []


def _member_json(row: MemberRow, tz: tzinfo) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.display_name,
        "role": row.role,
        "branch": row.branch_code,
        "joined": row.joined.astimezone(tz).isoformat(timespec="seconds"),
        "retired_at": row.retired_at.astimezone(tz).isoformat(timespec="seconds")
        if row.retired_at
        else None,
        "chats": [f"{c.channel}:{c.chat_id}" for c in row.chats],
    }


def cmd_member_list(args: argparse.Namespace) -> int:
    """List members (of one branch), with their chats."""
    with opened_app() as app:
        branch_id = None
        if args.branch:
            branch = branch_by_code(app.db, args.branch)
            if branch is None:
                print(f"Không có chi bộ mã {args.branch.upper()}.", file=sys.stderr)
                return 1
            branch_id = branch.id
        rows = [_member_json(r, app.ctx.tz) for r in members(app.db, branch_id, args.all)]
        if args.json:
            print_json(rows)
            return 0
        for row in rows:
            retired = f" (thôi từ {row['retired_at'][:10]})" if row["retired_at"] else ""
            print(f"#{row['id']}\t{row['branch'] or '-'}\t{ROLE_NAMES[row['role']]}\t"
                  f"{row['name']}{retired}\t{', '.join(row['chats'])}")  # fmt: skip
        return 0


def cmd_member_retire(args: argparse.Namespace) -> int:
    """Retire a member: the chats stop receiving messages; history stays."""
    with opened_app() as app:
        done = retire(app.db, app.ctx.clock.now(), [args.member_id])
        if not done:
            print(f"Không có thành viên #{args.member_id} đang nhận tin.", file=sys.stderr)
            return 1
        retired = retired_value(app.ctx, done[0])
        record(app.ctx, cli_actor(), "retired", f"member:{done[0].id}", after=retired)
        if args.json:
            print_json(_member_json(done[0], app.ctx.tz))
        else:
            print(f"Đã cho #{done[0].id} {done[0].display_name} thôi nhận tin.")
        return 0
