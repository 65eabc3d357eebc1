"""A report as a Word document laid out after GB/T 9704-2012 (党政机关公文格式).

A4; margins top 37 mm, left (binding) 28 mm, giving the 156 × 225 mm text block; title
2号 小标宋, on one line when it fits, else broken between phrases; body 3号 仿宋_GB2312 at
22 lines a page with a two-character indent; headings 一、 黑体, （一） 楷体, 1. 仿宋; page
numbers "— N —" in 4号 宋体, odd pages at the right and even pages at the left; the closing
(发文机关署名 and 成文日期 in Chinese, §7.3.5) one line below the body, the date four
characters from the right edge and the office centred over it (or two characters from the
edge when longer). Tables follow local custom: caption 仿宋 小四 bold, cells 仿宋 五号 (小五
when 五号 does not fit); rows never split across pages, the header row repeats on every page
and stays with the first row, captions and headings stay with what follows them. Column
widths come from the content (exports.report.layout_columns).
The GB fonts are named first and a common font is registered as their substitute
(w:altName in the font table), so Word and WPS without the GB fonts fall back gracefully.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast
from xml.sax.saxutils import escape

from exports import strings
from exports.parallel import map_tables
from exports.report import (
    TONE_FILLS,
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
    table_lines,
    text_width,
    tidy,
    title_lines,
)
from exports.zip_stamp import StampedZip

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
    from docx.section import Section
    from docx.text.paragraph import Paragraph as DocxParagraph
    from docx.text.run import Run

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI = "黑体"
KAI = "楷体_GB2312"
SONG = "宋体"
# The GB font → the font Word/WPS should use when it is missing.
FALLBACKS = {TITLE_FONT: SONG, BODY_FONT: "仿宋", KAI: "楷体", HEI: HEI, SONG: SONG}

SIZE_2 = 22.0  # 二号
SIZE_3 = 16.0  # 三号
SIZE_4 = 14.0  # 四号
SIZE_SMALL_4 = 12.0  # 小四
SIZE_5 = 10.5  # 五号
SIZE_SMALL_5 = 9.0  # 小五
LINE_PITCH = 28.95  # 225 mm / 22 lines, in points
TITLE_PITCH = 36.0
MM_PER_PT = 25.4 / 72
CELL_MARGIN_TWIPS = 57  # 1 mm each side: narrow columns keep their text on one line
# Half-width characters of room a cell needs beside its text: both margins (2 mm) and a
# little air (drawn_width already allows for wide digits).
CELL_PAD = 1.6
NARROW = 1.3  # a digit or Latin letter, in half-width characters: DejaVu Sans draws 0.64 em
AUTOSPACE = 0.5  # half-width characters between Chinese and a digit (see drawn_width)
SMALLER_WHEN = 1.3  # 小五 when 五号 would take this many times the lines (and 4 more)
TWIPS_PER_MM = 1440 / 25.4
HEADING_FONTS = {1: (HEI, False), 2: (KAI, False), 3: (BODY_FONT, True)}
SIGN_BLANK = "\u3000" * 8  # the space left to sign in, underlined
LEAD_IN = 3 * 2 * 28  # half-width characters: three lines of body text (28 characters a line)
DATE_RIGHT = 4  # 成文日期 右空四字 (GB/T 9704 §7.3.5.1)
OFFICE_RIGHT = 2  # a long office name 右空二字 (§7.3.5.2)


def _fonts(run: Run, name: str, size: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _register_fallbacks(document: DocxDocument) -> None:
    """Declare each GB font with its substitute in word/fontTable.xml."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn

    part = document.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    for name, alternative in FALLBACKS.items():
        font = OxmlElement("w:font", {qn("w:name"): name})
        children = [("w:altName", alternative)] if alternative != name else []
        children += [("w:charset", "86"), ("w:family", "auto"), ("w:pitch", "variable")]
        for tag, value in children:  # charset 86: GB2312
            font.append(OxmlElement(tag, {qn("w:val"): value}))
        root.append(font)
    part._blob = serialize_part_xml(root)


def _page_setup(section: Section, *, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    short, long = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = long, short
        # Turned a quarter: the binding edge (28 mm) is now at the top.
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = short, long
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(20)  # the number sits about 7 mm below the text block


def _page_field(paragraph: DocxParagraph) -> None:
    """— PAGE — with Word's field syntax, so every page shows its own number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def add(text: str | None = None, field: str | None = None, code: str | None = None) -> None:
        run = paragraph.add_run()
        _fonts(run, SONG, SIZE_4)
        if text is not None:
            run.text = text
        if field is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), field)
            run._element.append(element)
        if code is not None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = code
            run._element.append(instr)

    add("— ")
    add(field="begin")
    add(code=" PAGE ")
    add(field="separate")
    add("1")
    add(field="end")
    add(" —")


def _page_numbers(document: DocxDocument, section: Section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(SIZE_4)
    _page_field(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(SIZE_4)
    _page_field(even)


# What follows w:autoSpaceDN in a paragraph's properties (the schema fixes the order).
_AFTER_AUTOSPACE = (
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _body_style(document: DocxDocument) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.size = Pt(SIZE_3)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), BODY_FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    # No extra space between Chinese and digits or Latin (Word and WPS add it by default):
    # 2023年11月15日 is set as written.
    properties = normal.element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        element = OxmlElement(tag, {qn("w:val"): "0"})
        properties.insert_element_before(element, *_AFTER_AUTOSPACE)


def _exact_lines(paragraph: DocxParagraph, points: float = LINE_PITCH) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(points)


_SLOT = "w:dubanTable"  # a table's place in the body until it is written
_SLOTS = re.compile(rb'<w:dubanTable w:n="(\d+)"/>')


class _Body:
    """The document's body as it is built. Paragraphs are appended at its end (python-
    docx's add_paragraph looks for the section properties past every block already there,
    which grows with the square of a long document); the section properties return at
    the end. A table stands as a placeholder (`_SLOT`) until the document is written,
    and its XML text is spliced into the serialized body in its place: a city's
    scorecards hold 60 MB of table XML, and parsing it only for lxml to serialize it
    again took longer than writing it. The table XML is written as lxml serializes it
    (`_run_text`), so the bytes are those the parsed tables gave."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.element = document.element.body
        self.section = self.element.sectPr
        if self.section is not None:
            self.element.remove(self.section)
        self.tables: list[str] = []
        # The properties of a paragraph of each look (`_text`), and of its runs.
        self.looks: dict[tuple[object, ...], tuple[Any, Any]] = {}

    def paragraph(self) -> DocxParagraph:
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph as DocxParagraph

        element = OxmlElement("w:p")
        self.element.append(element)
        return DocxParagraph(element, self.document._body)

    def table(self, xml: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.element.append(OxmlElement(_SLOT, {qn("w:n"): str(len(self.tables))}))
        self.tables.append(xml)

    def close(self) -> None:
        if self.section is not None:
            self.element.append(self.section)

    def _document_xml(self) -> bytes:
        from docx.opc.oxml import serialize_part_xml

        pieces = _SLOTS.split(serialize_part_xml(self.document.element))
        for index in range(1, len(pieces), 2):
            pieces[index] = self.tables[int(pieces[index])].encode("utf-8")
        return b"".join(pieces)

    def save(self, day: dt.date) -> bytes:
        """The package as python-docx's save writes it, each entry stamped with `day`
        (exports.zip_stamp) and compressed once."""
        from docx.opc.pkgwriter import PackageWriter

        # python-docx's own writer, whose helpers are not annotated.
        writer: Any = PackageWriter
        package = self.document.part.package
        parts = package.parts
        for part in parts:
            part.before_marshal()
        buffer = io.BytesIO()
        with StampedZip(buffer, day) as archive:
            writer._write_content_types_stream(archive, parts)
            writer._write_pkg_rels(archive, package.rels)
            for part in parts:  # PackageWriter._write_parts, the body spliced
                blob = self._document_xml() if part is self.document.part else part.blob
                archive.write(part.partname, blob)
                if len(part.rels):
                    archive.write(part.partname.rels_uri, part.rels.xml)
        return buffer.getvalue()


def _text(
    body: _Body,
    text: str | tuple[str, ...],
    font: str,
    size: float,
    *,
    bold: bool = False,
    align: WD_PARAGRAPH_ALIGNMENT | None = None,
    indent: bool = False,
    pitch: float = LINE_PITCH,
    keep_next: bool = False,
) -> DocxParagraph:
    """A paragraph in one font; a tuple of lines is set with line breaks between them."""
    from copy import deepcopy

    from docx.oxml import OxmlElement
    from docx.shared import Pt
    from docx.text.run import Run

    paragraph = body.paragraph()
    lines = (text,) if isinstance(text, str) else text
    key = (font, size, bold, align, indent, pitch, keep_next)
    look = body.looks.get(key)
    if look is not None and look[1] is not None:
        # The paragraph's and its runs' properties as the first paragraph of this look
        # got them through python-docx, copied (setting them anew costs a search of
        # the properties' possible children for each).
        element = paragraph._p
        element.append(deepcopy(look[0]))
        for number, line in enumerate(lines):
            run_element = OxmlElement("w:r")
            run_element.append(deepcopy(look[1]))
            element.append(run_element)
            run = Run(run_element, paragraph)
            if tidy(line):
                run.text = tidy(line)
            if number < len(lines) - 1:
                run.add_break()
        return paragraph
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    if keep_next:
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True
    _exact_lines(paragraph, pitch)
    for number, line in enumerate(lines):
        run = paragraph.add_run(tidy(line))
        _fonts(run, font, size, bold=bold)
        if number < len(lines) - 1:
            run.add_break()
    runs = paragraph._p.r_lst
    body.looks[key] = (
        deepcopy(paragraph._p.pPr),
        deepcopy(runs[0].rPr) if runs and runs[0].rPr is not None else None,
    )
    return paragraph


def _half_mm(size: float) -> float:
    """A half-width character of text in `size` points, in millimetres."""
    return size * MM_PER_PT / 2


_SCRIPT_CHANGE = re.compile(r"(?<=[0-9A-Za-z])(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])(?=[0-9A-Za-z])")


_DRAWN: dict[str, float] = {}


def drawn_width(text: str) -> float:
    """Half-width characters as Word draws 仿宋 or its substitutes: a CJK character two,
    a digit or a Latin letter more than one (fallback fonts' digits run wide), and a
    quarter of a character where Chinese meets a digit (LibreOffice adds that space even
    where the document turns it off). Remembered: the layout measures the same texts and
    pieces of a city's scorecards many times over."""
    found = _DRAWN.get(text)
    if found is None:
        wide = text_width(text) - len(text)  # the characters counted two
        changes = len(_SCRIPT_CHANGE.findall(text))
        found = 2 * wide + NARROW * (len(text) - wide) + AUTOSPACE * changes
        if len(_DRAWN) > 200_000:
            _DRAWN.clear()
        _DRAWN[text] = found
    return found


def cell_size(tables: tuple[Table, ...], text_width_mm: float) -> float:
    """The cells' font size, one for the whole document: 五号, or 小五 when 五号 does not
    fit a table's width or wraps it into clearly more lines."""
    for table in tables:
        lines = []
        for size in (SIZE_5, SIZE_SMALL_5):
            budget = text_width_mm / _half_mm(size)
            columns = layout_columns(table, budget, pad=CELL_PAD, measure=drawn_width)
            if size == SIZE_5 and sum(c.width for c in columns) > budget + 1e-6:
                return SIZE_SMALL_5
            lines.append(table_lines(table, columns, CELL_PAD, drawn_width))
        if lines[0] > max(SMALLER_WHEN * lines[1], lines[1] + 4):
            return SIZE_SMALL_5
    return SIZE_5


def table_layout(
    table: Table, text_width_mm: float, size: float = SIZE_5
) -> tuple[list[ColumnLayout], list[float]]:
    """The columns and their widths in millimetres for cells of `size` points: the full
    width of the text block, as a document's tables are (what the content leaves goes to
    the wrapped columns, or to all when none wraps); a table too wide is scaled down."""
    budget = text_width_mm / _half_mm(size)
    columns = layout_columns(table, budget, pad=CELL_PAD, measure=drawn_width)
    total = sum(c.width for c in columns)
    grow = [c.wrap for c in columns] if any(c.wrap for c in columns) else [True] * len(columns)
    spare = budget - total
    if spare > 0:
        base = sum(c.width for c, g in zip(columns, grow, strict=True) if g)
        widths = [
            c.width + (spare * c.width / base if g else 0.0)
            for c, g in zip(columns, grow, strict=True)
        ]
    else:
        widths = [c.width * budget / total for c in columns]
    return columns, [w * _half_mm(size) for w in widths]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0
_RUN_TEXTS: dict[str, str] = {}


def _run_text(line: str) -> str:
    """A line of a run, as written: no invisible joiners or non-breaking hyphens to keep a
    date whole (they would travel with every copy and defeat a search); the writer breaks
    the lines of a cell holding a date itself (exports.report.cell_lines). Written as the
    XML serializer writes it (an empty text as an empty element): the tables are spliced
    into the serialized document as text (see `_Body`)."""
    found = _RUN_TEXTS.get(line)
    if found is None:
        text = escape(_NOT_XML.sub("", tidy(line)))
        found = f'<w:t xml:space="preserve">{text}</w:t>' if text else '<w:t xml:space="preserve"/>'
        if len(_RUN_TEXTS) > 200_000:
            _RUN_TEXTS.clear()
        _RUN_TEXTS[line] = found
    return found


_CELL_PARTS: dict[tuple[int, float, bool, bool, str | None, bool, bool], tuple[str, str]] = {}


def _cell_parts(
    width: int,
    size: float,
    bold: bool,
    center: bool,
    fill: str | None,
    no_wrap: bool,
    keep_next: bool,
) -> tuple[str, str]:
    """What a cell's XML holds before and after its text: the same for every cell of a
    column that looks the same, so made once."""
    key = (width, size, bold, center, fill, no_wrap, keep_next)
    found = _CELL_PARTS.get(key)
    if found is None:
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        fonts = " ".join(f'w:{a}="{BODY_FONT}"' for a in ("ascii", "hAnsi", "eastAsia", "cs"))
        half_points = round(size * 2)
        run_props = (
            f"<w:rPr><w:rFonts {fonts}/>"
            + ("<w:b/><w:bCs/>" if bold else "")
            + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
        )
        before = (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}'
            + ("<w:noWrap/>" if no_wrap else "")
            + '<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>'
            + ("<w:keepNext/><w:keepLines/>" if keep_next else "")
            + '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
            + f'<w:spacing w:line="{round(size * 1.5 * 20)}" w:lineRule="exact"/>'
            + ('<w:jc w:val="center"/>' if center else "")
            + f"</w:pPr><w:r>{run_props}"
        )
        if len(_CELL_PARTS) > 10_000:
            _CELL_PARTS.clear()
        found = _CELL_PARTS[key] = (before, "</w:r></w:p></w:tc>")
    return found


def _cell_xml(
    lines: tuple[str, ...],
    width: int,
    size: float,
    *,
    bold: bool = False,
    center: bool = False,
    fill: str | None = None,
    no_wrap: bool = False,
    keep_next: bool = False,
) -> str:
    """One table cell as WordprocessingML. Tables are written as XML text: python-docx's
    object layer takes ~40 s for the 100k cells of a city's scorecards, this ~2 s."""
    before, after = _cell_parts(width, size, bold, center, fill, no_wrap, keep_next)
    return before + "<w:br/>".join([_run_text(line) for line in lines]) + after


def table_xml(
    table: Table, text_width_mm: float, size: float, last: bool, words: tuple[str, ...]
) -> str:
    """A table as WordprocessingML: the header row repeated on every page and kept with
    the first row; no row split across pages; the last table's last row kept with the
    closing that follows it. A pure function of its arguments: the tables of a long
    report are worked out in several processes (exports.parallel)."""
    columns, widths_mm = table_layout(table, text_width_mm, size)
    widths = [round(w * TWIPS_PER_MM) for w in widths_mm]
    half = _half_mm(size)
    tone_index = table.tone_index
    parts = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar>'
        f'<w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        *(
            _cell_xml(layout.header, w, size, bold=True, center=True, no_wrap=True, keep_next=True)
            for layout, w in zip(columns, widths, strict=True)
        ),
        "</w:tr>",
    ]
    rows = table.rows or (tuple("—" for _ in table.columns),)
    # Each column's cell, its width and its width in half-width characters of `size`.
    shapes = [
        (column, layout, width, width_mm / half)
        for column, layout, width, width_mm in zip(
            table.columns, columns, widths, widths_mm, strict=True
        )
    ]
    for number, values in enumerate(rows, start=1):
        tone = table.tone_of(values)
        keep = (last and number == len(rows)) or keeps_with_next(number, len(rows))
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for index, ((column, layout, width, room), value) in enumerate(
            zip(shapes, values, strict=True)
        ):
            fill = TONE_FILLS[tone][0].lstrip("#") if tone and index == tone_index else None
            parts.append(
                _cell_xml(
                    cell_lines(column, value, room, CELL_PAD, drawn_width, words=words),
                    width,
                    size,
                    center=not layout.wrap,
                    fill=fill,
                    no_wrap=not layout.wrap,
                    keep_next=keep,
                )
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _table_xml(job: tuple[Table, float, float, bool, tuple[str, ...]]) -> str:
    return table_xml(*job)


def _table(body: _Body, table: Table, xml: str, text_width_mm: float, *, last: bool) -> None:
    """Caption and note kept with the table (`xml`, from `table_xml`), then a blank line,
    kept with the closing after the last table."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    center = WD_ALIGN_PARAGRAPH.CENTER
    _text(
        body,
        table.caption,
        BODY_FONT,
        SIZE_SMALL_4,
        bold=True,
        align=center,
        pitch=22,
        keep_next=True,
    )
    if table.note:
        # At the right when it fits on a line; a longer note reads from the left.
        fits = drawn_width(tidy(table.note)) * _half_mm(SIZE_5) <= text_width_mm
        align = WD_ALIGN_PARAGRAPH.RIGHT if fits else WD_ALIGN_PARAGRAPH.JUSTIFY
        _text(body, table.note, BODY_FONT, SIZE_5, align=align, pitch=18, keep_next=True)
    body.table(xml)
    spacer = body.paragraph()
    spacer.paragraph_format.keep_with_next = last


def _closing(body: _Body, report: Report, closing: Signature) -> None:
    """Sign lines (考核组、审核), then the office and the 成文日期, one line below the body:
    the date four characters from the right edge, the office centred over it unless it is
    longer, then two characters from the edge (GB/T 9704 §7.3.5)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if report.signers:
        paragraph = _text(body, "", BODY_FONT, SIZE_3, indent=True, keep_next=True)
        for number, label in enumerate(report.signers):
            if number:
                _fonts(paragraph.add_run("\u3000" * 4), BODY_FONT, SIZE_3)
            _fonts(paragraph.add_run(strings.SIGN_LINE.format(label=label)), BODY_FONT, SIZE_3)
            blank = paragraph.add_run(SIGN_BLANK)
            _fonts(blank, BODY_FONT, SIZE_3)
            blank.font.underline = True
        _text(body, "", BODY_FONT, SIZE_3, keep_next=True)
    date = chinese_date(closing.on)
    office_chars, date_chars = text_width(closing.office) / 2, text_width(date) / 2
    office_right = max(OFFICE_RIGHT, DATE_RIGHT + (date_chars - office_chars) / 2)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    office = _text(body, closing.office, BODY_FONT, SIZE_3, align=right, keep_next=True)
    office.paragraph_format.right_indent = Pt(SIZE_3 * office_right)
    dated = _text(body, date, BODY_FONT, SIZE_3, align=right)
    dated.paragraph_format.right_indent = Pt(SIZE_3 * DATE_RIGHT)


SHORT_TABLE = 6  # rows: a table this short is never split across pages


def keeps_with_next(number: int, count: int) -> bool:
    """Which body rows keep with the row after them: every row of a short table (it moves
    whole), else the one before the last (a page never starts with a table's last row
    alone). The first row does not keep with the second: a heading, its paragraph and the
    table's header already keep with the first row, and two tall progress rows more made
    that chain longer than the room left under a title, or than a whole page (whereupon
    LibreOffice leaves the heading behind on a page of its own)."""
    if number >= count:
        return False
    return count <= SHORT_TABLE or number == count - 1


def _flow(
    body: _Body,
    report: Report,
    xmls: Iterator[str],
    lasts: dict[int, bool],
    text_width_mm: float,
) -> None:
    """The report's blocks in order: headings, paragraphs, the tables (their XML from
    `xmls`, in order; `lasts`: whether each is the last before the closing), the closing."""
    flow = report.flow
    labels = heading_labels(flow)
    for index, block in enumerate(flow):
        following = flow[index + 1] if index + 1 < len(flow) else None
        if isinstance(block, Heading):
            font, bold = HEADING_FONTS[min(max(block.level, 1), 3)]
            _text(body, labels[index], font, SIZE_3, bold=bold, indent=True, keep_next=True)
        elif isinstance(block, Paragraph):
            # A short paragraph that leads into a table stays on the table's page.
            leads = isinstance(following, Table) and drawn_width(block.text) <= LEAD_IN
            _text(body, block.text, BODY_FONT, SIZE_3, indent=block.indent, keep_next=leads)
        elif isinstance(block, Table):
            _table(body, block, next(xmls), text_width_mm, last=lasts[index])
        else:
            if index == 0 or not isinstance(flow[index - 1], Table):
                body.paragraph().paragraph_format.keep_with_next = True  # 空一行
            _closing(body, report, block)
            if following is not None:
                # What follows the closing (a notice's 回执) is cut off and returned by the
                # unit: it starts on a page of its own, never at the foot of the notice.
                body.paragraph().paragraph_format.page_break_before = True


def report_docx(report: Report, processes: int = 1) -> bytes:
    """The Word file; the tables' XML worked out in `processes` processes."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    _body_style(document)
    _register_fallbacks(document)
    section = document.sections[0]
    _page_setup(section, landscape=report.landscape)
    _page_numbers(document, section)
    body = _Body(document)
    text_width_mm = 225.0 if report.landscape else 156.0
    center = WD_ALIGN_PARAGRAPH.CENTER

    def capacity(size: float) -> float:
        """Half-width characters a line holds, less one character for fallback fonts."""
        return 2 * int(text_width_mm / (size * MM_PER_PT)) - 2

    title = title_lines(tidy(report.title), capacity(SIZE_2))
    _text(body, title, TITLE_FONT, SIZE_2, align=center, pitch=TITLE_PITCH, keep_next=True)
    subtitle = title_lines(tidy(report.subtitle), capacity(SIZE_3))
    _text(body, subtitle, KAI, SIZE_3, align=center, keep_next=True)
    body.paragraph().paragraph_format.keep_with_next = True
    flow = report.flow
    size = cell_size(report.tables, text_width_mm)
    # The last table before the closing keeps its last row with it.
    lasts = {
        index: isinstance(flow[index + 1] if index + 1 < len(flow) else None, Signature)
        for index, block in enumerate(flow)
        if isinstance(block, Table)
    }
    tables = [cast(Table, flow[index]) for index in lasts]
    jobs = [
        (t, text_width_mm, size, last, report.words)
        for t, last in zip(tables, lasts.values(), strict=True)
    ]
    # The tables' XML, in order, as it is worked out (in `processes` processes).
    xmls = map_tables(_table_xml, jobs, [cells(t) for t in tables], processes)
    with contextlib.closing(xmls):
        _flow(body, report, xmls, lasts, text_width_mm)

    stamp = dt.datetime.combine(report.as_of, dt.time(), tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = tidy(report.title)
    properties.subject = tidy(report.subtitle)
    properties.author = report.author
    properties.last_modified_by = report.author
    properties.created = stamp
    properties.modified = stamp
    properties.last_printed = stamp
    properties.revision = 1
    # python-docx's template says "generated by python-docx": no English in a reader's
    # document properties; the keywords and category are the template's own, cleared too.
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    body.close()
    return body.save(report.as_of)
