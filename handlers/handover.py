"""A branch changes its secretary without losing its history: /bangiao, /thanhvien, /thoi.

A hand-over invite is an ordinary invite marked `replaces`: when the new secretary joins,
the branch's current holders of that role are retired (their chats stop receiving the
branch's reminders), while the member rows stay so past submissions still name who sent
them.
"""

from __future__ import annotations

from datetime import datetime

from core.messages import Reply
from handlers import org_texts as T
from handlers.audit import member_named, note
from handlers.context import Context, Request
from handlers.deadline_texts import day, when
from handlers.ids import parse_id
from handlers.org import make_invite, parse_invite_args
from storage.repos.members import MemberRow, branch_by_code, holders, members, retire


def names(rows: list[MemberRow] | tuple[MemberRow, ...]) -> str:
    """'đồng chí Nguyễn Văn A, đồng chí Trần Thị B'."""
    return ", ".join(T.HOLDER.format(name=r.display_name or T.NO_NAME) for r in rows)


async def handover_command(req: Request) -> list[Reply]:
    """/bangiao MÃ [phó]: an invite for the new secretary that retires the current one."""
    parsed = parse_invite_args(req.args)
    if isinstance(parsed, str):
        return [Reply(parsed if req.args.strip() else T.HANDOVER_USAGE)]
    code, role = parsed
    if code is None or role == "admin":
        return [Reply(T.HANDOVER_USAGE)]
    branch = branch_by_code(req.ctx.db, code)
    if branch is None or branch.id is None:
        return [Reply(T.UNKNOWN_BRANCH.format(code=code.upper()))]
    made = make_invite(req.ctx, code, role, replaces=True)
    current = holders(req.ctx.db, branch.id, role)
    role_name = T.ROLE_NAMES[role]
    invited = {"invite": made["id"], "role": role, "expires_at": made["expires_at"]}
    note(req, "invited", f"branch:{branch.code}",
         after=invited | {"replaces": [member_named(r) for r in current]})  # fmt: skip
    after = (
        T.HANDOVER_AFTER.format(holders=names(current))
        if current
        else T.HANDOVER_NOBODY.format(role=role_name)
    )
    expires = when(datetime.fromisoformat(str(made["expires_at"])), req.ctx.tz)
    text = T.HANDOVER_MADE.format(
        role=role_name, branch=branch.name, code=branch.code, invite=made["code"],
        expires=expires, after=after,
    )  # fmt: skip
    if made["telegram_link"]:
        text += T.INVITE_LINK.format(link=made["telegram_link"])
    return [Reply(text)]


def retired_value(ctx: Context, row: MemberRow) -> dict[str, str | None]:
    """What the audit log keeps of a member retired now (/thoi, danvan member retire)."""
    return {
        "name": row.display_name,
        "role": row.role,
        "branch": row.branch_code,
        "retired_at": ctx.clock.now().astimezone(ctx.tz).isoformat(),
    }


def _line(req: Request, row: MemberRow) -> str:
    channels = ", ".join(sorted({c.channel for c in row.chats})) or "không có tài khoản"
    return T.MEMBER_LINE.format(
        id=row.id,
        name=row.display_name or T.NO_NAME,
        role=T.ROLE_NAMES[row.role].split(" (")[0],
        joined=day(row.joined, req.ctx.tz),
        channels=channels,
    )


async def members_command(req: Request) -> list[Reply]:
    """/thanhvien [MÃ]: who receives a branch's messages (or everyone's), with their numbers."""
    code = req.args.split()[0] if req.args.split() else ""
    if code:
        branch = branch_by_code(req.ctx.db, code)
        if branch is None or branch.id is None:
            return [Reply(T.UNKNOWN_BRANCH.format(code=code.upper()))]
        rows = members(req.ctx.db, branch.id)
        lines = [T.MEMBERS_HEADER.format(branch=branch.name, code=branch.code)]
        lines += [_line(req, r) for r in rows] or [T.MEMBERS_NONE]
        return [Reply("\n".join([*lines, "", T.MEMBERS_FOOTER]))]
    rows = members(req.ctx.db)
    if not rows:
        return [Reply(T.MEMBERS_NONE)]
    lines = [T.MEMBERS_ALL.format(count=len(rows))]
    group = None
    for row in rows:
        if row.branch_code != group or not lines[1:]:
            group = row.branch_code
            heading = (
                T.MEMBERS_GROUP.format(branch=row.branch_name, code=row.branch_code)
                if row.branch_code
                else T.MEMBERS_OFFICE
            )
            lines += ["", heading]
        lines.append(_line(req, row))
    return [Reply("\n".join([*lines, "", T.MEMBERS_FOOTER]))]


async def retire_command(req: Request) -> list[Reply]:
    """/thoi SỐ: a member stops receiving messages (retired, moved); history stays."""
    member_id = parse_id(req.args)
    if member_id is None:
        return [Reply(T.RETIRE_USAGE)]
    if req.caller is not None and req.caller.member_id == member_id:
        return [Reply(T.RETIRE_SELF)]
    (row,) = retire(req.ctx.db, req.ctx.clock.now(), [member_id]) or (None,)
    if row is None:
        return [Reply(T.RETIRE_UNKNOWN.format(id=member_id))]
    note(req, "retired", f"member:{row.id}", after=retired_value(req.ctx, row))
    role = T.ROLE_NAMES[row.role].split(" (")[0]
    branch = f" {row.branch_name}" if row.branch_name else ""
    text = T.RETIRED.format(name=row.display_name or T.NO_NAME, role=role, branch=branch)
    told = T.RETIRED_BY_OFFICE.format(role=role, branch=f" của{branch}" if branch else "")
    return [Reply(text), *(Reply(told, to=chat, kind="notice") for chat in row.chats)]
