"""Branches and invites: registering branches, making and redeeming single-use join codes."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select, update

from storage.db import Database
from storage.models.org import Branch, Deadline, Invite, Member
from storage.repos.members import MemberRow, bind_chat, holders, retire

ROLES = ("secretary", "deputy", "admin")
# No 0/O, 1/I/L: codes are read aloud and typed from paper as well as tapped as links.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 8


@dataclass(frozen=True)
class BranchRow:
    """A branch with how many members have joined it."""

    id: int
    code: str
    name: str
    active: bool
    members: int


def normalize_code(code: str) -> str:
    """Branch and invite codes compare in upper case without spaces."""
    return code.strip().upper()


def add_branch(db: Database, code: str, name: str, now: datetime) -> tuple[Branch, bool]:
    """Register a branch (or rename an existing one); True when it is new.

    Callers then run deadlines.ensure_all_assignments so it gets the future periods of
    deadlines for all branches (the scheduler's sweep does it too, within a minute).
    """
    code = normalize_code(code)
    with db.session() as session:
        branch = session.exec(select(Branch).where(Branch.code == code)).first()
        created = branch is None
        if branch is None:
            branch = Branch(code=code, name=name.strip(), created_at=now)
        else:
            branch.name, branch.active = name.strip() or branch.name, True
        session.add(branch)
        session.flush()
        session.refresh(branch)
    return branch, created


def list_branches(db: Database) -> list[BranchRow]:
    """Every branch by code, with its member count."""
    with db.session() as session:
        rows = session.exec(
            select(Branch, func.count(col(Member.id)))
            .join(
                Member,
                (col(Member.branch_id) == col(Branch.id)) & col(Member.retired_at).is_(None),
                isouter=True,
            )
            .group_by(col(Branch.id))
            .order_by(col(Branch.code))
        ).all()
    return [BranchRow(b.id or 0, b.code, b.name, b.active, int(n)) for b, n in rows]


def branches_by_codes(db: Database, codes: list[str]) -> tuple[list[Branch], list[str]]:
    """The branches with these codes, and the codes that match none."""
    wanted = [normalize_code(c) for c in codes if c.strip()]
    with db.session() as session:
        found = list(session.exec(select(Branch).where(col(Branch.code).in_(wanted))).all())
    known = {b.code for b in found}
    return found, [c for c in wanted if c not in known]


def target_branches(db: Database, deadline: Deadline) -> list[Branch]:
    """The active branches of its department a deadline applies to."""
    with db.session() as session:
        query = select(Branch).where(Branch.active == True)  # noqa: E712
        # The scheduler assigns from no department: a deadline reaches only its own.
        query = query.where(Branch.department_id == deadline.department_id)
        if not deadline.all_branches:
            codes = [c for c in (deadline.branch_codes or "").split(",") if c]
            query = query.where(col(Branch.code).in_(codes))
        return list(session.exec(query.order_by(col(Branch.code))).all())


def hash_code(code: str) -> str:
    """What is stored for an invite code: its SHA-256, never the code itself."""
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def create_invite(
    db: Database,
    branch_id: int | None,
    role: str,
    now: datetime,
    ttl: timedelta,
    replaces: bool = False,
) -> tuple[str, Invite]:
    """Make a single-use code (`replaces`: a hand-over, see Invite); returns the code (shown
    once) and the stored row."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    code = "".join(secrets.choice(_ALPHABET) for _ in range(_CODE_LENGTH))
    invite = Invite(
        code_hash=hash_code(code),
        branch_id=branch_id,
        role=role,
        expires_at=now + ttl,
        created_at=now,
        replaces=replaces,
    )
    with db.session() as session:
        session.add(invite)
        session.flush()
        session.refresh(invite)
    return code, invite


@dataclass(frozen=True)
class Redeemed:
    """What redeeming a code did: status ok | unknown | used | expired | no_branch."""

    status: str
    role: str = ""
    branch: Branch | None = None
    member_id: int | None = None
    retired: tuple[MemberRow, ...] = ()  # a hand-over: who held the post until now
    invite_id: int | None = None
    department_id: int | None = None  # the invite's: whose admins hear of the join


def redeem_invite(
    db: Database, code: str, now: datetime, channel: str, chat_id: str, user_id: str, name: str
) -> Redeemed:
    """Spend a code and bind the chat to its branch and role."""
    with db.session() as session:
        invite = session.exec(select(Invite).where(Invite.code_hash == hash_code(code))).first()
        if invite is None:
            return Redeemed("unknown")
        if invite.used_at is not None:
            return Redeemed("used")
        if invite.expires_at < now:
            return Redeemed("expired")
        branch = session.get(Branch, invite.branch_id) if invite.branch_id else None
        if invite.role != "admin" and branch is None:
            return Redeemed("no_branch")
        # Conditional update: of two chats redeeming the same code at once, one wins.
        claimed = session.exec(
            update(Invite)
            .where(col(Invite.id) == invite.id, col(Invite.used_at).is_(None))
            .values(used_at=now)
        )
        if not claimed.rowcount:
            return Redeemed("used")
    branch_id = branch.id if branch else None
    # The code names its department: an unregistered chat redeems it from no department.
    joined = db.scoped(invite.department_id)
    member_id = bind_chat(joined, channel, chat_id, invite.role, branch_id, name, user_id, now)
    with db.session() as session:
        session.exec(update(Invite).where(col(Invite.id) == invite.id).values(used_by=member_id))
    retired: list[MemberRow] = []
    if invite.replaces and branch_id is not None:
        retired = retire(db, now, [r.id for r in holders(db, branch_id, invite.role, member_id)])
    return Redeemed(
        "ok", invite.role, branch, member_id, tuple(retired), invite.id, invite.department_id
    )
