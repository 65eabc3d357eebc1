"""What the rendered pages showed, as tests of the files: rows never split, headings and
captions kept with their tables, a closing on every report, typed spreadsheet cells, one
rectangle per csv, demo file names. Reports made by hand test the writers on their own;
the demo reports test them on what the builders make."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import polars as pl
import pytest
from docx.oxml.ns import qn

from exports.report import (
    Column,
    Heading,
    Paragraph,
    Report,
    Signature,
    Table,
    chinese_date,
    header_lines,
    layout_columns,
    text_width,
    tidy,
    title_lines,
    typed,
)
from exports.service import ExportRequest, build_report, render
from model.core.lights import LightRules
from model.scoring.rubric import default_rubric
from model.store.audit import AuditContext
from model.store.db import open_database
from tests.exports.sheets import table_rows

AS_OF = dt.date(2023, 11, 15)
OFFICE = "蒲县地下水污染防治协同防治工作领导小组办公室"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KINDS = {
    "scorecards": {},
    "progress": {},
    "notice": {"unit": "克城镇"},
    "issued": {"unit": "克城镇", "notice": "督办〔2023〕1号"},
    "bulletin": {},
}


@pytest.fixture(scope="module")
def demo_reports(demo_template, tmp_path_factory) -> dict[str, Report]:
    path = tmp_path_factory.mktemp("formats") / "demo.sqlite3"
    shutil.copy(demo_template, path)
    database = open_database(path, AuditContext(actor="测试员"))
    reports = {}
    with database, database.read() as session:
        for name, extra in KINDS.items():
            kind = "notice" if name == "issued" else name
            request = ExportRequest(kind=kind, fmt="xlsx", as_of=AS_OF, year=2023, **extra)
            reports[name] = build_report(
                session, request, rules=LightRules(), rubric=default_rubric()
            ).report
    return reports


def hand_made(**extra) -> Report:
    """A report with every kind of cell, a heading, a paragraph and a long deadline."""
    columns = (
        Column("序号", 6, "int"),
        Column("任务", 30, "text", wrap=True),
        Column("完成时限", 12),
        Column("节点日期", 12, "date"),
        Column("分值", 8, "score"),
        Column("完成率", 8, "percent"),
        Column("已完成", 6, "int"),
    )
    rows = tuple(
        (
            n,
            f"第{n}项任务：开展排查整治，建立问题台账并按月调度" * (1 + n % 3),
            "2023年底前" if n != 7 else "8月底前完成排查，10月底前完成整治，12月底前完成验收" * 2,
            dt.date(2023, 9, 30) + dt.timedelta(days=n),
            -0.5 if n == 2 else n / 4,
            n / 40,
            n % 2,
        )
        for n in range(1, 41)
    )
    table = Table("任务清单", "清单", columns, rows, note="（截至2023年11月15日）")
    blocks = (
        Heading("总体情况", 1),
        Paragraph("截至2023年11月15日，共 40 项任务。"),
        table,
    )
    fields = {
        "kind": "progress",
        "title": "蒲县空气质量提升2023年行动计划重点任务进展情况表",
        "subtitle": "（截至2023年11月15日）",
        "author": OFFICE,
        "as_of": AS_OF,
        "blocks": blocks,
        "landscape": True,
    } | extra
    return Report(**fields)


def document(report: Report) -> docx.document.Document:
    return docx.Document(io.BytesIO(render(report, "docx")))


def workbook(report: Report) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))


def csv_rows(report: Report) -> list[list[str]]:
    return list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig"))))


def keeps_next(paragraph) -> bool:
    return bool(paragraph.paragraph_format.keep_with_next)


# docx --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", KINDS)
def test_docx_rows_never_split_and_headers_repeat_with_the_first_row(demo_reports, name):
    doc = document(demo_reports[name])
    assert doc.tables
    for table in doc.tables:
        rows = table._tbl.findall(f"{W}tr")
        for row in rows:
            assert row.find(f"{W}trPr/{W}cantSplit") is not None
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
        # The header row keeps with the first row: no page ends on a lone header.
        header_paragraphs = rows[0].findall(f".//{W}p")
        assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in header_paragraphs)


@pytest.mark.parametrize("name", KINDS)
def test_docx_headings_and_captions_keep_with_what_follows(demo_reports, name):
    report = demo_reports[name]
    doc = document(report)
    captions = {t.caption for t in report.tables}
    notes = {t.note for t in report.tables if t.note}
    body = [p for p in doc.paragraphs if p.text]
    assert keeps_next(body[0]) and keeps_next(body[1])  # title, subtitle
    for paragraph in body:
        numbered = paragraph.text[:2] in (
            "一、",
            "二、",
            "三、",
            "四、",
        ) or paragraph.text.startswith("（一）")
        if paragraph.text in captions | notes or numbered:
            assert keeps_next(paragraph), paragraph.text


@pytest.mark.parametrize("name", KINDS)
def test_docx_closes_with_the_office_and_the_chinese_date(demo_reports, name):
    report = demo_reports[name]
    doc = document(report)
    texts = [p.text for p in doc.paragraphs]
    at = texts.index(chinese_date(report.closing.on), texts.index(report.closing.office))
    office, date = doc.paragraphs[at - 1], doc.paragraphs[at]
    assert office.text == report.closing.office == report.author
    if not isinstance(report.blocks[-1], Table):  # else a receipt follows the closing
        assert at == len(texts) - 1
    right = docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert office.alignment == right and date.alignment == right
    # 成文日期 右空四字; the office over it, never nearer the edge than two characters.
    assert date.paragraph_format.right_indent == docx.shared.Pt(16 * 4)
    assert office.paragraph_format.right_indent >= docx.shared.Pt(16 * 2)
    assert keeps_next(office)


def test_the_closing_stands_where_the_builder_placed_it():
    receipt = Table("回执", "回执", (Column("项目", 10), Column("填写内容", 20)), (("签收人", ""),))
    placed = (*hand_made().blocks, Signature(OFFICE, dt.date(2023, 11, 16)), receipt)
    report = hand_made(blocks=placed)
    paragraphs = document(report).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts.index("2023年11月16日") < texts.index("回执")
    # The receipt is cut off and returned: it starts on a new page.
    between = paragraphs[texts.index("2023年11月16日") + 1 : texts.index("回执")]
    assert any(p.paragraph_format.page_break_before for p in between)
    book = workbook(report)
    last = [c.value for row in book["清单"].iter_rows() for c in row if c.value][-1]
    assert last == "2023年11月16日"
    assert "2023年11月16日" not in [c.value for row in book["回执"].iter_rows() for c in row]
    md = render(report, "md").decode("utf-8")
    assert md.index("2023年11月16日") < md.index("**回执**")


def test_the_closing_date_is_the_issued_date_when_the_builder_gives_one(demo_reports):
    issued = demo_reports["issued"]
    assert issued.closing.on == dt.date(2023, 11, 6)  # the notice's own date, not the as-of
    report = hand_made(issued_on=dt.date(2023, 11, 20))
    assert document(report).paragraphs[-1].text == "2023年11月20日"
    assert hand_made().closing == Signature(OFFICE, AS_OF)


def test_scorecards_have_lines_to_sign(demo_reports):
    doc = document(demo_reports["scorecards"])
    texts = [p.text for p in doc.paragraphs]
    sign = next(t for t in texts if "考核组（签字）：" in t)
    assert "审核（签字）：" in sign
    assert texts.index(sign) < len(texts) - 2  # above the office and the date
    md = render(demo_reports["scorecards"], "md").decode("utf-8")
    assert "考核组（签字）：" in md and "审核（签字）：" in md


def test_docx_title_breaks_only_between_phrases():
    doc = document(hand_made(title="【演示数据】蒲县空气质量提升2023年行动计划重点任务进展情况表"))
    title = doc.paragraphs[0]
    lines = title.text.split("\n")
    assert lines == ["【演示数据】蒲县空气质量提升2023年行动计划", "重点任务进展情况表"]
    one_line = document(hand_made()).paragraphs[0]  # 24 characters: fits the landscape line
    assert one_line.text == "蒲县空气质量提升2023年行动计划重点任务进展情况表"
    assert keeps_next(title)
    short = document(hand_made(title="督办通知单", landscape=False)).paragraphs[0]
    assert short.text == "督办通知单"


def test_title_lines():
    assert title_lines("督办通知单", 40) == ("督办通知单",)
    demo = "【演示数据】蒲县环境保护重点任务推进情况月度通报"
    assert title_lines(demo, 38) == ("【演示数据】蒲县环境保护", "重点任务推进情况月度通报")
    plan = "【演示数据】蒲县空气质量提升2023年行动计划重点任务进展情况表"
    lines = title_lines(plan, 54)
    assert len(lines) == 2 and lines[1].startswith("重点任务") and "".join(lines) == plan
    listed = "关于印发大气、水、土壤污染防治实施方案的通知"
    assert all(text_width(line) <= 30 for line in title_lines(listed, 30))
    assert title_lines(listed, 30)[0].endswith(("、", "，", "的"))


def test_headers_break_between_words_or_not_at_all():
    assert header_lines("已完成") == ("已完成",)
    assert header_lines("状态") == ("状态",)
    assert header_lines("按时完成") == ("按时", "完成")
    assert header_lines("扣分（事由）") == ("扣分", "（事由）")
    assert header_lines("牵头（责任）单位") in (("牵头（责任）", "单位"), ("牵头", "（责任）单位"))


def test_docx_header_cells_are_never_broken_inside_a_word(demo_reports):
    for report in demo_reports.values():
        for table in document(report).tables:
            for cell in table.rows[0].cells:
                for line in cell.text.split("\n"):
                    assert line in {c.name for t in report.tables for c in t.columns} or (
                        line in header_lines(cell.text.replace("\n", ""))
                    ), line


def test_docx_widths_follow_the_content(demo_reports):
    report = demo_reports["progress"]
    doc = document(report)
    grid = [int(c.get(qn("w:w"))) for c in doc.tables[0]._tbl.findall(f"{W}tblGrid/{W}gridCol")]
    names = [c.name for c in report.tables[0].columns]
    progress = grid[names.index("进展情况")]
    assert progress == max(grid)
    assert grid[names.index("序号")] < progress / 3
    # The table fills the landscape text block (225 mm) and no more.
    assert abs(sum(grid) - 225 * 1440 / 25.4) < 30


def test_docx_cells_of_short_columns_do_not_wrap():
    doc = document(hand_made())
    row = doc.tables[0]._tbl.findall(f"{W}tr")[1]
    cells = row.findall(f"{W}tc")
    assert cells[0].find(f"{W}tcPr/{W}noWrap") is not None  # 序号
    assert cells[3].find(f"{W}tcPr/{W}noWrap") is not None  # a date
    assert cells[1].find(f"{W}tcPr/{W}noWrap") is None  # free text wraps


def test_docx_has_no_space_between_chinese_and_numbers(demo_reports):
    for report in demo_reports.values():
        raw = render(report, "docx")
        xml = zipfile.ZipFile(io.BytesIO(raw)).read("word/document.xml").decode("utf-8")
        assert tidy(xml) == xml
        styles = zipfile.ZipFile(io.BytesIO(raw)).read("word/styles.xml").decode("utf-8")
        assert '<w:autoSpaceDE w:val="0"/>' in styles  # nor does Word add one
    assert tidy("共 68 项任务，逾期 15 天，2023-10-31 节点已过") == (
        "共68项任务，逾期15天，2023-10-31节点已过"
    )


# xlsx --------------------------------------------------------------------------------


def test_xlsx_cells_are_typed_by_their_column():
    sheet = workbook(hand_made())["清单"]
    _, rows = table_rows(sheet, "序号")
    first, second = rows[0], rows[1]
    assert first[0].value == 1 and first[0].data_type == "n" and first[0].number_format == "0"
    assert first[3].is_date and first[3].value.date() == dt.date(2023, 10, 1)
    assert first[3].number_format == "yyyy-mm-dd"
    assert second[4].value == -0.5 and second[4].number_format == "0.00"
    assert first[5].value == pytest.approx(0.025) and first[5].number_format == "0.0%"
    assert first[1].data_type == "s" and first[1].alignment.wrap_text


def test_text_in_typed_columns_becomes_the_value():
    score, day, share = (
        Column("分", 4, "score"),
        Column("日", 10, "date"),
        Column("率", 6, "percent"),
    )
    assert typed(score, "-0.50") == -0.5 and typed(score, "—") == "—"
    assert typed(day, "2023-10-31") == dt.date(2023, 10, 31) and typed(day, "年底前") == "年底前"
    assert typed(share, "12.5%") == pytest.approx(0.125) and typed(Column("n", 4, "int"), "7") == 7


def test_demo_xlsx_numbers_dates_and_percentages(demo_reports):
    notice = workbook(demo_reports["notice"]).worksheets[0]
    header, rows = table_rows(notice, "序号")
    due = rows[0][header.index("节点日期")]
    assert due.is_date and due.number_format == "yyyy-mm-dd"
    assert rows[0][0].data_type == "n"
    figures = workbook(demo_reports["bulletin"]).worksheets[0]
    header, rows = table_rows(figures, "行动计划")
    rate = rows[-1][header.index("完成率")]
    assert isinstance(rate.value, float) and rate.number_format == "0.0%"
    assert rows[-1][header.index("任务数")].value == 68


def test_a_long_cell_wraps_instead_of_widening_its_column():
    sheet = workbook(hand_made())["清单"]
    widths = {col: sheet.column_dimensions[col].width for col in "ABCDEFG"}
    assert widths["C"] <= 42  # the one long deadline wraps within the cap
    assert widths["A"] < 10 and widths["D"] < 16
    layouts = layout_columns(hand_made().tables[0], 150, cap=40)
    assert layouts[2].wrap and layouts[2].width <= 40


@pytest.mark.parametrize("name", KINDS)
def test_every_sheet_has_the_title_scope_and_as_of_date(demo_reports, name):
    report = demo_reports[name]
    for sheet in workbook(report).worksheets:
        top = [c.value for row in sheet.iter_rows(max_row=4) for c in row if c.value]
        assert top[0] == report.title
        assert any(chinese_date(report.as_of) in str(value) for value in top[1:]), sheet.title

    # The workbook is signed once: the sheet the closing follows (else the last one).
    signed = [
        sheet.title
        for sheet in workbook(report).worksheets
        if [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)][-2:]
        == [report.closing.office, chinese_date(report.closing.on)]
    ]
    assert len(signed) == 1


def test_notice_and_bulletin_workbooks_keep_their_paragraphs(demo_reports):
    notice = workbook(demo_reports["notice"]).worksheets[0]
    texts = [c.value for row in notice.iter_rows() for c in row if isinstance(c.value, str)]
    assert "克城镇：" in texts
    assert any(t.strip().startswith("根据") and "前将整改落实情况" in t for t in texts)
    header_row = next(i for i, t in enumerate(texts) if t == "序号")
    assert texts.index("克城镇：") < header_row
    bulletin = workbook(demo_reports["bulletin"])
    first = [c.value for row in bulletin.worksheets[0].iter_rows() for c in row if c.value]
    assert "一、总体进展" in first and any(str(v).strip().startswith("截至") for v in first)


def test_unit_sheets_of_the_scorecards_carry_the_title_and_date(demo_reports):
    report = demo_reports["scorecards"]
    book = workbook(report)
    assert len(book.worksheets) > 2
    for sheet in book.worksheets[1:]:
        assert sheet["A1"].value == report.title


# csv ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", KINDS)
def test_csv_is_one_rectangle_with_one_header_row(demo_reports, name):
    raw = render(demo_reports[name], "csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(demo_reports[name])
    assert len({len(r) for r in rows}) == 1 and len(rows) >= 2
    assert len(set(rows[0])) == len(rows[0])  # one header row of distinct names
    frame = pl.read_csv(io.BytesIO(raw), encoding="utf8")
    assert frame.columns == [c.lstrip("\ufeff") for c in rows[0]]
    assert frame.height == len(rows) - 1


def test_progress_csv_names_the_plan_of_each_row(demo_reports):
    rows = csv_rows(demo_reports["progress"])
    assert rows[0][:2] == ["计划", "序号"]
    assert len(rows) == 69 and {r[0] for r in rows[1:]} == {"空气", "水", "土壤", "地下水"}


def test_csv_numbers_stay_numbers_and_only_text_is_neutralised():
    report = hand_made()
    rows = csv_rows(report)
    header = rows[0]
    second = rows[2]
    assert second[header.index("分值")] == "-0.50"
    assert second[header.index("完成率")] == "5.0%"
    assert second[header.index("节点日期")] == "2023-10-02"
    text = Table("表", "表", (Column("说明", 20), Column("分", 6, "score")), (("-扣分", -1.0),))
    raw = render(Report("progress", "标题", "", OFFICE, AS_OF, (text,)), "csv")
    assert raw.decode("utf-8-sig").splitlines()[1] == "'-扣分,-1.00"
    frame = pl.read_csv(io.BytesIO(render(report, "csv")))
    assert frame["分值"].dtype == pl.Float64 and frame["分值"][1] == -0.5
    assert frame["序号"].dtype == pl.Int64


def test_csv_uses_the_builders_table_when_there_is_one():
    chosen = Table("全部", "全部", (Column("单位", 10), Column("得分", 6, "score")), (("甲", 1.5),))
    rows = csv_rows(hand_made(csv_table=chosen))
    assert rows == [["单位", "得分"], ["甲", "1.50"]]


# md and file names -------------------------------------------------------------------


@pytest.mark.parametrize("name", KINDS)
def test_markdown_has_no_html_breaks_and_has_the_closing(demo_reports, name):
    report = demo_reports[name]
    text = render(report, "md").decode("utf-8")
    assert "<br" not in text
    closing = f"\n\n{report.closing.office}\n\n{chinese_date(report.closing.on)}\n"
    assert closing in text
    if not isinstance(report.blocks[-1], Table):
        assert text.endswith(closing)


def test_demo_exports_carry_the_demo_mark_in_their_names(tmp_path):
    from exports.service import default_output

    request = ExportRequest(kind="progress", fmt="xlsx", as_of=AS_OF, year=2023, demo=True)
    assert request.file_name() == "重点任务进展情况表_演示_2023-11-15.xlsx"
    plan = ExportRequest(kind="progress", fmt="docx", as_of=AS_OF, year=2023, plan="air")
    assert plan.file_name() == "重点任务进展情况表_空气_2023-11-15.docx"
    assert default_output(tmp_path, request).name == "重点任务进展情况表_演示_2023-11-15.xlsx"


def test_cli_names_a_demo_export_as_a_demo(capsys, demo_template, tmp_path):
    from tests.conftest import run_cli

    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    folder = tmp_path / "out"
    folder.mkdir()
    Path(__import__("os").environ["DUBAN_CONFIG"]).write_text(
        f'[export]\nfolder = "{folder.as_posix()}"\n', encoding="utf-8"
    )
    code, _, err = run_cli(
        capsys,
        "export",
        "bulletin",
        "--format",
        "md",
        "--unsigned",
        "--db",
        str(path),
        "--as-of",
        "2023-11-15",
    )
    assert code == 0, err
    assert [p.name for p in folder.iterdir()] == ["月度通报_演示_2023-11-15.md"]


def test_a_table_too_wide_for_the_page_still_lays_out():
    """Twenty columns of numbers and one of names: the docx scales the table to the text
    block, the sheet grows and prints one page wide."""
    scores = tuple(Column(f"第{n}项得分", 8, "score") for n in range(1, 21))
    columns = (Column("单位", 10, wrap=True), *scores)
    rows = tuple((f"单位{n}", *(-n / 3 for _ in range(20))) for n in range(1, 6))
    report = hand_made(blocks=(Table("宽表", "宽表", columns, rows),))
    grid = document(report).tables[0]._tbl.findall(f"{W}tblGrid/{W}gridCol")
    assert abs(sum(int(c.get(qn("w:w"))) for c in grid) - 225 * 1440 / 25.4) < 30
    sheet = workbook(report)["宽表"]
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert table_rows(sheet, "单位")[1][0][1].value == pytest.approx(-1 / 3)
    # Every column at its header and nothing left to share: no division by nothing.
    empty = Table("空", "空", tuple(Column(f"列{n}", 4, wrap=True) for n in range(40)), ())
    assert len(layout_columns(empty, 20)) == 40


@pytest.mark.parametrize(
    ("count", "kept"),
    [(1, []), (2, [1]), (6, [1, 2, 3, 4, 5]), (7, [6]), (30, [29])],
)
def test_short_tables_move_whole_and_long_ones_keep_their_ends(count, kept):
    from exports.docx_format import keeps_with_next

    assert [n for n in range(1, count + 1) if keeps_with_next(n, count)] == kept


def test_a_paragraph_after_a_table_stays_on_its_sheet():
    first = Table("甲表", "甲", (Column("项", 10),), (("一",),))
    second = Table("乙表", "乙", (Column("项", 10),), (("二",),))
    flow = (Heading("甲", 1), first, Paragraph("甲表的说明"), Heading("乙", 1), second)
    book = workbook(hand_made(blocks=flow))
    texts = {
        s.title: [str(c.value).strip() for row in s.iter_rows() for c in row if c.value]
        for s in book
    }
    assert "甲表的说明" in texts["甲"] and "甲表的说明" not in texts["乙"]
