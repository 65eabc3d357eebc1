"""milestone completion and holder indexes

Revision ID: 0002_milestone_completion
Revises: 0001_initial
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_milestone_completion"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "milestone_completion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("milestone_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["milestone_id"],
            ["milestone.id"],
            name=op.f("fk_milestone_completion_milestone_id_milestone"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_milestone_completion_unit_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone_completion")),
        sa.UniqueConstraint(
            "milestone_id", "unit_id", name=op.f("uq_milestone_completion_milestone_id_unit_id")
        ),
    )
    with op.batch_alter_table("milestone_completion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_milestone_completion_unit_id"), ["unit_id"], unique=False
        )

    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_unit_id"), ["unit_id"], unique=False)

    with op.batch_alter_table("closure_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_closure_event_holder_date", ["task_id", "unit_id", "on"], unique=False
        )

    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.create_index(
            "ix_progress_report_holder_date", ["task_id", "unit_id", "reported_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_report_holder_date")

    with op.batch_alter_table("closure_event", schema=None) as batch_op:
        batch_op.drop_index("ix_closure_event_holder_date")

    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_unit_id"))

    with op.batch_alter_table("milestone_completion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestone_completion_unit_id"))

    op.drop_table("milestone_completion")
