"""A report as an Excel workbook: one worksheet per table, ready to print on A4.

Every sheet reads on its own: the report's title, its scope (the table's caption, the
subtitle) and the as-of date at the top; then the headings and paragraphs that lead to the
table in the document (a notice's addressee and body, a bulletin's figures in words); the
table; and at the foot the sign lines, the issuing office and the 成文日期.

Cells are typed by their column: whole numbers, points (0.00) and percentages (0.0%) are
numbers, dates are dates (yyyy-mm-dd), text is text — the workbook never turns text into
formulas or links (strings_to_formulas / strings_to_urls off): a unit's note that starts
with "=" stays text. Column widths come from the content (exports.report.layout_columns,
with a cap: longer text wraps and its row grows), because xlsxwriter's autofit
under-sizes Chinese and one long cell must not widen a whole column.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from exports import strings
from exports.parallel import map_tables
from exports.report import (
    TONE_FILLS,
    Column,
    ColumnLayout,
    Heading,
    Paragraph,
    Report,
    Signature,
    Table,
    cell_lines,
    cells,
    chinese_date,
    heading_labels,
    layout_columns,
    line_count,
    text_lines,
    text_width,
    tidy,
    typed,
)

if TYPE_CHECKING:
    # xlsxwriter (3.3) has no py.typed marker and no stub package is available: Any here.
    from xlsxwriter.format import Format  # type: ignore[import-untyped]
    from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]
    from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

FONT = "宋体"
SIZE = 10  # cells
TEXT_SIZE = 11  # paragraphs and the closing
TITLE_SIZE = 16
MAX_WIDTH = 40  # no column is wider (in half-width characters): longer text wraps
WORDS = 12  # a phrase of free text up to this wide is kept on one line
BUDGET = 150  # half-width characters across a sheet: one A4 landscape page at about 85%
PAD = 2
A4 = 9
LINE_HEIGHT = 13.5  # points per line of 10-point text
# A row grows for wrapped text up to this many lines: Excel's tallest row (409 points).
MAX_LINES = 30
# This process's share of the planning against a helper's (exports.parallel.map_tables):
# writing the cells takes it about as long as planning them.
OWN_PLANNING = 0.3
FREEZE_LIMIT = 150  # points: taller rows above the header are not frozen on screen
NUMBER_FORMATS = {"int": "0", "score": "0.00", "float": "0.00", "percent": "0.0%"}
DATE_FORMAT = "yyyy-mm-dd"
SIGN_BLANK = "\u3000" * 8
Lines = list[tuple[str, Heading | Paragraph]]  # numbered headings and paragraphs, as text


class _Formats:
    """One xlsxwriter format per distinct look, made on first use."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.made: dict[tuple[tuple[str, Any], ...], Format] = {}

    def __call__(self, **spec: Any) -> Format:
        spec = {"font_name": FONT, "font_size": SIZE, "valign": "vcenter"} | spec
        key = tuple(sorted(spec.items()))
        if key not in self.made:
            self.made[key] = self.workbook.add_format(spec)
        return self.made[key]


_LINES: dict[tuple[str, float, float], int] = {}


def _lines(text: str, width: float, size: float = SIZE) -> int:
    """Lines of `size`-point text in a cell `width` characters wide (widths count 11 pt).
    Remembered: the cells of a city's scorecards repeat their texts and their widths."""
    key = (text, width, size)
    found = _LINES.get(key)
    if found is None:
        if len(_LINES) > 200_000:
            _LINES.clear()
        found = _LINES[key] = line_count(text, width * 11 / size, PAD)
    return found


# Of a column's width, what a line the writer breaks itself may fill: Excel's and WPS's
# fonts differ from the measure, and a line that came out wider would wrap again inside a
# row whose height is set.
SHEET_FILL = 0.9
# A sheet narrower than this (half-width characters) is left to wrap its text itself.
MIN_BREAK_ROOM = 24


def _fit_rows(text: str, width: float) -> str:
    """Text longer than the tallest row holds, cut where it still fits and marked so (a
    printed cell would otherwise lose lines at top and bottom without a sign): the docx
    and the csv of the same report carry it whole."""
    if _lines(text, width) <= MAX_LINES:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest beginning that fits with the mark after it
        middle = (low + high + 1) // 2
        if _lines(text[:middle].rstrip() + strings.SHEET_CUT, width) <= MAX_LINES:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + strings.SHEET_CUT


def _cell_lines(
    column: Column, layout: ColumnLayout, value: Any, words: tuple[str, ...]
) -> tuple[str, ...]:
    """A cell's text: a names column's broken between names for its width (a line break
    in the cell, never inside a name), text with a date broken before the date, any
    other as one text Excel wraps."""
    width = layout.width * 11 / SIZE
    return cell_lines(column, value, width * SHEET_FILL, PAD, sheet=True, words=words)


def _cell_format(formats: _Formats, column: Column, layout: ColumnLayout, value: Any) -> Format:
    """A cell's format: by its column (its kind, whether it wraps) and its value's type."""
    spec: dict[str, Any] = {"border": 1}
    if isinstance(value, dt.date):
        return formats(**spec, num_format=DATE_FORMAT, align="center")
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = NUMBER_FORMATS.get(column.kind, "0" if isinstance(value, int) else "General")
        return formats(**spec, num_format=number, align="center")
    align = "left" if layout.wrap else "center"
    return formats(**spec, num_format="@", text_wrap=True, align=align)


def _write_cell(
    out: _Sheet,
    row: int,
    col: int,
    column: Column,
    layout: ColumnLayout,
    value: Any,
    text: str,
    styles: dict[tuple[int, type], Format],
) -> None:
    """One cell; `value` typed (`typed`); `text` is what a text cell holds (its lines as
    `_cell_lines` breaks them). `styles` remembers the table's formats by column and
    type of value (what `_cell_format` goes by)."""
    sheet = out.sheet
    key = (col, type(value))
    style = styles.get(key)
    if style is None:
        style = styles[key] = _cell_format(out.formats, column, layout, value)
    if value is None:
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), style)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, col, value, style)
    else:
        sheet.write_string(row, col, text, style)


def _tone_rules(table: Table, workbook: Workbook) -> list[dict[str, Any]]:
    """A conditional format for each coloured value of the tone column."""
    return [
        {
            "type": "cell",
            "criteria": "==",
            "value": f'"{tidy(value)}"',
            "format": workbook.add_format(
                {"bg_color": TONE_FILLS[tone][0], "font_color": TONE_FILLS[tone][1]}
            ),
        }
        for value, tone in table.tones.items()
    ]


class _Sheet:
    """Writes one worksheet top to bottom, a row at a time."""

    def __init__(self, sheet: Worksheet, formats: _Formats, widths: list[float]) -> None:
        self.sheet = sheet
        self.formats = formats
        self.widths = widths
        self.span = len(widths)
        self.total = sum(widths)
        self.row = 0
        self.height = 0.0  # points, of the rows written so far

    def line(
        self,
        text: str,
        size: float = TEXT_SIZE,
        height: float = 0,
        *,
        breaks: bool = True,
        **spec: Any,
    ) -> None:
        """Text across the whole width (merged), the row as tall as its wrapped lines; a
        title (`breaks=False`) stays one text for the program to centre and wrap."""
        style = self.formats(font_size=size, text_wrap=True, **spec)
        text = tidy(text)
        room = self.total * 11 / size * SHEET_FILL - PAD
        if breaks and room >= MIN_BREAK_ROOM and _lines(text, self.total, size) > 1:
            # Broken here by the writer's rules (never inside “优秀”, a date or a number),
            # not by the spreadsheet program between any two characters.
            text = "\n".join(text_lines(text, room, text_width, ()))
        if self.span > 1:
            self.sheet.merge_range(self.row, 0, self.row, self.span - 1, text, style)
        else:
            self.sheet.write_string(self.row, 0, text, style)
        lines = _lines(text, self.total, size)
        self.set_height(max(height, lines * size * 1.35 + 4))

    def set_height(self, points: float) -> None:
        self.sheet.set_row(self.row, points)
        self.height += points
        self.row += 1

    def blank(self) -> None:
        self.set_height(15.0)

    def sign_lines(self, labels: tuple[str, ...]) -> None:
        plain = self.formats(font_size=TEXT_SIZE)
        underlined = self.formats(font_size=TEXT_SIZE, underline=1)
        parts: list[Any] = []
        for number, label in enumerate(labels):
            if number:
                parts += [plain, "\u3000" * 4]
            parts += [plain, strings.SIGN_LINE.format(label=label), underlined, SIGN_BLANK]
        if self.span > 1:
            self.sheet.merge_range(self.row, 0, self.row, self.span - 1, "", plain)
        self.sheet.write_rich_string(self.row, 0, *parts, plain)
        self.set_height(TEXT_SIZE * 1.35 + 10)


def _header_block(out: _Sheet, report: Report, table: Table | None, several: bool) -> None:
    """Title, scope and as-of date: on every sheet."""
    out.line(report.title, TITLE_SIZE, height=30, breaks=False, bold=True, align="center")
    caption = table.caption if table is not None and several else ""
    scope = "\u3000".join(p for p in (caption, report.subtitle) if p and p not in report.title)
    if scope:
        out.line(scope, TEXT_SIZE, align="center")
    note = table.note if table is not None else ""
    if note.strip("（）()") in scope:  # （截至…） under a subtitle that says it already
        note = ""
    as_of = chinese_date(report.as_of)
    if as_of not in scope + note and report.as_of.isoformat() not in scope + note:
        note += strings.AS_OF_NOTE.format(date=as_of)
    if note:  # at the right when it fits on a line; a longer note reads from the left
        out.line(note, SIZE, align="right" if _lines(note, out.total, SIZE) == 1 else "left")


def _narrative(out: _Sheet, blocks: Lines) -> None:
    for text, block in blocks:
        if isinstance(block, Heading):
            out.line(text, TEXT_SIZE, bold=True, align="left")
        else:
            indent = "\u3000\u3000" if block.indent else ""
            out.line(indent + text, TEXT_SIZE, align="left", valign="top")


def _closing(out: _Sheet, report: Report) -> None:
    closing = report.closing
    out.blank()
    if report.signers:
        out.sign_lines(report.signers)
        out.blank()
    out.line(closing.office, TEXT_SIZE, align="right", indent=1)
    out.line(chinese_date(closing.on), TEXT_SIZE, align="right", indent=2)


@dataclass(frozen=True)
class _Planned:
    """A table as its sheet will hold it: the columns, the header's text and lines, and
    each row's cells (typed, and the text a text cell holds) with its lines. A pure
    function of the table: a long report's tables are planned in several processes
    (exports.parallel), the workbook written in this one."""

    layouts: list[ColumnLayout]
    titles: list[str]
    header_lines: int
    rows: list[tuple[list[tuple[Any, str]], int]]


def _plan(job: tuple[Table, tuple[str, ...]]) -> _Planned:
    table, words = job
    layouts = layout_columns(
        table, BUDGET, pad=PAD, cap=MAX_WIDTH, word_limit=WORDS, stretch=True, whole_names=True
    )
    # A header broken between words where the layout says (按时/完成), never mid-word.
    titles = ["\n".join(tidy(line) for line in layout.header) for layout in layouts]
    header_lines = max(
        (_lines(title, layout.width) for title, layout in zip(titles, layouts, strict=True)),
        default=1,
    )
    rows = table.rows or (tuple("—" for _ in table.columns),)
    fitted: dict[tuple[str, float], tuple[str, int]] = {}  # a cell's text → as written, lines
    planned: list[tuple[list[tuple[Any, str]], int]] = []
    for values in rows:
        height = 1
        row: list[tuple[Any, str]] = []
        for column, layout, value in zip(table.columns, layouts, values, strict=True):
            text = ""
            cell = typed(column, value)
            if isinstance(cell, str):
                broken = "\n".join(_cell_lines(column, layout, value, words))
                found = fitted.get((broken, layout.width))
                if found is None:
                    text = _fit_rows(broken, layout.width)
                    found = fitted[(broken, layout.width)] = (text, _lines(text, layout.width))
                text, count = found
                height = max(height, count)
            row.append((cell, text))
        planned.append((row, height))
    return _Planned(layouts, titles, header_lines, planned)


def _table(out: _Sheet, table: Table, planned: _Planned, *, freeze: bool) -> int:
    """The header row and the rows; returns the header's row number."""
    sheet, formats = out.sheet, out.formats
    header = out.row
    style = formats(bold=True, align="center", text_wrap=True, border=1, bg_color="#D9E1F2")
    for col, title in enumerate(planned.titles):
        sheet.write_string(header, col, title, style)
    sheet.set_row(header, LINE_HEIGHT * planned.header_lines + 4)
    styles: dict[tuple[int, type], Format] = {}
    columns = list(zip(table.columns, planned.layouts, strict=True))
    for offset, (written, height) in enumerate(planned.rows, start=1):
        row = header + offset
        for col, ((column, layout), (cell, text)) in enumerate(zip(columns, written, strict=True)):
            _write_cell(out, row, col, column, layout, cell, text, styles)
        sheet.set_row(row, LINE_HEIGHT * min(height, MAX_LINES) + 4)
    tone = table.tone_index
    count = len(planned.rows)
    if tone is not None and table.rows:
        for rule in _tone_rules(table, formats.workbook):
            sheet.conditional_format(header + 1, tone, header + count, tone, rule)
    if freeze:
        sheet.freeze_panes(header + 1, 0)
    out.row = header + count + 1
    return header


def _page_setup(sheet: Worksheet, header: int | None, *, titles_too: bool) -> None:
    sheet.set_paper(A4)
    sheet.set_landscape()
    # The header row repeats on every printed page (with the title rows above it when no
    # paragraph stands between them).
    if header is not None:
        sheet.repeat_rows(0 if titles_too else header, header)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.set_footer("&C— &P —")


@dataclass
class _Section:
    """One worksheet: a table, the headings and paragraphs before and after it, and
    whether it carries the closing. Only one sheet does — the one the report's closing
    follows (else the last): a workbook is signed once, not on every unit's sheet."""

    before: Lines
    table: Table | None
    signed: bool = False
    after: Lines = field(default_factory=list)


def _sections(report: Report) -> list[_Section]:
    flow = report.flow
    labels = heading_labels(flow)
    sections: list[_Section] = []
    pending: Lines = []
    signed = False
    for index, block in enumerate(flow):
        if isinstance(block, Table):
            sections.append(_Section(pending, block))
            pending = []
        elif isinstance(block, Signature):
            if not sections:
                sections.append(_Section(pending, None))
                pending = []
            # paragraphs between a table and the closing stay under the table
            sections[-1].after += pending
            pending = []
            sections[-1].signed = signed = True
        else:
            if isinstance(block, Heading) and sections and pending:
                # Paragraphs between a table and the next heading speak of that table
                # (the bulletin's note on placeholder groups): they stay on its sheet. A
                # heading already waiting (二、各单位评分明细 before a unit's heading) opens
                # the next sheet instead of ending this one.
                first = next(
                    (i for i, (_, b) in enumerate(pending) if isinstance(b, Heading)), len(pending)
                )
                sections[-1].after += pending[:first]
                pending = pending[first:]
            pending.append((labels[index] if isinstance(block, Heading) else block.text, block))
    if sections:
        sections[-1].after += pending
    else:
        sections.append(_Section(pending, None))
    if not signed:
        sections[-1].signed = True
    return sections


def _write_sections(
    report: Report, sections: list[_Section], plans: Iterator[_Planned], formats: _Formats
) -> None:
    """A worksheet for each section; each table's plan taken from `plans`, in order."""
    workbook = formats.workbook
    several = len(report.tables) > 1
    for section in sections:
        table = section.table
        name = table.sheet if table is not None else strings.SHEET_FALLBACK
        sheet = workbook.add_worksheet(name)
        planned = None if table is None else next(plans)
        layouts = [] if planned is None else planned.layouts
        widths = [layout.width for layout in layouts] or [float(BUDGET)]
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        out = _Sheet(sheet, formats, widths)
        _header_block(out, report, table, several)
        _narrative(out, section.before)
        if table is not None and planned is not None:
            header = _table(out, table, planned, freeze=out.height <= FREEZE_LIMIT)
            _page_setup(sheet, header, titles_too=not section.before)
        else:
            _page_setup(sheet, None, titles_too=False)
        if section.after:
            out.blank()
            _narrative(out, section.after)
        if section.signed:
            _closing(out, report)


def report_xlsx(report: Report, processes: int = 1) -> bytes:
    """The workbook; its tables planned in `processes` processes."""
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
            "title": tidy(report.title),
            "subject": tidy(report.subtitle),
            "author": report.author,
            "company": report.author,
            "created": stamp,
        }
    )
    formats = _Formats(workbook)
    sections = _sections(report)
    tables = [section.table for section in sections if section.table is not None]
    jobs = [(table, report.words) for table in tables]
    # The tables' plans, in order, as they are worked out (in `processes` processes).
    # This process writes every cell once the plans are made: it plans less itself.
    plans = map_tables(_plan, jobs, list(map(cells, tables)), processes, own=OWN_PLANNING)
    with contextlib.closing(plans):
        _write_sections(report, sections, plans, formats)
    workbook.close()
    return buffer.getvalue()
