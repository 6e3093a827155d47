"""Documents, their sections and the documents they cite (owner: ingest work)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, LargeBinary, String, Text
from sqlmodel import Field, SQLModel

from storage.models.departments import department_field


class Document(SQLModel, table=True):
    """An ingested file and what the parser found in it."""

    __tablename__ = "documents"
    # The same file may be ingested by two departments: each keeps its own copy.
    __table_args__ = (Index("uq_document_content", "department_id", "content_hash", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_field()
    file: str = Field(index=True)  # base name of the ingested file
    path: str = ""
    content_hash: str = Field(index=True)
    number: str | None = None  # as displayed, e.g. "34-HD/ĐU"
    number_key: str | None = Field(default=None, index=True)
    doc_type: str = ""
    issuer: str = ""
    doc_date: date | None = None
    year: int | None = None
    title: str = ""
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    parsed: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    # What the library index reads, written at ingest (storage.repos.search_rows): the
    # sections' syllable ids and a small JSON of facts, so start-up never re-reads texts.
    facts: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    tokens: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    ingested_at: datetime
    # "proposing" from the moment the document is stored until its deadline proposals are
    # made, then "done": a re-run finishes what a crash in between left (handlers.ingest).
    stage: str = Field(
        default="done", sa_column=Column(String, nullable=False, server_default="done")
    )


class Section(SQLModel, table=True):
    """One section of a document, with its path as printed."""

    __tablename__ = "sections"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True, ondelete="CASCADE")
    ordinal: int = 0
    path: str = ""
    heading: str = ""
    unit: str | None = None
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Citation(SQLModel, table=True):
    """A document cited by an ingested one (it may have no full text of its own)."""

    __tablename__ = "citations"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True, ondelete="CASCADE")
    number: str
    number_key: str = Field(index=True)
    doc_type: str | None = None
    issuer: str | None = None
    cited_date: date | None = None
    relation: str = "mentions"
    title: str = ""


class SearchTerm(SQLModel, table=True):
    """A folded syllable and its id, shared by every document's stored tokens."""

    __tablename__ = "search_terms"

    id: int | None = Field(default=None, primary_key=True)
    word: str = Field(unique=True)
