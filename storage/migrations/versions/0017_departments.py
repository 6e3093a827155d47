"""Departments: several offices on one deployment, each seeing only its own rows.

Creates `departments` with the default one (id 1, every existing row's), adds
`department_id` (server default 1) to branches, members, invites, deadlines, documents and
audit_log, and makes branch codes and document hashes unique per department. SQLite gets
the columns without the foreign key: adding one there means rebuilding tables that other
tables reference (and the append-only audit log with its triggers).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-12
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("branches", "members", "invites", "deadlines", "documents", "audit_log")
DEFAULT_CODE = "mac-dinh"
DEFAULT_NAME = "Văn phòng (mặc định)"
# (table, column, the old unique index, the new per-department one)
UNIQUE = (
    ("branches", "code", "ix_branches_code", "uq_branch_code"),
    ("documents", "content_hash", "ix_documents_content_hash", "uq_document_content"),
)


def upgrade() -> None:
    """Apply this revision."""
    departments = op.create_table(
        "departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_departments_code", "departments", ["code"], unique=True)
    op.bulk_insert(
        departments,
        [{"id": 1, "code": DEFAULT_CODE, "name": DEFAULT_NAME, "created_at": datetime.now(UTC)}],
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        column = sa.Column("department_id", sa.Integer(), nullable=False, server_default="1")
        op.add_column(table, column)
        op.create_index(f"ix_{table}_department_id", table, ["department_id"])
        if not sqlite:
            op.create_foreign_key(
                f"fk_{table}_department", table, "departments", ["department_id"], ["id"]
            )
    for table, column_name, old, new in UNIQUE:
        op.drop_index(old, table_name=table)
        op.create_index(old, table, [column_name])
        op.create_index(new, table, ["department_id", column_name], unique=True)


def downgrade() -> None:
    """Revert this revision (rows of other departments than the default must be gone)."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column_name, old, new in UNIQUE:
        op.drop_index(new, table_name=table)
        op.drop_index(old, table_name=table)
        op.create_index(old, table, [column_name], unique=True)
    for table in TABLES:
        if not sqlite:
            op.drop_constraint(f"fk_{table}_department", table, type_="foreignkey")
        op.drop_index(f"ix_{table}_department_id", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("department_id")
    op.drop_index("ix_departments_code", table_name="departments")
    op.drop_table("departments")
