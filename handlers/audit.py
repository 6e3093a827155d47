"""The audit log from the handlers' side: who the actor is, recording a change, /nhatky.

Handlers record with one call after the change: `audit.note(req, "approved",
f"deadline:{id}", before=..., after=...)`. Code that owns its transaction records inside
it with storage.repos.audit.add instead, so the entry commits or rolls back with it.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Any

from core.messages import Reply
from handlers.context import Context, Request
from storage.repos import audit as repo
from storage.repos.audit import Change, Entry
from storage.repos.members import MemberRow

# The stable action codes (`danvan audit --json`) and the verb the office reads before the
# target: "duyệt" + "hạn #3" reads "duyệt hạn #3".
ACTIONS_VI = {
    "joined": "tham gia",
    "invited": "tạo mã mời cho",
    "branch_added": "thêm",
    "ingested": "nạp",
    "deadline_added": "thêm",
    "approved": "duyệt",
    "date_changed": "đổi ngày",
    "exempted": "miễn nộp",
    "discarded": "bỏ qua đề xuất",
    "confirmed": "xác nhận đã nộp",
    "undone": "hoàn tác xác nhận đã nộp",
    "exported": "xuất",
    "retired": "cho thôi nhận tin",
    "announced": "gửi thông báo",
    "day_declared": "khai báo",
    "day_withdrawn": "bỏ khai báo",
    "settings_changed": "đổi cài đặt",
    "branch_renamed": "đổi tên",
    "deadline_changed": "sửa",
    "assignment_changed": "sửa",
    "web_login": "đăng nhập bảng điều khiển web",
    "web_login_refused": "bị từ chối đăng nhập bảng điều khiển web",
    "web_logout": "đăng xuất khỏi bảng điều khiển web",
}
# Targets are "kind:id"; an assignment is "deadline:ID/BRANCH".
_TARGETS_VI = {
    "deadline": "hạn #",
    "document": "văn bản ",
    "branch": "chi bộ ",
    "member": "thành viên #",
    "file": "tệp ",
    "setting": "",
    "day": "ngày ",
}
# The keys handlers record in before/after, as the office reads them (others as they are).
_KEYS_VI = {
    "due": "hạn",
    "status": "trạng thái",
    "state": "trạng thái",
    "branch": "chi bộ",
    "branches": "chi bộ",
    "role": "vai trò",
    "invite": "mã mời",
    "title": "việc",
    "file": "tệp",
    "number": "số",
    "submitted_at": "nộp lúc",
    "reason": "lý do",
    "open_dues": "hạn các chi bộ chưa nộp",
    "exempt": "miễn",
    "period": "kỳ",
    "name": "tên",
    "expires_at": "hết hạn",
    "replaces": "thay",
    "replaced": "thay",
    "retired_at": "thôi từ",
    "deadlines": "số hạn",
    "sheets": "số hạn",
    "chats": "tài khoản",
    "kind": "loại",
    "filter": "lọc",
}
# Status and state codes as the office says them.
_STATES_VI = {
    "proposed": "chờ duyệt",
    "approved": "đã duyệt",
    "discarded": "bỏ qua",
    "pending": "chưa nộp",
    "submitted": "đã nộp",
    "late": "nộp trễ",
    "exempt": "miễn",
    "all": "tất cả",
    "secretary": "bí thư",
    "deputy": "phó bí thư",
    "admin": "Văn phòng",
    "office": "cơ quan nghỉ",
    "workday": "làm việc bù",
    "link_used": "liên kết đã được dùng",
    "link_expired": "liên kết đã hết hạn",
    "not_admin": "không phải cán bộ Văn phòng",
}
_ISO_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?$")
DEFAULT_LINES, MAX_LINES = 20, 100  # a chat message holds about 20 lines comfortably
USAGE = "Cách dùng: /nhatky [số thao tác gần nhất, tối đa 100], ví dụ /nhatky 50."
EMPTY = "Nhật ký chưa ghi thao tác nào."
HEADER = "Nhật ký {count} thao tác gần nhất (cũ trước, mới sau):"
_VALUE_CHARS = 120


def actor_of(req: Request) -> str:
    """The member as the log names them: "Name (branch, channel:chat)"."""
    caller, msg = req.caller, req.msg
    name = (caller.display_name if caller else "") or msg.display_name or "không rõ tên"
    if caller is not None and caller.branch_code:
        where = f"chi bộ {caller.branch_code}"
    elif caller is not None and caller.is_admin:
        where = "Văn phòng"
    else:
        where = "chưa đăng ký"
    return f"{name} ({where}, {msg.channel}:{msg.chat_id})"


def member_named(row: MemberRow) -> str:
    """A member as a log value: "#3 Nguyễn Văn A"."""
    return f"#{row.id} {row.display_name}".rstrip()


def note(req: Request, action: str, target: str, before: Any = None, after: Any = None) -> None:
    """Record a change the request's sender made, at the clock's now."""
    record(req.ctx, actor_of(req), action, target, before, after)


def record(
    ctx: Context, actor: str, action: str, target: str, before: Any = None, after: Any = None
) -> None:
    """Record a change by any actor (a CLI command passes "cli:<user>")."""
    repo.record(ctx.db, Change(actor, action, target, before, after), ctx.clock.now())


def action_vi(action: str) -> str:
    """An action code as the office reads it (unknown codes as they are)."""
    return ACTIONS_VI.get(action, action)


def target_vi(target: str) -> str:
    """A target as the office reads it: "deadline:12" → "hạn #12",
    "deadline:12/A1" → "hạn #12, chi bộ A1"; unknown kinds as they are."""
    kind, _, rest = target.partition(":")
    if not rest or kind not in _TARGETS_VI:
        return target
    if kind == "deadline" and "/" in rest:
        deadline, branch = rest.split("/", 1)
        return f"hạn #{deadline}, chi bộ {branch}"
    if kind == "day" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", rest):
        return f"ngày {rest[8:]}/{rest[5:7]}/{rest[:4]}"
    return f"{_TARGETS_VI[kind]}{rest}"


def value_vi(value: Any, tz: tzinfo | None = None) -> str:
    """A before/after value in one short line, instants as the office writes them."""
    if isinstance(value, dict):
        text = ", ".join(
            f"{_KEYS_VI.get(k, k)}: {value_vi(_STATES_VI.get(v, v) if _coded(k, v) else v, tz)}"
            for k, v in value.items()
            if v not in (None, "", [])
        )
    elif isinstance(value, list):
        text = ", ".join(value_vi(v, tz) for v in value)
    elif isinstance(value, str) and _ISO_INSTANT.match(value):
        instant = datetime.fromisoformat(value)
        instant = instant.astimezone(tz) if tz and instant.tzinfo else instant
        text = instant.strftime("%H:%M %d/%m/%Y")
    else:
        text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= _VALUE_CHARS else text[: _VALUE_CHARS - 1] + "…"


def _coded(key: str, value: Any) -> bool:
    coded = ("status", "state", "branches", "role", "kind", "reason")
    return key in coded and isinstance(value, str)


def entry_line(entry: Entry, tz: tzinfo) -> str:
    """One entry as a line of /nhatky and of `danvan audit`."""
    at = entry.at.astimezone(tz).strftime("%d/%m/%Y %H:%M")
    line = f"{at} — {entry.actor}: {action_vi(entry.action)} {target_vi(entry.target)}".rstrip()
    before, after = value_vi(entry.before, tz), value_vi(entry.after, tz)
    if before and after:
        line += f" (trước: {before}; sau: {after})"
    elif after or before:
        line += f" ({after or before})"
    return line


def entry_json(entry: Entry, tz: tzinfo) -> dict[str, Any]:
    """One entry in the `danvan audit --json` shape."""
    return {
        "at": entry.at.astimezone(tz).isoformat(timespec="seconds"),
        "actor": entry.actor,
        "action": entry.action,
        "target": entry.target,
        "before": entry.before,
        "after": entry.after,
    }


async def log_command(req: Request) -> list[Reply]:
    """/nhatky [N]: the newest N entries of the audit log (admins)."""
    arg = req.args.strip()
    if arg and not (arg.isascii() and arg.isdigit() and 0 < int(arg) <= MAX_LINES):
        return [Reply(USAGE)]
    entries = repo.entries(req.ctx.db, limit=int(arg) if arg else DEFAULT_LINES)
    if not entries:
        return [Reply(EMPTY)]
    lines = [HEADER.format(count=len(entries))]
    lines += [f"• {entry_line(e, req.ctx.tz)}" for e in entries]
    return [Reply("\n".join(lines))]
