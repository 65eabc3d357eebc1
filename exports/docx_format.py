"""A report as a Word document laid out after GB/T 9704-2012 (党政机关公文格式).

A4; margins top 37 mm, left (binding) 28 mm, giving the 156 × 225 mm text block; title
2号 小标宋, body 3号 仿宋_GB2312 at 22 lines a page with a two-character indent; headings
一、 黑体, （一） 楷体, 1. 仿宋; page numbers "— N —" in 4号 宋体, odd pages at the right and
even pages at the left. Tables follow local custom: caption 仿宋 小四 bold, cells 仿宋 五号.
The GB fonts are named first and a common font is registered as their substitute
(w:altName in the font table), so Word and WPS without the GB fonts fall back gracefully.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from exports.report import (
    TONE_FILLS,
    Heading,
    Paragraph,
    Report,
    Signature,
    Table,
    chinese_date,
    heading_labels,
)
from exports.text_formats import cell_text
from exports.zip_stamp import restamp
from model.core.text_width import display_width

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
LINE_PITCH = 28.95  # 225 mm / 22 lines, in points
# A digit of 五号 text, generously (fallback fonts' digits run wider than 仿宋's); a CJK
# character counts two.
HALF_WIDTH_MM = SIZE_5 * 25.4 / 72 * 0.65
CELL_MARGIN_TWIPS = 57  # 1 mm each side: narrow columns keep their text on one line
CELL_PADDING_MM = 2.8  # both margins and a little air
MIN_FREE_MM = 18.0
HEADER_LINE = 4  # half-width characters of a short column's header per line
TWIPS_PER_MM = 1440 / 25.4
HEADING_FONTS = {1: (HEI, False), 2: (KAI, False), 3: (BODY_FONT, True)}


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


def _body_style(document: DocxDocument) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.size = Pt(SIZE_3)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), BODY_FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)


def _exact_lines(paragraph: DocxParagraph, points: float = LINE_PITCH) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(points)


def _text(
    document: DocxDocument,
    text: str,
    font: str,
    size: float,
    *,
    bold: bool = False,
    align: WD_PARAGRAPH_ALIGNMENT | None = None,
    indent: bool = False,
    pitch: float = LINE_PITCH,
) -> DocxParagraph:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _exact_lines(paragraph, pitch)
    _fonts(paragraph.add_run(text), font, size, bold=bold)
    return paragraph


def column_widths_mm(table: Table, text_width: float) -> list[float]:
    """Short columns (numbers, dates, states) as wide as their longest cell, so they never
    break mid-word; the free-text columns share what is left by their nominal widths."""
    fixed: dict[int, float] = {}
    for index, column in enumerate(table.columns):
        if column.wrap:
            continue
        # A header may wrap onto two lines (牵头/任务); a value may not.
        longest = max(
            [min(display_width(column.name), HEADER_LINE)]
            + [display_width(cell_text(column, row[index])) for row in table.rows]
        )
        fixed[index] = longest * HALF_WIDTH_MM + CELL_PADDING_MM
    free = [i for i in range(len(table.columns)) if i not in fixed]
    left = text_width - sum(fixed.values())
    weight = sum(table.columns[i].width for i in free)
    if not free or left < MIN_FREE_MM * len(free):
        total = sum(c.width for c in table.columns)
        return [text_width * c.width / total for c in table.columns]
    return [
        fixed[i] if i in fixed else left * table.columns[i].width / weight
        for i in range(len(table.columns))
    ]


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0


def _cell_xml(text: str, width: int, *, bold: bool, center: bool, fill: str | None) -> str:
    """One table cell as WordprocessingML. Tables are written as XML text: python-docx's
    object layer takes ~40 s for the 100k cells of a city's scorecards, this ~2 s."""
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    fonts = "".join(f'w:{a}="{BODY_FONT}" ' for a in ("ascii", "hAnsi", "eastAsia", "cs"))
    size = round(SIZE_5 * 2)
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:line="{round(15.75 * 20)}" w:lineRule="exact"/>'
        + ('<w:jc w:val="center"/>' if center else "")
        + f"</w:pPr><w:r><w:rPr><w:rFonts {fonts}/>"
        + ("<w:b/><w:bCs/>" if bold else "")
        + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(_NOT_XML.sub("", text))}</w:t></w:r></w:p></w:tc>'
    )


def _table(document: DocxDocument, table: Table, text_width_mm: float) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    center = WD_ALIGN_PARAGRAPH.CENTER
    _text(document, table.caption, BODY_FONT, SIZE_SMALL_4, bold=True, align=center, pitch=22)
    if table.note:
        _text(document, table.note, BODY_FONT, SIZE_5, align=WD_ALIGN_PARAGRAPH.RIGHT, pitch=18)
    widths = [round(w * TWIPS_PER_MM) for w in column_widths_mm(table, text_width_mm)]
    tone_index = table.tone_index
    parts = [
        f'<w:tbl {_W}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar>'
        f'<w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        # The header row repeats on every page the table runs onto.
        '</w:tblGrid><w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>',
        *(
            _cell_xml(c.name, w, bold=True, center=True, fill=None)
            for c, w in zip(table.columns, widths, strict=True)
        ),
        "</w:tr>",
    ]
    for values in table.rows:
        tone = table.tone_of(values)
        parts.append("<w:tr>")
        for index, (column, width, value) in enumerate(
            zip(table.columns, widths, values, strict=True)
        ):
            fill = TONE_FILLS[tone][0].lstrip("#") if tone and index == tone_index else None
            center_it = column.kind != "text" or not column.wrap
            parts.append(
                _cell_xml(cell_text(column, value), width, bold=False, center=center_it, fill=fill)
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    body = document.element.body
    body.get_or_add_sectPr().addprevious(parse_xml("".join(parts)))
    document.add_paragraph()


def report_docx(report: Report) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    _body_style(document)
    _register_fallbacks(document)
    section = document.sections[0]
    _page_setup(section, landscape=report.landscape)
    _page_numbers(document, section)
    text_width = 225.0 if report.landscape else 156.0
    center = WD_ALIGN_PARAGRAPH.CENTER

    _text(document, report.title, TITLE_FONT, SIZE_2, align=center, pitch=36)
    _text(document, report.subtitle, KAI, SIZE_3, align=center)
    document.add_paragraph()
    labels = heading_labels(report.blocks)
    for index, block in enumerate(report.blocks):
        if isinstance(block, Heading):
            font, bold = HEADING_FONTS[min(max(block.level, 1), 3)]
            _text(document, labels[index], font, SIZE_3, bold=bold, indent=True)
        elif isinstance(block, Paragraph):
            _text(document, block.text, BODY_FONT, SIZE_3, indent=block.indent)
        elif isinstance(block, Table):
            _table(document, block, text_width)
        elif isinstance(block, Signature):
            document.add_paragraph()
            for line in (block.office, chinese_date(block.on)):
                paragraph = _text(document, line, BODY_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.RIGHT)
                paragraph.paragraph_format.right_indent = docx.shared.Pt(SIZE_3 * 4)

    stamp = dt.datetime.combine(report.as_of, dt.time(), tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.subtitle
    properties.author = report.author
    properties.last_modified_by = report.author
    properties.created = stamp
    properties.modified = stamp
    properties.last_printed = stamp
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return restamp(buffer.getvalue(), report.as_of)
