"""dated group membership

Revision ID: 0005_group_member_dates
Revises: 0004_report_fields
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_group_member_dates"
down_revision = "0004_report_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The primary key changes (a unit may leave a group and join it again), so the table is
    # rebuilt; existing members become open spells (member since the start, still a member),
    # which is exactly what the undated table meant.
    op.create_table(
        "group_member_new",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.CheckConstraint("group_id <> member_id", name=op.f("ck_group_member_not_self")),
        sa.CheckConstraint(
            "valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to",
            name=op.f("ck_group_member_spell_order"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["unit.id"],
            name=op.f("fk_group_member_group_id_unit"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["unit.id"],
            name=op.f("fk_group_member_member_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_member")),
    )
    op.execute(
        "INSERT INTO group_member_new (group_id, member_id, valid_from, valid_to) "
        "SELECT group_id, member_id, NULL, NULL FROM group_member ORDER BY group_id, member_id"
    )
    op.drop_table("group_member")
    op.rename_table("group_member_new", "group_member")
    op.create_index("ix_group_member_group_member", "group_member", ["group_id", "member_id"])


def downgrade() -> None:
    # Only the spells open today survive a downgrade: the old table had no dates.
    op.create_table(
        "group_member_old",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("group_id <> member_id", name=op.f("ck_group_member_not_self")),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["unit.id"],
            name=op.f("fk_group_member_group_id_unit"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["unit.id"],
            name=op.f("fk_group_member_member_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("group_id", "member_id", name=op.f("pk_group_member")),
    )
    op.execute(
        "INSERT OR IGNORE INTO group_member_old (group_id, member_id) "
        "SELECT group_id, member_id FROM group_member WHERE valid_to IS NULL"
    )
    op.drop_table("group_member")
    op.rename_table("group_member_old", "group_member")
