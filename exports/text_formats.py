"""CSV (UTF-8 with BOM, for Excel) and Markdown renderings of a report."""

from __future__ import annotations

import csv
import io

from exports.report import (
    Cell,
    Column,
    Heading,
    Paragraph,
    Report,
    Signature,
    Table,
    chinese_date,
    heading_labels,
)

# A cell starting with one of these is a formula to Excel/WPS (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Cell) -> Cell:
    """Text that a spreadsheet would read as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def cell_text(column: Column, value: Cell) -> str:
    if value is None:
        return ""
    if column.kind == "score" and isinstance(value, int | float):
        return f"{value:.2f}"
    return str(value)


def report_csv(report: Report) -> bytes:
    """Every table of the report; when there are several, each under its caption."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    tables = report.tables
    for index, table in enumerate(tables):
        if len(tables) > 1:
            if index:
                writer.writerow([])
            writer.writerow([safe_cell(table.caption)])
        writer.writerow([c.name for c in table.columns])
        for row in table.rows:
            writer.writerow(
                [safe_cell(cell_text(c, v)) for c, v in zip(table.columns, row, strict=True)]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _md_table(table: Table) -> list[str]:
    lines = [f"**{_md_cell(table.caption)}**", ""]
    if table.note:
        lines += [_md_cell(table.note), ""]
    lines.append("| " + " | ".join(_md_cell(c.name) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if c.kind != "text" else "---" for c in table.columns) + "|")
    for row in table.rows:
        cells = (_md_cell(cell_text(c, v)) for c, v in zip(table.columns, row, strict=True))
        lines.append("| " + " | ".join(cells) + " |")
    if not table.rows:
        lines.append("| " + " | ".join("—" for _ in table.columns) + " |")
    return [*lines, ""]


def report_markdown(report: Report) -> bytes:
    labels = heading_labels(report.blocks)
    lines = [f"# {report.title}", "", report.subtitle, ""]
    for index, block in enumerate(report.blocks):
        if isinstance(block, Heading):
            lines += ["#" * (block.level + 1) + " " + labels[index], ""]
        elif isinstance(block, Paragraph):
            lines += [_md_cell(block.text), ""]
        elif isinstance(block, Table):
            lines += _md_table(block)
        elif isinstance(block, Signature):
            lines += [f"{block.office}<br>{chinese_date(block.on)}", ""]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
