"""liaisons, returned sheets (报送表), the report's return, the returns' keyed-hash secret

Revision ID: 0009_returns
Revises: 0008_audit_baseline
Create Date: 2026-11-29
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0009_returns"
down_revision = "0008_audit_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_liaison",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_unit_liaison_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_unit_liaison_unit_id_unit"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_liaison")),
    )
    op.create_index(op.f("ix_unit_liaison_unit_id"), "unit_liaison", ["unit_id"], unique=True)
    op.create_table(
        "return_submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'",
            name=op.f("ck_return_submission_period_format"),
        ),
        sa.CheckConstraint(
            "length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'",
            name=op.f("ck_return_submission_sha256_hex"),
        ),
        sa.CheckConstraint(
            "replaces_id IS NULL OR length(trim(reason)) > 0",
            name=op.f("ck_return_submission_replacement_reasoned"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_return_submission_unit_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["return_submission.id"],
            name=op.f("fk_return_submission_replaces_id_return_submission"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_submission")),
    )
    op.create_index("ix_return_submission_unit_period", "return_submission", ["unit_id", "period"])
    op.create_index("ix_return_submission_sha256", "return_submission", ["sha256"])
    # SQLite adds a column with a foreign key only by batch mode's copy-and-drop of the
    # table, and dropping the old progress_report (foreign keys on) cascades to its
    # evidence: the evidence is kept aside and put back (the reports keep their ids).
    op.execute("CREATE TEMP TABLE evidence_kept AS SELECT * FROM evidence")
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("return_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_progress_report_return_id_return_submission"),
            "return_submission",
            ["return_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    op.execute("DELETE FROM evidence")
    op.execute("INSERT INTO evidence SELECT * FROM evidence_kept")
    op.execute("DROP TABLE evidence_kept")
    op.create_index(op.f("ix_progress_report_return_id"), "progress_report", ["return_id"])
    op.add_column("database_identity", sa.Column("returns_key", sa.String(length=64)))
    # A random secret, not a fact of the office's work: no audit event (as the UUID of 0007).
    op.execute(
        sa.text("UPDATE database_identity SET returns_key = :key").bindparams(
            key=secrets.token_hex(32)
        )
    )


def downgrade() -> None:
    op.drop_column("database_identity", "returns_key")
    # SQLite cannot drop a column with a foreign key in place, and batch mode's copy-and-
    # drop of progress_report cascades to its evidence: the evidence is kept aside and put
    # back (the reports keep their ids).
    op.execute("CREATE TEMP TABLE evidence_kept AS SELECT * FROM evidence")
    op.drop_index(op.f("ix_progress_report_return_id"), table_name="progress_report")
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_progress_report_return_id_return_submission"), type_="foreignkey"
        )
        batch_op.drop_column("return_id")
    op.execute("DELETE FROM evidence")
    op.execute("INSERT INTO evidence SELECT * FROM evidence_kept")
    op.execute("DROP TABLE evidence_kept")
    op.drop_index("ix_return_submission_sha256", table_name="return_submission")
    op.drop_index("ix_return_submission_unit_period", table_name="return_submission")
    op.drop_table("return_submission")
    op.drop_index(op.f("ix_unit_liaison_unit_id"), table_name="unit_liaison")
    op.drop_table("unit_liaison")
