"""Departments: adding, listing, finding by code, and the documents one owns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from storage.db import Database
from storage.models.departments import DEFAULT_DEPARTMENT_ID, Department
from storage.models.documents import Document
from storage.models.org import Branch


@dataclass(frozen=True)
class DepartmentRow:
    """A department with how many branches and documents it has."""

    id: int
    code: str
    name: str
    branches: int
    documents: int


def normalize_code(code: str) -> str:
    """Department codes compare in lower case without spaces ("so-gddt")."""
    return code.strip().lower()


def add_department(db: Database, code: str, name: str, now: datetime) -> tuple[Department, bool]:
    """Register a department (or rename an existing one); True when it is new."""
    code = normalize_code(code)
    with db.session() as session:
        row = session.exec(select(Department).where(Department.code == code)).first()
        created = row is None
        if row is None:
            row = Department(code=code, name=name.strip(), created_at=now)
        else:
            row.name = name.strip() or row.name
        session.add(row)
        session.flush()
        session.refresh(row)
    return row, created


def department_by_code(db: Database, code: str) -> Department | None:
    """A department by its code (case-insensitive), None when there is none."""
    with db.session() as session:
        return session.exec(
            select(Department).where(Department.code == normalize_code(code))
        ).first()


def list_departments(db: Database) -> list[DepartmentRow]:
    """Every department by code, with its branch and document counts."""
    with db.session() as session:
        departments = session.exec(select(Department).order_by(col(Department.code))).all()
        branches = dict(_counts(session, Branch))
        documents = dict(_counts(session, Document))
    return [
        DepartmentRow(
            d.id or 0, d.code, d.name, branches.get(d.id or 0, 0), documents.get(d.id or 0, 0)
        )
        for d in departments
    ]


def _counts(session: object, model: type[Branch] | type[Document]) -> list[tuple[int, int]]:
    query = select(model.department_id, func.count()).group_by(col(model.department_id))
    return [(int(d), int(n)) for d, n in session.exec(query).all()]  # type: ignore[attr-defined]


def document_ids(db: Database) -> frozenset[int]:
    """The ids of the documents a (scoped) database sees."""
    with db.session() as session:
        return frozenset(int(i) for i in session.exec(select(Document.id)).all() if i)


def default_department_id(db: Database, code: str) -> int:
    """The id of the department with this code (DEFAULT_DEPARTMENT), else the first one."""
    found = department_by_code(db, code)
    return found.id if found is not None and found.id else DEFAULT_DEPARTMENT_ID


def branch_departments(db: Database, branch_ids: set[int]) -> dict[int, int]:
    """The department of each of these branches."""
    if not branch_ids:
        return {}
    with db.scoped(None).session() as session:
        rows = session.exec(
            select(Branch.id, Branch.department_id).where(col(Branch.id).in_(branch_ids))
        ).all()
    return {int(branch or 0): int(department) for branch, department in rows}


def department_ids(db: Database) -> list[int]:
    """Every department's id, in order."""
    with db.scoped(None).session() as session:
        ids = session.exec(select(Department.id).order_by(col(Department.id))).all()
    return [int(i or 0) for i in ids]
