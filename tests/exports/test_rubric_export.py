"""The 考核细则 as a document: `duban export rubric --format docx|md`, through the one export
path, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import docx
import pytest

from exports.report import Heading, Paragraph
from exports.rubric_builder import rubric_markdown, rubric_report
from exports.service import ExportRequest, render
from model.core.errors import InputError
from model.reports.letterhead import Letterhead
from model.scoring.explain import explain_rubric
from model.scoring.rubric import default_rubric
from tests.conftest import run_cli as run

HEAD = Letterhead(
    region="蒲县", office="蒲县某领导小组办公室", document="蒲政办发〔2023〕23号", demo=False
)
ON = dt.date(2023, 12, 31)


@pytest.fixture(scope="module")
def report():
    return rubric_report(explain_rubric(default_rubric()), HEAD, year=2023, as_of=ON)


def test_each_chapter_is_a_heading_its_paragraphs_and_tables_follow(report):
    explained = explain_rubric(default_rubric())
    headings = [b.text for b in report.blocks if isinstance(b, Heading)]
    assert headings == [c.title for c in explained.chapters]
    assert report.title == "环境行动计划年度目标责任考核细则" and report.subtitle == "（2023年度）"
    assert report.author == HEAD.office and report.kind == "rubric"
    assert [t.caption for t in report.tables] == ["督办扣分标准", "等次划分", "排名类别"]
    assert len({t.sheet for t in report.tables}) == 3
    paragraphs = [b.text for b in report.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [p for c in explained.chapters for p in c.paragraphs]
    demo = rubric_report(explained, Letterhead("", "办公室", "", demo=True), year=2023, as_of=ON)
    assert demo.title.startswith("【演示数据】")


def test_the_docx_is_the_document(report):
    document = docx.Document(io.BytesIO(render(report, "docx")))
    text = [p.text for p in document.paragraphs]
    for label in ("一、总则", "二、任务分值", "八、总分和等次", "九、排名", "十一、附则"):
        assert label in text
    assert (
        "（一）为推动年度环境行动计划各项重点任务落实，客观评价各责任单位的工作成效，制定本细则。"
        in text
    )
    assert "2023年12月31日" in text and HEAD.office in text
    bands = next(t for t in document.tables if t.rows[0].cells[0].text == "等次")
    assert [[c.text for c in row.cells] for row in bands.rows][1:] == [
        ["优秀", "90分及以上"],
        ["良好", "80分及以上，不足90分"],
        ["合格", "60分及以上，不足80分"],
        ["不合格", "不足60分"],
    ]


def test_the_markdown_without_letterhead():
    text = rubric_markdown(explain_rubric(default_rubric()), level=4)
    assert text.startswith("#### 环境行动计划年度目标责任考核细则\n\n##### 一、总则\n\n（一）")
    assert "**等次划分**\n\n| 等次 | 总分 |\n|---|---|\n| 优秀 | 90分及以上 |" in text
    assert "办公室\n\n2023" not in text


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_table_format_is_refused(fmt):
    request = ExportRequest(kind="rubric", fmt=fmt, as_of=ON, year=2023)
    with pytest.raises(InputError, match="docx、md"):
        request.validate()


def test_duban_export_rubric(capsys, demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    common = ("--db", str(path), "--as-of", "2023-11-15")
    out = tmp_path / "细则.md"
    code, _, err = run(capsys, "export", "rubric", "--format", "md", "-o", str(out), *common)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 【演示数据】环境行动计划年度目标责任考核细则\n\n（2023年度）\n")
    assert "## 十一、附则" in text and "| 优秀 | 90分及以上 |" in text
    assert out.with_name("细则.md.sig.toml").exists()
    code, _, err = run(capsys, "export", "rubric", *common)  # docx by default, default name
    assert code == 0, err
    written = Path(re.search(r"已写出：(.+)", err).group(1).strip())
    assert written.name == "考核细则_演示_2023-11-15.docx" and written.is_file()
    assert "九、排名" in [p.text for p in docx.Document(str(written)).paragraphs]
    code, _, err = run(capsys, "export", "rubric", "--format", "xlsx", *common)
    assert code == 2 and "格式 xlsx 不适用于 rubric（可用：docx、md）" in err
