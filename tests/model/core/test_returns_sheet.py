"""The contract of an issued return (报送表): the keyed digest is a fixed function of the
identity and the locked cells — a file issued by this version verifies with the next, so it
is pinned to a recorded value — and every part of the identity is in it; a cell reads as
the same text whether the writer wrote it or a spreadsheet program saved it again."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from model.core.returns_sheet import (
    ReturnIdentity,
    cell_text,
    digest_matches,
    locked_digest,
    locked_texts,
    parse_task_ids,
)

KEY = bytes(range(32))
IDENTITY = ReturnIdentity(
    database="0b9f3c2e-5a51-4f0e-9d0a-6c1f2b3a4d5e",
    unit_id=7,
    unit="住建局",
    period="2023-10",
    issued_on="2023-11-01",
    due_on="2023-11-10",
    task_ids=(12, 40),
)
ROWS = [["空气第12项", "牵头"], ["水第3项", "责任"]]
RECORDED = "f0eb8a685f02f4b7499e179fa3d3d19966251fc6a488a1e3309b3fed2d2fd916"


def test_the_digest_is_the_recorded_one():
    # Recorded when the format (duban-return-v1) was made: a change here breaks every
    # return already in the units' hands.
    assert locked_digest(KEY, IDENTITY, ROWS) == RECORDED
    assert digest_matches(KEY, IDENTITY, ROWS, RECORDED)
    assert not digest_matches(KEY, IDENTITY, ROWS, RECORDED[:-1] + "0")


@pytest.mark.parametrize(
    "change",
    [
        {"database": "another"},
        {"unit_id": 8},
        {"unit": "水利局"},
        {"period": "2023-11"},
        {"issued_on": "2023-11-02"},
        {"due_on": "2023-11-13"},
        {"task_ids": (40, 12)},
    ],
)
def test_every_part_of_the_identity_is_in_the_digest(change):
    other = dataclasses.replace(IDENTITY, **change)
    assert locked_digest(KEY, other, ROWS) != RECORDED


def test_the_locked_cells_and_the_key_are_in_the_digest():
    assert locked_digest(KEY, IDENTITY, [ROWS[1], ROWS[0]]) != RECORDED
    assert locked_digest(KEY, IDENTITY, [["空气第12项", "配合"], ROWS[1]]) != RECORDED
    assert locked_digest(bytes(32), IDENTITY, ROWS) != RECORDED


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "TRUE"),
        (False, "FALSE"),
        (1.0, "1"),
        (40, "40"),
        (1.5, "1.5"),
        (dt.datetime(2023, 11, 10), "2023-11-10"),
        (dt.datetime(2023, 11, 10, 9, 30), "2023-11-10T09:30:00"),
        (dt.date(2023, 11, 10), "2023-11-10"),
        ("第一行\r\n第二行\r第三行\n第四行", "第一行\n第二行\n第三行\n第四行"),
        ("a\x00b\x08c\td\x0be\x1ff\x7fg", "abc\tdefg"),
        ("", ""),
    ],
)
def test_a_cell_reads_as_the_same_text_however_it_was_saved(value, text):
    assert cell_text(value) == text


def test_locked_texts_take_the_seven_locked_columns_of_each_row():
    # 序号 计划 编号 任务 职责 时间节点 上次报送, then the unit's own columns (not covered).
    row = (1.0, "空气", 12, "任务", "牵头", None, dt.date(2023, 9, 8), "推进中", 40, "说明")
    assert locked_texts([row, row[:7]]) == [
        ["1", "空气", "12", "任务", "牵头", "", "2023-09-08"],
        ["1", "空气", "12", "任务", "牵头", "", "2023-09-08"],
    ]


def test_task_ids_as_the_meta_sheet_holds_them():
    assert parse_task_ids("") == ()
    assert parse_task_ids("12") == (12,)
    assert parse_task_ids("12,40,7") == (12, 40, 7)
    for bad in ("12;40", "12,", "x", "12, 40,"):
        with pytest.raises(ValueError):
            parse_task_ids(bad)
