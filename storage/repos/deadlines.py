"""Deadlines: finding, adding and changing them; the documents and messages they point to.

Assignments (per branch and period) live in storage.repos.assignments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from sqlmodel import col, func, select, update

from storage.db import Database
from storage.models.documents import Document
from storage.models.messages import SentMessage
from storage.models.org import Deadline
from storage.repos.assignments import STATES, AssignmentView, ensure_assignments


def count_states(views: Sequence[AssignmentView], now: datetime) -> dict[str, int]:
    """How many assignments are in each reported state (every state present, maybe 0)."""
    counts = dict.fromkeys(STATES, 0)
    for view in views:
        counts[view.effective(now)] += 1
    return counts


def get_deadline(db: Database, deadline_id: int) -> Deadline | None:
    """A deadline by id."""
    with db.session() as session:
        return session.get(Deadline, deadline_id)


def deadlines(db: Database, statuses: Sequence[str] = ("approved",)) -> list[Deadline]:
    """Deadlines with these statuses, soonest first (undated last)."""
    with db.session() as session:
        rows = session.exec(
            select(Deadline)
            .where(col(Deadline.status).in_(list(statuses)))
            .order_by(col(Deadline.id))
        ).all()
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(rows, key=lambda d: (d.due_at or far, d.id or 0))


@dataclass(frozen=True)
class Proposal:
    """A deadline waiting for approval, with the name of the document it came from."""

    deadline: Deadline
    document: str  # its number, else its title, else its file; "" when made by hand


def proposals(
    db: Database,
    document_id: int | None = None,
    upto: int | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[Proposal]:
    """Proposed deadlines in the order they were found (of one document; with id <= upto;
    `limit` of them from `offset`, for a page)."""
    query = (
        select(Deadline, Document)
        .join(Document, col(Document.id) == col(Deadline.document_id), isouter=True)
        .where(Deadline.status == "proposed")
    )
    if document_id is not None:
        query = query.where(Deadline.document_id == document_id)
    if upto is not None:
        query = query.where(col(Deadline.id) <= upto)
    query = query.order_by(col(Deadline.id)).offset(offset).limit(limit)
    with db.session() as session:
        rows = session.exec(query).all()
    return [Proposal(d, (doc.number or doc.title or doc.file) if doc else "") for d, doc in rows]


def proposal_counts(db: Database) -> list[tuple[int | None, str, int]]:
    """(document id, its number or title or file, proposals waiting) per document with
    proposals, in document order; None for those made by hand."""
    # As Proposal.document: the number, else the title, else the file ("" is no name).
    label = func.coalesce(
        func.nullif(Document.number, ""), func.nullif(Document.title, ""), Document.file, ""
    )
    query = (
        select(Deadline.document_id, label, func.count(col(Deadline.id)))
        .join(Document, col(Document.id) == col(Deadline.document_id), isouter=True)
        .where(Deadline.status == "proposed")
        .group_by(col(Deadline.document_id), label)
        .order_by(col(Deadline.document_id))
    )
    with db.session() as session:
        return [(d, name or "", n) for d, name, n in session.exec(query).all()]


def add_deadline(db: Database, deadline: Deadline) -> Deadline:
    """Store a new deadline row as given."""
    with db.session() as session:
        session.add(deadline)
        session.flush()
        session.refresh(deadline)
    return deadline


def find_proposed_twin(db: Database, deadline: Deadline) -> Deadline | None:
    """The row already made for this document sentence, title and date (idempotent)."""
    return _twin(db, deadline, Deadline.document_id == deadline.document_id)


def find_detached_twin(db: Database, deadline: Deadline) -> Deadline | None:
    """An approved row for the same sentence, title and date whose document was replaced."""
    return _twin(db, deadline, col(Deadline.document_id).is_(None), Deadline.status == "approved")


def _twin(db: Database, deadline: Deadline, *where: Any) -> Deadline | None:
    with db.session() as session:
        rows = session.exec(
            select(Deadline)
            .where(
                Deadline.source_text == deadline.source_text,
                Deadline.title == deadline.title,
                *where,
            )
            .order_by(col(Deadline.id))
        ).all()
    for row in rows:
        if row.due_at == deadline.due_at and row.recurrence == deadline.recurrence:
            return row
    return None


def discard_detached(db: Database, sentences: Sequence[str]) -> int:
    """Discard proposals left without a document (an older version was replaced) whose
    sentence the new version proposes again, so the admin is not asked twice."""
    if not sentences:
        return 0
    with db.session() as session:
        result = session.exec(
            update(Deadline)
            .where(
                col(Deadline.document_id).is_(None),
                col(Deadline.status) == "proposed",
                col(Deadline.source_text).in_(list(set(sentences))),
            )
            .values(status="discarded")
        )
        return int(result.rowcount or 0)


def update_deadline(db: Database, deadline_id: int, **fields: Any) -> Deadline | None:
    """Change some fields of a deadline; returns the row, or None when it does not exist."""
    with db.session() as session:
        row = session.get(Deadline, deadline_id)
        if row is None:
            return None
        for key, value in fields.items():
            setattr(row, key, value)
        session.add(row)
    return row


def ensure_all_assignments(db: Database, now: datetime, tz: tzinfo) -> int:
    """Give every approved all-branch deadline's future periods to branches added since."""
    return sum(ensure_assignments(db, d, now, tz, since=now) for d in deadlines(db))


def latest_list(
    db: Database, channel: str, chat_id: str, prefix: str
) -> tuple[str, datetime] | None:
    """The ref and time of the newest message sent to a chat whose ref has a prefix."""
    with db.session() as session:
        row = session.exec(
            select(SentMessage.ref, SentMessage.sent_at)
            .where(
                SentMessage.channel == channel,
                SentMessage.chat_id == chat_id,
                col(SentMessage.ref).startswith(prefix),
            )
            .order_by(col(SentMessage.sent_at).desc(), col(SentMessage.id).desc())
        ).first()
    return (row[0], row[1]) if row and row[0] else None


def find_document(db: Database, ref: str) -> int | None:
    """A document's id by its file's base name or its number (case and marks ignored)."""
    from knowledge.vi.textnorm import fold

    wanted = fold(ref.strip())
    with db.session() as session:
        rows = session.exec(
            select(Document.id, Document.file, Document.number, Document.number_key).order_by(
                col(Document.id).desc()
            )
        ).all()
    for doc_id, file, number, number_key in rows:
        if wanted in {fold(file), fold(number or ""), (number_key or "").lower()}:
            return doc_id
    return None
