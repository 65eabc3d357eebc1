"""Returned sheets (报送表) for the tests: issued as the contract says (until the issuing
side's writer is here, with openpyxl), then filled in as a unit would, with openpyxl."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from model.core.periods import Period, ReportingRules
from model.core.returns_sheet import (
    COLUMNS,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    LOCKED,
    META_SHEET,
    SHEET,
    ReturnIdentity,
    locked_digest,
    locked_rows,
    task_ids_text,
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
    """The blank sheet the office sends the unit: locked cells, the very hidden meta sheet
    and its keyed hash, as `model.core.returns_sheet` lays them out."""
    item = owed(database, unit, period)
    with database.reader() as reader:
        key = returns_key(reader)
    identity = ReturnIdentity(
        database=key.database,
        unit_id=item.unit_id,
        unit=item.unit,
        period=period.key,
        issued_on="2023-11-01",
        due_on=item.due_on.isoformat(),
        task_ids=tuple(t.task_id for t in item.tasks),
    )
    rows = locked_rows(item.tasks)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.cell(1, 1, f"{item.unit} {period.label} 工作进展报送表")
    sheet.cell(2, 1, f"报送期：{period.label}")
    sheet.cell(3, 1, f"截止日期：{item.due_on.isoformat()}")
    sheet.cell(4, 1, "联系人：")
    for column, (heading, _) in enumerate(COLUMNS, 1):
        sheet.cell(HEADER_ROW, column, heading)
    for offset, cells in enumerate(rows):
        for column, text in enumerate(cells, 1):
            # 序号 and 编号 as numbers, as a writer may: the reader reads them back as text.
            value: Any = int(text) if column in (1, 3) else text
            sheet.cell(FIRST_ROW + offset, column, value)
    meta = book.create_sheet(META_SHEET)
    values = {
        "format": FORMAT,
        "database": identity.database,
        "unit_id": identity.unit_id,
        "unit": identity.unit,
        "period": identity.period,
        "issued_on": identity.issued_on,
        "due_on": identity.due_on,
        "task_ids": task_ids_text(identity.task_ids),
        "digest": locked_digest(key.key, identity, rows),
    }
    for row, (meta_key, value) in enumerate(values.items(), 1):
        meta.cell(row, 1, meta_key)
        meta.cell(row, 2, value)
    meta.sheet_state = "veryHidden"
    sheet.protection.sheet = True
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"报送表-{unit}-{period.key}.xlsx")
    book.save(path)
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
