"""`danvan holiday list|add|remove`: the office calendar reminders follow."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from bot.app import App
from bot.cli.common import print_json
from bot.cli.deadline_cmd import opened_app
from handlers.deadlines import parse_due
from handlers.reminders.calendar import OFFICE, WORKDAY, load_calendar
from handlers.reminders.days import KIND_VI, day_vi, declare
from storage.repos.holidays import remove_office_day


def register(sub: argparse._SubParsersAction) -> None:
    """Add `holiday`."""
    holiday = sub.add_parser(
        "holiday",
        help="lịch nghỉ: ngày lễ, ngày cơ quan nghỉ, ngày làm bù",
        description="Nhắc hạn chỉ gửi vào ngày làm việc: thứ Hai đến thứ Sáu, trừ ngày lễ "
        "(Tết, Giỗ Tổ, 30/4, 1/5, 2/9, ngày nghỉ bù) và ngày cơ quan khai báo nghỉ; cộng thêm "
        "ngày làm bù.",
    )
    holiday_sub = holiday.add_subparsers(dest="holiday_command", metavar="ACTION")
    listing = holiday_sub.add_parser("list", help="ngày lễ, ngày nghỉ và ngày làm bù của một năm")
    listing.add_argument("--year", type=int, help="năm (mặc định: năm nay)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_holiday_list)
    add = holiday_sub.add_parser(
        "add",
        help="khai báo ngày cơ quan nghỉ (hoặc ngày làm bù với --workday)",
        description="Khai báo một ngày nghỉ của cơ quan; nhắc hạn đã lên lịch vào ngày đó "
        "được dời sang ngày làm việc gần nhất. Khai báo lại cùng ngày thì thay khai báo cũ.",
    )
    add.add_argument("date", metavar="DATE", help="YYYY-MM-DD hoặc DD/MM/YYYY")
    add.add_argument("name", metavar="NAME", help="tên hoặc lý do, ví dụ “Nghỉ dự Đại hội”")
    add.add_argument("--workday", action="store_true", help="ngày làm việc (làm bù), không nghỉ")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_holiday_add)
    remove = holiday_sub.add_parser("remove", help="bỏ khai báo của một ngày")
    remove.add_argument("date", metavar="DATE")
    remove.set_defaults(func=cmd_holiday_remove)


def _day(text: str, app: App) -> date | None:
    """A date typed as YYYY-MM-DD or DD/MM/YYYY (no time of day)."""
    ctx = app.ctx
    due = parse_due(text, ctx.tz, ctx.clock.now())
    return due.astimezone(ctx.tz).date() if due else None


def _bad_date(text: str) -> int:
    print(f"Không đọc được ngày “{text}”: cần YYYY-MM-DD hoặc DD/MM/YYYY.", file=sys.stderr)
    return 2


def cmd_holiday_list(args: argparse.Namespace) -> int:
    """Print a year's public holidays, the office's days off and the make-up working days."""
    with opened_app() as app:
        year = args.year or app.ctx.clock.now().astimezone(app.ctx.tz).year
        days = load_calendar(app.db).special_days(year)
    if args.json:
        print_json([{"date": d.day.isoformat(), "name": d.name, "kind": d.kind} for d in days])
        return 0
    print(f"Lịch nghỉ năm {year} (thứ Bảy, Chủ nhật nghỉ, trừ ngày làm bù):")
    for d in days:
        print(f"{day_vi(d.day)}: {d.name} ({KIND_VI[d.kind]})")
    return 0


def cmd_holiday_add(args: argparse.Namespace) -> int:
    """Declare a day off of the office, or a make-up working day."""
    with opened_app() as app:
        day = _day(args.date, app)
        if day is None:
            return _bad_date(args.date)
        name = args.name.strip()
        kind = WORKDAY if args.workday else OFFICE
        done = declare(app.ctx, day, name, kind)
    if args.json:
        print_json(
            {"date": day.isoformat(), "name": name, "kind": kind}
            | {"created": done.created, "moved": done.moved}
        )
        return 0
    what = "ngày làm việc" if args.workday else "ngày nghỉ"
    print(f"Đã ghi nhận {what} {day_vi(day)}: {name}.")
    if done.moved:
        print(f"Đã dời {done.moved} lời nhắc hạn sang ngày làm việc gần nhất.")
    return 0


def cmd_holiday_remove(args: argparse.Namespace) -> int:
    """Withdraw the office's declaration of a day."""
    with opened_app() as app:
        day = _day(args.date, app)
        if day is None:
            return _bad_date(args.date)
        removed = remove_office_day(app.db, day)
    if not removed:
        print(f"Ngày {day_vi(day)} chưa được khai báo.", file=sys.stderr)
        return 1
    print(f"Đã bỏ khai báo của ngày {day_vi(day)}.")
    return 0
