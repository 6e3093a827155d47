"""Department scoping: a session bound to a department sees and writes only its rows.

`Database.scoped(id)` hands out sessions whose `info` names the department. Every ORM
statement of such a session (select, joined entity, session.get, ORM update and delete)
gets `department_id = id` added for each scoped table, through SQLAlchemy's
`with_loader_criteria`; new rows get the department on flush. Why here and not a
parameter on each repository function: one place cannot be forgotten by the next query,
and a join to another department's branch or deadline drops the row as well.
Not covered: Core statements on `Table.c` (the library index reads every department's
documents on purpose) and raw SQL; assignments, reminders and sections follow their
deadline, branch or document.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from storage.models.audit import AuditEntry
from storage.models.departments import DEFAULT_DEPARTMENT_ID
from storage.models.documents import Document
from storage.models.org import Branch, Deadline, Invite, Member

SCOPED: tuple[type[Any], ...] = (Branch, Member, Invite, Deadline, Document, AuditEntry)
KEY = "department_id"


def session_department(session: Session) -> int | None:
    """The department a session is bound to, None when it sees every department."""
    value = session.info.get(KEY)
    return int(value) if value is not None else None


@event.listens_for(Session, "do_orm_execute")
def _only_department(state: ORMExecuteState) -> None:
    department = session_department(state.session)
    if department is None or state.is_column_load or state.is_relationship_load:
        return
    if not (state.is_select or state.is_update or state.is_delete):
        return
    state.statement = state.statement.options(
        *(
            with_loader_criteria(model, model.department_id == department, include_aliases=True)
            for model in SCOPED
        )
    )


@event.listens_for(Session, "before_flush")
def _stamp_new_rows(session: Session, _context: Any, _instances: Any) -> None:
    department = session_department(session) or DEFAULT_DEPARTMENT_ID
    for row in session.new:
        if isinstance(row, SCOPED) and getattr(row, KEY, None) is None:
            setattr(row, KEY, department)
