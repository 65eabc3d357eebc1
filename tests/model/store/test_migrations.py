from __future__ import annotations

import datetime as dt
import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from model.plans.task_refs import TaskRef
from model.store.audit_verify import verify_audit
from model.store.db import open_database
from model.store.migrations.runner import downgrade_to, script_revisions
from model.store.schema import AuditEvent, Base, Document, ProgressReport
from model.store.schema_version import HEAD, KNOWN_REVISIONS
from model.work.progress import ReportInput, record_report


def test_known_revisions_match_the_script_directory():
    assert tuple(script_revisions()) == KNOWN_REVISIONS
    assert KNOWN_REVISIONS[-1] == HEAD


def test_migrations_build_exactly_the_models(seeded):
    with seeded.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_every_constraint_is_named(seeded):
    with seeded.engine.connect() as connection:
        sql = "\n".join(
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type='table' AND name <> 'alembic_version'"
            )
        )
    assert "CONSTRAINT pk_task PRIMARY KEY" in sql
    assert "CONSTRAINT uq_task_plan_id_number UNIQUE" in sql
    assert "CONSTRAINT ck_progress_report_percent_range CHECK" in sql
    assert "CONSTRAINT fk_task_plan_id_plan FOREIGN KEY" in sql


# 0004: document titles, problems and next steps ----------------------------------------

D = dt.date(2023, 9, 15)
SEED_TITLE = (
    "蒲县人民政府办公室关于印发我县2023年空气质量提升、水环境质量再提升和土壤、"
    "地下水污染防治行动计划的通知"
)


def _columns(path, table: str) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
    finally:
        connection.close()


def test_a_0003_database_with_reports_migrates_and_still_verifies(seeded, context):
    with seeded.write() as session:
        for unit, percent in (("住建局", 40), ("市生态环境局蒲县分局", 60)):
            record_report(
                session,
                ReportInput(TaskRef("air", 5), unit, D, "in_progress", percent, "按计划推进"),
                as_of=D,
            )
    path = seeded.path
    downgrade_to(seeded.engine, "0003_adjustment_date")
    seeded.close()
    assert "problems" not in _columns(path, "progress_report")
    assert "title" not in _columns(path, "document")
    with open_database(path, context) as database:
        assert database.backup is not None and ".backup-v3-" in database.backup.name  # 第 3 版
        with database.read() as session:
            assert session.scalar(text("SELECT version_num FROM alembic_version")) == HEAD
            reports = session.scalars(select(ProgressReport)).all()
            assert len(reports) == 2
            assert {(r.problems, r.next_steps) for r in reports} == {("", "")}
            events = session.scalars(
                select(AuditEvent.after_json).where(AuditEvent.action == "report.create")
            ).all()
            assert events and not any("problems" in e or "next_steps" in e for e in events)
            assert verify_audit(session).ok
            # The embedded document gets its full title; the reports cite it.
            assert session.scalar(select(Document.title)) == SEED_TITLE
        with database.write() as session:
            record_report(
                session,
                ReportInput(
                    TaskRef("air", 5),
                    "住建局",
                    D,
                    "blocked",
                    40,
                    "资金未到位",
                    problems="资金缺口300万元",
                    next_steps="申请县级财政支持",
                ),
                as_of=D,
            )
        with database.read() as session:
            assert verify_audit(session).ok
    # An outside edit of the new field on an old report is found and named.
    connection = sqlite3.connect(path)
    connection.execute("UPDATE progress_report SET problems = '补写的问题' WHERE id = 1")
    connection.commit()
    connection.close()
    with open_database(path, context) as database, database.read() as session:
        (finding,) = verify_audit(session).findings
        assert finding.record == "progress_report:1" and "存在问题：" in finding.detail


def test_a_document_not_shipped_keeps_an_empty_title(seeded, context):
    path = seeded.path
    downgrade_to(seeded.engine, "0003_adjustment_date")
    seeded.close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE document SET number = '蒲政办发〔2023〕99号'")
    connection.commit()
    connection.close()
    with open_database(path, context) as database, database.read() as session:
        assert session.scalar(select(Document.title)) == ""


def test_schema_revisions_are_said_as_editions_never_as_alembic_ids():
    from model.store.schema_version import schema_label

    assert schema_label(KNOWN_REVISIONS[0]) == "第 1 版"
    assert schema_label(HEAD) == f"第 {len(KNOWN_REVISIONS)} 版"
    assert schema_label("0099_future") == "本程序不认识的版本"
    assert schema_label(None) == "本程序不认识的版本"


def test_a_database_from_before_signatures_verifies_after_its_first_signed_write(seeded, context):
    """#13: upgraded from before signing, its first signed write appends signing.start;
    then `audit verify` is clean and names the earlier events as written before signing."""
    from model.store.chain_signing import check_chain, take_notes
    from model.store.reader import reader_of

    path = seeded.path
    downgrade_to(seeded.engine, "0006_score_review")
    seeded.close()
    with open_database(path, context) as database:
        with database.read() as session:
            before = session.scalar(text("SELECT count(*) FROM audit_event"))
        with database.write() as session:
            record_report(
                session,
                ReportInput(TaskRef("air", 5), "住建局", D, "in_progress", 40, "按计划推进"),
                as_of=D,
            )
        assert any("从本次写入起启用签名" in note for note in take_notes())
        with database.read() as session:
            assert verify_audit(session).ok
            signed = check_chain(reader_of(session))
    assert signed.ok, signed.findings
    assert signed.before_signing == before and signed.uncovered == 0
    assert any("启用签名前写入" in line for line in signed.lines())
