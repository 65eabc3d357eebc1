"""Naming a task the way people type it: "air:3", "空气 3", "gw9"."""

from __future__ import annotations

import pytest

from model.core.errors import InputError
from model.plans.task_refs import (
    BadTaskRef,
    TaskRef,
    format_task_refs,
    parse_task_ref,
    parse_task_refs,
)

GW9 = TaskRef("groundwater", 9)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("air:3", TaskRef("air", 3)),
        ("空气 3", TaskRef("air", 3)),
        ("地下水 9", GW9),
        ("gw9", GW9),
        ("GW 9", GW9),
        ("水3", TaskRef("water", 3)),
        ("soil：14", TaskRef("soil", 14)),
        ("大气 3", TaskRef("air", 3)),
        ("空气第3项", TaskRef("air", 3)),  # the labels duban prints read back
        ("空气 第 3 项任务", TaskRef("air", 3)),
        ("kq3", TaskRef("air", 3)),  # pinyin initials of the plan's short name
        ("dxs 9", GW9),
        ("tr14", TaskRef("soil", 14)),
    ],
)
def test_task_refs(text, ref):
    assert parse_task_ref(text) == ref


def test_bad_task_ref():
    with pytest.raises(InputError, match="无法识别任务"):
        parse_task_ref("第三项")


def test_labels_read_back():
    for key in ("air", "water", "soil", "groundwater"):
        ref = TaskRef(key, 12)
        assert parse_task_ref(ref.label()) == ref


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("空气 3、地下水 9", [TaskRef("air", 3), GW9]),
        ("空气 3，地下水 9", [TaskRef("air", 3), GW9]),
        ("空气 3 地下水 9", [TaskRef("air", 3), GW9]),
        ("kq3 dxs9", [TaskRef("air", 3), GW9]),
        ("air:3, gw9", [TaskRef("air", 3), GW9]),
        ("空气 3、4", [TaskRef("air", 3), TaskRef("air", 4)]),
        ("空气 第 3 项任务；地下水 第 9 项任务", [TaskRef("air", 3), GW9]),
        ("  ", []),
    ],
)
def test_lists_of_task_refs(text, refs):
    assert parse_task_refs(text) == refs


@pytest.mark.parametrize(("text", "piece"), [("3、空气 4", "3"), ("空气 3、第三项", "第三项")])
def test_a_bad_piece_is_named(text, piece):
    with pytest.raises(BadTaskRef) as caught:
        parse_task_refs(text)
    assert caught.value.text == piece


def test_short_form_reads_back():
    refs = [TaskRef("air", 3), TaskRef("water", 12), TaskRef("soil", 1), GW9]
    assert format_task_refs(refs) == "空气 3、水 12、土壤 1、地下水 9"
    assert parse_task_refs(format_task_refs(refs)) == refs
