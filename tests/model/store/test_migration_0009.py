"""Migration 0009 (returns): adding the report's return column keeps every report's
evidence — a batch-mode copy of progress_report with foreign keys on had cascaded the
drop of the old table to every evidence row (942 rows of the demo) — and so does going
back down."""

from __future__ import annotations

import shutil

from model.store.audit_verify import verify_audit
from model.store.db import make_engine, open_database
from model.store.migrations.runner import downgrade_to
from model.store.schema_version import HEAD
from tests.conftest import sqlite_file


def counts(path):
    with sqlite_file(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_upgrading_to_0009_and_back_keeps_every_row(demo_template, tmp_path, context):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    before = counts(path)
    assert before["evidence"] > 0
    engine = make_engine(path)
    try:
        downgrade_to(engine, "0008_audit_baseline")
    finally:
        engine.dispose()
    down = counts(path)
    assert down["evidence"] == before["evidence"]
    assert "return_submission" not in down
    # back up to HEAD
    with open_database(path, context) as database, database.read() as session:
        result = verify_audit(session)
    after = counts(path)
    # Every table 0008 has keeps its rows both ways; the returns and liaisons the demo
    # recorded went with their tables on the way down (a downgrade cannot keep them), and
    # the audit trail says so — nothing else.
    assert {t: n for t, n in after.items() if t in down} == {
        t: n for t, n in before.items() if t in down
    }
    assert result.findings
    assert all("报送表" in f.detail or "联络人" in f.detail for f in result.findings), (
        result.findings
    )
    with sqlite_file(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_migration_that_loses_rows_is_undone_and_said(
    demo_template, tmp_path, context, monkeypatch
):
    """The net under every migration: rows lost on the way are said, and the verified
    backup is put back in place of the damaged file."""
    import pytest

    from model.core.errors import DatabaseError
    from model.store import db as db_module

    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    engine = make_engine(path)
    try:
        downgrade_to(engine, "0008_audit_baseline")
    finally:
        engine.dispose()
    before = counts(path)
    real = db_module.migrate

    def losing(engine):
        real(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM evidence")

    monkeypatch.setattr(db_module, "migrate", losing)
    with pytest.raises(DatabaseError, match=r"佐证材料（\d+ → 0 条）") as raised:
        open_database(path, context)
    assert "已恢复升级前的数据库" in str(raised.value)
    assert counts(path) == before
    with sqlite_file(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0008_audit_baseline",
        )


def test_statistics_sqlite_keeps_are_not_records(tmp_path):
    """ANALYZE's sqlite_stat1 loses a table's rows when a migration rebuilds the table: that
    is not a lost record (a benchmark database was refused and put back for it); a lost
    row of a real table is."""
    from model.store.backup import lost_rows

    before, after = tmp_path / "before.sqlite3", tmp_path / "after.sqlite3"
    for path, rows in ((before, 3), (after, 2)):
        with sqlite_file(path) as connection:
            connection.execute("CREATE TABLE report (id INTEGER PRIMARY KEY, x TEXT)")
            connection.execute("CREATE INDEX ix_report_x ON report (x)")
            connection.executemany(
                "INSERT INTO report (x) VALUES (?)", [(str(i),) for i in range(rows)]
            )
            connection.execute("ANALYZE")
            if path == after:
                connection.execute("DELETE FROM sqlite_stat1")
    assert lost_rows(before, after) == {"report": (3, 2)}
