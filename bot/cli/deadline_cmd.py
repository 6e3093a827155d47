"""`danvan deadline add|list|end`, `danvan status` and `danvan export`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.app import App
from bot.cli.common import cli_actor, open_app, print_json
from bot.export import status_rows, write_xlsx
from handlers.audit import record
from handlers.deadline_texts import RECURRENCE_VI, REPORT_ORDER, STATE_VI
from handlers.deadlines import create_approved, parse_due
from handlers.reminders import series
from handlers.reminders.series import end_of_day
from storage.repos import assignments
from storage.repos import deadlines as repo

RECURRENCES = ("monthly", "quarterly", "half-yearly", "yearly")
DUE_HELP = (
    "hạn nộp, giờ Việt Nam: YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM; "
    "không ghi giờ thì hạn là 17:00 ngày đó (hết giờ hành chính)"
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add `deadline`, `status` and `export`."""
    deadline = sub.add_parser("deadline", help="hạn nộp: thêm, liệt kê")
    deadline_sub = deadline.add_subparsers(dest="deadline_command", metavar="ACTION")
    add = deadline_sub.add_parser(
        "add",
        help="tạo hạn nộp (đã duyệt) và giao cho các chi bộ",
        description="Tạo hạn nộp đã duyệt và giao cho chi bộ. Hạn định kỳ giao ngay các kỳ từ "
        "ngày hạn đầu tiên đến hết năm đó, rồi bot tự giao các kỳ tiếp theo, sang cả năm sau, "
        "đến khi hạn định kỳ được kết thúc.",
    )
    add.add_argument("--title", required=True)
    add.add_argument("--due", required=True, help=DUE_HELP)
    add.add_argument("--doc", help="số hoặc tên tệp của văn bản đã nạp")
    add.add_argument("--branches", default="all", help="all hoặc danh sách mã: A1,B2")
    add.add_argument(
        "--recurrence",
        choices=RECURRENCES,
        help="hạn định kỳ: mỗi kỳ sau được giao trước RECURRENCE_LEAD_DAYS ngày, năm này qua "
        "năm khác, đến khi kết thúc (--until, hoặc danvan deadline end, /ketthuc)",
    )
    add.add_argument(
        "--until", metavar="YYYY-MM-DD", help="hạn định kỳ: kỳ cuối là kỳ có hạn đến hết ngày này"
    )
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_deadline_add)
    end = deadline_sub.add_parser(
        "end",
        help="kết thúc hạn định kỳ: không giao kỳ mới nữa",
        description="Kết thúc hạn định kỳ sau kỳ đang chờ nộp (hoặc sau kỳ có hạn đến hết ngày "
        "--after); các việc của kỳ sau đó đã giao trước được bỏ.",
    )
    end.add_argument("deadline_id", type=int, metavar="DEADLINE_ID")
    end.add_argument("--after", metavar="YYYY-MM-DD", help="kỳ cuối là kỳ có hạn đến hết ngày này")
    end.add_argument("--json", action="store_true")
    end.set_defaults(func=cmd_deadline_end)
    listing = deadline_sub.add_parser("list", help="danh sách hạn nộp và số chi bộ theo trạng thái")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_deadline_list)

    status = sub.add_parser("status", help="tình hình nộp của từng chi bộ")
    status.add_argument("deadline_id", nargs="?", type=int, metavar="DEADLINE_ID")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=cmd_status)

    export = sub.add_parser("export", help="xuất bảng tình hình ra Excel")
    export.add_argument("--xlsx", required=True, metavar="FILE", type=Path)
    export.set_defaults(func=cmd_export)


@contextmanager
def opened_app() -> Iterator[App]:
    """An app on the configured database, its connections closed afterwards."""
    app = open_app()
    try:
        yield app
    finally:
        app.db.dispose()


def _fail(message: str, code: int = 2) -> int:
    print(message, file=sys.stderr)
    return code


def cmd_deadline_add(args: argparse.Namespace) -> int:
    """Create an approved deadline with its assignments."""
    with opened_app() as app:
        outcome = add_deadline(app, args)
    if isinstance(outcome, tuple):
        return _fail(*outcome)
    if args.json:
        print_json(outcome)
    else:
        print(f"Đã tạo hạn nộp #{outcome['id']}: {outcome['title']} — hạn {outcome['due']}")
        print(f"Giao cho {len(outcome['branches'])} chi bộ, {outcome['assignments']} việc.")
    return 0


def add_deadline(app: App, args: argparse.Namespace) -> dict[str, Any] | tuple[str, int]:
    """The `deadline add --json` result, or (error message, exit code)."""
    due = parse_due(args.due, app.ctx.tz, app.ctx.clock.now())
    if due is None:
        return f"Không đọc được ngày «{args.due}»: cần YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM.", 2
    document_id = None
    if args.doc:
        document_id = repo.find_document(app.db, args.doc)
        if document_id is None:
            return f"Không tìm thấy văn bản «{args.doc}». Nạp trước bằng: danvan ingest", 1
    until = None
    if args.until:
        if not args.recurrence:
            return "--until chỉ dùng cùng --recurrence (hạn định kỳ).", 2
        last = parse_due(args.until, app.ctx.tz, app.ctx.clock.now())
        if last is None:
            return f"Không đọc được ngày --until “{args.until}”: cần YYYY-MM-DD.", 2
        until = end_of_day(last, app.ctx)
    codes = None if args.branches.strip().lower() == "all" else args.branches.split(",")
    made = create_approved(app.ctx, args.title.strip(), due, codes, args.recurrence, document_id)
    if made.deadline is None or made.deadline.id is None:
        return f"Không có chi bộ mã: {', '.join(made.unknown_codes or [])}", 1
    if until is not None:
        series.end(app.ctx, made.deadline.id, until)
    views = assignments.assignment_views(app.db, deadline_id=made.deadline.id)
    target, added = f"deadline:{made.deadline.id}", {"title": made.deadline.title, "due": due}
    record(app.ctx, cli_actor(), "deadline_added", target, after=added)
    return {
        "id": made.deadline.id,
        "title": made.deadline.title,
        "due": due.astimezone(app.ctx.tz).isoformat(),
        "branches": sorted({v.branch_code for v in views}),
        "recurrence": args.recurrence,
        "periods": sorted({v.period for v in views if v.period}),
        "assignments": len(views),
    }


def cmd_deadline_end(args: argparse.Namespace) -> int:
    """End a recurring deadline: no new period is assigned."""
    with opened_app() as app:
        deadline = repo.get_deadline(app.db, args.deadline_id)
        if deadline is None or deadline.id is None:
            return _fail(f"Không có hạn nộp #{args.deadline_id}.", 1)
        cadence = RECURRENCE_VI.get(deadline.recurrence or "")
        if cadence is None:
            return _fail(f"Hạn nộp #{deadline.id} không định kỳ nên không cần kết thúc.", 1)
        until = None
        if args.after:
            last = parse_due(args.after, app.ctx.tz, app.ctx.clock.now())
            if last is None:
                return _fail(f"Không đọc được ngày --after “{args.after}”: cần YYYY-MM-DD.")
            until = end_of_day(last, app.ctx)
        ended = series.end(app.ctx, deadline.id, until)
        if args.json:
            due = ended.last_due.astimezone(app.ctx.tz).isoformat() if ended.last_due else None
            print_json(
                {"id": deadline.id, "last_period": ended.last_period, "last_due": due}
                | {"removed": ended.removed}
            )
        else:
            print(series.ended_text(app.ctx, deadline.id, deadline.title, cadence, ended))
        return 0


def deadline_rows(app: App) -> list[dict[str, Any]]:
    """`danvan deadline list --json`: each deadline with counts per state."""
    now, tz = app.ctx.clock.now(), app.ctx.tz
    rows = []
    for deadline in repo.deadlines(app.db, ("approved", "proposed")):
        assert deadline.id is not None
        views = assignments.assignment_views(app.db, deadline_id=deadline.id)
        rows.append(
            {
                "id": deadline.id,
                "title": deadline.title,
                "due": deadline.due_at.astimezone(tz).isoformat() if deadline.due_at else None,
                "status": deadline.status,
                "recurrence": deadline.recurrence,
                "series_until": (
                    deadline.series_until.astimezone(tz).isoformat()
                    if deadline.series_until
                    else None
                ),
                "counts": repo.count_states(views, now),
            }
        )
    return rows


def cmd_deadline_list(args: argparse.Namespace) -> int:
    """List deadlines (approved and still proposed) with counts per state."""
    with opened_app() as app:
        rows = deadline_rows(app)
        if args.json:
            print_json(rows)
            return 0
        if not rows:
            print("Chưa có hạn nộp nào.")
        for row in rows:
            counts = ", ".join(f"{STATE_VI[s]} {row['counts'][s]}" for s in REPORT_ORDER)
            status = "" if row["status"] == "approved" else " [chờ duyệt]"
            print(f"#{row['id']} {row['title']}{status} — hạn {row['due'] or 'chưa rõ'}: {counts}")
        return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Per-branch state of one deadline or of all."""
    with opened_app() as app:
        if args.deadline_id is not None and repo.get_deadline(app.db, args.deadline_id) is None:
            return _fail(f"Không có hạn nộp #{args.deadline_id}.", 1)
        rows = status_rows(app.db, app.ctx.clock.now(), app.ctx.tz, args.deadline_id)
        if args.json:
            print_json(rows)
            return 0
        for row in rows:
            period = f" [{row['period']}]" if row["period"] else ""
            submitted = f", nộp lúc {row['submitted_at']}" if row["submitted_at"] else ""
            print(
                f"#{row['deadline_id']}{period} {row['branch']} {row['branch_name']}: "
                f"{STATE_VI[row['state']]}{submitted}"
            )
        return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the status workbook."""
    with opened_app() as app:
        sheets = write_xlsx(app.db, args.xlsx, app.ctx.clock.now(), app.ctx.tz)
        record(app.ctx, cli_actor(), "exported", f"file:{args.xlsx.name}", after={"sheets": sheets})
        print(f"Đã xuất {sheets} hạn nộp ra {args.xlsx}")
        return 0
