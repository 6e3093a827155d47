"""Members, their chats and how a chat maps to the caller of a message."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import select

from core.messages import ChatRef
from storage.db import Database
from storage.models.org import Branch, Member, MemberChat


@dataclass(frozen=True)
class CallerRow:
    """A chat's member, with its branch."""

    member_id: int | None
    role: str
    branch_id: int | None
    branch_code: str | None
    branch_name: str | None
    display_name: str


def find_member(db: Database, channel: str, chat_id: str) -> CallerRow | None:
    """The member bound to a chat, or None."""
    with db.session() as session:
        row = session.exec(
            select(Member, Branch)
            .join(MemberChat, MemberChat.member_id == Member.id)  # type: ignore[arg-type]
            .join(Branch, Branch.id == Member.branch_id, isouter=True)  # type: ignore[arg-type]
            .where(MemberChat.channel == channel, MemberChat.chat_id == chat_id)
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
) -> int:
    """Make (or re-use) the member for a chat with this role and branch; returns its id."""
    now = datetime.now(UTC)
    with db.session() as session:
        link = session.exec(
            select(MemberChat).where(MemberChat.channel == channel, MemberChat.chat_id == chat_id)
        ).first()
        member = session.get(Member, link.member_id) if link else None
        if member is None:
            member = Member(
                role=role, branch_id=branch_id, display_name=display_name, created_at=now
            )
            session.add(member)
            session.flush()
        else:
            member.role, member.branch_id = role, branch_id
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
            .order_by(MemberChat.id)  # type: ignore[arg-type]
        ).all()
    return [ChatRef(channel, chat_id) for channel, chat_id in rows]


def admin_chats(db: Database, settings: Any) -> list[ChatRef]:
    """Every reachable chat of an admin member, then the ADMIN_CHAT_IDS chats, no repeats."""
    chats = _reachable_chats(db, Member.role == "admin")
    for entry in sorted(getattr(settings, "admin_chats", ()) or ()):
        channel, _, chat_id = entry.partition(":")
        chats.append(ChatRef(channel, chat_id))
    return list(dict.fromkeys(chats))


def branch_chats(db: Database, branch_id: int) -> list[ChatRef]:
    """Reachable chats of a branch's secretaries and deputies."""
    return _reachable_chats(
        db,
        Member.branch_id == branch_id,
        Member.role.in_(("secretary", "deputy")),  # type: ignore[attr-defined]
    )
