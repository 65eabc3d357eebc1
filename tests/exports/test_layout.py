"""Crowded tables: unit names and dates are never broken mid-word, and a sheet's columns
fit the page they are printed on."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exports import xlsx_format
from exports.docx_format import drawn_width
from exports.report import (
    Column,
    Report,
    Table,
    cell_lines,
    header_lines,
    layout_columns,
    name_lines,
    name_parts,
    text_lines,
    text_width,
)
from exports.service import render

UNITS = "发改局、市生态环境局蒲县分局、工信局、能源局、自然资源局、县清洁取暖工作领导小组成员单位"


# Names -------------------------------------------------------------------------------


def test_a_name_breaks_after_its_office_or_before_a_phrase():
    assert name_parts("市生态环境局蒲县分局") == ["市生态环境局", "蒲县分局"]
    assert name_parts("县清洁取暖工作领导小组成员单位") == [
        "县清洁取暖工作",
        "领导小组",
        "成员单位",
    ]
    assert name_parts("大气办有关成员单位") == ["大气办", "有关", "成员单位"]
    assert name_parts("中石化蒲县分公司") == ["中石化蒲县", "分公司"]
    assert name_parts("现代农业发展中心") == ["现代农业发展", "中心"]
    assert name_parts("交警大队") == ["交警大队"]  # 队 at the end: nothing follows
    assert name_parts("住建局") == ["住建局"]


@pytest.mark.parametrize(
    ("capacity", "expected"),
    [
        (
            12,
            (
                "发改局、",
                "市生态环境局",
                "蒲县分局、",
                "工信局、",
                "能源局、",
                "自然资源局、",
                "县清洁取暖工",  # a part wider than a line breaks where it must
                "作领导小组",
                "成员单位",
            ),
        ),
        (
            16,
            (
                "发改局、",
                "市生态环境局",
                "蒲县分局、",
                "工信局、能源局、",
                "自然资源局、",
                "县清洁取暖工作",
                "领导小组成员单位",
            ),
        ),
        (
            30,
            (
                "发改局、市生态环境局蒲县分局、",
                "工信局、能源局、自然资源局、",
                "县清洁取暖工作领导小组成员单位",
            ),
        ),
    ],
)
def test_names_wrap_between_names(capacity, expected):
    assert name_lines(UNITS, capacity) == expected


def test_whole_names_are_never_broken():
    lines = name_lines(UNITS, 12, whole=True)
    assert lines == (
        "发改局、",
        "市生态环境局蒲县分局、",  # wider than the line: a line of its own
        "工信局、",
        "能源局、",
        "自然资源局、",
        "县清洁取暖工作领导小组成员单位",
    )


def test_a_separator_never_starts_a_line():
    assert name_lines("住建局、", 6) == ("住建局、",)
    assert name_lines("甲、乙", 2) == ("甲、", "乙")
    assert name_lines("", 10) == ("",)


NAME = st.text(
    alphabet="市县局队办组司分公有关成员单位领导小蒲生态环境交警住建甲乙", min_size=1, max_size=12
)


@given(st.lists(NAME, min_size=1, max_size=8), st.integers(min_value=2, max_value=40))
def test_name_lines_keep_the_text_and_fit_the_width(names, capacity):
    text = "、".join(names)
    lines = name_lines(text, capacity)
    assert "".join(lines) == text
    for line in lines:
        assert not line.startswith("、") or line == "、"
        # Only a line of one character, or one that ends with the 、 it may not leave, is wider.
        assert text_width(line) <= capacity or len(line.rstrip("、")) <= 1 or line.endswith("、")
    whole = name_lines(text, capacity, whole=True)
    assert "".join(whole) == text
    for line in whole:  # every line holds whole names
        assert all(n in names for n in line.rstrip("、").split("、"))


def test_names_and_text_are_broken_by_the_writer():
    names = Column("配合单位", 16, wrap=True, names=True)
    prose = Column("进展情况", 16, wrap=True)
    assert cell_lines(names, "市生态环境局蒲县分局、工信局", 14) == (
        "市生态环境局",
        "蒲县分局、",
        "工信局",
    )
    text = "发改局、市生态环境局蒲县分局、工信局"
    words = ("发改局", "市生态环境局蒲县分局", "工信局")
    # Free text in a document: lines end between words, at a mark if that keeps them full.
    assert cell_lines(prose, text, 26, words=words) == (
        "发改局、",
        "市生态环境局蒲县分局、",
        "工信局",
    )
    # In a sheet, free text without a date is left to the program; with one, it is broken.
    assert cell_lines(prose, text, 26, sheet=True, words=words) == (text,)
    dated = "截止2023-12-31、市生态环境局蒲县分局"
    assert cell_lines(prose, dated, 26, sheet=True, words=words) == (
        "截止2023-12-31、",
        "市生态环境局蒲县分局",
    )


# Widths ------------------------------------------------------------------------------


def test_a_long_header_breaks_between_two_character_words():
    assert header_lines("扣分加分事由") == ("扣分加分", "事由")  # never 扣分加/分事由
    assert header_lines("按时完成") == ("按时", "完成")


def test_widths_spend_the_budget_and_no_more():
    """Columns raised to their floors leave less for the others: the widths still add up
    to the budget (they once overspent it by a tenth, and a sheet printed at 6 pt)."""
    columns = (
        Column("序号", 6, "int"),
        Column("任务", 20, wrap=True),
        Column("单位", 20, wrap=True, names=True),
        Column("进展情况", 40, wrap=True),
        Column("备注", 20, wrap=True),
    )
    rows = tuple(
        (
            i,
            "推进重点行业" * (i % 3 + 1),
            UNITS,
            "完成阶段性排查，建立问题台账" * (i % 4 + 1),
            "佐证材料3份",
        )
        for i in range(1, 30)
    )
    table = Table("表", "表", columns, rows)
    floors = layout_columns(table, 0, word_limit=12, stretch=True, whole_names=True)
    least = sum(c.width for c in floors)
    assert 60 < least < 90
    for budget in (60, 90, 120, 150):
        layouts = layout_columns(table, budget, word_limit=12, stretch=True, whole_names=True)
        # A sheet stretches past a budget its floors do not fit in (60), never further.
        assert sum(c.width for c in layouts) == pytest.approx(max(budget, least))


# docx --------------------------------------------------------------------------------


def _progress_cells(report: Report, name: str) -> list[list[str]]:
    """The lines of a progress column's cells in the docx: one list of lines per cell."""
    doc = docx.Document(io.BytesIO(render(report, "docx")))
    out = []
    for table in doc.tables:
        header = [c.text.replace("\n", "") for c in table.rows[0].cells]
        if name not in header:
            continue
        index = header.index(name)
        out += [row.cells[index].text.split("\n") for row in table.rows[1:]]
    return out


@pytest.mark.parametrize("name", ["牵头（责任）单位", "配合单位"])
def test_docx_unit_lists_break_between_names_or_their_parts(reports, name):
    units = set()
    with_breaks = 0
    for lines in _progress_cells(reports["progress"], name):
        text = "".join(lines)
        names = [n for n in text.split("、") if n]
        units.update(names)
        with_breaks += len(lines) > 1
        bounds = {0}
        for n in names:  # every place a line may end: after a name or between its parts
            start = max(bounds)
            for part in name_parts(n):
                bounds.add(start + len(part))
                start += len(part)
            bounds.add(start + 1)  # the 、 after it
        ends = [len("".join(lines[: i + 1])) for i in range(len(lines))]
        assert set(ends) <= bounds | {len(text)}, lines
    assert with_breaks and "市生态环境局蒲县分局" in units


NUMBERS = re.compile(r"[0-9.]+(?:[-/][0-9.]+)*")


def test_text_lines_never_break_inside_a_date_or_a_fraction():
    text = "牵头 · 按时销号 · 截止2023-12-31 · 权重1 · 得分13.33/13.33"
    lines = text_lines(text, 30, drawn_width)
    # Lines end at a punctuation mark when that keeps them at least 60% full.
    assert lines == ("牵头 · 按时销号 · ", "截止2023-12-31 · ", "权重1 · 得分13.33/13.33")
    assert text_lines("2023-12-06销号，截止2023-12-31", 26) == (
        "2023-12-06销号，",
        "截止2023-12-31",
    )
    # Else where the line is full, but never inside a number with its unit or a name.
    assert text_lines("迟报40次缺报3期", 7) == ("迟报", "40次缺", "报3期")
    assert text_lines("未按期报送蒲城镇", 12, words=("蒲城镇",)) == ("未按期报送", "蒲城镇")
    assert text_lines("未按期报送蒲城镇", 12) == ("未按期报送蒲", "城镇")
    assert text_lines("持续开展“三清零”工作", 14) == ("持续开展", "“三清零”工作")
    assert text_lines("见督办〔2023〕8号。", 18) == ("见", "督办〔2023〕8号。")
    assert text_lines("根据蒲政办发〔2023〕23号文件", 20) == (
        "根据",
        "蒲政办发〔2023〕23号",
        "文件",
    )
    # A closing mark never starts a line; an opening one never ends it.
    assert text_lines("甲乙丙（丁）。", 8) == ("甲乙丙", "（丁）。")
    assert text_lines("甲乙丙（丁）。", 6) == ("甲乙丙", "（", "丁）。")  # where it must


@given(
    st.lists(
        st.sampled_from(["销号", "，截止", "2023-12-31", "13.33/13.33", "（", "）", "进度", "80%"]),
        max_size=12,
    ),
    st.integers(min_value=12, max_value=40),
)
def test_text_lines_keep_the_text_and_its_numbers(pieces, capacity):
    text = "号".join(pieces)  # two numbers side by side would read as one
    lines = text_lines(text, capacity)
    assert "".join(lines) == text
    # Every number of the text stands whole on one line (each is narrower than a line).
    assert [m for line in lines for m in NUMBERS.findall(line)] == NUMBERS.findall(text)
    for line in lines:
        assert text_width(line) <= capacity or len(NUMBERS.sub("0", line)) <= 3


def test_docx_cells_never_break_inside_a_date(reports):
    doc = docx.Document(io.BytesIO(render(reports["scorecards"], "docx")))
    broken = 0
    for table in doc.tables:
        for row in table.rows[1:]:
            for cell in row.cells:
                lines = cell.text.split("\n")
                found = [m for line in lines for m in NUMBERS.findall(line)]
                assert found == NUMBERS.findall("".join(lines)), lines
                broken += len(lines) > 1 and any(NUMBERS.search(line) for line in lines)
    assert broken  # the writer did break cells holding dates


def test_docx_unit_lines_fit_their_cells(reports):
    """Each line the writer breaks is no wider than its cell, as drawn: the renderer adds
    no break of its own inside a name."""
    from exports.docx_format import CELL_PAD, _half_mm, table_layout

    report = reports["progress"]
    for table in report.tables:
        _, widths = table_layout(table, 225.0, 9.0)
        for i, column in enumerate(table.columns):
            if not column.names:
                continue
            room = widths[i] / _half_mm(9.0) - CELL_PAD
            for row in table.rows:
                for line in cell_lines(
                    column, row[i], widths[i] / _half_mm(9.0), CELL_PAD, drawn_width
                ):
                    parts = [p for n in line.rstrip("、").split("、") for p in name_parts(n)]
                    assert drawn_width(line) <= room + 1e-9 or len(parts) == 1, line


# xlsx --------------------------------------------------------------------------------


def test_xlsx_sheets_fit_one_page_at_a_readable_scale(reports):
    book = openpyxl.load_workbook(io.BytesIO(render(reports["progress"], "xlsx")))
    for sheet in book.worksheets:
        widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJ"]
        assert sum(widths) <= xlsx_format.BUDGET + 10 * 0.72, sheet.title  # openpyxl adds ~0.71


def test_xlsx_unit_lists_break_only_between_whole_names(reports):
    book = openpyxl.load_workbook(io.BytesIO(render(reports["progress"], "xlsx")))
    known = {"市生态环境局蒲县分局", "自然资源局"}
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            if not isinstance(row[0], int):
                continue  # the title rows and the header
            for value in row[2:4]:
                if isinstance(value, str) and "\n" in value:
                    seen += 1
                    assert all(line.endswith("、") for line in value.split("\n")[:-1]), value
                    known -= set(value.replace("\n", "").split("、"))
    assert seen and not known  # the long names were among the lists broken
    summary = openpyxl.load_workbook(io.BytesIO(render(reports["scorecards"], "xlsx")))["汇总"]
    units = [r[1] for r in summary.iter_rows(values_only=True)]
    assert "市生态环境局蒲县分局" in units  # one name in a cell: whole, so VLOOKUP finds it


@pytest.mark.parametrize(("repeat", "cut"), [(8, False), (400, True)])
def test_a_sheet_cell_too_long_for_the_tallest_row_is_cut_and_says_so(repeat, cut):
    long = "空气第8项 推动工业炉窑深度治理（年底未完成）；" * repeat
    columns = (Column("序号", 4, "int"), Column("逾期事项", 40, wrap=True))
    table = Table("表", "表", columns, ((1, long),))
    report = Report("bulletin", "标题", "副标题", "办公室", dt.date(2023, 12, 31), (table,))
    sheet = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))["表"]
    cell = next(row[1] for row in sheet.iter_rows() if row[0].value == 1)
    height = sheet.row_dimensions[cell.row].height
    assert height <= 409.5  # Excel's tallest row: more would be clipped unseen
    text = cell.value
    assert text.endswith("……（余略，全文见同一报表的 docx 或 csv 文件）") is cut
    assert long.startswith(text.removesuffix("……（余略，全文见同一报表的 docx 或 csv 文件）"))
    docx_text = "\n".join(
        c.text
        for t in docx.Document(io.BytesIO(render(report, "docx"))).tables
        for r in t.rows
        for c in r.cells
    )
    assert docx_text.replace("\n", "").count("空气第8项") == repeat  # the docx holds it whole


@pytest.mark.parametrize("width", [18, 20, 24, 30])  # each wider than the longest piece
def test_a_date_in_words_and_a_document_number_stay_whole(width):
    text = "太林乡（2023年12月22日报送，进度48%）：已督办：督办〔2023〕8号、督办〔2023〕12号"
    lines = text_lines(text, width, text_width, ())
    assert "".join(lines) == text
    for whole in ("2023年12月22日", "督办〔2023〕8号", "督办〔2023〕12号"):
        assert any(whole in line for line in lines), (whole, lines)


def test_a_squeezed_short_text_column_is_broken_by_the_rules_in_a_document_only():
    column = Column("备注", 6)  # not a wrapped column: the word processor would break it
    text = "督办〔2023〕1号、2023年10月31日"
    docx_lines = cell_lines(column, text, 20, 2.0)  # room for the widest piece
    assert "".join(docx_lines) == text and len(docx_lines) > 1
    assert all(not line.endswith("〔2023〕1") for line in docx_lines)
    assert cell_lines(column, text, 20, 2.0, sheet=True) == (text,)  # a sheet keeps it


def test_a_sheet_paragraph_is_broken_by_the_rules_never_inside_a_quotation():
    from exports.report import Paragraph

    veto = "山中乡、红道乡、薛关镇、黑龙关镇、市生态环境局蒲县分局得分达到优秀，"
    text = (veto + "但年底仍有未完成的任务，实行一票否决，不得评为“优秀”。") * 2
    columns = (Column("序号", 4, "int"), Column("单位", 30), Column("说明", 60, wrap=True))
    rows = ((1, "市生态环境局蒲县分局", "按计划推进，已完成摸底排查和分类处置。" * 6),)
    table = Table("表", "表", columns, rows)  # a sheet as wide as a page
    blocks = (Paragraph(text), table)
    report = Report("scorecards", "标题", "副标题", "办公室", dt.date(2023, 12, 31), blocks)
    sheet = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))["表"]
    cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    (value,) = [v for v in cells if "一票否决" in v]
    assert "\n" in value and value.replace("\n", "") == "\u3000\u3000" + text
    assert "“优\n秀”" not in value and "\n”" not in value and "\n。" not in value
