"""Alembic environment: runs against the engine handed over by storage.db."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)

target_metadata = SQLModel.metadata


def run() -> None:
    """Run the migrations online with the given engine (or sqlalchemy.url)."""
    engine = context.config.attributes.get("engine")
    if engine is None:
        engine = engine_from_config(
            context.config.get_section(context.config.config_ini_section) or {},
            prefix="sqlalchemy.",
            poolclass=pool.NullPool,
        )
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()
