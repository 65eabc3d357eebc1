"""document titles; problems and next steps in progress reports

Revision ID: 0004_report_fields
Revises: 0003_adjustment_date
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_report_fields"
down_revision = "0003_adjustment_date"
branch_labels = None
depends_on = None

# The embedded 2023 document: a database seeded before titles were kept gets its title,
# so the reports can cite it in full; any other document keeps an empty title.
SEED_NUMBER = "蒲政办发〔2023〕23号"
SEED_ISSUER = "蒲县人民政府办公室"
SEED_TITLE = (
    "蒲县人民政府办公室关于印发我县2023年空气质量提升、水环境质量再提升和土壤、"
    "地下水污染防治行动计划的通知"
)


def upgrade() -> None:
    # Plain ADD COLUMN with a server default: existing rows read as empty, nothing is copied.
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("title", sa.String(length=500), server_default="", nullable=False)
        )
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("problems", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("next_steps", sa.Text(), server_default="", nullable=False))
    op.get_bind().execute(
        sa.text(
            "UPDATE document SET title = :title "
            "WHERE number = :number AND issuer = :issuer AND title = ''"
        ),
        {"title": SEED_TITLE, "number": SEED_NUMBER, "issuer": SEED_ISSUER},
    )


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+): a batch copy would drop tables that others
    # reference while foreign keys are enforced.
    op.drop_column("progress_report", "next_steps")
    op.drop_column("progress_report", "problems")
    op.drop_column("document", "title")
