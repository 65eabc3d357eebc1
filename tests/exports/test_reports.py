"""The four reports in the four formats, read back with openpyxl, python-docx and csv."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import time
import tomllib
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.shared import Mm, Pt

from exports.report import TONE_FILLS, Column, Report, Table, chinese_number, heading_labels
from exports.report import Heading as H
from exports.service import ExportRequest, build_report, render
from model.core.lights import LightRules
from model.scoring.rubric import Rubric, default_rubric_text, effective_rubric, rubric_from_data
from model.store.audit import AuditContext
from model.store.db import open_database
from tests.exports.sheets import table_rows

AS_OF = dt.date(2023, 11, 15)


@pytest.fixture(scope="module")
def demo_copy(demo_template, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


def build(path: Path, kind: str, rubric: Rubric, **extra: str) -> Report:
    database = open_database(path, AuditContext(actor="测试员"))
    request = ExportRequest(kind=kind, fmt="xlsx", as_of=AS_OF, year=2023, **extra)
    with database, database.read() as session:
        report = build_report(session, request, rules=LightRules(), rubric=rubric).report
    return report


@pytest.fixture(scope="module")
def reports(demo_copy) -> dict[str, Report]:
    rubric, _ = effective_rubric()
    return {
        "scorecards": build(demo_copy, "scorecards", rubric),
        "progress": build(demo_copy, "progress", rubric),
        "notice": build(demo_copy, "notice", rubric, unit="克城镇"),
        "bulletin": build(demo_copy, "bulletin", rubric),
    }


def workbook(report: Report) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))


def fills(sheet) -> dict[str, str]:
    """The background each conditional rule gives a cell value: '"逾期"' → 'FFF8CBAD'."""
    return {
        formula: rule.dxf.fill.bgColor.rgb
        for cf in sheet.conditional_formatting
        for rule in cf.rules
        for formula in rule.formula
    }


def argb(tone: str) -> str:
    return "FF" + TONE_FILLS[tone][0].lstrip("#")


# xlsx --------------------------------------------------------------------------------


def test_progress_xlsx_has_a_sheet_per_plan_with_chinese_headers(reports):
    book = workbook(reports["progress"])
    assert book.sheetnames == ["空气", "水", "土壤", "地下水"]
    sheet = book["空气"]
    assert "重点任务进展情况表" in sheet["A1"].value and "【演示数据】" in sheet["A1"].value
    header, rows = table_rows(sheet, "序号")
    expected = ["序号", "任务", "牵头（责任）单位", "配合单位", "完成时限", "进展情况", "存在问题"]
    assert header == [*expected, "下步打算", "状态", "备注"]
    assert rows[0][0].value == 1 and rows[0][1].value == "遏制“两高”项目盲目发展"
    states = {row[8].value for row in rows}
    assert states <= {"已完成", "序时推进", "滞后", "逾期"} and "逾期" in states
    assert sum(len(table_rows(book[name], "序号")[1]) for name in book.sheetnames) == 68


def test_xlsx_print_setup_freeze_and_widths(reports):
    sheet = workbook(reports["progress"])["水"]
    _, rows = table_rows(sheet, "序号")
    header = rows[0][0].row - 1
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    # The header row repeats on every printed page (the paragraphs above it do not).
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # One page wide (Excel's default 1, so omitted), as many pages tall as needed.
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    # CJK text needs two columns a character: a unit's name of 10 characters is 20 wide.
    # (openpyxl files columns of one width under the first of them.)
    widths = {n: d.width for d in sheet.column_dimensions.values() for n in range(d.min, d.max + 1)}
    assert widths[3] >= 18
    assert widths[1] < widths[6]


def test_xlsx_keeps_formula_like_text_as_text(reports):
    book = workbook(reports["progress"])
    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    risky = [c for c in cells if isinstance(c.value, str) and "=按计划推进" in c.value]
    assert risky and all(c.data_type == "s" for c in risky)


def test_formula_prefixes_never_become_formulas():
    rows = tuple((f"{p}SUM(A1:A9)", 1) for p in "=+-@")
    table = Table("表", "表", (Column("说明", 20), Column("数", 4, "int")), rows)
    report = Report("progress", "标题", "副标题", "办公室", AS_OF, (table,))
    sheet = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))["表"]
    values = [(row[0].value, row[0].data_type) for row in table_rows(sheet, "说明")[1]]
    assert values == [(f"{p}SUM(A1:A9)", "s") for p in "=+-@"]
    text = render(report, "csv").decode("utf-8-sig")
    assert [r[0] for r in csv.reader(io.StringIO(text))][1:] == [f"'{p}SUM(A1:A9)" for p in "=+-@"]


def test_scorecards_xlsx_summary_and_a_sheet_per_unit(reports):
    book = workbook(reports["scorecards"])
    summary = book["汇总"]
    header, rows = table_rows(summary, "排名")
    header = [h.replace("\n", "") for h in header]
    assert header[:2] == ["排名", "单位"]
    assert header[-3:] == ["得分", "等次", "扣分加分事由"]  # no 自评 yet: no 自评/复核 columns
    assert header[2:5] == ["牵头/配合/责任任务", "按时/逾期完成", "未按期完成"]
    parts = ["任务得分", "报送扣分", "督办扣分", "加分", "人工调整", "保底封顶"]
    assert header[5:11] == parts  # the points that add up
    units = [row[1].value for row in rows]
    assert (
        len(units) == 29 and len(book.sheetnames) == 1 + 29
    )  # items only once a unit has entered the cycle
    lines_header, lines = table_rows(book[units[0][:31]], "序号")
    assert lines_header == ["序号", "类别", "任务", "说明", "分值", "依据"]
    total = sum(round(row[4].value * 100) for row in lines)
    assert total == round(rows[0][header.index("得分")].value * 100)  # to the cent


def test_score_lines_name_their_records_without_ids(reports):
    book = workbook(reports["scorecards"])
    lines = [s for s in book.worksheets[1:] if not s.title.endswith("_复核")]  # not the items
    bases = {row[5].value for sheet in lines for row in table_rows(sheet, "序号")[1]}
    assert "未报送" in bases or any("报送（进度" in b for b in bases)
    assert all(b and not re.search(r":\d|[a-z_]{3,}", b) for b in bases)
    text = render(reports["scorecards"], "md").decode("utf-8")
    assert not re.search(r"[a-z_]+:\d+|rubric", text)


def test_xlsx_colours_states_and_ratings(reports):
    states = fills(workbook(reports["progress"])["空气"])
    assert states['"逾期"'] == argb("red") and states['"滞后"'] == argb("yellow")
    assert states['"已完成"'] == argb("green") and '"序时推进"' not in states
    ratings = fills(workbook(reports["scorecards"])["汇总"])
    assert ratings == {'"优秀"': argb("green"), '"不合格"': argb("red")}


def test_renamed_bands_colour_by_their_place_in_the_rubric(demo_copy):
    data = tomllib.loads(default_rubric_text())
    data["bands"] = [
        {"name": n, "min": m} for n, m in zip("甲乙丙丁", (80.0, 70.0, 60.0, 0.0), strict=True)
    ]
    del data["veto"]["red_bars"]
    report = build(demo_copy, "scorecards", rubric_from_data(data, "甲乙丙丁.toml"))
    summary = workbook(report)["汇总"]
    assert fills(summary) == {'"甲"': argb("green"), '"丁"': argb("red")}
    header, rows = table_rows(summary, "排名")
    ratings = [row[header.index("等次")] for row in rows]
    assert {c.value for c in ratings} == set("甲乙丙丁")
    (coloured,) = {str(cf.sqref) for cf in summary.conditional_formatting}
    assert coloured == f"{ratings[0].coordinate}:{ratings[-1].coordinate}"


def test_bulletin_reply_states_in_the_shared_words_and_colours(reports):
    notices = reports["bulletin"].tables[4]
    replies = {row[0]: row[-1] for row in notices.rows}
    assert replies == {
        "督办〔2023〕1号": "逾期未答复",
        "督办〔2023〕2号": "逾期答复（2023-11-14）",
        "督办〔2023〕3号": "已答复（2023-11-12）",
        "督办〔2023〕4号": "逾期未答复",
    }
    assert fills(workbook(reports["bulletin"])["督办情况"]) == {
        '"逾期未答复"': argb("red"),
        '"逾期答复（2023-11-14）"': argb("yellow"),
        '"已答复（2023-11-12）"': argb("green"),
    }
    table = document(reports["bulletin"]).tables[4]
    shading = [row.cells[-1]._tc.xml for row in table.rows[1:]]
    assert TONE_FILLS["red"][0].lstrip("#") in shading[0]
    assert TONE_FILLS["yellow"][0].lstrip("#") in shading[1]
    assert TONE_FILLS["green"][0].lstrip("#") in shading[2]


# docx --------------------------------------------------------------------------------


def document(report: Report) -> docx.document.Document:
    return docx.Document(io.BytesIO(render(report, "docx")))


def east_asian_font(run) -> str:
    from docx.oxml.ns import qn

    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_notice_docx_follows_gbt_9704(reports):
    doc = document(reports["notice"])
    props = doc.core_properties  # no English of the library's template for a reader to find
    assert (props.comments, props.keywords, props.category) == ("", "", "")
    assert props.title == "【演示数据】督办通知单"
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.top_margin - Mm(37)) < Mm(1) and abs(section.left_margin - Mm(28)) < Mm(1)
    title = doc.paragraphs[0]
    assert title.text == "【演示数据】督办通知单"
    assert east_asian_font(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    body = next(p for p in doc.paragraphs if p.text.startswith("根据"))
    assert east_asian_font(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert "2023年11月22日前" in body.text and "26项任务" in body.text
    assert "2023年11月15日" in [p.text for p in doc.paragraphs]
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["序号", "任务", "职责"]
    assert len(table.rows) == 27
    cell_run = table.rows[1].cells[1].paragraphs[0].runs[0]
    # 五号, or 小五 when the table is long (the writer's choice, exports.docx_format).
    assert east_asian_font(cell_run) == "仿宋_GB2312" and cell_run.font.size in (Pt(10.5), Pt(9))


def test_docx_page_numbers_and_font_fallbacks(reports):
    raw = render(reports["bulletin"], "docx")
    doc = docx.Document(io.BytesIO(raw))
    assert doc.settings.odd_and_even_pages_header_footer
    for footer in (doc.sections[0].footer, doc.sections[0].even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and footer.paragraphs[0].text == "— 1 —"
        assert east_asian_font(footer.paragraphs[0].runs[0]) == "宋体"
        assert footer.paragraphs[0].runs[0].font.size == Pt(14)
    fonts = zipfile.ZipFile(io.BytesIO(raw)).read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in fonts and '<w:altName w:val="仿宋"/>' in fonts
    assert 'w:name="方正小标宋简体"' in fonts and '<w:altName w:val="宋体"/>' in fonts


def test_docx_headings_are_numbered_in_their_fonts(reports):
    doc = document(reports["bulletin"])
    numbers = ("一、", "二、", "三、", "四、", "五、", "六、")
    headings = [p for p in doc.paragraphs if p.text[:2] in numbers]
    labels = ["一、总体进展", "二、逾期事项（按单位）", "三、未报送进展（按单位）"]
    labels += ["四、待销号事项（按单位）", "五、督办情况", "六、与上期相比"]
    assert [p.text for p in headings] == labels
    assert {east_asian_font(p.runs[0]) for p in headings} == {"黑体"}
    doc = document(reports["scorecards"])
    units = [p for p in doc.paragraphs if p.text.startswith("（一）")]
    assert units and east_asian_font(units[0].runs[0]) == "楷体_GB2312"
    assert doc.sections[0].orientation == 1  # landscape: the score tables are wide
    assert len(doc.tables) == 1 + 29  # the summary and each unit's lines (no 自评 yet)


def test_heading_numbers():
    words = {1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九"}
    words |= {100: "一百", 101: "一百零一", 110: "一百一十", 615: "六百一十五", 1000: "一千"}
    words |= {1010: "一千零一十", 12000: "12000"}
    assert {n: chinese_number(n) for n in words} == words
    blocks = (H("甲", 1), H("乙", 2), H("丙", 3), H("丁", 3), H("戊", 2), H("己", 1), H("庚", 2))
    labels = ["一、甲", "（一）乙", "1.丙", "2.丁", "（二）戊", "二、己", "（一）庚"]
    assert list(heading_labels(blocks).values()) == labels


# csv and md --------------------------------------------------------------------------


def test_csv_has_a_bom_and_one_table(reports):
    raw = render(reports["bulletin"], "csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["行动计划", "任务数", "已完成", "序时推进", "滞后", "逾期", "完成率"]
    assert rows[5][0] == "合计" and rows[5][1] == "68" and len(rows) == 6
    notice = list(csv.reader(io.StringIO(render(reports["notice"], "csv").decode("utf-8-sig"))))
    assert notice[0][:2] == ["序号", "任务"] and len(notice) == 27


def test_markdown_reads_as_the_document(reports):
    text = render(reports["bulletin"], "md").decode("utf-8")
    assert text.startswith("# 【演示数据】蒲县环境保护重点任务推进情况月度通报\n")
    assert "## 一、总体进展" in text and "| 合计 | 68 |" in text
    assert "督办〔2023〕1号" in text


# determinism -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv", "md"])
def test_same_data_same_date_same_bytes(reports, fmt, monkeypatch):
    first = render(reports["progress"], fmt)
    later = time.time() + 86400 * 3
    monkeypatch.setattr(time, "time", lambda: later)  # zip entries would carry "now"
    assert render(reports["progress"], fmt) == first


def test_a_heading_before_the_next_sheets_heading_opens_that_sheet(reports):
    # 二、各单位评分明细 comes before the first unit's heading: it starts the unit's sheet,
    # never strands at the foot of the summary.
    book = workbook(reports["scorecards"])

    def texts(sheet) -> list[str]:
        return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]

    assert not any("各单位评分明细" in t for t in texts(book["汇总"]))
    assert any("各单位评分明细" in t for t in texts(book.worksheets[1]))
