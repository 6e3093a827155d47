"""The saved search index in the database, shared by every process (PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field, SQLModel


class SearchIndexBase(SQLModel, table=True):
    """A saved base index: the documents up to `max_doc_id`, as they were when it was built.

    It is still valid while `doc_count` and `newest` (the newest ingest time, as text) of
    the documents up to `max_doc_id` are unchanged; documents stored after it are indexed
    on load (knowledge.search.delta). The averages are BM25's length norms of the base.
    """

    __tablename__ = "search_index_bases"

    key: str = Field(primary_key=True)
    max_doc_id: int
    doc_count: int
    newest: str | None = None
    avg_passage: float
    avg_document: float


class SearchIndexChunk(SQLModel, table=True):
    """One piece (a few MB) of one file of a saved base index."""

    __tablename__ = "search_index_chunks"

    key: str = Field(primary_key=True)
    name: str = Field(primary_key=True)  # the file: an array (.npy) or meta.json
    seq: int = Field(primary_key=True)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
