"""The progress table, the notice sheet and the bulletin as built for submission: what each
says, in the words and counts the office signs (the file formats are tested elsewhere)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from exports.report import Paragraph, Report, Signature, Table
from exports.service import ExportRequest, build_report, render
from model.core.lights import LightRules
from model.core.settings import OfficeContact
from model.reports.letterhead import letterhead
from model.reports.notice_sheet import notice_sheet
from model.scoring.rubric import default_rubric
from model.store.audit import AuditContext
from model.store.db import open_database

AS_OF = dt.date(2023, 11, 15)
SOURCE = (
    "根据《蒲县人民政府办公室关于印发我县2023年空气质量提升、水环境质量再提升和土壤、"
    "地下水污染防治行动计划的通知》（蒲政办发〔2023〕23号）要求"
)
SPACED = re.compile(r"[\u4e00-\u9fff] +[0-9]|[0-9%] +[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo_copy(demo_template, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("builders") / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


def build(path: Path, kind: str, as_of: dt.date = AS_OF, **extra: str) -> Report:
    database = open_database(path, AuditContext(actor="测试员"))
    request = ExportRequest(kind=kind, fmt="md", as_of=as_of, year=2023, **extra)
    with database, database.read() as session:
        report = build_report(session, request, rules=LightRules(), rubric=default_rubric()).report
    return report


def texts(report: Report) -> list[str]:
    """Every sentence and every text cell of a report."""
    out = [report.title, report.subtitle]
    for block in report.blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            out += [block.caption, block.note]
            out += [c for row in block.rows for c in row if isinstance(c, str)]
    return out


def paragraphs(report: Report) -> list[str]:
    return [b.text for b in report.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize("kind", ["progress", "notice", "bulletin"])
def test_no_space_between_chinese_and_numbers(demo_copy, kind):
    report = build(demo_copy, kind, unit="克城镇")
    for text in texts(report):
        assert not SPACED.search(text), text


def test_no_plan_keys_or_record_ids_reach_the_reports(demo_copy):
    for kind in ("progress", "notice", "bulletin"):
        text = render(build(demo_copy, kind, unit="克城镇"), "md").decode("utf-8")
        assert not re.search(r"\b(air|water|soil|groundwater):\d|_id\b|\bon_track\b", text)


# 重点任务进展情况表 --------------------------------------------------------------------


def test_progress_columns_as_offices_use_them(demo_copy):
    report = build(demo_copy, "progress", plan="地下水")
    (table,) = report.tables
    assert [c.name for c in table.columns] == [
        "序号",
        "任务",
        "牵头（责任）单位",
        "配合单位",
        "完成时限",
        "进展情况",
        "存在问题",
        "下步打算",
        "状态",
        "备注",
    ]
    rows = {row[0]: row for row in table.rows}
    assert list(rows) == list(range(1, 16))  # 序号 is the task's number in its plan
    gw9 = rows[9]
    assert gw9[1] == "推进报废矿井、钻井、取水井封井回填" and gw9[4] == "6月30日前"
    assert "2023年6月30日节点逾期完成" in gw9[9] and "（2023年8月1日完成）" in gw9[9]
    assert all(re.fullmatch(r"(\d{1,2}月\d{1,2}日前；?)+", str(r[4])) for r in table.rows)


def test_progress_problems_and_next_steps(seeded, context):
    from model.plans.task_refs import TaskRef
    from model.work.progress import ReportInput, record_report

    on = dt.date(2023, 9, 10)
    with seeded.write() as session:
        record_report(
            session,
            ReportInput(
                TaskRef("air", 3),
                "市生态环境局蒲县分局",
                on,
                "in_progress",
                100,
                "完成整改",
                problems="个别锅炉待验收",
                next_steps="10月底前组织验收",
            ),
            as_of=on,
        )
    seeded.close()
    report = build(seeded.path, "progress", as_of=on, plan="air")
    row = next(r for r in report.tables[0].rows if r[0] == 3)
    assert row[5] == "市生态环境局蒲县分局（2023年9月10日报送，进度100%）：完成整改"
    assert (row[6], row[7], row[8]) == ("个别锅炉待验收", "10月底前组织验收", "已完成")


# 督办通知单 ----------------------------------------------------------------------------


def test_the_draft_notice_chases_what_was_never_reported(demo_copy):
    report = build(demo_copy, "notice", unit="克城镇")
    body = next(p for p in paragraphs(report) if p.startswith("根据"))
    assert body.startswith(SOURCE + "，经调度，截至2023年11月15日，你单位承担的以下26项任务")
    items = report.tables[0]
    assert len(items.rows) == 26  # 地下水 9 too: a report below done after its milestone
    # The 11 tasks the old draft left out, and 地下水 15 it listed as merely behind.
    never = [r for r in items.rows if r[5] == "未报送"]
    assert len(never) == 12 and all(r[6] == "从未报送进展（缺报3期）" for r in never)
    assert sum(1 for r in never if r[3] is None) == 11
    assert items.tones["未报送"] == "yellow"
    (closing,) = [b for b in report.blocks if isinstance(b, Signature)]
    assert closing.on == AS_OF


def test_the_notice_has_a_receipt_after_its_closing(demo_copy):
    report = build(demo_copy, "notice", unit="克城镇")
    kinds = [type(b).__name__ for b in report.blocks]
    assert kinds.index("Signature") < len(kinds) - 1
    receipt = report.blocks[-1]
    assert isinstance(receipt, Table) and receipt.caption == "督办通知单回执"
    labels = [r[0] for r in receipt.rows]
    assert labels[:6] == [
        "督办单编号",
        "接收单位（盖章）",
        "签收人",
        "签收日期",
        "联系电话",
        "整改落实情况（摘要）",
    ]
    assert receipt.rows[1][1] == "克城镇" and len(receipt.rows) >= 8  # lines to write on
    assert "2023年11月22日前" in receipt.note


@pytest.mark.parametrize("printed_on", [dt.date(2023, 11, 6), AS_OF, dt.date(2023, 12, 31)])
def test_an_issued_notice_re_exported_is_the_notice_as_issued(demo_copy, printed_on):
    report = build(demo_copy, "notice", as_of=printed_on, unit="克城镇", notice="督办〔2023〕1号")
    assert report.subtitle.startswith("督办〔2023〕1号")
    body = next(p for p in paragraphs(report) if p.startswith("根据"))
    assert "截至2023年11月6日" in body and "于2023年11月13日前" in body
    rows = report.tables[0].rows
    assert [r[6] for r in rows] == ["2023年10月31日节点已过，逾期6天"] * 2
    (closing,) = [b for b in report.blocks if isinstance(b, Signature)]
    assert closing.on == dt.date(2023, 11, 6) and report.as_of == dt.date(2023, 11, 6)
    first = build(
        demo_copy, "notice", as_of=dt.date(2023, 11, 6), notice="督办〔2023〕1号", unit="克城镇"
    )
    assert render(report, "md") == render(first, "md")


def test_the_contact_line_comes_from_the_settings(demo_copy):
    database = open_database(demo_copy, AuditContext(actor="测试员"))
    with database, database.read() as session:
        sheet = notice_sheet(session, "克城镇", as_of=AS_OF, rules=LightRules())
        from exports.builders import notice_report

        with_contact = notice_report(
            sheet, letterhead(session, 2023, OfficeContact("王主任", "0357-5522123"))
        )
        phone_only = notice_report(sheet, letterhead(session, 2023, OfficeContact(phone="0357-1")))
        without = notice_report(sheet, letterhead(session, 2023, OfficeContact()))
    assert "联系人：王主任　联系电话：0357-5522123" in paragraphs(with_contact)
    assert "联系电话：0357-1" in paragraphs(phone_only)
    assert not any(p.startswith("联系") for p in paragraphs(without))


# 月度通报 -----------------------------------------------------------------------------


def test_the_bulletin_says_which_count_is_which(demo_copy):
    report = build(demo_copy, "bulletin")
    text = "\n".join(paragraphs(report))
    assert "共68项重点任务（按任务计" in text and "逾期2项" in text
    assert "共有5个单位存在逾期事项7项次，涉及任务2项（一个单位承担的一项任务计一项次）" in text
    assert "共有3个单位对承担的任务从未报送进展，计35项次" in text
    assert "「大气办有关成员单位」「县清洁取暖工作领导小组成员单位」成员单位未确定" in text
    assert "待办公室确定成员单位后列入统计" in text and "duban" not in text
    red = next(t for t in report.tables if t.caption == "逾期事项统计（按单位）")
    assert "大气办有关成员单位" not in {r[1] for r in red.rows}
    assert sum(int(r[2]) for r in red.rows) == 7


@pytest.mark.parametrize(
    ("as_of", "said"),
    [
        (AS_OF, "收到答复2份，其中已答复1份、逾期答复1份"),
        (dt.date(2023, 12, 12), "收到答复2份，其中已答复2份、逾期答复0份"),
        (dt.date(2023, 12, 13), "收到答复3份，其中已答复2份、逾期答复1份"),
    ],
)
def test_late_replies_are_flagged_in_the_shared_words(demo_copy, as_of, said):
    report = build(demo_copy, "bulletin", as_of=as_of)
    text = "\n".join(paragraphs(report))
    assert said in text
    notices = next(
        t for t in report.tables if t.caption == "本期督办单、答复及此前逾期未答复的督办单"
    )
    words = {str(r[-1]).split("（")[0] for r in notices.rows}
    assert words <= {"未答复", "已答复", "逾期未答复", "逾期答复"}
    # A notice left unanswered from an earlier month is still listed and named.
    assert "督办〔2023〕1号" in {r[0] for r in notices.rows}
    assert "逾期未答复的督办单共" in text
