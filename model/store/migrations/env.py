"""Alembic environment: runs on the connection handed in by model.store.migrations.runner."""

from __future__ import annotations

from alembic import context

from model.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
