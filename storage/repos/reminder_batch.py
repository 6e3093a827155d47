"""What a claimed reminder row needs, loaded for a batch at once: its assignment's view,
its branch, the branch's chats, and the chats an earlier attempt already reached."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import col, select

from core.messages import ChatRef
from storage.db import Database
from storage.models.messages import SentMessage
from storage.models.org import Assignment, Member, MemberChat
from storage.repos.assignments import AssignmentView, view_of, view_query


def branches_of(db: Database, assignment_ids: Collection[int]) -> dict[int, int]:
    """The branch of each assignment."""
    if not assignment_ids:
        return {}
    with db.session() as session:
        rows = session.exec(
            select(Assignment.id, Assignment.branch_id).where(
                col(Assignment.id).in_(list(assignment_ids))
            )
        ).all()
    return {aid: branch for aid, branch in rows if aid is not None}


def chats_sent_many(
    db: Database, ids: Collection[int], kinds: Collection[str] | None = None
) -> dict[int, set[tuple[str, str]]]:
    """The (channel, chat) pairs each row already reached, by messages of these kinds."""
    out: dict[int, set[tuple[str, str]]] = {i: set() for i in ids}
    if not ids:
        return out
    stmt = select(SentMessage.reminder_id, SentMessage.channel, SentMessage.chat_id).where(
        col(SentMessage.reminder_id).in_(list(ids))
    )
    if kinds is not None:  # a branch's reminder and the admins' alert are tracked apart
        stmt = stmt.where(col(SentMessage.kind).in_(list(kinds)))
    with db.session() as session:
        rows = session.exec(stmt).all()
    for rid, channel, chat in rows:
        if rid is not None:
            out[rid].add((channel, chat))
    return out


def branch_chats_many(db: Database, branch_ids: Collection[int]) -> dict[int, list[ChatRef]]:
    """Reachable chats of secretaries and deputies, for several branches at once."""
    out: dict[int, list[ChatRef]] = {b: [] for b in branch_ids}
    if not branch_ids:
        return out
    with db.session() as session:
        rows = session.exec(
            select(Member.branch_id, MemberChat.channel, MemberChat.chat_id)
            .join(Member, col(Member.id) == col(MemberChat.member_id))
            .where(col(Member.branch_id).in_(list(branch_ids)))
            .where(col(Member.role).in_(("secretary", "deputy")))
            .where(col(MemberChat.reachable).is_(True))
            .order_by(col(MemberChat.id))
        ).all()
    for branch_id, channel, chat in rows:
        if branch_id is not None:
            out[branch_id].append(ChatRef(channel, chat))
    return out


def views_many(db: Database, assignment_ids: Collection[int]) -> dict[int, AssignmentView]:
    """assignment_view for several assignments in one query."""
    if not assignment_ids:
        return {}
    query = view_query().where(col(Assignment.id).in_(list(assignment_ids)))
    with db.session() as session:
        views = [view_of(row) for row in session.execute(query).all()]
    return {view.assignment_id: view for view in views}
