"""Branches, members and joining by invite (/start CODE, /moi, /chibo, /themchibo)."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.messages import ChatRef, Reply
from handlers import org_texts as T
from handlers.audit import member_named, note
from handlers.context import Context, Request
from handlers.deadline_texts import when
from knowledge.vi.textnorm import fold
from storage.repos import org as repo
from storage.repos.deadlines import ensure_all_assignments
from storage.repos.members import MemberRow, admin_chats, branch_by_code


def telegram_link(settings: object, code: str) -> str | None:
    """The t.me deep link that joins with a code, when the bot's username is configured."""
    username = getattr(settings, "telegram_bot_username", None)
    return f"https://t.me/{str(username).lstrip('@')}?start={code}" if username else None


async def redeem_invite(req: Request) -> list[Reply]:
    """Bind the chat to the branch and role of an invite code."""
    code = req.args.split()[0] if req.args else ""
    msg = req.msg
    result = repo.redeem_invite(
        req.ctx.db, code, req.ctx.clock.now(), msg.channel, msg.chat_id, msg.user_id,
        msg.display_name,
    )  # fmt: skip
    refusals = {
        "unknown": T.INVITE_UNKNOWN,
        "used": T.INVITE_USED,
        "expired": T.INVITE_EXPIRED,
        "no_branch": T.INVITE_NO_BRANCH,
    }
    if result.status in refusals:
        return [Reply(refusals[result.status])]
    joined = f"branch:{result.branch.code}" if result.branch else "Văn phòng"
    after: dict[str, object] = {"role": result.role, "invite": result.invite_id}
    if result.retired:  # a hand-over: who held the post until now
        after["replaced"] = [member_named(r) for r in result.retired]
    note(req, "joined", joined, after=after)
    role = T.ROLE_NAMES[result.role]
    branch = result.branch
    if branch is None:
        replies = [Reply(T.JOINED_ADMIN.format(role=role))]
        notice = T.JOINED_NOTICE_ADMIN.format(name=msg.display_name or T.SOMEONE, role=role)
    else:
        text = T.JOINED_BRANCH.format(role=role, branch=branch.name, code=branch.code)
        who = msg.display_name or T.SOMEONE
        notice = T.JOINED_NOTICE.format(name=who, role=role, branch=branch.name, code=branch.code)
        if result.retired:
            old = ", ".join(r.display_name or T.NO_NAME for r in result.retired)
            text += T.JOINED_TAKES_OVER.format(names=old)
            notice = T.HANDOVER_NOTICE.format(
                new=who, role=role, branch=branch.name, code=branch.code, old=old
            )
        replies = [Reply(text), *_told_retired(result.retired, who, role, branch.name, msg.chat)]
    # The office learns who joined; the new member's own chat is not told twice.
    # Only the admins of the invite's department: the others do not know the branch.
    office = req.ctx.db.scoped(result.department_id)
    others = [c for c in admin_chats(office, req.ctx.settings) if c != msg.chat]
    return replies + [Reply(notice, to=chat, kind="notice") for chat in others]


def _told_retired(
    retired: tuple[MemberRow, ...], new: str, role: str, branch: str, chat: ChatRef
) -> list[Reply]:
    """The members a hand-over retired learn who took over (in their own chats)."""
    text = T.RETIRED_NOTICE.format(new=new, role=role, branch=branch)
    return [Reply(text, to=c, kind="notice") for r in retired for c in r.chats if c != chat]


def make_invite(
    ctx: Context, branch_code: str | None, role: str, replaces: bool = False
) -> dict[str, str | int | bool | None]:
    """Create an invite for a branch (or an admin); the `danvan invite --json` shape.

    `replaces` makes a hand-over invite (handlers.handover). Raises LookupError when the
    branch code is unknown.
    """
    branch_id = None
    if branch_code:
        branch = branch_by_code(ctx.db, branch_code)
        if branch is None:
            raise LookupError(branch_code)
        branch_id = branch.id
    ttl = timedelta(hours=ctx.settings.invite_ttl_hours)
    code, invite = repo.create_invite(ctx.db, branch_id, role, ctx.clock.now(), ttl, replaces)
    return {
        "id": invite.id,
        "code": code,
        "role": role,
        "branch": repo.normalize_code(branch_code) if branch_code else None,
        "expires_at": invite.expires_at.astimezone(ctx.tz).isoformat(timespec="seconds"),
        "telegram_link": telegram_link(ctx.settings, code),
        "replaces": replaces,
    }


def parse_invite_args(args: str) -> tuple[str | None, str] | str:
    """(branch code or None, role) from '/moi A1 phó' or '/moi quản trị'; else an error text."""
    words = args.split()
    if not words:
        return T.INVITE_USAGE
    first = fold(args)
    if first in T.ROLE_WORDS and T.ROLE_WORDS[first] == "admin":
        return None, "admin"
    rest = fold(" ".join(words[1:]))
    role = T.ROLE_WORDS.get(rest, "") if rest else "secretary"
    if not role:
        return T.UNKNOWN_ROLE.format(word=" ".join(words[1:]))
    return words[0], role


async def invite_command(req: Request) -> list[Reply]:
    """/moi CODE [role]: an admin makes a single-use invite."""
    parsed = parse_invite_args(req.args)
    if isinstance(parsed, str):
        return [Reply(parsed)]
    code, role = parsed
    try:
        made = make_invite(req.ctx, code, role)
    except LookupError:
        return [Reply(T.UNKNOWN_BRANCH.format(code=(code or "").upper()))]
    invited = {"invite": made["id"], "role": role, "expires_at": made["expires_at"]}
    note(req, "invited", f"branch:{made['branch']}" if code else "Văn phòng", after=invited)
    who = T.ROLE_NAMES[role]
    if code:
        branch = branch_by_code(req.ctx.db, code)
        assert branch is not None
        who = T.INVITE_FOR_BRANCH.format(role=who, branch=branch.name, code=branch.code)
    expires = when(datetime.fromisoformat(str(made["expires_at"])), req.ctx.tz)
    text = T.INVITE_MADE.format(who=who, code=made["code"], expires=expires)
    if made["telegram_link"]:
        text += T.INVITE_LINK.format(link=made["telegram_link"])
    return [Reply(text)]


async def branches_command(req: Request) -> list[Reply]:
    """/chibo: the branches with their codes and member counts."""
    rows = repo.list_branches(req.ctx.db)
    if not rows:
        return [Reply(T.NO_BRANCHES)]
    lines = [T.BRANCHES_HEADER.format(count=len(rows))]
    lines += [T.BRANCH_LINE.format(code=r.code, name=r.name, members=r.members) for r in rows]
    return [Reply("\n".join(lines))]


async def add_branch_command(req: Request) -> list[Reply]:
    """/themchibo CODE Name: an admin registers a branch."""
    parts = req.args.split(maxsplit=1)
    if len(parts) < 2:
        return [Reply(T.BRANCH_ADD_USAGE)]
    now = req.ctx.clock.now()
    branch, created = repo.add_branch(req.ctx.db, parts[0], parts[1], now)
    action = "branch_added" if created else "branch_renamed"
    note(req, action, f"branch:{branch.code}", after={"name": branch.name})
    if created:
        ensure_all_assignments(req.ctx.db, now, req.ctx.tz)
    template = T.BRANCH_ADDED if created else T.BRANCH_RENAMED
    return [Reply(template.format(code=branch.code, name=branch.name))]
