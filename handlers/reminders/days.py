"""The office calendar in chat: /ngaynghi lists and declares days off, /ngaylam working days.

The CLI (`danvan holiday`) declares through `declare` too, so a day declared either way
moves the reminders already planned on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.messages import Reply
from handlers.context import Context, Request
from handlers.deadlines import split_due
from handlers.reminders.calendar import OFFICE, PUBLIC, WORKDAY, load_calendar, weekday_name
from handlers.reminders.plan import move_off_day
from knowledge.vi.textnorm import fold
from storage.repos.holidays import remove_office_day, set_office_day

LIST_DAYS = 90  # how far ahead /ngaynghi looks: the coming quarter
KIND_VI = {PUBLIC: "nghỉ lễ", OFFICE: "cơ quan nghỉ", WORKDAY: "làm việc"}
USAGE = (
    "Cách dùng: /ngaynghi để xem lịch nghỉ sắp tới; /ngaynghi NGÀY Tên để khai báo ngày "
    "cơ quan nghỉ (ví dụ /ngaynghi 17/05/2024 Nghỉ dự Đại hội); /ngaynghi xoa NGÀY để bỏ "
    "khai báo; /ngaylam NGÀY Tên để khai báo ngày làm việc bù."
)
LIST_HEADER = "Ngày nghỉ và ngày làm bù từ {start} đến {end}:"
LIST_NONE = "Từ {start} đến {end} không có ngày lễ hay ngày nghỉ nào ngoài thứ Bảy, Chủ nhật."
LIST_LINE = "• {day}: {name} ({kind})"
LIST_FOOTER = "Thứ Bảy và Chủ nhật là ngày nghỉ, trừ ngày làm bù."
DECLARED_OFF = "Đã ghi nhận ngày nghỉ {day}: {name}."
DECLARED_WORK = "Đã ghi nhận {day} là ngày làm việc: {name}."
MOVED = " Đã dời {count} lời nhắc hạn sang ngày làm việc gần nhất."
REMOVED = "Đã bỏ khai báo của ngày {day}."
NOT_DECLARED = "Ngày {day} chưa được khai báo nên không có gì để bỏ."
NO_NAME = "Hãy ghi kèm tên hoặc lý do, ví dụ: /ngaynghi 17/05/2024 Nghỉ dự Đại hội."


@dataclass(frozen=True)
class Declared:
    """A declaration stored: whether the date is new, and how many reminders moved."""

    created: bool
    moved: int


def day_vi(day: date) -> str:
    """'thứ Sáu 17/05/2024'."""
    return f"{weekday_name(day)} {day:%d/%m/%Y}"


def declare(ctx: Context, day: date, name: str, kind: str) -> Declared:
    """Store a day off (office) or working day (workday); a day off moves its reminders."""
    now = ctx.clock.now()
    created = set_office_day(ctx.db, day, name, kind, now)
    moved = 0
    if kind == OFFICE:
        moved = move_off_day(ctx.db, day, now, ctx.settings, load_calendar(ctx.db))
    return Declared(created, moved)


def _parse(req: Request, args: str) -> tuple[date | None, str]:
    """A leading date and the rest of the arguments."""
    due, rest = split_due(args, req.ctx.tz, req.ctx.clock.now())
    return (due.astimezone(req.ctx.tz).date() if due else None), rest.strip()


def upcoming(ctx: Context, days: int = LIST_DAYS) -> str:
    """The public holidays, days off and make-up days of the coming `days` days."""
    start = ctx.clock.now().astimezone(ctx.tz).date()
    end = start + timedelta(days=days)
    calendar = load_calendar(ctx.db)
    found = [
        d
        for year in range(start.year, end.year + 1)
        for d in calendar.special_days(year)
        if start <= d.day <= end
    ]
    span = {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
    if not found:
        return LIST_NONE.format(**span)
    lines = [LIST_HEADER.format(**span)]
    lines += [LIST_LINE.format(day=day_vi(d.day), name=d.name, kind=KIND_VI[d.kind]) for d in found]
    return "\n".join([*lines, LIST_FOOTER])


async def days_off_command(req: Request) -> list[Reply]:
    """/ngaynghi [NGÀY Tên | xoa NGÀY]: the coming days off, or declare / withdraw one."""
    args = req.args.strip()
    if not args:
        return [Reply(upcoming(req.ctx))]
    head, _, rest = args.partition(" ")
    if fold(head) in ("xoa", "bo"):  # "xóa", "xoá", "bỏ", with or without marks
        day, leftover = _parse(req, rest)
        if day is None or leftover:
            return [Reply(USAGE)]
        removed = remove_office_day(req.ctx.db, day)
        return [Reply((REMOVED if removed else NOT_DECLARED).format(day=day_vi(day)))]
    return _declare_command(req, args, OFFICE)


async def working_day_command(req: Request) -> list[Reply]:
    """/ngaylam NGÀY Tên: declare a make-up working day (a Saturday worked for a day off)."""
    return _declare_command(req, req.args.strip(), WORKDAY)


def _declare_command(req: Request, args: str, kind: str) -> list[Reply]:
    day, name = _parse(req, args)
    if day is None:
        return [Reply(USAGE)]
    if not name:
        return [Reply(NO_NAME)]
    done = declare(req.ctx, day, name, kind)
    text = (DECLARED_OFF if kind == OFFICE else DECLARED_WORK).format(day=day_vi(day), name=name)
    return [Reply(text + (MOVED.format(count=done.moved) if done.moved else ""))]
