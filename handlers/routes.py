"""Who answers what: every command, button and free-text route, in the order they are tried.

A button press goes to the row of its callback prefix, a /command to the row of its name,
and free text to each TEXTS row in turn until one answers (a text route returns None for
"not mine"), then to FALLBACK. The router checks a row's access level on every message:
PUBLIC anyone, MEMBER a registered chat, ADMIN office staff. A text row the caller may not
use is skipped; a command or button the caller may not use says so.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from core.messages import Reply
from handlers import (
    announce,
    approval,
    approval_branches,
    audit,
    basic,
    confirm,
    deadlines,
    handover,
    lookup,
    org,
    proposals,
    upload,
    web_login,
)
from handlers.context import Request
from handlers.reminders import clock, days, series
from handlers.reports import commands as reports

HandlerFn = Callable[[Request], Awaitable[list[Reply]]]
MaybeHandlerFn = Callable[[Request], Awaitable[list[Reply] | None]]

PUBLIC, MEMBER, ADMIN = "public", "member", "admin"


@dataclass(frozen=True)
class Command:
    """A slash command, who may use it, and its line in /help and the platform menu."""

    name: str
    handler: HandlerFn
    access: str
    description: str = ""


@dataclass(frozen=True)
class Press:
    """Button presses whose callback data starts with prefix + ':'."""

    prefix: str
    handler: HandlerFn
    access: str


@dataclass(frozen=True)
class Text:
    """A free-text route: it answers, or returns None and the next row tries."""

    handler: MaybeHandlerFn
    access: str


@dataclass(frozen=True)
class Fallback:
    """What answers text no row took, and who may get that answer."""

    handler: HandlerFn
    access: str


def menu(commands: Iterable[Command], role: str | None) -> list[Command]:
    """The commands /help and the platform menu show a role (None: not registered)."""
    levels = {None: {PUBLIC}, "admin": {PUBLIC, MEMBER, ADMIN}}.get(role, {PUBLIC, MEMBER})
    return [c for c in commands if c.access in levels and c.description]


async def help_command(req: Request) -> list[Reply]:
    """/help: the commands the caller's role may use, in the order of COMMANDS."""
    role = req.caller.role if req.caller else None
    return [Reply(basic.help_text([(c.name, c.description) for c in menu(COMMANDS, role)]))]


# Matched by name; the position is the order of /help and the platform menus.
COMMANDS = (
    # First what a newcomer can do: greet, or join with an invite (/start CODE).
    Command("start", basic.start, PUBLIC, "Bắt đầu, giới thiệu bot"),
    # Second so a newcomer sees where the rest is explained.
    Command("help", help_command, PUBLIC, "Xem hướng dẫn và các lệnh"),
    # The office sets up branches and invites before anything else can happen.
    Command("moi", org.invite_command, ADMIN, "Tạo mã mời: /moi MÃ_CHI_BỘ [phó]"),
    Command("chibo", org.branches_command, ADMIN, "Danh sách chi bộ"),
    Command("themchibo", org.add_branch_command, ADMIN, "Thêm chi bộ: /themchibo MÃ Tên"),
    # Who receives a branch's messages, and changing them without losing its history.
    Command(
        "thanhvien", handover.members_command, ADMIN, "Thành viên đang nhận tin: /thanhvien [MÃ]"
    ),
    Command("bangiao", handover.handover_command, ADMIN, "Bàn giao bí thư mới: /bangiao MÃ_CHI_BỘ"),
    Command("thoi", handover.retire_command, ADMIN, "Cho một thành viên thôi nhận tin: /thoi SỐ"),
    # A secretary's own tasks, then the office's deadline commands, most used first.
    Command("viec", deadlines.tasks_command, MEMBER, "Việc của chi bộ đang chờ nộp"),
    Command("tinhhinh", deadlines.status_command, ADMIN, "Tình hình nộp báo cáo của các chi bộ"),
    # The same status as files the office files or forwards: a picture, the workbook.
    Command("bieudo", reports.board_command, ADMIN, "Ảnh bảng màu tình hình nộp báo cáo"),
    Command("xuatexcel", reports.excel_command, ADMIN, "Nhận tệp Excel tình hình nộp báo cáo"),
    Command("hanmoi", deadlines.new_deadline_command, ADMIN, "Thêm hạn nộp: /hanmoi NGÀY Tên việc"),
    Command("doihan", deadlines.move_command, ADMIN, "Dời hạn đã duyệt: /doihan SỐ NGÀY [GIỜ]"),
    Command("mien", deadlines.exempt_command, ADMIN, "Miễn cho chi bộ: /mien SỐ_HẠN MÃ_CHI_BỘ"),
    # Ending a recurring deadline is rarer than changing one: after the other changes.
    Command("ketthuc", series.end_series_command, ADMIN, "Dừng hạn định kỳ: /ketthuc SỐ [NGÀY]"),
    # Approving what the parser proposed follows the deadline commands it feeds:
    # first the list of what waits, then the decisions on it.
    Command("dexuat", proposals.list_command, ADMIN, "Các đề xuất hạn nộp chờ duyệt"),
    Command(
        "duyet",
        approval.approve_command,
        ADMIN,
        "Duyệt hạn nộp: /duyet SỐ [NGÀY] hoặc /duyet 1,3,5",
    ),
    Command("boqua", approval.discard_command, ADMIN, "Bỏ qua đề xuất hạn nộp: /boqua SỐ"),
    # Telling the branches about a newly loaded document, once it is loaded and approved.
    Command(
        "thongbao", announce.announce_command, ADMIN, "Báo văn bản mới cho các chi bộ: /thongbao SỐ"
    ),
    # The office calendar is set a few times a year: after the daily deadline work.
    Command("ngaynghi", days.days_off_command, ADMIN, "Lịch nghỉ; khai báo: /ngaynghi NGÀY Tên"),
    Command("ngaylam", days.working_day_command, ADMIN, "Khai báo ngày làm bù: /ngaylam NGÀY Tên"),
    # The record of all the above: looked at now and then, so after the daily commands.
    Command("nhatky", audit.log_command, ADMIN, "Nhật ký thao tác: /nhatky [SỐ_DÒNG]"),
    # The same work in a browser: a one-time link to the web console (bot/web/console).
    Command("web", web_login.web_command, ADMIN, "Mở bảng điều khiển web (liên kết dùng một lần)"),
    # Last: the same as typing a number or a question, for those who prefer a command.
    Command("tim", lookup.find_command, MEMBER, "Tra cứu văn bản theo số hoặc tên: /tim kh 89"),
    Command(
        "hoi",
        lookup.ask_command,
        MEMBER,
        "Hỏi về nội dung văn bản: /hoi Ban Tuyên giáo phải làm gì?",
    ),
    # Terminal only (`danvan chat --now`): moves the simulated clock. No description, so
    # no menu or /help lists it where it cannot work; the chat's banner explains it.
    Command("tua", clock.advance_command, ADMIN),
)

# Matched by the prefix of the callback data; prefixes are distinct, so order is free.
BUTTONS = (
    # «Đã nộp» on a reminder and «Hoàn tác» on its confirmation: the branch's own.
    Press("done", confirm.on_button, MEMBER),
    Press("undo", confirm.on_button, MEMBER),
    # A deadline proposal's buttons: approve, change the date, pick branches, discard,
    # approve the suggested (or previous working) day, approve a past date after all.
    Press("ap", approval.on_button, ADMIN),
    Press("apdate", approval.on_button, ADMIN),
    Press("apbr", approval.on_button, ADMIN),
    Press("apx", approval.on_button, ADMIN),
    Press("apsug", approval.on_button, ADMIN),
    Press("apok", approval.on_button, ADMIN),
    # «Duyệt tất cả» on a document's card or a /dexuat page.
    Press("apall", approval.on_button, ADMIN),
    # A list's «#12 …» opens that proposal's card; «Xem tất cả», «Trang sau» page on.
    Press("apv", proposals.on_list_button, ADMIN),
    Press("apls", proposals.on_list_button, ADMIN),
    # «Gửi» / «Thôi» under an announcement's preview.
    Press("tb", announce.on_button, ADMIN),
    # One branch toggled in the picker the «Chọn chi bộ» button opened.
    Press("apb", approval_branches.on_toggle, ADMIN),
)

# Tried in this order; the first row that answers wins.
TEXTS = (
    # A file first: admins ingest it, others are refused; a file in reply to a reminder
    # is a report, so it falls through to the confirmation.
    Text(upload.on_file, MEMBER),
    # «đã nộp», «hủy» or a number picked from a list, before lookups read «2» as a document.
    Text(confirm.on_text, MEMBER),
    # «duyệt 1,3,5», «bỏ qua 4» typed without the slash, before lookups read «4» as a number.
    Text(approval.on_text, ADMIN),
    # Text without a single word gets a hint rather than a search that finds nothing.
    Text(lookup.on_unreadable, MEMBER),
    # An office question about the branches («chi bộ nào chưa nộp?») is a status report,
    # not a question about a document; only admins may see it.
    Text(lookup.on_status_question, ADMIN),
    # A number or a short title («kh 89») is looked up before it could be read as a question.
    Text(lookup.on_lookup, MEMBER),
    # Everything else with words is a question about the documents.
    Text(lookup.on_question, MEMBER),
)

# What nobody above took (an empty message, a file a stranger sent); strangers are told
# how to join instead, as MEMBER access requires.
FALLBACK = Fallback(basic.fallback, MEMBER)
