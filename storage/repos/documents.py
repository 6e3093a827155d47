"""Documents, their sections and citations: the only SQL that writes them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.db import Database
from storage.models.documents import Citation, Document, Section
from storage.models.org import Deadline
from storage.repos.audit import Change, add
from storage.repos.search_rows import index_columns

PROPOSING, DONE = "proposing", "done"  # Document.stage: proposals still to make, or made


@dataclass(frozen=True)
class NewSection:
    """A section to store with its document."""

    path: str
    heading: str
    text: str
    unit: str | None = None


@dataclass(frozen=True)
class NewCitation:
    """A document cited by the one being stored."""

    number: str
    number_key: str
    doc_type: str | None = None
    issuer: str | None = None
    cited_date: date | None = None
    relation: str = "mentions"
    title: str = ""


@dataclass(frozen=True)
class NewDocument:
    """Everything stored for one ingested file."""

    file: str
    path: str
    content_hash: str
    number: str | None
    number_key: str | None
    doc_type: str
    issuer: str
    doc_date: date | None
    year: int | None
    title: str
    text: str
    parsed: str
    sections: Sequence[NewSection] = ()
    citations: Sequence[NewCitation] = ()


@dataclass(frozen=True)
class Stored:
    """The result of storing: the new id and the ids of the versions it replaced."""

    document_id: int
    replaced: tuple[int, ...] = ()


class DuplicateContent(Exception):
    """Another process stored the same content first (unique content hash)."""


def library_is_empty(db: Database) -> bool:
    """Whether no document has been stored yet."""
    with db.session() as session:
        return session.exec(select(Document.id).limit(1)).first() is None


def find_by_hash(db: Database, content_hash: str) -> Document | None:
    """The document with this content hash, or None."""
    with db.session() as session:
        return session.exec(select(Document).where(Document.content_hash == content_hash)).first()


def get_document(db: Database, document_id: int) -> Document | None:
    """A document by id."""
    with db.session() as session:
        return session.get(Document, document_id)


def sections_of(db: Database, document_id: int) -> list[Section]:
    """A document's sections in document order."""
    with db.session() as session:
        rows = session.exec(
            select(Section).where(Section.document_id == document_id).order_by(Section.ordinal)  # type: ignore[arg-type]
        )
        return list(rows)


def citations_of(db: Database, document_id: int) -> list[Citation]:
    """The documents a document cites."""
    with db.session() as session:
        rows = session.exec(
            select(Citation).where(Citation.document_id == document_id).order_by(Citation.id)  # type: ignore[arg-type]
        )
        return list(rows)


def count_documents(db: Database) -> int:
    """How many documents are stored."""
    with db.session() as session:
        return int(session.exec(select(func.count()).select_from(Document)).one())


def count_proposed_deadlines(db: Database, document_id: int) -> int:
    """How many deadlines of a document wait for approval."""
    with db.session() as session:
        query = (
            select(func.count())
            .select_from(Deadline)
            .where(Deadline.document_id == document_id, Deadline.status == "proposed")
        )
        return int(session.exec(query).one())


def store_document(
    db: Database, new: NewDocument, now: datetime, stage: str = DONE, change: Change | None = None
) -> Stored:
    """Insert a document with its sections and citations in one transaction.

    Older versions of the same file (same base name, other content) are deleted in the
    same transaction: their sections and citations cascade, their deadlines keep
    document_id NULL. The audit entry, when given, is part of the same transaction.
    Either everything is stored or nothing is.
    """
    try:
        with db.session() as session:
            # Insert first so the new version never takes over the old version's id.
            document_id = _add_document(session, new, now, stage)
            _add_sections(session, document_id, new.sections)
            _add_citations(session, document_id, new.citations)
            replaced = _delete_versions(session, new.file, new.content_hash)
            if change is not None:
                add(session, change, now)
            return Stored(document_id, replaced)
    except IntegrityError as exc:
        if "content_hash" in str(exc.orig):
            raise DuplicateContent(new.content_hash) from None
        raise


def _delete_versions(session: Session, file: str, content_hash: str) -> tuple[int, ...]:
    ids = tuple(
        session.exec(
            select(Document.id).where(Document.file == file, Document.content_hash != content_hash)
        ).all()
    )
    if ids:
        # Children are removed explicitly too: a database without enforced foreign keys
        # (a SQLite connection opened elsewhere) must not keep orphans.
        session.execute(delete(Section).where(Section.document_id.in_(ids)))  # type: ignore[attr-defined]
        session.execute(delete(Citation).where(Citation.document_id.in_(ids)))  # type: ignore[attr-defined]
        session.execute(delete(Document).where(Document.id.in_(ids)))  # type: ignore[union-attr]
    return tuple(i for i in ids if i is not None)


def set_stage(db: Database, document_id: int, stage: str) -> None:
    """Record how far a document's ingest got."""
    with db.session() as session:
        document = session.get(Document, document_id)
        if document is not None:
            document.stage = stage
            session.add(document)


def unfinished(db: Database) -> list[Document]:
    """Documents stored whose deadline proposals were never completed (a crash between)."""
    with db.session() as session:
        query = select(Document).where(Document.stage == PROPOSING).order_by(col(Document.id))
        return list(session.exec(query))


def _add_document(session: Session, new: NewDocument, now: datetime, stage: str) -> int:
    facts, tokens = index_columns(session, new.parsed)
    document = Document(
        file=new.file,
        path=new.path,
        content_hash=new.content_hash,
        number=new.number,
        number_key=new.number_key,
        doc_type=new.doc_type,
        issuer=new.issuer,
        doc_date=new.doc_date,
        year=new.year,
        title=new.title,
        text=new.text,
        parsed=new.parsed,
        facts=facts,
        tokens=tokens,
        ingested_at=now,
        stage=stage,
    )
    session.add(document)
    session.flush()
    assert document.id is not None
    return document.id


def _add_sections(session: Session, document_id: int, sections: Sequence[NewSection]) -> None:
    for ordinal, section in enumerate(sections):
        session.add(
            Section(
                document_id=document_id,
                ordinal=ordinal,
                path=section.path,
                heading=section.heading,
                unit=section.unit,
                text=section.text,
            )
        )
    session.flush()


def _add_citations(session: Session, document_id: int, citations: Sequence[NewCitation]) -> None:
    for citation in citations:
        session.add(
            Citation(
                document_id=document_id,
                number=citation.number,
                number_key=citation.number_key,
                doc_type=citation.doc_type,
                issuer=citation.issuer,
                cited_date=citation.cited_date,
                relation=citation.relation,
                title=citation.title,
            )
        )
    session.flush()


def remove_documents_under(db: Database, folder: str) -> list[str]:
    """Delete the documents stored from a folder and drop their unapproved deadlines.

    Returns the removed file names. Approved deadlines stay (an admin chose them),
    detached from the document as after any deletion.
    """
    prefix = folder.rstrip("/\\") + "/"
    with db.session() as session:
        rows = session.exec(
            select(Document.id, Document.file).where(col(Document.path).startswith(prefix))
        ).all()
        ids = [row[0] for row in rows]
        if not ids:
            return []
        for deadline in session.exec(
            select(Deadline).where(
                Deadline.document_id.in_(ids),  # type: ignore[union-attr]
                Deadline.status == "proposed",
            )
        ):
            deadline.status = "discarded"
        session.execute(delete(Section).where(Section.document_id.in_(ids)))  # type: ignore[attr-defined]
        session.execute(delete(Citation).where(Citation.document_id.in_(ids)))  # type: ignore[attr-defined]
        session.execute(delete(Document).where(Document.id.in_(ids)))  # type: ignore[union-attr]
    return [row[1] for row in rows]
