"""Members, their chats and how a chat maps to the caller of a message."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, select

from core.messages import ChatRef
from storage.db import Database
from storage.models.departments import DEFAULT_DEPARTMENT_ID
from storage.models.org import Branch, Member, MemberChat
from storage.repos.departments import default_department_id


@dataclass(frozen=True)
class CallerRow:
    """A chat's member, with its branch."""

    member_id: int | None
    role: str
    branch_id: int | None
    branch_code: str | None
    branch_name: str | None
    display_name: str
    department_id: int | None = None  # None: an ADMIN_CHAT_IDS chat bound to no member


def find_member(db: Database, channel: str, chat_id: str) -> CallerRow | None:
    """The member bound to a chat, or None."""
    with db.session() as session:
        row = session.exec(
            select(Member, Branch)
            .join(MemberChat, MemberChat.member_id == Member.id)  # type: ignore[arg-type]
            .join(Branch, Branch.id == Member.branch_id, isouter=True)  # type: ignore[arg-type]
            .where(MemberChat.channel == channel, MemberChat.chat_id == chat_id)
            .where(col(Member.retired_at).is_(None))  # a retired member's chat is nobody's
        ).first()
    if row is None:
        return None
    member, branch = row
    return CallerRow(
        member.id,
        member.role,
        member.branch_id,
        branch.code if branch else None,
        branch.name if branch else None,
        member.display_name,
        member.department_id,
    )


def find_caller(
    db: Database, channel: str, chat_id: str, admin_chats: Collection[str] = ()
) -> CallerRow | None:
    """The member bound to a chat; chats listed as admin chats are admins even unbound."""
    row = find_member(db, channel, chat_id)
    if f"{channel}:{chat_id}" in admin_chats:
        if row is None:
            return CallerRow(None, "admin", None, None, None, "")
        if row.role != "admin":
            return CallerRow(
                row.member_id,
                "admin",
                row.branch_id,
                row.branch_code,
                row.branch_name,
                row.display_name,
                row.department_id,
            )
    return row


def bind_chat(
    db: Database,
    channel: str,
    chat_id: str,
    role: str,
    branch_id: int | None,
    display_name: str = "",
    user_id: str = "",
    now: datetime | None = None,
) -> int:
    """Make (or re-use) the member for a chat with this role and branch; returns its id.

    The member belongs to the database's department (the default one when unscoped): a
    chat that joins another department through its invite moves there.
    """
    now = now or datetime.now(UTC)
    department = db.department_id or DEFAULT_DEPARTMENT_ID
    with db.scoped(None).session() as session:
        link = session.exec(
            select(MemberChat).where(MemberChat.channel == channel, MemberChat.chat_id == chat_id)
        ).first()
        member = session.get(Member, link.member_id) if link else None
        if member is None:
            member = Member(
                role=role,
                branch_id=branch_id,
                display_name=display_name,
                created_at=now,
                department_id=department,
            )
            session.add(member)
            session.flush()
        else:
            member.role, member.branch_id, member.retired_at = role, branch_id, None
            member.department_id = department
            member.display_name = display_name or member.display_name
        if link is None:
            assert member.id is not None
            session.add(
                MemberChat(
                    member_id=member.id,
                    channel=channel,
                    chat_id=chat_id,
                    user_id=user_id,
                    created_at=now,
                )
            )
        else:
            link.reachable = True
        session.flush()
        assert member.id is not None
        return member.id


def branch_by_code(db: Database, code: str) -> Branch | None:
    """A branch by its short code (case-insensitive)."""
    with db.session() as session:
        return session.exec(select(Branch).where(Branch.code == code.strip().upper())).first()


def _reachable_chats(db: Database, *conditions: Any) -> list[ChatRef]:
    with db.session() as session:
        rows = session.exec(
            select(MemberChat.channel, MemberChat.chat_id)
            .join(Member, Member.id == MemberChat.member_id)  # type: ignore[arg-type]
            .where(MemberChat.reachable == True, *conditions)  # noqa: E712
            .where(col(Member.retired_at).is_(None))
            .order_by(MemberChat.id)  # type: ignore[arg-type]
        ).all()
    return [ChatRef(channel, chat_id) for channel, chat_id in rows]


def admin_chats(db: Database, settings: Any) -> list[ChatRef]:
    """The admin chats of the database's department; every department's when unscoped.

    Unscoped is for platform-level notices only (a Zalo quota, a refused token): anything
    about a branch, a deadline or a document goes to its own department's admins.
    """
    by_department = admins_by_department(db, settings)
    if db.department_id is not None:
        return by_department.get(db.department_id, [])
    return list(dict.fromkeys(c for chats in by_department.values() for c in chats))


def admins_by_department(db: Database, settings: Any) -> dict[int, list[ChatRef]]:
    """Reachable admin members' chats, then the ADMIN_CHAT_IDS chats, per department.

    An ADMIN_CHAT_IDS chat bound to a member acts for that member's department; one bound
    to nobody acts for DEFAULT_DEPARTMENT.
    """
    with db.scoped(None).session() as session:
        rows = session.exec(
            select(Member, MemberChat)
            .join(MemberChat, MemberChat.member_id == Member.id)  # type: ignore[arg-type]
            .where(col(Member.retired_at).is_(None))
            .order_by(col(MemberChat.id))
        ).all()
    out: dict[int, list[ChatRef]] = {}
    bound: dict[ChatRef, int] = {}
    for member, link in rows:
        chat = ChatRef(link.channel, link.chat_id)
        bound[chat] = member.department_id
        if member.role == "admin" and link.reachable:
            out.setdefault(member.department_id, []).append(chat)
    listed = sorted(getattr(settings, "admin_chats", ()) or ())
    default = _default_department(db, settings) if listed else DEFAULT_DEPARTMENT_ID
    for entry in listed:
        channel, _, chat_id = entry.partition(":")
        chat = ChatRef(channel, chat_id)
        out.setdefault(bound.get(chat, default), []).append(chat)
    return {department: list(dict.fromkeys(chats)) for department, chats in out.items()}


def _default_department(db: Database, settings: Any) -> int:
    return default_department_id(db.scoped(None), getattr(settings, "default_department", ""))


def branch_chats(db: Database, branch_id: int) -> list[ChatRef]:
    """Reachable chats of a branch's secretaries and deputies."""
    return _reachable_chats(
        db,
        Member.branch_id == branch_id,
        Member.role.in_(("secretary", "deputy")),  # type: ignore[attr-defined]
    )


@dataclass(frozen=True)
class MemberRow:
    """A member as the office sees it in a list."""

    id: int
    display_name: str
    role: str
    branch_code: str | None
    branch_name: str | None
    joined: datetime
    retired_at: datetime | None
    chats: tuple[ChatRef, ...]


def members(
    db: Database, branch_id: int | None = None, with_retired: bool = False
) -> list[MemberRow]:
    """Members (of one branch), admins last, each with its chats; retired ones on request."""
    query = select(Member, Branch).join(Branch, Branch.id == Member.branch_id, isouter=True)  # type: ignore[arg-type]
    if branch_id is not None:
        query = query.where(Member.branch_id == branch_id)
    if not with_retired:
        query = query.where(col(Member.retired_at).is_(None))
    with db.session() as session:
        rows = session.exec(query.order_by(col(Member.id))).all()
        chats = session.exec(select(MemberChat).order_by(col(MemberChat.id))).all()
    by_member: dict[int, list[ChatRef]] = {}
    for chat in chats:
        by_member.setdefault(chat.member_id, []).append(ChatRef(chat.channel, chat.chat_id))
    out = [
        MemberRow(m.id or 0, m.display_name, m.role, b.code if b else None, b.name if b else None,
                  m.created_at, m.retired_at, tuple(by_member.get(m.id or 0, ())))
        for m, b in rows
    ]  # fmt: skip
    return sorted(out, key=lambda r: (r.branch_code is None, r.branch_code or "", r.id))


def retire(db: Database, now: datetime, member_ids: Collection[int]) -> list[MemberRow]:
    """Retire members (their chats stop being members'); returns those retired now."""
    if not member_ids:
        return []
    before = [r for r in members(db, with_retired=False) if r.id in set(member_ids)]
    with db.session() as session:
        for row in before:
            member = session.get(Member, row.id)
            if member is not None and member.retired_at is None:
                member.retired_at = now
                session.add(member)
    return before


def holders(db: Database, branch_id: int, role: str, but: int | None = None) -> list[MemberRow]:
    """The branch's current members in a role (secretary, deputy), except one."""
    return [r for r in members(db, branch_id) if r.role == role and r.id != but]


def unreachable_chats(db: Database) -> list[tuple[int, ChatRef]]:
    """Chats of current members the platform refused to deliver to, with their member ids."""
    with db.session() as session:
        rows = session.exec(
            select(MemberChat.member_id, MemberChat.channel, MemberChat.chat_id)
            .join(Member, Member.id == MemberChat.member_id)  # type: ignore[arg-type]
            .where(MemberChat.reachable == False)  # noqa: E712
            .where(col(Member.retired_at).is_(None))
            .order_by(col(MemberChat.id))
        ).all()
    return [(member_id, ChatRef(channel, chat_id)) for member_id, channel, chat_id in rows]
