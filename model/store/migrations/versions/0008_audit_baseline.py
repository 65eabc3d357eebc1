"""an audit baseline of the plan structure for databases whose imports recorded a summary

Revision ID: 0008_audit_baseline
Revises: 0007_signatures
Create Date: 2026-11-29

`audit verify` rebuilds the plan structure (documents, plans, tasks, milestones, units,
who holds what, the groups' members, the leading group) from the rows the plan imports
carry. Imports written before they did (a `seed.import` or `synthetic.generate` event
without `rows`) leave nothing to rebuild from: such a database gets one event holding
every row of those tables as found now (`migration.baseline`), so a genuine older
database verifies clean and a later change is still found. A database whose imports
carry their rows, or that has no rows yet, gets nothing.
"""

from __future__ import annotations

from types import SimpleNamespace

from alembic import op

from model.core import strings
from model.store.migrations.audit_event import append_event
from model.store.snapshots import STRUCTURE_COLUMNS, structure_snapshot

revision = "0008_audit_baseline"
down_revision = "0007_signatures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    summaries = connection.exec_driver_sql(
        "SELECT count(*) FROM audit_event"
        " WHERE action IN ('seed.import', 'synthetic.generate')"
        " AND (NOT json_valid(after_json) OR json_extract(after_json, '$.rows') IS NULL)"
    ).scalar_one()
    if not summaries:
        return
    tables = {}
    for table, columns in STRUCTURE_COLUMNS.items():
        quoted = ", ".join(f'"{c}"' for c in columns)
        rows = connection.exec_driver_sql(f'SELECT {quoted} FROM "{table}" ORDER BY id')
        tables[table] = [
            structure_snapshot(table, SimpleNamespace(**dict(zip(columns, row, strict=True))))
            for row in rows
        ]
    if any(tables.values()):
        append_event(
            connection,
            action="migration.baseline",
            after={"tables": tables},
            reason=strings.MIGRATION_BASELINE_REASON,
        )


def downgrade() -> None:
    # The chain only grows: the baseline event stays (an older program shows it unnamed).
    pass
