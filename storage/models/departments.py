"""Departments: offices that share one deployment without seeing each other's data."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

# The department every row made before departments existed belongs to (migration 0017),
# and the one a row gets when it is written outside any department (storage.tenancy).
DEFAULT_DEPARTMENT_ID = 1


class Department(SQLModel, table=True):
    """An office (Ban, Sở...): its branches, members, documents, deadlines and audit."""

    __tablename__ = "departments"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True)
    name: str
    created_at: datetime


def department_field() -> int:
    """The department_id column of a scoped table (filled in by storage.tenancy on insert)."""
    result: int = Field(default=None, foreign_key="departments.id", index=True, nullable=False)
    return result
