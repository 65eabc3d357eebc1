"""Returned sheets (报送表) for the tests: issued by the office's writer, then filled in as
a unit would, with openpyxl."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from model.core.periods import Period, ReportingRules
from model.core.returns_sheet import (
    COLUMNS,
    FIRST_ROW,
    LOCKED,
    SHEET,
)
from model.status.returns import OwedReturn, owed_returns
from model.store.db import Database
from model.store.returns_key import returns_key

INPUT_COLUMN = {key: len(LOCKED) + i for i, (_, key) in enumerate(COLUMNS[len(LOCKED) :], 1)}


def owed(database: Database, unit: str, period: Period) -> OwedReturn:
    with database.reader() as reader:
        found = [o for o in owed_returns(reader, period, ReportingRules()) if o.unit == unit]
    assert found, f"{unit} owes no return for {period.key}"
    return found[0]


def issue(
    database: Database, folder: Path, unit: str, period: Period, *, name: str | None = None
) -> tuple[Path, OwedReturn]:
    """The blank sheet the office sends the unit, made by the writer `duban returns issue`
    uses (`exports.returns_workbook`): what is collected here is what the office issues."""
    from exports.returns_workbook import IssuedReturn, return_workbook

    item = owed(database, unit, period)
    with database.reader() as reader:
        key = returns_key(reader)
    data = return_workbook(IssuedReturn(item, None, dt.date(2023, 11, 1)), key)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"报送表-{unit}-{period.key}.xlsx")
    path.write_bytes(data)
    return path, item


GOOD = {
    "note": "已完成现场排查，整改方案已报县政府。",
    "percent": 60,
    "status": "推进中",
    "problems": "资金尚未到位。",
    "next_steps": "11月底前完成招标。",
    "evidence": "整改方案.pdf、现场照片.zip",
}


def fill(path: Path, rows: Sequence[Mapping[str, Any]] | None = None, *, count: int) -> Path:
    """Fill in the input cells of each task row as a unit would (openpyxl; the default is
    a valid row), `rows[i]` overriding row i's cells."""
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    for index in range(count):
        values = {**GOOD, **(rows[index] if rows and index < len(rows) else {})}
        for key, value in values.items():
            sheet.cell(FIRST_ROW + index, INPUT_COLUMN[key], value)
    book.save(path)
    return path


def filled(
    database: Database,
    folder: Path,
    unit: str,
    period: Period,
    rows: Sequence[Mapping[str, Any]] | None = None,
    *,
    name: str | None = None,
) -> tuple[Path, OwedReturn]:
    path, item = issue(database, folder, unit, period, name=name)
    fill(path, rows, count=len(item.tasks))
    return path, item


def edit(path: Path, sheet_name: str, row: int, column: int, value: Any) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet_name].cell(row, column, value)
    book.save(path)
