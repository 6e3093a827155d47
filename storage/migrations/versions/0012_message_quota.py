"""Message quota: Zalo messages counted per bot and calendar month, shared by every process.

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "message_quota",
        sa.Column("bot", sa.String(), nullable=False),
        sa.Column("month", sa.String(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.Column("refused", sa.Integer(), nullable=False),
        sa.Column("full_at", sa.Integer(), nullable=True),
        sa.Column("warned_80", sa.Integer(), nullable=True),
        sa.Column("warned_100", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("bot", "month"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("message_quota")
