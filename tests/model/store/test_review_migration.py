"""Migration 0006: the year-end cycle's tables come and go with their revision."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import func, select, text

from model.scoring.review import item_ranges
from model.scoring.rubric import default_rubric
from model.store.db import open_database
from model.store.migrations.runner import downgrade_to
from model.store.schema import ScoreEntry
from model.store.schema_version import HEAD, KNOWN_REVISIONS
from model.work.reviews import enter_self_score

DAY = dt.date(2024, 1, 10)


def _tables(path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()


def test_0006_upgrades_and_downgrades(seeded, context):
    assert "0006_score_review" in KNOWN_REVISIONS
    with seeded.write() as session:
        enter_self_score(
            session,
            unit="住建局",
            year=2023,
            item="任务完成",
            points=90,
            note="自评",
            on=DAY,
            as_of=DAY,
            ranges=item_ranges(default_rubric()),
        )
    path = seeded.path
    assert {"score_entry", "score_approval", "ix_score_entry_year_unit"} <= _tables(path)
    downgrade_to(seeded.engine, "0005_group_member_dates")
    seeded.close()
    assert not {"score_entry", "score_approval"} & _tables(path)
    with open_database(path, context) as database:
        assert database.backup is not None and ".backup-v5-" in database.backup.name  # 第 5 版
        with database.read() as session:
            assert session.scalar(text("SELECT version_num FROM alembic_version")) == HEAD
            assert session.scalar(select(func.count()).select_from(ScoreEntry)) == 0


ENTRY = (
    "INSERT INTO score_entry (unit_id, year, stage, item, points, note, entered_by, entered_on)"
    " VALUES (1, 2023, {}, '2024-01-10')"
)
APPROVAL = (
    "INSERT INTO score_approval (year, action, decided_on, decided_by, reason) VALUES (2023, {})"
)


REFUSED = (
    ENTRY.format("'draft', 'task', 1, '', ''"),  # no such stage
    ENTRY.format("'self', 'total', 1, '', ''"),  # no such item
    ENTRY.format("'review', 'task', 1, ' ', '王'"),  # a review without its reason
    APPROVAL.format("'approve', '2024-01-10', '李', ''"),  # an approval without its cards
    APPROVAL.format("'reopen', '2024-01-10', '李', ''"),  # a reopening without its reason
    APPROVAL.format("'undo', '2024-01-10', '李', '理由'"),  # no such action
)


def test_the_tables_refuse_what_the_cycle_forbids(tmp_path, context):
    path = tmp_path / "empty.sqlite3"
    open_database(path, context).close()
    connection = sqlite3.connect(path)
    try:
        for sql in REFUSED:
            with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
                connection.execute(sql)
    finally:
        connection.close()
