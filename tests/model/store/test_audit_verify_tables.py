"""`audit verify` rebuilds every table that shapes a light, a score or a report (#13):
each outside edit is one finding naming the row in words, and a malformed value is a
finding, never an error."""

from __future__ import annotations

import datetime as dt

import pytest

from model.scoring.review import item_ranges
from model.scoring.rubric import default_rubric
from model.store.audit_verify import verify_audit
from model.work.reviews import enter_self_score
from tests.model.store.test_audit_verify import tamper

CHANGED = "与审计记录不符（{}）：在 duban 之外被改动。"


def test_a_clean_demo_database_has_no_findings(demo_db):
    with demo_db.read() as session:
        result = verify_audit(session)
    assert result.findings == ()
    assert (result.events, result.rows) == (2343, 2742)  # liaisons and returns (#14)


@pytest.mark.parametrize(
    ("statement", "findings"),
    [
        (
            "UPDATE milestone SET due_on = '2023-12-31' WHERE id = 1",
            [
                "空气第3项时限为 2023-08-31 的时间节点"
                + CHANGED.format("完成时限：审计为 2023-08-31，数据库为 2023-12-31")
            ],
        ),
        (
            "UPDATE task SET title = '改过的标题' WHERE id = 2",
            [
                "空气第2项"
                + CHANGED.format(
                    "标题：审计为 「减少炉窑锅炉等污染物排放」，数据库为 「改过的标题」"
                )
            ],
        ),
        (
            "DELETE FROM assignment WHERE id = 2",
            [
                "空气第1项的市生态环境局蒲县分局（配合单位）有审计记录，但数据库中已没有："
                "在 duban 之外被删除。"
            ],
        ),
        (
            "UPDATE assignment SET role = 'lead' WHERE id = 2",
            [
                "空气第1项的市生态环境局蒲县分局（配合单位）"
                + CHANGED.format("职责：审计为 配合单位，数据库为 牵头单位")
            ],
        ),
        (
            "INSERT INTO group_member (group_id, member_id, valid_from, valid_to)"
            " VALUES (31, 1, '2023-06-01', NULL)",
            [
                "单位组「各乡镇」的成员与审计记录不符（多出 发改局（2023-06-01 起））：在 duban 之外被改动。"
            ],
        ),
        (
            # A group every member row of which went: found although no row is left.
            "DELETE FROM group_member WHERE group_id = 31",
            [
                "单位组「各乡镇」的成员与审计记录不符（"
                + "；".join(
                    f"缺少 {name}（始终）"
                    for name in [
                        "蒲城镇",
                        "克城镇",
                        "薛关镇",
                        "黑龙关镇",
                        "山中乡",
                        "古县乡",
                        "红道乡",
                        "太林乡",
                    ]
                )
                + "）：在 duban 之外被改动。"
            ],
        ),
        (
            # A group named by text where the numbers are: named, and sorted with them.
            "INSERT INTO group_member (group_id, member_id, valid_from, valid_to)"
            " VALUES ('x', 1, NULL, NULL)",
            [
                "单位组「（不存在的记录）」的成员与审计记录不符（多出 发改局（始终））："
                "在 duban 之外被改动。"
            ],
        ),
        (
            # SQLite keeps bytes in any column: named as such, never a crash.
            "UPDATE progress_report SET note = X'41FF' WHERE id = 5",
            [
                "应急管理局 2023-08-03 对空气第22项的进展报送"
                + CHANGED.format(
                    "说明：审计为 「已制定工作方案，正在组织实施」，数据库为 二进制数据（2 字节）"
                )
            ],
        ),
        (
            "UPDATE group_member SET valid_from = X'41FF' WHERE id = 5",
            [
                "单位组「各乡镇」的成员与审计记录不符"
                "（缺少 山中乡（始终）；多出 山中乡（二进制数据（2 字节） 起））：在 duban 之外被改动。"
            ],
        ),
        (
            "UPDATE unit SET name = '住房局' WHERE name = '住建局'",
            ["单位「住建局」" + CHANGED.format("名称：审计为 「住建局」，数据库为 「住房局」")],
        ),
        (
            "UPDATE leading_group_member SET name = '王五' WHERE id = 2",
            [
                "领导小组成员许文冬（副主任）"
                + CHANGED.format("姓名：审计为 「许文冬」，数据库为 「王五」")
            ],
        ),
        (
            "UPDATE plan SET title = '改过的计划' WHERE id = 1",
            [
                "2023年空气计划"
                + CHANGED.format(
                    "名称：审计为 「蒲县空气质量提升2023年行动计划」，数据库为 「改过的计划」"
                )
            ],
        ),
        (
            "UPDATE section SET heading = '改过的章节' WHERE id = 1",
            [
                "2023年空气计划的第 1 部分「加快产业布局结构调整进度」"
                + CHANGED.format(
                    "标题：审计为 「加快产业布局结构调整进度」，数据库为 「改过的章节」"
                )
            ],
        ),
        (
            "UPDATE progress_report SET reported_on = '2023-13-45' WHERE id = 1",
            [
                "能源局 2023-08-03 对空气第1项的进展报送"
                + CHANGED.format(
                    "报送日期：审计为 2023-08-03，数据库为 「2023-13-45」（不是有效日期）"
                )
            ],
        ),
        (
            "UPDATE progress_report SET reported_on = 'x' WHERE id = 1",
            [
                "能源局 2023-08-03 对空气第1项的进展报送"
                + CHANGED.format("报送日期：审计为 2023-08-03，数据库为 「x」（不是有效日期）")
            ],
        ),
        (
            "UPDATE progress_report SET percent = 23.5 WHERE id = 1",
            [
                "能源局 2023-08-03 对空气第1项的进展报送"
                + CHANGED.format("完成百分比：审计为 23，数据库为 23.5")
            ],
        ),
    ],
)
def test_an_outside_edit_is_one_finding_in_words(demo_db, statement, findings):
    assert [f.detail for f in tamper(demo_db, statement)] == findings


def test_every_milestone_moved_is_a_finding_each(demo_db):
    with demo_db.read() as session:
        assert verify_audit(session).ok
    details = [f.detail for f in tamper(demo_db, "UPDATE milestone SET due_on = '2023-12-31'")]
    assert len(details) == 10  # 13 milestones, 3 of them already due on 31 December
    assert details[0] == "空气第3项时限为 2023-08-31 的时间节点" + CHANGED.format(
        "完成时限：审计为 2023-08-31，数据库为 2023-12-31"
    )
    assert all("完成时限：" in d and "，数据库为 2023-12-31）" in d for d in details)


def test_an_unreadable_event_is_a_finding(demo_db):
    # Event 28 was #5 before the demo named 23 liaisons at its start (#14).
    findings = tamper(demo_db, "UPDATE audit_event SET after_json = '{oops' WHERE id = 28")
    assert [f.detail for f in findings] == [
        "审计事件 #28 的内容与其哈希不符：事件在 duban 之外被改动。",
        "审计事件 #28 的内容无法读取（不是有效的记录）：事件在 duban 之外被改动。",
        "能源局完成地下水第9项时限为 2023-06-30 的时间节点的记录没有对应的审计事件：在 duban 之外被添加。",
    ]


def test_a_changed_review_entry_is_found(demo_db):
    day = dt.date(2023, 12, 20)
    with demo_db.write() as session:
        enter_self_score(
            session,
            unit="住建局",
            year=2023,
            item="任务完成",
            points=90,
            note="自评",
            on=day,
            as_of=day,
            ranges=item_ranges(default_rubric()),
        )
    findings = tamper(demo_db, "UPDATE score_entry SET points = 99 WHERE id = 1")
    assert [f.detail for f in findings] == [
        "住建局 2023 年度「任务完成」的自评（2023-12-20）"
        + CHANGED.format("分值：审计为 90.0，数据库为 99.0")
    ]


def test_a_swapped_evidence_file_is_named_with_both_hashes(demo_db):
    """A file swapped for another (the same count) is said file by file, not as
    "1 file, database 1 file" (a reviewer's finding)."""
    with demo_db.read() as session:
        (report_id, name, sha, size) = (
            session.connection()
            .exec_driver_sql(
                "SELECT report_id, name, sha256, size FROM evidence ORDER BY id LIMIT 1"
            )
            .one()
        )
    details = [
        f.detail
        for f in tamper(
            demo_db, f"UPDATE evidence SET sha256 = '{'0' * 64}' WHERE report_id = {report_id}"
        )
    ]
    assert len(details) == 1
    assert f"佐证材料：审计为 「{name}」（SHA-256 {sha[:12]}…，{size} 字节），" in details[0]
    assert f"数据库为 「{name}」（SHA-256 000000000000…，{size} 字节）" in details[0]
