"""Deadlines work: chosen branch codes on a deadline, how a submission came in, a due index.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    # batch_alter_table: SQLite cannot ALTER much in place; PostgreSQL runs plain ALTERs.
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("branch_codes", sa.String(), nullable=True))
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submitted_via", sa.String(), nullable=True))
        batch_op.create_index("ix_assignments_due_at", ["due_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_assignments_due_at")
        batch_op.drop_column("submitted_via")
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_column("branch_codes")
