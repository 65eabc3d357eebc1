"""Every kind of outside edit is found and named; a clean database verifies."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlalchemy import select

from model.store.audit_verify import verify_audit
from model.store.schema import ProgressReport, Unit


def tamper(database, *statements: str) -> list:
    path = database.path
    database.engine.dispose()
    connection = sqlite3.connect(path)
    connection.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    connection.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    with database.read() as session:
        return list(verify_audit(session).findings)


def test_clean_demo_database_verifies(demo_db):
    with demo_db.read() as session:
        result = verify_audit(session)
    assert result.ok and result.events > 2000 and result.rows > 2000


@pytest.mark.parametrize(
    ("statements", "records", "words"),
    [
        (
            ["UPDATE progress_report SET percent = 100 WHERE id = 5"],
            ["progress_report:5"],
            "完成百分比：审计为 24，数据库为 100",
        ),
        (
            ["UPDATE progress_report SET note = '=HYPERLINK()' WHERE id = 7"],
            ["progress_report:7"],
            "说明：审计为 「按月调度推进，进度符合序时要求」，数据库为 「=HYPERLINK()」",
        ),
        (
            ["DELETE FROM evidence WHERE report_id = (SELECT min(report_id) FROM evidence)"],
            ["progress_report:2"],
            "佐证材料：审计为 「佐证材料/air9-发改局-8月.pdf」",
        ),
        (
            ["DELETE FROM progress_report WHERE id = 9"],
            ["progress_report:9"],
            "在 duban 之外被删除",
        ),
        (
            [
                "INSERT INTO progress_report (id, task_id, unit_id, reported_on, status, percent, note)"
                " VALUES (99999, 1, 1, '2023-09-01', 'done', 100, '补录')"
            ],
            ["progress_report:99999"],
            "没有对应的审计事件：在 duban 之外被添加",
        ),
        (
            ["UPDATE closure_event SET \"on\" = '2023-06-01' WHERE id = 3"],
            ["closure_event:3"],
            "日期：审计为 2023-11-07，数据库为 2023-06-01",
        ),
        (
            ["UPDATE notice SET reply_on = '2023-11-07', reply_text = '已整改' WHERE id = 1"],
            ["notice:1"],
            "答复日期：审计为 （空），数据库为 2023-11-07；答复内容：",
        ),
        (
            ["DELETE FROM notice_task WHERE notice_id = 2"],
            ["notice:2"],
            "涉及任务：审计为 空气第20项、地下水第2项，数据库为 （空）",
        ),
        (
            ["UPDATE milestone_completion SET done_on = '2023-06-01' WHERE id = 4"],
            ["milestone_completion:4"],
            "完成日期：审计为 2023-08-01，数据库为 2023-06-01",
        ),
        (
            ["UPDATE audit_event SET actor = '别人' WHERE id = 10"],
            ["audit_event:10"],
            "内容与其哈希不符",
        ),
        (
            ["DELETE FROM audit_event WHERE id = 20"],
            # The deleted event had made 薛关镇's liaison: that row now has none.
            ["audit_event:21", "unit_liaison:19"],
            "在 #21 处不连续（应为 #20）",
        ),
    ],
)
def test_outside_edits_are_reported(demo_db, statements, records, words):
    findings = tamper(demo_db, *statements)
    # Exactly what was changed is found, nothing else; the first finding says how.
    assert [f.record for f in findings] == records, findings
    assert words in findings[0].detail, findings
    # Field names are shown in Chinese, never as the snapshot's English keys.
    assert not any(re.search(r"(^|；)[a-z_]+：", f.detail) for f in findings), findings


def test_reordered_events_are_reported(demo_db):
    findings = tamper(
        demo_db,
        "UPDATE audit_event SET id = 999999 WHERE id = 30",
        "UPDATE audit_event SET id = 30 WHERE id = 31",
        "UPDATE audit_event SET id = 31 WHERE id = 999999",
    )
    # Each swapped event's content no longer matches its hash, and the links into 30, 31
    # and 32 no longer match the events before them: exactly these five.
    assert [(f.record, f.detail.split("：")[0]) for f in findings] == [
        ("audit_event:30", "审计事件 #30 记录的前一事件哈希不符"),
        ("audit_event:30", "审计事件 #30 的内容与其哈希不符"),
        ("audit_event:31", "审计事件 #31 记录的前一事件哈希不符"),
        ("audit_event:31", "审计事件 #31 的内容与其哈希不符"),
        ("audit_event:32", "审计事件 #32 记录的前一事件哈希不符"),
    ]


def test_adjustment_edits_are_reported(seeded):
    import datetime as dt

    from model.work.adjustments import add_adjustment

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
    findings = tamper(seeded, "UPDATE score_adjustment SET points = 20 WHERE id = 1")
    assert [f.record for f in findings] == ["score_adjustment:1"]
    assert "分值：审计为 2.0，数据库为 20.0" in findings[0].detail


def test_changed_fields_are_shown_as_the_office_reads_them(demo_db):
    with demo_db.read() as session:
        report_id, unit_id = session.execute(
            select(ProgressReport.id, ProgressReport.unit_id).where(
                ProgressReport.status == "in_progress"
            )
        ).first()
        other = session.scalar(select(Unit.id).where(Unit.id != unit_id, Unit.kind != "group"))
        names = {i: n for i, n in session.execute(select(Unit.id, Unit.name))}
    findings = tamper(
        demo_db,
        f"UPDATE progress_report SET status = 'blocked', unit_id = {other} WHERE id = {report_id}",
    )
    [finding] = [f for f in findings if f.record == f"progress_report:{report_id}"]
    assert "状态：审计为 推进中，数据库为 受阻" in finding.detail
    assert f"单位：审计为 {names[unit_id]}，数据库为 {names[other]}" in finding.detail
    assert "in_progress" not in finding.detail and "blocked" not in finding.detail
