"""Every export's content as canonical JSON, so a speed-up of a writer that changes a file
fails: the demo database's reports (scorecards, bulletin, progress, notice, rubric) in each
of their formats, read back — a Word file's paragraphs, runs, tables, cells, sections and
footers with their formatting, a workbook's cells with their values, formats and styles,
merged ranges, widths, heights and print settings, a csv or md file as its text.

`python -m tests.golden.exports` rewrites the recorded file (exports-demo.json.gz); only
do so for a change that is meant to change a file, and say so in the commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from tests.golden.results import build, record, recorded

NAME = "exports-demo"
# (kind, format, as-of day, extra request fields): each writer, with each report shape.
CASES: tuple[tuple[str, str, dt.date, dict[str, str]], ...] = (
    *(
        (kind, fmt, day, {})
        for kind in ("scorecards", "bulletin", "progress")
        for fmt in ("xlsx", "docx", "csv", "md")
        for day in (dt.date(2023, 11, 15), dt.date(2023, 12, 31))
    ),
    *(("progress", fmt, dt.date(2023, 11, 15), {"plan": "air"}) for fmt in ("xlsx", "docx")),
    *(
        ("notice", fmt, dt.date(2023, 11, 15), {"unit": "克城镇"})
        for fmt in ("xlsx", "docx", "csv", "md")
    ),
    *(("rubric", fmt, dt.date(2023, 12, 31), {}) for fmt in ("docx", "md")),
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _c14n(element: Any) -> str:
    return etree.tostring(element, method="c14n").decode("utf-8")


class _Looks:
    """The distinct properties (a paragraph's, a run's, a cell's) of one document, each
    as canonical XML, numbered in order of first use: a cell refers to its number, so
    the recording holds each look once rather than in every cell."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def __call__(self, element: Any) -> int | None:
        if element is None:
            return None
        return self.numbers.setdefault(_c14n(element), len(self.numbers))

    def listed(self) -> list[str]:
        return list(self.numbers)


def _run(run: Any, looks: _Looks) -> dict[str, Any]:
    text = []
    for child in run:
        if child.tag == _w("t") or child.tag == _w("instrText"):
            text.append(child.text or "")
        elif child.tag == _w("br"):
            text.append("\n")
        elif child.tag == _w("tab"):
            text.append("\t")
        elif child.tag != _w("rPr"):
            text.append(_c14n(child))  # a field's begin/separate/end
    properties = run.find(_w("rPr"))

    def value(tag: str) -> str | None:
        found = None if properties is None else properties.find(_w(tag))
        if found is None:
            return None
        return found.get(_w("val"), "on")

    fonts = None if properties is None else properties.find(_w("rFonts"))
    return {
        "text": "".join(text),
        "bold": value("b"),
        "size": value("sz"),
        "underline": value("u"),
        "font": None if fonts is None else fonts.get(_w("eastAsia")),
        "rPr": looks(properties),
    }


def _paragraph(paragraph: Any, looks: _Looks) -> dict[str, Any]:
    properties = paragraph.find(_w("pPr"))
    style = None if properties is None else properties.find(_w("pStyle"))
    runs = [_run(r, looks) for r in paragraph.iter(_w("r"))]
    return {
        "text": "".join(r["text"] for r in runs),
        "style": None if style is None else style.get(_w("val")),
        "pPr": looks(properties),
        "runs": runs,
    }


def _table(table: Any, looks: _Looks) -> dict[str, Any]:
    rows = []
    for row in table.findall(_w("tr")):
        cells = []
        for cell in row.findall(_w("tc")):
            paragraphs = [_paragraph(p, looks) for p in cell.findall(_w("p"))]
            cells.append({"tcPr": looks(cell.find(_w("tcPr"))), "paragraphs": paragraphs})
        rows.append({"trPr": looks(row.find(_w("trPr"))), "cells": cells})
    grid = table.find(_w("tblGrid"))
    return {
        "tblPr": looks(table.find(_w("tblPr"))),
        "widths": [c.get(_w("w")) for c in grid.findall(_w("gridCol"))],
        "rows": rows,
    }


def docx_content(data: bytes) -> dict[str, Any]:
    import docx

    document = docx.Document(io.BytesIO(data))
    looks = _Looks()
    body = []
    for child in document.element.body:
        if child.tag == _w("p"):
            body.append({"paragraph": _paragraph(child, looks)})
        elif child.tag == _w("tbl"):
            body.append({"table": _table(child, looks)})
        else:
            body.append({"other": _c14n(child)})  # the section's properties
    sections = []
    for section in document.sections:
        sections.append(
            {
                "page": [section.page_width, section.page_height, str(section.orientation)],
                "margins": [
                    section.top_margin,
                    section.bottom_margin,
                    section.left_margin,
                    section.right_margin,
                    section.header_distance,
                    section.footer_distance,
                ],
                "footers": [
                    [_paragraph(p._p, looks) for p in footer.paragraphs]
                    for footer in (section.footer, section.even_page_footer)
                ],
                "headers": [
                    [_paragraph(p._p, looks) for p in header.paragraphs]
                    for header in (section.header, section.even_page_header)
                ],
            }
        )
    properties = document.core_properties
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # The font table (the GB fonts' substitutes) in full; the template's long style
        # sheet and settings by digest, the Normal style (the body text) in full.
        parts: dict[str, str] = {
            name: hashlib.sha256(archive.read(name)).hexdigest()
            for name in ("word/styles.xml", "word/settings.xml")
        }
        parts["word/fontTable.xml"] = archive.read("word/fontTable.xml").decode("utf-8")
        names = archive.namelist()
    parts["Normal"] = _c14n(document.styles["Normal"].element)
    return {
        "looks": looks.listed(),
        "body": body,
        "sections": sections,
        "properties": {
            key: str(getattr(properties, key))
            for key in (
                "title",
                "subject",
                "author",
                "last_modified_by",
                "created",
                "modified",
                "last_printed",
                "revision",
                "comments",
                "keywords",
                "category",
            )
        },
        "parts": parts,
        "names": names,
    }


def _color(color: Any) -> Any:
    if color is None:
        return None
    return [color.type, color.value, color.tint]  # value: the rgb, theme or index


def _style(cell: Any) -> dict[str, Any]:
    font, fill, border, align = cell.font, cell.fill, cell.border, cell.alignment
    return {
        "format": cell.number_format,
        "font": [font.name, font.sz, font.b, font.i, font.u, _color(font.color)],
        "fill": [fill.fill_type, _color(fill.fgColor), _color(fill.bgColor)],
        "border": [side.style for side in (border.left, border.right, border.top, border.bottom)],
        "align": [
            align.horizontal,
            align.vertical,
            align.wrap_text,
            align.indent,
            align.shrink_to_fit,
        ],
        "protection": [cell.protection.locked, cell.protection.hidden],
    }


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return ["date", value.isoformat()]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return ["rich", repr(value)]  # a rich string: its runs and their fonts


def xlsx_content(data: bytes) -> dict[str, Any]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), rich_text=True)
    looks: dict[str, int] = {}  # each distinct cell style once, numbered in order of use
    sheets = []
    for sheet in workbook.worksheets:
        cells = [
            [
                cell.coordinate,
                _value(cell.value),
                looks.setdefault(json.dumps(_style(cell), sort_keys=True), len(looks)),
            ]
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None or cell.has_style
        ]
        setup, margins = sheet.page_setup, sheet.page_margins
        rules = [
            [
                str(ranges.sqref),
                [
                    [
                        rule.type,
                        rule.operator,
                        list(rule.formula),
                        _color(rule.dxf.fill.bgColor) if rule.dxf and rule.dxf.fill else None,
                        _color(rule.dxf.font.color) if rule.dxf and rule.dxf.font else None,
                    ]
                    for rule in found
                ],
            ]
            for ranges, found in sheet.conditional_formatting._cf_rules.items()
        ]
        sheets.append(
            {
                "title": sheet.title,
                "cells": cells,
                "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
                "columns": {
                    key: [d.min, d.max, d.width]
                    for key, d in sorted(sheet.column_dimensions.items())
                },
                "rows": {str(key): d.height for key, d in sorted(sheet.row_dimensions.items())},
                "freeze": sheet.freeze_panes,
                "print": {
                    "paper": setup.paperSize,
                    "orientation": setup.orientation,
                    "fit": [
                        setup.fitToWidth,
                        setup.fitToHeight,
                        sheet.sheet_properties.pageSetUpPr.fitToPage,
                    ],
                    "titles": sheet.print_title_rows,
                    "centered": sheet.print_options.horizontalCentered,
                    "margins": [margins.left, margins.right, margins.top, margins.bottom],
                    "footer": sheet.oddFooter.center.text,
                },
                "conditional": rules,
            }
        )
    properties = workbook.properties
    return {
        "looks": [json.loads(look) for look in looks],
        "sheets": sheets,
        "properties": [
            properties.title,
            properties.subject,
            properties.creator,
            str(properties.created),
        ],
    }


def content(fmt: str, data: bytes) -> Any:
    if fmt == "docx":
        return docx_content(data)
    if fmt == "xlsx":
        return xlsx_content(data)
    return data.decode("utf-8-sig")


def case_name(kind: str, fmt: str, day: dt.date, extra: dict[str, str]) -> str:
    more = "".join(f" {key}={value}" for key, value in sorted(extra.items()))
    return f"{kind} {fmt} {day}{more}"


def exports(folder: Path) -> dict[str, Any]:
    """The demo database's exports, each read back."""
    from exports.service import ExportRequest, build_report, render
    from model.core.lights import LightRules
    from model.scoring.rubric import default_rubric

    out: dict[str, Any] = {}
    with build("demo", folder / "demo.sqlite3") as database, database.read() as session:
        for kind, fmt, day, extra in CASES:
            request = ExportRequest(kind=kind, fmt=fmt, as_of=day, year=2023, **extra)
            built = build_report(session, request, rules=LightRules(), rubric=default_rubric())
            out[case_name(kind, fmt, day, extra)] = content(fmt, render(built.report, fmt))
    return out


def recorded_exports() -> dict[str, Any]:
    return recorded(NAME)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        record(NAME, exports(Path(folder)))
    print(f"recorded {NAME}")
