"""The audit log: who did what, when, with the values before and after (append-only)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from storage.models.departments import department_field


class AuditEntry(SQLModel, table=True):
    """One recorded action; the database refuses to change or delete a row (triggers)."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_field()
    at: datetime = Field(index=True)
    actor: str  # "Name (branch, channel:chat)" or "cli:<user>"
    action: str = Field(index=True)  # a stable English code, e.g. "approved" (handlers.audit)
    target: str = ""  # what was acted on, e.g. "deadline:12"
    # JSON values (an object, a string, or null) of what changed.
    before: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    after: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
