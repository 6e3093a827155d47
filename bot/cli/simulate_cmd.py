"""`danvan simulate --from DATE --to DATE`: what the reminder loop would send, day by day.

Runs the real scheduler on a simulated clock over a throwaway copy of the database
(bot.simulation); nothing is sent and the real database is only read.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.cli.common import print_json, settings
from bot.simulation import Preview, Recorded, preview
from core.clock import SystemClock
from handlers.reminders.calendar import weekday_name
from storage.repos.members import CallerRow

MAX_DAYS = 400  # a year and a bit: longer previews take minutes and read as noise
WINDOW_HELP = "YYYY-MM-DD hoặc DD/MM/YYYY, giờ Việt Nam"


def register(sub: argparse._SubParsersAction) -> None:
    """Add `simulate`."""
    simulate = sub.add_parser(
        "simulate",
        help="xem trước các tin nhắc hạn bot sẽ gửi trong một khoảng ngày (không gửi gì)",
        description="Chạy bộ nhắc hạn thật trên đồng hồ giả lập, trên một bản sao tạm của cơ sở "
        "dữ liệu, và in mọi tin nhắn bot sẽ gửi từ 00:00 ngày --from đến hết ngày --to. "
        "Không gửi tin nào; cơ sở dữ liệu thật chỉ được đọc.",
    )
    simulate.add_argument(
        "--from", dest="first", metavar="DATE", help=f"{WINDOW_HELP}; mặc định hôm nay"
    )
    simulate.add_argument(
        "--to", dest="last", metavar="DATE", help=f"{WINDOW_HELP}; mặc định 30 ngày sau --from"
    )
    simulate.add_argument("--json", action="store_true", help="mỗi dòng một tin nhắn (JSON)")
    simulate.set_defaults(func=cmd_simulate)


def parse_day(text: str) -> date | None:
    """A day typed as 2026-05-04 or 04/05/2026."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def cmd_simulate(args: argparse.Namespace) -> int:
    """Preview the messages of a window of days."""
    config = settings()
    tz = ZoneInfo(config.timezone)
    now = SystemClock().now()
    first = parse_day(args.first) if args.first else now.astimezone(tz).date()
    if first is None:
        return _fail(f"Không đọc được ngày --from “{args.first}”: cần YYYY-MM-DD.")
    last = parse_day(args.last) if args.last else first + timedelta(days=30)
    if last is None:
        return _fail(f"Không đọc được ngày --to “{args.last}”: cần YYYY-MM-DD.")
    if last < first:
        return _fail("Ngày --to phải từ ngày --from trở đi.")
    if (last - first).days >= MAX_DAYS:
        return _fail(f"Mỗi lần xem trước tối đa {MAX_DAYS} ngày; hãy chia nhỏ khoảng ngày.")
    progress = _progress(tz) if sys.stderr.isatty() else None
    result = asyncio.run(preview(config, first, last, now, progress))
    if progress is not None:
        print(file=sys.stderr)
    if args.json:
        for message in result.messages:
            print_json(json_line(message, result, tz))
    else:
        print(text_report(result, tz))
    return 0


def _progress(tz: ZoneInfo) -> Callable[[datetime], None]:
    """Shows the simulated day on stderr (a long window takes a while)."""
    shown: list[date] = []

    def show(instant: datetime) -> None:
        day = instant.astimezone(tz).date()
        if not shown or day != shown[-1]:
            shown.append(day)
            sys.stderr.write(f"\rĐang mô phỏng ngày {day:%d/%m/%Y}…")
            sys.stderr.flush()

    return show


def json_line(message: Recorded, result: Preview, tz: ZoneInfo) -> dict[str, object]:
    """One message as the stable JSON line: at, channel, chat_id, branch, kind, text."""
    owner = result.owners.get((message.channel, message.chat_id))
    return {
        "at": message.at.astimezone(tz).isoformat(),
        "channel": message.channel,
        "chat_id": message.chat_id,
        "branch": owner.branch_code if owner else None,
        "kind": message.reply.kind,
        "text": message.reply.text,
        "buttons": [b.label for row in message.reply.buttons for b in row],
    }


def recipient(owner: CallerRow | None, message: Recorded) -> str:
    """'Chi bộ Trường A (A1), Bí thư A1 — telegram 2001' or the office's chat."""
    where = f"{message.channel} {message.chat_id}"
    if owner is None:
        return f"Văn phòng (ADMIN_CHAT_IDS) — {where}"
    if owner.branch_code:
        return f"{owner.branch_name} ({owner.branch_code}), {owner.display_name} — {where}"
    return f"{owner.display_name or 'Văn phòng Đảng ủy'} — {where}"


def text_report(result: Preview, tz: ZoneInfo) -> str:
    """The messages grouped by the instant they go out, for a person to read."""
    start, end = result.start.astimezone(tz), (result.end - timedelta(seconds=1)).astimezone(tz)
    span = f"{_day(start.date())} đến hết {_day(end.date())}"
    lines = [f"Xem trước tin nhắn của bot từ {span} (bản sao tạm, không gửi tin nào)."]
    last_at = None
    for message in result.messages:
        if message.at != last_at:
            last_at = message.at
            local = message.at.astimezone(tz)
            lines += ["", f"=== {local:%H:%M} {_day(local.date())} ==="]
        owner = result.owners.get((message.channel, message.chat_id))
        lines += [f"→ {recipient(owner, message)}:", message.reply.text]
        lines += [f"  [{b.label}]" for row in message.reply.buttons for b in row]
    chats = len({(m.channel, m.chat_id) for m in result.messages})
    if result.messages:
        lines += ["", f"Tổng cộng {len(result.messages)} tin nhắn tới {chats} chat."]
    else:
        lines += ["", "Không có tin nhắn nào trong khoảng ngày này."]
    return "\n".join(lines)


def _day(day: date) -> str:
    return f"{weekday_name(day)} {day:%d/%m/%Y}"
