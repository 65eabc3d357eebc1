"""Naming a task the way people type it: "air:3", "空气 3", "gw9"."""

from __future__ import annotations

import pytest

from model.core.errors import InputError
from model.plans.task_refs import TaskRef, parse_task_ref

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
