"""Migrations that change data write audit events (#13): 0003 says what it filled, and
0008 gives a database whose imports recorded only a summary a baseline of its plan
structure, so that a genuine older database verifies clean and later edits are caught."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from sqlalchemy import select

from model.core.canonical import canonical_json
from model.store.audit import event_digest
from model.store.audit_verify import verify_audit
from model.store.db import open_database
from model.store.migrations.runner import downgrade_to
from model.store.schema import GENESIS_HASH, AuditEvent
from model.work.adjustments import add_adjustment
from model.work.groups import edit_group_members
from tests.model.store.test_audit_verify import tamper

_COLUMNS = "id, at, actor, action, entity, entity_id, before_json, after_json, reason, prev_hash"


def _as_older_imports(path) -> None:
    """Rewrite the chain as a program before #13 wrote it: import events without their
    rows, every hash recomputed (as that program would have made them)."""
    connection = sqlite3.connect(path)
    connection.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    previous = GENESIS_HASH
    for row in connection.execute(f"SELECT {_COLUMNS} FROM audit_event ORDER BY id").fetchall():
        content = dict(zip(_COLUMNS.split(", "), row, strict=True))
        if content["action"] == "seed.import":
            after = json.loads(content["after_json"])
            del after["rows"]
            content["after_json"] = canonical_json(after)
        content["prev_hash"] = previous
        previous = event_digest(**content)
        connection.execute(
            "UPDATE audit_event SET after_json = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (content["after_json"], content["prev_hash"], previous, content["id"]),
        )
    connection.commit()
    connection.close()


def test_a_0006_database_with_summary_imports_gets_a_baseline_and_verifies(seeded, context):
    with seeded.write() as session:
        edit_group_members(session, "各乡镇", remove=["克城镇"], on=dt.date(2023, 7, 1))
    path = seeded.path
    downgrade_to(seeded.engine, "0006_score_review")
    seeded.close()
    _as_older_imports(path)
    with open_database(path, context) as database, database.read() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert last is not None
        assert (last.id, last.action, last.actor, last.entity) == (
            4,  # after the group change and its signing.start
            "migration.baseline",
            "duban（数据库升级）",
            "database",
        )
        assert last.reason is not None and last.reason.startswith("数据库升级：旧版本导入计划")
        tables = json.loads(last.after_json or "{}")["tables"]
        assert {t: len(r) for t, r in tables.items()}["task"] == 68
        assert verify_audit(session).findings == ()
    # The baseline is written once: opening again adds nothing.
    with open_database(path, context) as database, database.read() as session:
        assert session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc())) == 4
        database.engine.dispose()
    with open_database(path, context) as database:
        findings = tamper(database, "UPDATE task SET title = '改过的标题' WHERE id = 2")
    assert [f.detail for f in findings] == [
        "空气第2项与审计记录不符（标题：审计为 「减少炉窑锅炉等污染物排放」，"
        "数据库为 「改过的标题」）：在 duban 之外被改动。"
    ]


def test_a_database_whose_imports_carry_their_rows_gets_no_baseline(seeded, context):
    path = seeded.path
    downgrade_to(seeded.engine, "0006_score_review")
    seeded.close()
    with open_database(path, context) as database, database.read() as session:
        assert session.scalars(select(AuditEvent.action)).all() == ["seed.import"]
        assert verify_audit(session).ok


def test_0003_says_what_it_filled_and_the_database_verifies(seeded, context):
    with seeded.write() as session:
        add_adjustment(
            session,
            unit="住建局",
            year=2023,
            points=2,
            reason="表彰",
            approver="李中煊",
            decided_on=dt.date(2023, 9, 1),
            as_of=dt.date(2023, 9, 15),
        )
    path = seeded.path
    downgrade_to(seeded.engine, "0002_milestone_completion")
    seeded.close()
    with open_database(path, context) as database, database.read() as session:
        fill = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "migration.fill")
        ).one()
        assert json.loads(fill.after_json or "{}") == {
            "table": "score_adjustment",
            "column": "decided_on",
            "values": {"1": "2023-12-31"},
        }
        assert fill.actor == "duban（数据库升级）"
        assert verify_audit(session).findings == ()


def test_an_empty_database_gets_no_migration_events(tmp_path, context):
    with open_database(tmp_path / "new.sqlite3", context) as database, database.read() as session:
        assert session.scalars(select(AuditEvent)).all() == []
