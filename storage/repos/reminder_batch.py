"""What a claimed reminder row needs, loaded for a batch at once: its assignment's view,
its branch, the branch's chats, and the chats an earlier attempt already reached."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import col, select

from core.messages import ChatRef
from storage.db import Database
from storage.models.documents import Document
from storage.models.messages import SentMessage
from storage.models.org import Assignment, Branch, Deadline, Member, MemberChat
from storage.repos.assignments import AssignmentView


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
    with db.session() as session:
        rows = session.exec(
            select(Assignment, Deadline, Branch, Document)
            .join(Deadline, col(Deadline.id) == col(Assignment.deadline_id))
            .join(Branch, col(Branch.id) == col(Assignment.branch_id))
            .outerjoin(Document, col(Document.id) == col(Deadline.document_id))
            .where(col(Assignment.id).in_(list(assignment_ids)))
        ).all()
    return {a.id: _view(a, d, b, doc) for a, d, b, doc in rows if a.id is not None}


def _view(a: Assignment, d: Deadline, b: Branch, doc: Document | None) -> AssignmentView:
    assert a.id is not None and d.id is not None
    return AssignmentView(
        assignment_id=a.id,
        state=a.state,
        due_at=a.due_at,
        period=a.period,
        deadline_id=d.id,
        deadline_title=d.title,
        deadline_status=d.status,
        recurrence=d.recurrence,
        section=d.section,
        document_number=doc.number if doc else None,
        document_title=doc.title if doc else None,
        branch_id=a.branch_id,
        branch_code=b.code,
        branch_name=b.name,
        submitted_at=a.submitted_at,
        submitted_by=a.submitted_by,
    )
