"""A report as an Excel workbook: one worksheet per table, ready to print on A4.

polars lays each table out as an Excel table; xlsxwriter adds the title rows, the print
setup and the colours. The workbook never turns text into formulas or links
(strings_to_formulas / strings_to_urls off): a unit's note that starts with "=" stays
text. Column widths are set from the display width of the text (a CJK character is two
columns), because xlsxwriter's autofit under-sizes Chinese.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from exports.report import TONE_FILLS, Column, Report, Table
from model.core.text_width import display_width

if TYPE_CHECKING:
    import polars as pl

    # xlsxwriter (3.3) has no py.typed marker and no stub package is available: Any here.
    from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]
    from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

FONT = "宋体"
TITLE_ROWS = 2  # title, then the note line; the header row follows
MAX_WIDTH = 60  # a wrapped column is never wider than this many half-width characters
A4 = 9
LINE_HEIGHT = 13.5  # points per line of 10-point text


def column_width(column: Column, table: Table) -> float:
    """Excel width units: about one per half-width character, plus padding."""
    if column.wrap:
        return float(min(max(column.width, display_width(column.name)), MAX_WIDTH)) + 2
    index = table.columns.index(column)
    longest = max(
        [display_width(column.name), *(display_width(str(row[index] or "")) for row in table.rows)]
    )
    return float(min(max(longest, column.width), MAX_WIDTH)) + 2


def _lines(text: str, width: float) -> int:
    usable = max(1, int(width) - 2)
    return max(1, -(-display_width(text) // usable))


def _row_heights(sheet: Worksheet, table: Table, widths: list[float]) -> None:
    """Neither Excel nor LibreOffice grows a row for wrapped text written by xlsxwriter."""
    header = max(_lines(c.name, w) for c, w in zip(table.columns, widths, strict=True))
    sheet.set_row(TITLE_ROWS, LINE_HEIGHT * header + 4)
    for index, row in enumerate(table.rows, start=TITLE_ROWS + 1):
        lines = max(
            _lines(str(value or ""), w) if c.kind == "text" else 1
            for c, w, value in zip(table.columns, widths, row, strict=True)
        )
        sheet.set_row(index, LINE_HEIGHT * min(lines, 15) + 4)


def _frame(table: Table) -> pl.DataFrame:
    import polars as pl

    dtypes = {"text": pl.String, "int": pl.Int64, "score": pl.Float64}
    schema = {c.name: dtypes[c.kind] for c in table.columns}
    return pl.DataFrame(
        [list(row) for row in table.rows], schema=schema, orient="row", strict=False
    )


def _cell_format(column: Column) -> dict[str, Any]:
    spec: dict[str, Any] = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "border": 1}
    if column.kind == "score":
        return spec | {"num_format": "0.00", "align": "right"}
    if column.kind == "int":
        return spec | {"num_format": "0", "align": "center"}
    return spec | {"text_wrap": True, "num_format": "@"}


def _tone_rules(table: Table) -> list[dict[str, Any]]:
    """A conditional format for each coloured value of the tone column."""
    return [
        {
            "type": "cell",
            "criteria": "==",
            "value": f'"{value}"',
            "format": {"bg_color": TONE_FILLS[tone][0], "font_color": TONE_FILLS[tone][1]},
        }
        for value, tone in table.tones.items()
    ]


def _write_table(workbook: Workbook, sheet: Worksheet, table: Table, title: str) -> None:
    span = len(table.columns)
    title_format = workbook.add_format(
        {"font_name": FONT, "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"}
    )
    note_format = workbook.add_format({"font_name": FONT, "font_size": 10, "align": "right"})
    if span > 1:
        sheet.merge_range(0, 0, 0, span - 1, title, title_format)
        sheet.merge_range(1, 0, 1, span - 1, table.note, note_format)
    else:
        sheet.write_string(0, 0, title, title_format)
        sheet.write_string(1, 0, table.note, note_format)
    sheet.set_row(0, 30)
    _frame(table).write_excel(
        workbook=workbook,
        worksheet=sheet,
        position=(TITLE_ROWS, 0),
        table_style={"style": "Table Style Light 1", "banded_rows": False},
        column_formats={c.name: _cell_format(c) for c in table.columns},
        header_format={
            "font_name": FONT,
            "font_size": 10,
            "bold": True,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "border": 1,
            "bg_color": "#D9E1F2",
        },
        conditional_formats=(
            None if table.tone_column is None else {table.tone_column: _tone_rules(table)}
        ),
        autofilter=False,
        autofit=False,
        include_header=True,
    )
    # Widths in character units (polars takes pixels), so Excel and LibreOffice agree.
    widths = [column_width(c, table) for c in table.columns]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    _row_heights(sheet, table, widths)
    sheet.freeze_panes(TITLE_ROWS + 1, 0)
    sheet.set_paper(A4)
    sheet.set_landscape()
    sheet.repeat_rows(0, TITLE_ROWS)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.set_footer("&C— &P —")


def report_xlsx(report: Report) -> bytes:
    from xlsxwriter.workbook import Workbook

    buffer = io.BytesIO()
    workbook = Workbook(
        buffer,
        {
            "in_memory": True,  # entries stamped 1980-01-01: the bytes do not depend on now
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    stamp = dt.datetime.combine(report.as_of, dt.time())
    workbook.set_properties(
        {
            "title": report.title,
            "subject": report.subtitle,
            "author": report.author,
            "company": report.author,
            "created": stamp,
        }
    )
    tables = report.tables
    for table in tables:
        sheet = workbook.add_worksheet(table.sheet)
        title = report.title if len(tables) == 1 else f"{report.title} · {table.caption}"
        _write_table(workbook, sheet, table, title)
    workbook.close()
    return buffer.getvalue()
