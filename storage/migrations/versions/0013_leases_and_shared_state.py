"""Leases on claims (who holds a reminder or a day's digest, until when) and the state
several bot processes share: Zalo messages already handled, pending numbered options.

Revision ID: 0013
Revises: 0015
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Apply this revision."""
    for table in ("reminders", "daily_runs"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("claimed_by", sa.String(), nullable=True))
            batch.add_column(sa.Column("lease_until", STAMP, nullable=True))
    op.create_index("ix_reminders_claimed_by", "reminders", ["claimed_by"])
    op.create_table(
        "seen_messages",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_seen_messages_expires", "seen_messages", ["expires_at"])
    op.create_table(
        "option_chats",
        sa.Column("chat_key", sa.String(), nullable=False),
        sa.Column("next_number", sa.Integer(), nullable=False),
        sa.Column("added_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("chat_key"),
    )
    op.create_table(
        "pending_options",
        sa.Column("chat_key", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("data", sa.String(), nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("chat_key", "number"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("pending_options")
    op.drop_table("option_chats")
    op.drop_index("ix_seen_messages_expires", table_name="seen_messages")
    op.drop_table("seen_messages")
    op.drop_index("ix_reminders_claimed_by", table_name="reminders")
    for table in ("reminders", "daily_runs"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("lease_until")
            batch.drop_column("claimed_by")
