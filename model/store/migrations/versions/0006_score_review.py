"""the year-end cycle: self-assessment, review and approval of the scorecards

Revision ID: 0006_score_review
Revises: 0005_group_member_dates
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_score_review"
down_revision = "0005_group_member_dates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "score_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("item", sa.String(length=20), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(length=100), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.CheckConstraint("stage IN ('self', 'review')", name=op.f("ck_score_entry_stage")),
        sa.CheckConstraint(
            "item IN ('task', 'reporting', 'notice', 'bonus')", name=op.f("ck_score_entry_item")
        ),
        sa.CheckConstraint(
            "points BETWEEN -1000 AND 1000", name=op.f("ck_score_entry_points_range")
        ),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name=op.f("ck_score_entry_year_range")),
        sa.CheckConstraint(
            "stage <> 'review' OR (length(trim(note)) > 0 AND length(trim(entered_by)) > 0)",
            name=op.f("ck_score_entry_review_reasoned"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_score_entry_unit_id_unit"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_entry")),
    )
    op.create_index("ix_score_entry_year_unit", "score_entry", ["year", "unit_id", "stage", "item"])
    op.create_index(op.f("ix_score_entry_unit_id"), "score_entry", ["unit_id"])
    op.create_table(
        "score_approval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("cards", sa.Text(), nullable=True),
        sa.Column("cards_sha256", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "action IN ('approve', 'reopen')", name=op.f("ck_score_approval_action")
        ),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name=op.f("ck_score_approval_year_range")),
        sa.CheckConstraint(
            "length(trim(decided_by)) > 0", name=op.f("ck_score_approval_decided_by_not_empty")
        ),
        sa.CheckConstraint(
            "(action = 'approve') = (cards IS NOT NULL AND cards_sha256 IS NOT NULL)",
            name=op.f("ck_score_approval_approval_holds_cards"),
        ),
        sa.CheckConstraint(
            "action <> 'reopen' OR length(trim(reason)) > 0",
            name=op.f("ck_score_approval_reopen_reasoned"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_approval")),
    )
    op.create_index(op.f("ix_score_approval_year"), "score_approval", ["year"])


def downgrade() -> None:
    # The cycle's records go with their tables; their audit events stay in the chain.
    op.drop_index(op.f("ix_score_approval_year"), table_name="score_approval")
    op.drop_table("score_approval")
    op.drop_index(op.f("ix_score_entry_unit_id"), table_name="score_entry")
    op.drop_index("ix_score_entry_year_unit", table_name="score_entry")
    op.drop_table("score_entry")
