"""The schema revisions this program knows, without importing Alembic at start-up.

tests/model/test_migrations.py checks these against the Alembic script directory.
"""

from __future__ import annotations

from typing import Final

from model.core import strings

KNOWN_REVISIONS: Final = (
    "0001_initial",
    "0002_milestone_completion",
    "0003_adjustment_date",
    "0004_report_fields",
    "0005_group_member_dates",
    "0006_score_review",
    "0007_signatures",
    "0008_audit_baseline",
    "0009_returns",
)
HEAD: Final = KNOWN_REVISIONS[-1]


def schema_label(revision: str | None) -> str:
    """A schema revision as a user reads it (第 8 版): the revision ids are Alembic's."""
    if revision in KNOWN_REVISIONS:
        return strings.SCHEMA_EDITION.format(number=KNOWN_REVISIONS.index(revision) + 1)
    return strings.SCHEMA_UNKNOWN


def schema_file_label(revision: str | None) -> str:
    """A schema revision in a file name (a migration's backup): 第 8 版 is v8, a file from
    before the first revision v0, one this program does not know (never migrated) v-."""
    if revision is None:
        return "v0"
    if revision in KNOWN_REVISIONS:
        return f"v{KNOWN_REVISIONS.index(revision) + 1}"
    return "v-"
