"""An issued return (报送表) as an Excel workbook, laid out exactly as the contract
`model.core.returns_sheet` says, so that the collecting side finds every thing where it
looks for it.

One workbook per unit and period (`model.status.returns.OwedReturn`): the head rows (title,
unit, period, due date, liaison), what to fill in, the header row, and one row per task —
what the task is in locked cells, what the unit says in the light-yellow input cells.
Sheet protection locks everything but the input cells; it has no password, because it is a
guide against slips, not a lock (any program lifts it): what tells the office that a
locked cell was changed, or that a sheet is another unit's or period's, is the keyed hash
in the very hidden meta sheet, over the identity and the locked cells as written
(`returns_sheet.locked_texts`, the one function the reader uses too).

Input cells carry data validation (完成百分比 a whole number 0–100, 状态 one of the
report statuses, the texts up to the length a progress report takes), the same font and
page setup as the other workbooks (`exports.xlsx_format`): A4 landscape, one page wide,
the header row repeated on every page. Text is never turned into a formula or a link.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from exports import strings
from exports.report import chinese_date, line_count
from exports.xlsx_format import (
    LINE_HEIGHT,
    MAX_LINES,
    PAD,
    SIZE,
    TEXT_SIZE,
    TITLE_SIZE,
    _Formats,
    _page_setup,
)
from model.core import returns_sheet as contract
from model.core.strings import PLAN_SHORT_NAMES, REPORT_STATUS_NAMES, ROLE_NAMES
from model.work.progress import NOTE_LIMIT

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

    from model.status.returns import Liaison, OwedReturn, ReturnTask
    from model.store.returns_key import ReturnsKey

# Column widths in half-width characters, by the contract's keys: the task's title and the
# progress note get the room; 职责 fits 牵头单位, 计划 地下水, 时间节点 2023年12月31日前,
# 上次报送 its date, and 完成百分比 its heading on one line. About 185 across: one A4
# landscape page wide at about 75%.
WIDTHS = {
    "row": 5,
    "plan": 7,
    "number": 5,
    "title": 28,
    "role": 9,
    "milestones": 18,
    "last": 16,
    "note": 28,
    "percent": 11,
    "status": 8,
    "problems": 18,
    "next_steps": 18,
    "evidence": 16,
}
# A task row is at least this many lines tall: room to write in, on screen and on paper.
MIN_LINES = 2
CENTRED = frozenset({"row", "plan", "number", "role", "percent", "status"})
INPUT_FILL = "#FFF2CC"  # light yellow: where the unit writes
HEADER_FILL = "#D9E1F2"  # as the other workbooks' header rows
NOTE_SCALE = {"x_scale": 2.2, "y_scale": 1.6}
FROZEN_COLUMNS = 4  # 序号 to 任务 stay in view while the unit writes further right
STATUS_CHOICES = tuple(REPORT_STATUS_NAMES.values())


@dataclass(frozen=True)
class IssuedReturn:
    """What one workbook says: the return owed, the unit's liaison, the day it is issued."""

    owed: OwedReturn
    liaison: Liaison | None
    issued_on: dt.date
    demo: bool = False


def milestones_text(task: ReturnTask) -> str:
    """2023年8月31日前, a line per milestone; 无 when the task has none."""
    if not task.milestones:
        return strings.RETURN_NO_MILESTONE
    return "\n".join(
        strings.RETURN_MILESTONE.format(date=chinese_date(day)) for day in task.milestones
    )


def last_report_text(task: ReturnTask) -> str:
    """推进中 60% and, on the next line, 2023年9月28日; or 尚未报送."""
    if task.last_status is None or task.last_report_on is None:
        return strings.RETURN_NEVER
    return strings.RETURN_LAST.format(
        status=REPORT_STATUS_NAMES.get(task.last_status, task.last_status),
        percent=task.last_percent if task.last_percent is not None else 0,
        date=chinese_date(task.last_report_on),
    )


def locked_cells(owed: OwedReturn) -> list[list[Any]]:
    """The `LOCKED` cells of the task rows as the workbook holds them (序号 and 编号 as
    numbers, the rest as text), in the contract's column order."""
    rows: list[list[Any]] = []
    for index, task in enumerate(owed.tasks, start=1):
        values = {
            "row": index,
            "plan": PLAN_SHORT_NAMES.get(task.plan_key, task.plan_key),
            "number": task.number,
            "title": task.title,
            "role": ROLE_NAMES.get(task.role, task.role),
            "milestones": milestones_text(task),
            "last": last_report_text(task),
        }
        # Text as `cell_text` gives it (one kind of line end, no control characters):
        # what a reader gets back from the file, so the hash covers what the file holds.
        rows.append(
            [
                value if isinstance(value, int) else contract.cell_text(value)
                for value in (values[key] for _, key in contract.LOCKED)
            ]
        )
    return rows


def return_identity(issued: IssuedReturn, database: str) -> contract.ReturnIdentity:
    owed = issued.owed
    return contract.ReturnIdentity(
        database=database,
        unit_id=owed.unit_id,
        unit=owed.unit,
        period=owed.period.key,
        issued_on=issued.issued_on.isoformat(),
        due_on=owed.due_on.isoformat(),
        task_ids=tuple(task.task_id for task in owed.tasks),
    )


def return_workbook(issued: IssuedReturn, key: ReturnsKey) -> bytes:
    """The workbook's bytes; the same inputs give the same bytes (stamped with the issue
    day, not the clock)."""
    from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]

    owed = issued.owed
    cells = locked_cells(owed)
    identity = return_identity(issued, key.database)
    digest = contract.locked_digest(key.key, identity, contract.locked_texts(cells))
    title = (strings.RETURN_DEMO_TITLE if issued.demo else strings.RETURN_TITLE).format(
        period=owed.period.label
    )

    buffer = io.BytesIO()
    workbook = Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    workbook.set_properties(
        {
            "title": title,
            "subject": owed.unit,
            "created": dt.datetime.combine(issued.issued_on, dt.time()),
        }
    )
    formats = _Formats(workbook)
    sheet = workbook.add_worksheet(contract.SHEET)
    keys = [name for _, name in contract.COLUMNS]
    for col, name in enumerate(keys):
        sheet.set_column(col, col, WIDTHS[name])
    last_col = len(keys) - 1

    _head(sheet, formats, issued, title, last_col)
    header = contract.HEADER_ROW - 1  # 0-based from here on
    header_style = formats(
        bold=True, align="center", text_wrap=True, border=1, bg_color=HEADER_FILL
    )
    for col, (heading, name) in enumerate(contract.COLUMNS):
        sheet.write_string(header, col, heading, header_style)
        note = strings.RETURN_NOTES.get(name)
        if note is not None:
            sheet.write_comment(header, col, note, NOTE_SCALE)
    sheet.set_row(header, LINE_HEIGHT + 10)

    first = contract.FIRST_ROW - 1
    for offset, values in enumerate(cells):
        row = first + offset
        for col, (name, value) in enumerate(zip(keys, values, strict=False)):
            style = formats(
                border=1,
                text_wrap=True,
                align="center" if name in CENTRED else "left",
                num_format="0" if isinstance(value, int) else "@",
            )
            if isinstance(value, int):
                sheet.write_number(row, col, value, style)
            else:
                sheet.write_string(row, col, value, style)
        for col in range(len(contract.LOCKED), len(keys)):
            name = keys[col]
            style = formats(
                border=1,
                text_wrap=True,
                locked=False,
                bg_color=INPUT_FILL,
                align="center" if name in CENTRED else "left",
                num_format="0" if name == "percent" else "@",
            )
            sheet.write_blank(row, col, None, style)
        # As tall as its longest locked text: LibreOffice does not fit a row to wrapped
        # text when it opens a file. The unit may refit a row (format_rows is allowed).
        lines = max(
            line_count(str(value), WIDTHS[name] * 11 / SIZE, PAD)  # widths count 11 pt
            for name, value in zip(keys, values, strict=False)
        )
        sheet.set_row(row, LINE_HEIGHT * min(max(lines, MIN_LINES), MAX_LINES) + 4)
    last_row = first + len(cells) - 1
    _validations(sheet, keys, first, last_row)

    sheet.protect(
        "",
        {
            "select_locked_cells": True,
            "select_unlocked_cells": True,
            # Resizing only changes how it looks: the unit may make a row taller to print.
            "format_rows": True,
            "format_columns": True,
        },
    )
    sheet.freeze_panes(first, FROZEN_COLUMNS)
    _page_setup(sheet, header, titles_too=False)
    page_header = strings.RETURN_PAGE_HEADER.format(unit=owed.unit, period=owed.period.label)
    sheet.set_header("&L" + page_header.replace("&", "&&"))
    sheet.print_area(0, 0, max(last_row, header), last_col)
    sheet.activate()

    meta = workbook.add_worksheet(contract.META_SHEET)
    text = formats(num_format="@")
    for row, (name, value) in enumerate(contract.meta_rows(identity, digest)):
        meta.write_string(row, 0, name, text)
        meta.write_string(row, 1, value, text)
    meta.protect()
    meta.very_hidden()
    workbook.close()
    return buffer.getvalue()


def _head(
    sheet: Worksheet, formats: _Formats, issued: IssuedReturn, title: str, last_col: int
) -> None:
    """Rows 1 to `HEAD_ROWS`: the title, the unit and period, the due date, the liaison;
    then what to fill in. Merged across the table, locked as every cell but the inputs."""
    owed = issued.owed
    liaison = issued.liaison
    if liaison is None:
        contact = strings.RETURN_NO_LIAISON
    elif liaison.phone.strip():
        contact = strings.RETURN_LIAISON_LINE.format(name=liaison.name, phone=liaison.phone)
    else:
        contact = strings.RETURN_LIAISON_NO_PHONE.format(name=liaison.name)
    # `HEAD_ROWS` of them, then what to fill in (the row before the header row).
    lines: list[tuple[str, float, float, dict[str, Any]]] = [
        (title, TITLE_SIZE, 30.0, {"bold": True, "align": "center"}),
        (
            strings.RETURN_UNIT_LINE.format(
                unit=owed.unit, period=owed.period.label, tasks=len(owed.tasks)
            ),
            TEXT_SIZE,
            20.0,
            {"align": "left", "bold": True},
        ),
        (
            strings.RETURN_DUE_LINE.format(
                due=chinese_date(owed.due_on), issued=chinese_date(issued.issued_on)
            ),
            TEXT_SIZE,
            20.0,
            {"align": "left"},
        ),
        (contact, TEXT_SIZE, 20.0, {"align": "left"}),
    ]
    lines.append((strings.RETURN_HOW, SIZE, LINE_HEIGHT * 2 + 6, {"align": "left"}))
    for row, (text, size, height, spec) in enumerate(lines):
        style = formats(font_size=size, text_wrap=True, **spec)
        sheet.merge_range(row, 0, row, last_col, text, style)
        sheet.set_row(row, height)


def _validations(sheet: Worksheet, keys: list[str], first: int, last: int) -> None:
    """Each input column's check, on its cells of the task rows."""
    for col, name in enumerate(keys):
        if col < len(contract.LOCKED):
            continue
        if name == "percent":
            rule: dict[str, Any] = {
                "validate": "integer",
                "criteria": "between",
                "minimum": 0,
                "maximum": 100,
                "input_message": strings.RETURN_PERCENT_PROMPT,
                "error_message": strings.RETURN_PERCENT_ERROR,
            }
        elif name == "status":
            rule = {
                "validate": "list",
                "source": list(STATUS_CHOICES),
                "input_message": strings.RETURN_STATUS_PROMPT,
                "error_message": strings.RETURN_STATUS_ERROR.format(
                    choices="、".join(STATUS_CHOICES)
                ),
            }
        else:
            rule = {
                "validate": "length",
                "criteria": "<=",
                "value": NOTE_LIMIT,
                "input_message": strings.RETURN_TEXT_PROMPT.format(limit=NOTE_LIMIT),
                "error_message": strings.RETURN_TEXT_ERROR.format(limit=NOTE_LIMIT),
            }
        heading = contract.COLUMNS[col][0]
        rule |= {"input_title": heading, "error_title": strings.RETURN_ERROR_TITLE}
        sheet.data_validation(first, col, last, col, rule)
