"""Findings name rows and values in the office's words: a section by its heading, a plan's
category as its plans are called (a key an office chose itself, as written)."""

from __future__ import annotations

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
