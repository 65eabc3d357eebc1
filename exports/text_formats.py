"""CSV (UTF-8 with BOM, for Excel) and Markdown renderings of a report.

The csv file is one rectangular table with one header row, so Excel, polars or any csv
reader loads it as it is: the report's `csv_table` when the builder chose one; else its
only table; else, when every table has the same columns (the progress table, a table per
plan), all their rows under a leading column naming the table each row comes from
(`Report.part_column`, e.g. 计划, holding `Table.part`, e.g. 空气); else the first table.
Numbers are written as numbers (-0.50, 12.5%), dates as yyyy-mm-dd, and only text that a
spreadsheet would run as a formula is neutralised with a leading '.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from exports import strings
from exports.report import (
    Cell,
    Column,
    Heading,
    Paragraph,
    Report,
    Table,
    cell_text,
    chinese_date,
    heading_labels,
    tidy,
    typed,
)

# A cell starting with one of these is a formula to Excel/WPS (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Cell) -> Cell:
    """Text that a spreadsheet would read as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_cell(column: Column, value: Cell) -> str:
    """A number or a date as itself; text neutralised when it looks like a formula."""
    value = typed(column, value)
    text = cell_text(column, value)
    if isinstance(value, int | float | dt.date):
        return text
    return str(safe_cell(text))


def csv_table(report: Report) -> Table | None:
    """The one table of the report's csv file (see the module's docstring)."""
    if report.csv_table is not None:
        return report.csv_table
    tables = report.tables
    if len(tables) <= 1:
        return tables[0] if tables else None
    names = {tuple(c.name for c in t.columns) for t in tables}
    if len(names) > 1:
        return tables[0]
    first = tables[0]
    part = Column(report.part_column or strings.CSV_PART_COLUMN, 8)
    return Table(
        caption=report.title,
        sheet=first.sheet,
        columns=(part, *first.columns),
        rows=tuple((t.part or t.caption, *row) for t in tables for row in t.rows),
    )


def report_csv(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    table = csv_table(report)
    if table is not None:
        writer.writerow([safe_cell(tidy(c.name)) for c in table.columns])
        for row in table.rows:
            writer.writerow([csv_cell(c, v) for c, v in zip(table.columns, row, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _md_text(text: str) -> str:
    """One line of Markdown: pipes and backslashes escaped, line breaks as 「；」."""
    lines = [line.strip() for line in tidy(text).replace("\r", "").split("\n")]
    joined = ""
    for line in filter(None, lines):
        if joined and not joined.endswith(("；", "。", "，", "：", "、")):
            joined += "；"
        joined += line
    return joined.replace("\\", "\\\\").replace("|", "\\|")


def _md_table(table: Table) -> list[str]:
    lines = [f"**{_md_text(table.caption)}**", ""]
    if table.note:
        lines += [_md_text(table.note), ""]
    lines.append("| " + " | ".join(_md_text(c.name) for c in table.columns) + " |")
    lines.append(
        "|"
        + "|".join("---:" if c.kind not in ("text", "date") else "---" for c in table.columns)
        + "|"
    )
    for row in table.rows:
        cells = (_md_text(cell_text(c, v)) for c, v in zip(table.columns, row, strict=True))
        lines.append("| " + " | ".join(cells) + " |")
    if not table.rows:
        lines.append("| " + " | ".join("—" for _ in table.columns) + " |")
    return [*lines, ""]


def report_markdown(report: Report) -> bytes:
    flow = report.flow
    labels = heading_labels(flow)
    lines = [f"# {_md_text(report.title)}", "", _md_text(report.subtitle), ""]
    for index, block in enumerate(flow):
        if isinstance(block, Heading):
            lines += ["#" * (block.level + 1) + " " + _md_text(labels[index]), ""]
        elif isinstance(block, Paragraph):
            lines += [_md_text(block.text), ""]
        elif isinstance(block, Table):
            lines += _md_table(block)
        else:
            for label in report.signers:
                lines += [strings.SIGN_LINE.format(label=label), ""]
            # The closing as two paragraphs: Markdown has no right alignment and no line
            # break that every chat and wiki renders.
            lines += [_md_text(block.office), "", chinese_date(block.on), ""]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
