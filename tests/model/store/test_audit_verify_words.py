"""Findings name rows and values in the office's words: a section by its heading, a plan's
category as its plans are called (a key an office chose itself, as written)."""

from __future__ import annotations

import pytest

from model.store.audit_verify import _Expected, _period_label, _sortable, _Words
from tests.model.store.test_audit_verify import tamper

CHANGED = "与审计记录不符（{}）：在 duban 之外被改动。"


def test_a_task_moved_to_another_section_names_both_headings(seeded):
    found = tamper(
        seeded, "UPDATE task SET section_id = (SELECT max(id) FROM section) WHERE id = 2"
    )
    assert [f.detail for f in found] == [
        "空气第2项"
        + CHANGED.format(
            "所属章节：审计为 加快产业布局结构调整进度，数据库为 保障地下水型饮用水水源安全"
        )
    ]


def test_a_plans_category_is_said_as_its_plans_are_called(seeded):
    found = tamper(seeded, "UPDATE plan SET key = 'noise' WHERE id = 1")
    assert found[0].detail == (
        "2023年空气计划" + CHANGED.format("计划类别：审计为 空气，数据库为 「noise」")
    )


def words() -> _Words:
    chain = _Expected()
    chain.rows["unit"] = {1: {"id": 1, "name": "发改局"}, 2: {"id": 2, "name": "各乡镇"}}
    chain.rows["plan"] = {
        1: {"id": 1, "key": "air", "year": 2023, "title": "空气质量提升行动计划"},
        2: {"id": 2, "key": "noise", "year": 2024, "title": "蒲县噪声治理2024年行动计划"},
    }
    chain.rows["task"] = {5: {"id": 5, "plan_id": 1, "number": 3}}
    chain.rows["milestone"] = {7: {"id": 7, "task_id": 5, "due_on": "2023-06-30"}}
    chain.rows["section"] = {2: {"id": 2, "heading": "一节"}}
    chain.rows["document"] = {1: {"id": 1, "number": "蒲政办发〔2023〕23号"}}
    chain.rows["leading_group"] = {1: {"id": 1, "name": "领导小组"}}
    chain.rows["return_submission"] = {
        9: {"id": 9, "unit_id": 1, "period": "2023-10", "received_on": "2023-11-06"}
    }
    # a row only the database has (added outside duban) is named by what it says
    return _Words(chain, {"task": {6: {"id": 6, "plan_id": 2, "number": 1}}})


SHEET = "发改局 2023年10月 的报送表（2023-11-06 收取，文件 （空））"


@pytest.mark.parametrize(
    ("table", "key", "value", "said"),
    [
        ("progress_report", "unit_id", 1, "发改局"),
        ("group_member", "member_id", 2, "各乡镇"),
        ("group_member", "group_id", 2, "各乡镇"),
        ("unit_liaison", "office_unit_id", 1, "发改局"),
        ("progress_report", "unit_id", 99, "（不存在的记录）"),
        ("progress_report", "unit_id", True, "（不存在的记录）"),
        ("progress_report", "task_id", 5, "空气第3项"),
        ("progress_report", "task_id", 6, "蒲县噪声治理2024年行动计划第1项"),
        ("notice", "task_ids", [5, 6], "空气第3项、蒲县噪声治理2024年行动计划第1项"),
        ("notice", "task_ids", [], "（空）"),
        ("notice", "task_ids", "5", "「5」"),
        ("milestone_completion", "milestone_id", 7, "空气第3项时限为 2023-06-30 的时间节点"),
        ("return_submission", "replaces_id", 9, SHEET),
        ("progress_report", "return_id", 9, SHEET),
        ("task", "plan_id", 1, "2023年空气计划"),
        ("task", "plan_id", 2, "蒲县噪声治理2024年行动计划"),
        ("task", "section_id", 2, "一节"),
        ("plan", "document_id", 1, "蒲政办发〔2023〕23号"),
        ("leading_group_member", "leading_group_id", 1, "领导小组"),
        ("progress_report", "status", "done", "已完成"),
        ("progress_report", "status", "weird", "「weird」"),
        ("closure_event", "action", "close", "销号"),
        ("score_approval", "action", "approve", "审定"),
        ("closure_event", "action", "approve", "「approve」"),
        ("assignment", "role", "lead", "牵头单位"),
        ("assignment", "role", "x", "「x」"),
        ("unit", "role", "lead", "「lead」"),
        ("unit", "kind", "township", "乡镇"),
        ("unit", "kind", "x", "「x」"),
        ("score_review", "stage", "self", "自评"),
        ("score_review", "stage", "x", "「x」"),
        ("score_review", "item", "reporting", "进展报送"),
        ("score_review", "item", "x", "「x」"),
        ("plan", "key", "air", "空气"),
        ("plan", "key", "noise", "「noise」"),
        ("unit", "key", "air", "「air」"),
        (
            "progress_report",
            "evidence",
            [{"name": "佐证/a.pdf", "sha256": "ab" * 32, "size": 10}, {"size": 3}, "raw"],
            "「佐证/a.pdf」（SHA-256 abababababab…，10 字节）、「」（SHA-256 …，3 字节）、「raw」",
        ),
        ("progress_report", "evidence", [], "（空）"),
        ("score_approval", "cards", "abcdef", "评分表（6 字）"),
        ("progress_report", "reported_on", "2023-10-05", "2023-10-05"),
        ("progress_report", "reported_on", "2023-13-05", "「2023-13-05」（不是有效日期）"),
        ("progress_report", "reported_on", "2023-1-05", "「2023-1-05」（不是有效日期）"),
        ("progress_report", "note", "文字", "「文字」"),
        ("progress_report", "percent", 50, "50"),
        ("progress_report", "percent", None, "（空）"),
    ],
)
def test_each_value_is_said_in_the_offices_words(table, key, value, said):
    assert words().value(table, key, value) == said


def test_closure_and_approval_rows_are_named_by_their_action():
    said = words()
    closure = {"id": 3, "unit_id": 1, "task_id": 5, "action": "close", "on": "2023-11-07"}
    assert said.row("closure_event", closure) == "发改局空气第3项的销号记录（2023-11-07）"
    approval = {"id": 1, "year": 2023, "action": "approve", "decided_on": "2024-01-10"}
    assert said.row("score_approval", approval) == "2023 年度的审定（2024-01-10）"


def test_task_ids_sort_as_numbers_or_as_text_once_one_is_text():
    assert _sortable([3, 1, 2]) == [3, 1, 2]
    assert sorted(_sortable([3, "x", 1])) == ["1", "3", "x"]


def test_an_alias_row_is_named_by_its_unit_and_alias():
    row = {"id": 4, "unit_id": 1, "alias": "县发改局"}
    assert words().row("unit_alias", row) == "单位「发改局」的别名「县发改局」"


@pytest.mark.parametrize(
    ("value", "said"), [("2023-10", "2023年10月"), ("2023-13", "2023-13"), (202310, "202310")]
)
def test_a_period_is_said_as_a_month_or_as_stored(value, said):
    assert _period_label(value) == said
