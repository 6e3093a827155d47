"""Search: an index that lets start-up read every section in document order.

The library index loads all sections ordered by (document_id, ordinal); with this
index the database walks it instead of sorting 300,000 rows.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_sections_document_ordinal"


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(INDEX, "sections", ["document_id", "ordinal"], if_not_exists=True)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(INDEX, table_name="sections", if_exists=True)
