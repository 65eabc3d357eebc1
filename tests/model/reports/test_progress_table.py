"""重点任务进展情况表: status words, deadlines, remarks, problems and next steps."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from model.core.lights import LightRules, Status
from model.plans.task_refs import TaskRef
from model.reports.progress_table import Progress, ProgressRow, deadline_text, progress_table
from model.work.progress import ReportInput, mark_milestone_done, record_report

RULES = LightRules()
DEMO = dt.date(2023, 11, 15)
AIR3 = TaskRef("air", 3)  # 开展锅炉整治“回头看”: 市生态环境局蒲县分局 alone, due 2023-08-31
EPB = "市生态环境局蒲县分局"
SPACED = re.compile(r"[\u4e00-\u9fff] +[0-9]|[0-9%] +[\u4e00-\u9fff]")


def table(database, as_of: dt.date):
    with database.read() as session:
        return progress_table(session, year=2023, as_of=as_of, rules=RULES)


def row(database, as_of: dt.date, plan: str, number: int) -> ProgressRow:
    return next(r for r in table(database, as_of).rows if (r.plan_key, r.number) == (plan, number))


def report(database, ref, unit, on, status="in_progress", percent=50, **kw):
    with database.write() as session:
        record_report(session, ReportInput(ref, unit, on, status, percent, **kw), as_of=on)


@pytest.mark.parametrize(
    ("status", "percent", "expected"),
    [
        ("done", 100, Progress.DONE),
        ("in_progress", 100, Progress.DONE),  # 100% reads 已完成, as the light says
        ("in_progress", 99, Progress.ON_TRACK),
    ],
)
def test_a_report_of_100_percent_or_done_reads_done(seeded, status, percent, expected):
    on = dt.date(2023, 8, 20)
    report(seeded, AIR3, EPB, on, status, percent, note="完成整改")
    found = row(seeded, on, "air", 3)
    assert found.progress is expected
    (holder,) = found.holders
    assert (holder.state.status in (Status.DONE, Status.CLOSED)) == (expected is Progress.DONE)
    assert found.summary == f"{EPB}（2023年8月20日报送，进度{percent}%）：完成整改"


def test_a_task_is_done_when_its_owners_are_done(demo_db):
    # 空气 9: 能源局 leads and reported 100%; its supporters have not finished.
    found = row(demo_db, DEMO, "air", 9)
    assert found.progress is Progress.DONE and "进度100%" in found.summary
    supporters = [h for h in found.holders if h.state.role == "support"]
    assert supporters and any(h.progress is not Progress.DONE for h in supporters)


def test_one_of_many_owners_at_100_percent_says_how_many_are_done(demo_db):
    # 水 14: eleven responsible units, one of them done; the newest report is 太林乡's, and
    # the row is 滞后 for three others: they are named first, with where each stands (古县乡
    # never sent the return that would have carried its report).
    found = row(demo_db, DEMO, "water", 14)
    assert found.progress is Progress.BEHIND
    assert found.summary.startswith("滞后：蒲城镇（进度24%）、克城镇（进度7%）、古县乡（未报送）；")
    assert "；11个牵头（责任）单位中1个已完成；太林乡" in found.summary


def test_deadlines_are_one_style_in_the_whole_column(demo_db):
    # The plan year is in the table's title: its days are written without it.
    style = re.compile(r"\d{1,2}月\d{1,2}日前(；\d{1,2}月\d{1,2}日前)*")
    rows = table(demo_db, DEMO).rows
    assert len(rows) == 68 and all(style.fullmatch(r.deadline) for r in rows)
    by_ref = {(r.plan_key, r.number): r.deadline for r in rows}
    assert by_ref[("air", 1)] == "12月31日前"  # no dated milestone: the year's end
    assert by_ref[("air", 3)] == "8月31日前"
    assert by_ref[("water", 3)].count("；") == 3


def test_no_space_between_chinese_and_numbers(demo_db):
    for r in table(demo_db, DEMO).rows:
        for text in (r.deadline, r.summary, r.remarks):
            assert not SPACED.search(text), text


@pytest.mark.parametrize(
    ("as_of", "listed"), [(dt.date(2023, 8, 30), False), (dt.date(2023, 8, 31), True)]
)
def test_a_unit_that_never_reported_is_listed_once_a_report_is_owed(seeded, as_of, listed):
    found = row(seeded, as_of, "soil", 1)
    assert ("未报送：" in found.remarks) is listed
    if listed:
        assert f"{EPB}（缺报1期）" in found.remarks and found.progress is Progress.BEHIND
    else:
        assert found.progress is Progress.ON_TRACK


def test_demo_remarks_name_never_reported_units(demo_db):
    found = row(demo_db, DEMO, "soil", 1)
    assert "克城镇（缺报3期）" in found.remarks and found.progress is Progress.BEHIND


def test_placeholder_groups_are_named_apart_never_as_culprits(seeded):
    found = row(seeded, dt.date(2023, 12, 31), "air", 5)
    assert "「大气办有关成员单位」成员单位未确定（待办公室确定）" in found.remarks
    unreported = found.remarks.split("未报送：", 1)[-1]
    assert "大气办有关成员单位（" not in unreported
    assert found.placeholders == ("大气办有关成员单位",)


@pytest.mark.parametrize(
    ("as_of", "said"), [(dt.date(2023, 7, 31), False), (dt.date(2023, 8, 1), True)]
)
def test_a_milestone_met_late_says_when_it_was_met(demo_db, as_of, said):
    # 地下水 9: due 2023-06-30, met by every holder on 2023-08-01.
    found = row(demo_db, as_of, "groundwater", 9)
    assert ("2023年6月30日节点逾期完成" in found.remarks) is said
    if said:
        assert "等12个单位（2023年8月1日完成）" in found.remarks


@pytest.mark.parametrize(
    ("done_on", "late"), [(dt.date(2023, 8, 31), False), (dt.date(2023, 9, 1), True)]
)
def test_met_on_the_due_date_is_on_time(seeded, done_on, late):
    with seeded.write() as session:
        mark_milestone_done(session, AIR3, EPB, 1, done_on, as_of=done_on)
    found = row(seeded, dt.date(2023, 9, 10), "air", 3)
    assert ("节点逾期完成" in found.remarks) is late


def test_problems_and_next_steps_come_from_the_quoted_report(seeded):
    on = dt.date(2023, 9, 10)
    report(seeded, AIR3, EPB, dt.date(2023, 9, 1), problems="旧问题", next_steps="旧打算")
    report(
        seeded, AIR3, EPB, on, percent=60, note="推进中", problems="资金缺口", next_steps="申请资金"
    )
    found = row(seeded, on, "air", 3)
    assert (found.problems, found.next_steps) == ("资金缺口", "申请资金")
    assert found.summary.endswith("进度60%）：推进中")
    # As of the earlier date, the earlier report is the one quoted.
    earlier = row(seeded, dt.date(2023, 9, 5), "air", 3)
    assert (earlier.problems, earlier.next_steps) == ("旧问题", "旧打算")
    assert row(seeded, dt.date(2023, 8, 31), "air", 3).problems == ""


@pytest.mark.parametrize("word", ["groundwater", "地下水", "gw", "g"])
def test_a_plan_is_named_as_people_name_it(seeded, word):
    with seeded.read() as session:
        found = progress_table(
            session, year=2023, as_of=dt.date(2023, 9, 15), rules=LightRules(), plan_key=word
        )
    assert [key for key, _ in found.plans] == ["groundwater"]


def test_an_unknown_plan_lists_the_plans_by_name(seeded):
    from model.core.errors import InputError

    with seeded.read() as session, pytest.raises(InputError) as error:
        progress_table(
            session, year=2023, as_of=dt.date(2023, 9, 15), rules=LightRules(), plan_key="天空"
        )
    assert str(error.value) == "2023 年没有计划「天空」（可用：空气、水、土壤、地下水）。"


def test_a_task_with_lead_and_responsible_units_names_both(seeded):
    found = row(seeded, dt.date(2023, 9, 15), "air", 8)
    assert found.owners == ("市生态环境局蒲县分局", "各乡镇")


def test_a_deadline_in_another_year_says_its_year():
    dues = [dt.date(2023, 12, 31), dt.date(2024, 6, 30)]
    assert deadline_text(dues, 2023) == "12月31日前；2024年6月30日前"
    assert deadline_text([], 2024) == "12月31日前"
    assert deadline_text([dt.date(2023, 12, 31)], 2024) == "2023年12月31日前"
