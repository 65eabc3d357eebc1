"""score adjustments carry the date they were decided (for as-of replay)

Revision ID: 0003_adjustment_date
Revises: 0002_milestone_completion
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from model.core import strings
from model.store.migrations.audit_event import append_event

revision = "0003_adjustment_date"
down_revision = "0002_milestone_completion"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows written before this revision (none in practice) are dated to their year's end,
    # and the chain says so (the rows' audit snapshots have no such field).
    with op.batch_alter_table("score_adjustment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decided_on", sa.Date(), nullable=True))
    op.execute("UPDATE score_adjustment SET decided_on = printf('%d-12-31', year)")
    connection = op.get_bind()
    filled = {
        str(row_id): decided_on
        for row_id, decided_on in connection.exec_driver_sql(
            "SELECT id, decided_on FROM score_adjustment ORDER BY id"
        )
    }
    if filled:
        append_event(
            connection,
            action="migration.fill",
            after={"table": "score_adjustment", "column": "decided_on", "values": filled},
            reason=strings.MIGRATION_FILL_REASON,
        )
    with op.batch_alter_table("score_adjustment", schema=None) as batch_op:
        batch_op.alter_column("decided_on", existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("score_adjustment", schema=None) as batch_op:
        batch_op.drop_column("decided_on")
