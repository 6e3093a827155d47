"""Index data written at ingest: syllable ids and facts per document, a shared vocabulary.

Start-up used to read every section's text and tokenise it (about 10 s at 10,000
documents). Each document now keeps its sections' syllable ids (`tokens`) and the few
parsed fields the index needs (`facts`); `search_terms` numbers the syllables. Rows
stored before this revision are filled in by the first library build.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "search_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("word"),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("facts", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("tokens", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("tokens")
        batch_op.drop_column("facts")
    op.drop_table("search_terms")
