"""Search index blobs: a saved base index in the database, shared by every process.

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "search_index_bases",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("max_doc_id", sa.Integer(), nullable=False),
        sa.Column("doc_count", sa.Integer(), nullable=False),
        sa.Column("newest", sa.String(), nullable=True),
        sa.Column("avg_passage", sa.Float(), nullable=False),
        sa.Column("avg_document", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "search_index_chunks",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("key", "name", "seq"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("search_index_chunks")
    op.drop_table("search_index_bases")
