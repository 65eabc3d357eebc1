"""Reading a returned sheet (报送表) as a unit filled it in: every problem found, or the
rows to record.

The layout is the contract of `model.core.returns_sheet`, shared with the writer that
issued the sheet. The file is read whole, once, with limits (as a plan document is, see
`seed.plan_parser`): its SHA-256 is taken of the bytes parsed, so the evidence recorded
is the file that was checked. The workbook is opened by openpyxl in full mode, formulas
kept (its defaults), so that a formula typed into an input cell is seen and refused.

What is refused, every problem listed with its row and column heading (第 9 行「完成百分比」：…):

* a file that is not a workbook, or not a return (no meta sheet, another format);
* a return issued by another database (its UUID);
* locked cells edited, rows moved or the meta sheet changed (the keyed hash no longer
  matches: a sheet for another unit or period cannot be passed off as this one);
* per task row: 完成百分比 not a whole number 0–100; 状态 not one of the list; 已完成
  below 100; 完成百分比 and 状态 empty (required on every row); 进展情况 empty unless
  the status is 未开始 (nothing done, nothing to say); a formula in an input cell; a
  text longer than a report's (`model.work.progress.NOTE_LIMIT`);
* something written in the input columns below the last task row (a task the office
  did not ask about);
* a task that no longer exists or that the unit no longer holds on the day received
  (`model.work.returns.task_problems`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.core import strings as model_strings
from model.core.errors import InputError
from model.core.periods import Period
from model.core.returns_sheet import (
    FIRST_ROW,
    FORMAT,
    INPUTS,
    LOCKED,
    META_SHEET,
    SHEET,
    ReturnIdentity,
    cell_text,
    digest_matches,
    parse_task_ids,
)
from model.store.returns_key import returns_key
from model.work.progress import NOTE_LIMIT
from model.work.returns import (
    ReturnedRow,
    ReturnedSheet,
    ReturnRefused,
    report_note,
    row_where,
    task_problems,
)
from seed import strings
from seed.input_files import read_input, zip_sizes

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from model.store.reader import Source

# A return of a hundred tasks with every text cell full is well under 1 MB; these limits
# are far above any real sheet and low enough that a wrong or hostile file is refused at
# once. The inflated size is measured from the zip directory before openpyxl inflates
# anything (as `seed.plan_parser` does for a .docx).
MAX_RETURN_BYTES = 16 * 1024 * 1024
MAX_RETURN_INFLATED_BYTES = 64 * 1024 * 1024

# Column numbers (1-based) of the input fields, by key.
_INPUT_COLUMN = {key: len(LOCKED) + i for i, (_, key) in enumerate(INPUTS, 1)}
_HEADING = {key: heading for heading, key in INPUTS}
_STATUS_BY_NAME = {name: key for key, name in model_strings.REPORT_STATUS_NAMES.items()}


@dataclass(frozen=True)
class ReadFile:
    raw: bytes
    sha256: str


def read_file(path: Path) -> ReadFile:
    """The file's bytes and SHA-256; InputError when missing, unreadable or too large."""
    most = MAX_RETURN_BYTES // (1024 * 1024)
    raw = read_input(
        path,
        MAX_RETURN_BYTES,
        lambda _size: InputError(strings.RETURN_TOO_LARGE.format(path=path, most=most)),
    )
    return ReadFile(raw, hashlib.sha256(raw).hexdigest())


def _workbook(path: Path, raw: bytes) -> Any:
    """The workbook, refused when it is not one or would inflate past the limit."""
    not_xlsx = ReturnRefused(path.name, [strings.RETURN_NOT_XLSX])
    try:
        inflated, _ = zip_sizes(raw)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_xlsx from None
    if inflated > MAX_RETURN_INFLATED_BYTES:
        most = MAX_RETURN_INFLATED_BYTES // (1024 * 1024)
        raise ReturnRefused(path.name, [strings.RETURN_INFLATES.format(most=most)])
    import openpyxl  # only when a return is read

    try:
        # Full mode and formulas kept (openpyxl's defaults): a formula cell is refused.
        return openpyxl.load_workbook(io.BytesIO(raw))
    # openpyxl raises whatever its parsers raise for a broken workbook (KeyError, TypeError,
    # lxml's errors…): each means the same thing here.
    except Exception:
        raise not_xlsx from None


def read_return(source: Source, path: Path, received_on: dt.date) -> ReturnedSheet:
    """The sheet's rows, checked against this database as received on `received_on`;
    raises `ReturnRefused` listing every problem (InputError for a file not readable)."""
    data = read_file(path)
    book = _workbook(path, data.raw)
    refuse = _Problems(path.name)
    identity, period = _identity(book, refuse)
    key = returns_key(source)
    if identity.database != key.database:
        raise ReturnRefused(path.name, [strings.RETURN_OTHER_DATABASE])
    sheet: Worksheet = book[SHEET]
    last = FIRST_ROW + len(identity.task_ids) - 1
    locked = [
        [cell_text(sheet.cell(row, column).value) for column in range(1, len(LOCKED) + 1)]
        for row in range(FIRST_ROW, last + 1)
    ]
    digest = _meta(book).get("digest", "")
    if not digest_matches(key.key, identity, locked, digest):
        refuse.add(strings.RETURN_DIGEST_MISMATCH)
    rows = [
        parsed
        for number, task_id in enumerate(identity.task_ids)
        if (parsed := _row(sheet, FIRST_ROW + number, task_id, refuse)) is not None
    ]
    _nothing_below(sheet, last, refuse)
    returned = ReturnedSheet(identity, period, path.name, data.sha256, tuple(rows))
    if not refuse.problems:
        refuse.problems.extend(task_problems(source, returned, received_on))
    refuse.raise_any()
    return returned


class _Problems:
    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.problems: list[str] = []

    def add(self, text: str) -> None:
        self.problems.append(text)

    def cell(self, row: int, key: str, text: str) -> None:
        self.problems.append(f"{row_where(row, _HEADING[key])}：{text}")

    def raise_any(self) -> None:
        if self.problems:
            raise ReturnRefused(self.file_name, self.problems)


def _meta(book: Any) -> dict[str, str]:
    """The meta sheet's keys (column A) and values (column B) as text."""
    meta = book[META_SHEET]
    values: dict[str, str] = {}
    for row in meta.iter_rows(max_row=min(meta.max_row, 100), max_col=2):
        name, value = (cell_text(cell.value).strip() for cell in row)
        if name:
            values[name] = value
    return values


def _identity(book: Any, refuse: _Problems) -> tuple[ReturnIdentity, Period]:
    """Whose return, for which period, as the meta sheet says (checked by the digest)."""
    not_return = ReturnRefused(refuse.file_name, [strings.RETURN_NOT_A_RETURN])
    if META_SHEET not in book.sheetnames or SHEET not in book.sheetnames:
        raise not_return
    meta = _meta(book)
    if meta.get("format") != FORMAT:
        raise not_return
    try:
        identity = ReturnIdentity(
            database=meta["database"],
            unit_id=_whole(meta["unit_id"]),
            unit=meta["unit"],
            period=meta["period"],
            issued_on=meta["issued_on"],
            due_on=meta["due_on"],
            task_ids=parse_task_ids(meta["task_ids"]),
        )
        period = Period.parse(identity.period)
    except (KeyError, ValueError, InputError):
        raise ReturnRefused(refuse.file_name, [strings.RETURN_META_BROKEN]) from None
    if not identity.task_ids or len(identity.task_ids) > 10_000:
        raise ReturnRefused(refuse.file_name, [strings.RETURN_META_BROKEN])
    return identity, period


def _whole(text: str) -> int:
    number = float(text)
    if not number.is_integer():
        raise ValueError(text)
    return int(number)


def _row(sheet: Worksheet, row: int, task_id: int, refuse: _Problems) -> ReturnedRow | None:
    """One task row's inputs; None (with its problems said) when any cell is wrong."""
    before = len(refuse.problems)
    cells = {key: sheet.cell(row, column) for key, column in _INPUT_COLUMN.items()}
    formulas = {key for key, cell in cells.items() if cell.data_type == "f"}
    for key in cells:  # in the sheet's column order
        if key in formulas:
            refuse.cell(row, key, strings.RETURN_FORMULA)
    texts = {key: cell_text(cell.value).strip() for key, cell in cells.items()}
    status = None if "status" in formulas else _status(row, texts["status"], refuse)
    percent = None if "percent" in formulas else _percent(row, cells["percent"], refuse)
    if status == "done" and percent is not None and percent < 100:
        refuse.cell(row, "percent", strings.RETURN_DONE_BELOW_100.format(value=percent))
    if status not in (None, "not_started") and not texts["note"]:  # (a formula is text)
        refuse.cell(row, "note", strings.RETURN_NOTE_REQUIRED)
    evidence = tuple(
        name.strip() for name in texts["evidence"].replace("；", "、").split("、") if name.strip()
    )
    for key in ("problems", "next_steps", "evidence"):
        _not_too_long(row, key, texts[key], refuse)
    if len(refuse.problems) > before or status is None or percent is None:
        return None
    parsed = ReturnedRow(
        row=row,
        task_id=task_id,
        note=texts["note"],
        percent=percent,
        status=status,
        problems=texts["problems"],
        next_steps=texts["next_steps"],
        evidence=evidence,
    )
    # The note as recorded carries the evidence names: the limit is the report's.
    _not_too_long(row, "note", report_note(parsed), refuse)
    return None if len(refuse.problems) > before else parsed


def _status(row: int, text: str, refuse: _Problems) -> str | None:
    if not text:
        refuse.cell(row, "status", strings.RETURN_REQUIRED)
        return None
    status = _STATUS_BY_NAME.get(text)
    if status is None:
        choices = "、".join(model_strings.REPORT_STATUS_NAMES.values())
        refuse.cell(row, "status", strings.RETURN_BAD_STATUS.format(value=text, choices=choices))
    return status


def _percent(row: int, cell: Cell, refuse: _Problems) -> int | None:
    """A whole number 0–100: typed as 60, "60" or "60%" — or 0.6 in a cell the unit
    formatted as a percentage (what a spreadsheet makes of 60% typed in a number cell)."""
    value = cell.value
    number: float | None = None
    if isinstance(value, bool) or value is None:
        number = None
    elif isinstance(value, int | float):
        number = float(value)
        if "%" in str(cell.number_format):
            number *= 100
    elif isinstance(value, str):
        text = value.strip().removesuffix("%").removesuffix("％").strip()
        if text.isascii() and text.isdigit():
            number = float(text)
    if value is None or (isinstance(value, str) and not value.strip()):
        refuse.cell(row, "percent", strings.RETURN_REQUIRED)
        return None
    if number is None or not number.is_integer() or not 0 <= number <= 100:
        refuse.cell(row, "percent", strings.RETURN_BAD_PERCENT.format(value=cell_text(value)))
        return None
    return int(number)


def _not_too_long(row: int, key: str, text: str, refuse: _Problems) -> None:
    if len(text) > NOTE_LIMIT:
        refuse.cell(row, key, strings.RETURN_TOO_LONG.format(length=len(text), limit=NOTE_LIMIT))


def _nothing_below(sheet: Worksheet, last: int, refuse: _Problems) -> None:
    """Input cells filled below the last task row: a task the office did not ask about
    (the writer may put notes below the table, but never in the input columns)."""
    columns = _INPUT_COLUMN.values()
    for row in range(last + 1, min(sheet.max_row, last + 10_000) + 1):
        if any(cell_text(sheet.cell(row, column).value).strip() for column in columns):
            refuse.add(strings.RETURN_EXTRA_ROW.format(where=row_where(row)))
