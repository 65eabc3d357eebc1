"""Scores a unit would accept as fair: each finding of the year-end hand audit, reproduced.

Timeliness is judged on the unit's own completion, not on the office's 销号; a milestone dated
before the document cannot be missed for the time before it; the bonus cannot buy a band;
the veto counts the deadline day; deductions stop per item; categories rank like with like.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.plans.data import DocumentData, MilestoneData, PlanData, PlanDocument, TaskData, UnitData
from model.plans.task_refs import TaskRef
from model.scoring.rubric import default_rubric
from model.scoring.scorecards import compute_scorecards
from model.work.progress import (
    ReportInput,
    close_item,
    mark_milestone_done,
    record_report,
    reopen_item,
)
from tests.conftest import plan_database

END = dt.date(2023, 12, 31)
ISSUED = dt.date(2023, 3, 1)
QUIET = dataclasses.replace(default_rubric(), missed_report=0.0, late_report=0.0)
A, B = TaskRef("air", 1), TaskRef("air", 2)


def pair_plan(due: dt.date | None, *, issued: dt.date = ISSUED) -> PlanDocument:
    """Two departments, each the lead of one task with the same milestone."""
    milestones = (MilestoneData(due, "节点前完成"),) if due else ()
    return PlanDocument(
        document=DocumentData("测试〔2023〕9号", "测试县政府办公室", issued),
        plans=(
            PlanData(
                "air",
                "测试计划",
                2023,
                ("目标",),
                (
                    TaskData(
                        1, "一节", "任务一", "任务一。", lead=("甲局",), milestones=milestones
                    ),
                    TaskData(
                        2, "一节", "任务二", "任务二。", lead=("乙局",), milestones=milestones
                    ),
                ),
            ),
        ),
        units=(UnitData("甲局", "department"), UnitData("乙局", "department")),
    )


def make(tmp_path, context, due=dt.date(2023, 6, 30), **kwargs):
    """A fresh database with the pair plan (imported once per plan, then copied: the
    property tests build one per example)."""
    return plan_database(tmp_path, context, pair_plan(due, **kwargs), "p")


@pytest.fixture
def pair(tmp_path, context):
    database = make(tmp_path, context)
    yield database
    database.close()


def do(database, action, *args, **kwargs):
    with database.write() as session:
        return action(session, *args, **kwargs)


def report(database, ref, unit, on, percent=50):
    status = "done" if percent == 100 else "in_progress"
    do(database, record_report, ReportInput(ref, unit, on, status, percent), as_of=END)


def close(database, ref, unit, on):
    do(database, close_item, ref, unit, on, reason="核验", verified_by="主任", as_of=END)


def card(database, unit, rubric=QUIET, as_of=END):
    with database.read() as session:
        return compute_scorecards(session, year=2023, as_of=as_of, rubric=rubric).card(unit)


def task_line(scorecard):
    return next(line for line in scorecard.lines if line.kind == "task")


# Timeliness by the unit's own completion ---------------------------------------------------


def test_done_on_time_and_closed_late_is_on_time(pair):
    # Reported done 06-20; the office closed it only on 09-15. The backlog is the office's.
    report(pair, A, "甲局", dt.date(2023, 6, 20), 100)
    close(pair, A, "甲局", dt.date(2023, 9, 15))
    scorecard = card(pair, "甲局")
    assert scorecard.score == 100.0 and (scorecard.done_on_time, scorecard.done_late) == (1, 0)
    assert task_line(scorecard).basis == "2023-06-20 报送已完成；2023-09-15 销号"
    assert task_line(scorecard).detail.startswith("牵头 · 按时完成 · 截止 2023-06-30")


def test_done_awaiting_closure_costs_nothing_and_says_so(pair):
    report(pair, A, "甲局", dt.date(2023, 6, 20), 100)
    scorecard = card(pair, "甲局")
    assert scorecard.score == 100.0 and scorecard.awaiting_close == 1
    assert task_line(scorecard).basis == "2023-06-20 报送已完成；待销号"


def test_the_last_milestone_marked_done_completes_the_task(pair):
    report(pair, A, "甲局", dt.date(2023, 6, 1), 60)
    do(pair, mark_milestone_done, A, "甲局", 1, dt.date(2023, 6, 28), as_of=END)
    scorecard = card(pair, "甲局")
    assert scorecard.score == 100.0
    assert task_line(scorecard).basis == "2023-06-28 完成全部时间节点；待销号"


@pytest.mark.parametrize(
    ("done", "outcome"),
    [(dt.date(2023, 6, 30), "按时完成"), (dt.date(2023, 7, 1), "逾期完成（逾期1天，按1个月计）")],
)
def test_done_on_the_deadline_day_is_on_time_the_day_after_is_late(pair, done, outcome):
    report(pair, A, "甲局", done, 100)
    assert f"牵头 · {outcome} · 截止 2023-06-30" in task_line(card(pair, "甲局")).detail


def test_a_report_below_done_after_a_done_one_undoes_it(pair):
    report(pair, A, "甲局", dt.date(2023, 6, 10), 100)
    report(pair, A, "甲局", dt.date(2023, 6, 20), 80)  # the unit corrected itself
    assert card(pair, "甲局").done_on_time == 0
    report(pair, A, "甲局", dt.date(2023, 8, 5), 100)
    scorecard = card(pair, "甲局")
    assert scorecard.done_late == 1 and "2023-08-05 报送已完成" in task_line(scorecard).basis


def reopen(database, ref, unit, on):
    do(database, reopen_item, ref, unit, on, reason="复查未达标", verified_by="主任", as_of=END)


def test_a_report_on_the_day_of_reopening_counts(pair):
    report(pair, A, "甲局", dt.date(2023, 6, 10), 100)
    close(pair, A, "甲局", dt.date(2023, 6, 12))
    reopen(pair, A, "甲局", dt.date(2023, 7, 3))
    report(pair, A, "甲局", dt.date(2023, 7, 3), 100)
    scorecard = card(pair, "甲局")
    assert (scorecard.done_on_time, scorecard.done_late) == (0, 1)
    assert "2023-07-03 报送已完成" in task_line(scorecard).basis


def test_a_report_at_100_percent_completes_whatever_its_status(pair):
    do(
        pair,
        record_report,
        ReportInput(A, "甲局", dt.date(2023, 6, 20), "in_progress", 100),
        as_of=END,
    )
    assert card(pair, "甲局").done_on_time == 1
    report(pair, B, "乙局", dt.date(2023, 6, 20), 99)
    assert card(pair, "乙局").done_on_time == 0


def test_closures_count_in_the_order_of_their_days_not_of_their_entry(pair):
    report(pair, A, "甲局", dt.date(2023, 8, 10), 100)
    close(pair, A, "甲局", dt.date(2023, 9, 1))
    reopen(pair, A, "甲局", dt.date(2023, 10, 1))
    # Entered last, dated first: a closure the office had forgotten to record.
    close(pair, A, "甲局", dt.date(2023, 8, 15))
    scorecard = card(pair, "甲局")
    # By day: closed 08-15, closed 09-01, reopened 10-01 — open at the year's end.
    assert (scorecard.done_on_time, scorecard.done_late) == (0, 0)
    assert task_line(scorecard).basis.startswith("2023-10-01 重新打开")


def test_a_closure_undone_the_same_day_is_undone(pair):
    report(pair, A, "甲局", dt.date(2023, 8, 10), 100)
    close(pair, A, "甲局", dt.date(2023, 9, 1))
    reopen(pair, A, "甲局", dt.date(2023, 9, 1))  # the same day: the later entry stands
    assert task_line(card(pair, "甲局")).basis.startswith("2023-09-01 重新打开")


@pytest.mark.parametrize(
    ("setting", "as_of", "score"),
    [
        # In progress at 50%, due 06-30: on the deadline day it is not late (the open cap is
        # 1), however little a late completion would earn; the day after, one month late.
        ({"closed_late": 0.5}, dt.date(2023, 6, 30), 40.0),  # 50% × 0.8
        ({"closed_late": 0.5}, dt.date(2023, 7, 1), 15.0),  # 50% × (0.5 − 0.2)
        ({"late_per_month": 0.3}, dt.date(2023, 6, 30), 40.0),  # 50% × 0.8
        ({"late_per_month": 0.3}, dt.date(2023, 7, 1), 35.0),  # 50% × (1 − 0.3)
    ],
)
def test_an_open_part_earns_no_more_than_a_completion_as_late(pair, setting, as_of, score):
    report(pair, A, "甲局", dt.date(2023, 6, 10), 50)
    assert card(pair, "甲局", dataclasses.replace(QUIET, **setting), as_of).score == score


@pytest.mark.parametrize(
    ("as_of", "score"),
    [(dt.date(2023, 6, 30), 30.0), (END, 20.0)],  # 0.3; then 7 months late: the floor, 0.2
)
def test_a_part_never_started_is_capped_like_a_late_one(pair, as_of, score):
    rubric = dataclasses.replace(QUIET, not_started=0.3)
    assert card(pair, "乙局", rubric, as_of).score == score


def test_a_completion_can_rest_on_the_closure_alone(pair):
    report(pair, A, "甲局", dt.date(2023, 6, 10), 100)
    close(pair, A, "甲局", dt.date(2023, 6, 12))
    report(pair, A, "甲局", dt.date(2023, 6, 20), 80)  # below done after it: the closure stands
    scorecard = card(pair, "甲局")
    assert scorecard.done_on_time == 1
    assert task_line(scorecard).basis.startswith("2023-06-12 销号")


def test_a_year_without_plans_has_no_cards(pair):
    with pair.read() as session:
        board = compute_scorecards(session, year=2022, as_of=END, rubric=QUIET)
    assert board.cards == ()


def test_a_reopened_part_counts_only_what_came_after(pair):
    report(pair, A, "甲局", dt.date(2023, 6, 10), 100)
    close(pair, A, "甲局", dt.date(2023, 6, 12))
    do(
        pair,
        reopen_item,
        A,
        "甲局",
        dt.date(2023, 7, 3),
        reason="复查未达标",
        verified_by="主任",
        as_of=END,
    )
    assert card(pair, "甲局").done_on_time == 0
    assert task_line(card(pair, "甲局")).basis == (
        "2023-07-03 重新打开，此前的报送和节点不再计为完成；2023-06-10 报送（进度 100%）"
    )
    report(pair, A, "甲局", dt.date(2023, 9, 1), 100)
    scorecard = card(pair, "甲局")
    assert (scorecard.done_on_time, scorecard.done_late, scorecard.awaiting_close) == (0, 1, 1)


@pytest.mark.parametrize(
    ("rule", "deadline", "outcome"),
    [
        ("issue_date", "2023-03-01（时间节点 2023-02-15 早于印发日期，按印发日期计）", "逾期完成"),
        ("year_end", "2023-12-31（时间节点 2023-02-15 早于印发日期，按年底计）", "按时完成"),
    ],
)
def test_a_milestone_before_the_document_is_not_missed_before_it(
    tmp_path, context, rule, deadline, outcome
):
    database = make(tmp_path, context, due=dt.date(2023, 2, 15))
    report(database, A, "甲局", dt.date(2023, 3, 1), 100)  # done on the day of issue
    report(database, B, "乙局", dt.date(2023, 4, 20), 100)  # 50 days after the issue
    rubric = dataclasses.replace(QUIET, before_issue=rule)
    on_issue_day = card(database, "甲局", rubric)
    assert on_issue_day.score == 100.0 and on_issue_day.bonus == 0.0  # no bonus: no real deadline
    later = task_line(card(database, "乙局", rubric))
    assert later.detail.startswith(f"牵头 · {outcome}") and f"截止 {deadline}" in later.detail
    database.close()


@pytest.mark.parametrize("rule", ["issue_date", "year_end"])
def test_a_milestone_on_the_day_of_issue_is_its_own_deadline(tmp_path, context, rule):
    database = make(tmp_path, context, due=ISSUED)
    report(database, B, "乙局", dt.date(2023, 4, 20), 100)
    line = task_line(card(database, "乙局", dataclasses.replace(QUIET, before_issue=rule)))
    assert line.detail.startswith("牵头 · 逾期完成") and "截止 2023-03-01" in line.detail
    assert "早于印发日期" not in line.detail
    database.close()


def test_the_demo_groundwater_9_closers_are_not_late_for_june(demo_db):
    # 地下水 9's only milestone (06-30) is before the document (07-21): a unit that completed
    # it in September is late from the issue date, not from June.
    with demo_db.read() as session:
        board = compute_scorecards(session, year=2023, as_of=END, rubric=default_rubric())
    lines = [
        line
        for c in board.cards
        for line in c.lines
        if line.kind == "task" and line.task.startswith("地下水第9项")
    ]
    assert lines and all("早于印发日期，按印发日期计" in line.detail for line in lines)


# Bonus, veto, floor, ties -----------------------------------------------------------------


def test_early_means_before_a_real_deadline(tmp_path, context):
    undated = make(tmp_path, context, due=None)
    report(undated, A, "甲局", dt.date(2023, 5, 1), 100)  # 244 days before the year's end
    assert card(undated, "甲局").bonus == 0.0
    undated.close()


@pytest.mark.parametrize(("days_early", "bonus"), [(15, 0.5), (14, 0.0)])
def test_the_bonus_boundary(pair, days_early, bonus):
    report(pair, A, "甲局", dt.date(2023, 6, 30) - dt.timedelta(days=days_early), 100)
    assert card(pair, "甲局").bonus == bonus


@pytest.mark.parametrize(("early_points", "lines"), [(0.0, []), (0.126, [0.13])])
def test_a_bonus_line_earns_the_rubrics_points_to_the_cent_and_none_is_made_for_0(
    pair, early_points, lines
):
    report(pair, A, "甲局", dt.date(2023, 6, 1), 100)  # 29 days early
    rubric = dataclasses.replace(QUIET, early_points=early_points)
    scorecard = card(pair, "甲局", rubric)
    assert [line.points for line in scorecard.lines if line.kind == "bonus"] == lines
    assert scorecard.bonus == sum(lines)


def test_the_bonus_cannot_lift_a_band_unless_the_rubric_says_so(pair):
    report(pair, A, "甲局", dt.date(2023, 6, 1), 100)  # early: +0.5
    rubric = dataclasses.replace(QUIET, base=89.6, cap=100.0)
    scorecard = card(pair, "甲局", rubric)
    assert (scorecard.score, scorecard.bonus, scorecard.rating) == (90.1, 0.5, "良好")
    lifted = card(pair, "甲局", dataclasses.replace(rubric, bonus_lifts_band=True))
    assert lifted.rating == "优秀"


@pytest.mark.parametrize(
    ("as_of", "vetoed"), [(dt.date(2023, 6, 29), False), (dt.date(2023, 6, 30), True)]
)
def test_the_veto_counts_a_deadline_on_the_evaluation_day(pair, as_of, vetoed):
    report(pair, A, "甲局", dt.date(2023, 6, 1), 99)
    rubric = dataclasses.replace(QUIET, in_progress_factor=1.0, bands=QUIET.bands)
    scorecard = card(pair, "甲局", rubric, as_of=as_of)
    assert scorecard.score == 99.0
    assert scorecard.vetoed is vetoed and scorecard.rating == ("良好" if vetoed else "优秀")


def test_at_year_end_every_task_not_done_counts_for_the_veto(tmp_path, context):
    undated = make(tmp_path, context, due=None)
    report(undated, A, "甲局", dt.date(2023, 12, 1), 99)
    rubric = dataclasses.replace(QUIET, in_progress_factor=1.0)
    assert card(undated, "甲局", rubric, as_of=dt.date(2023, 12, 30)).vetoed is False
    assert card(undated, "甲局", rubric).vetoed is True
    undated.close()


def test_demo_zhujianju_misses_its_year_end_milestone_and_is_not_excellent(demo_db):
    # 住建局 holds 水 15, due 年底前 (12-31), not done at year-end: the veto applies.
    with demo_db.read() as session:
        board = compute_scorecards(session, year=2023, as_of=END, rubric=default_rubric())
    zhujianju = board.card("住建局")
    assert zhujianju.vetoed and zhujianju.rating == "良好"
    assert "水第15项" in zhujianju.lines[-1].basis


def test_reporting_deductions_are_per_return_and_the_floor_keeps_the_score(pair):
    # 乙局 never returns a sheet: March – November's nine returns are missing (0.5 each).
    # Returns are the unit's, not a task's: 扣完为止 of a task ([limits] per_item) no
    # longer applies; the score's floor does.
    rubric = default_rubric()
    scorecard = card(pair, "乙局", rubric)
    lines = [x for x in scorecard.lines if x.kind == "reporting"]
    assert len(lines) == scorecard.missed_reports == 9
    assert scorecard.reporting == -4.5 and scorecard.raw_score == -4.5 and scorecard.score == 0.0
    assert card(pair, "乙局", dataclasses.replace(rubric, per_item_floor=False)) == scorecard


def test_demo_townships_no_longer_tie_at_the_floor(demo_db):
    with demo_db.read() as session:
        board = compute_scorecards(session, year=2023, as_of=END, rubric=default_rubric())
    townships = [c for c in board.cards if c.category == "乡镇"]
    scores = [c.score for c in townships]
    assert len(set(scores)) == len(scores)  # 扣完为止: no three-way tie at the floor
    assert sum(1 for c in townships if c.limit) <= 1


# Reply dated after the as-of date -------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "points", "state"),
    [
        (dt.date(2023, 12, 5), -1.0, "未答复"),  # not due yet
        (dt.date(2023, 12, 11), -1.0, "未答复"),  # due today
        (dt.date(2023, 12, 12), -2.0, "逾期未答复"),  # the reply (12-13) has not happened yet
        (dt.date(2023, 12, 13), -2.0, "2023-12-13答复（逾期答复）"),
    ],
)
def test_a_reply_dated_after_the_as_of_date_does_not_count_yet(demo_db, as_of, points, state):
    # 督办〔2023〕7号 to 蒲城镇: issued 12-04, reply due 12-11 (five working days), replied
    # 12-13.
    with demo_db.read() as session:
        board = compute_scorecards(session, year=2023, as_of=as_of, rubric=default_rubric())
    (line,) = [x for x in board.card("蒲城镇").lines if x.kind == "notice" and "7号" in x.detail]
    assert line.points == points and line.basis.endswith(state)


# Categories -----------------------------------------------------------------------------------


def test_a_unit_with_one_supporting_task_does_not_top_the_ranking(demo_db):
    with demo_db.read() as session:
        board = compute_scorecards(session, year=2023, as_of=END, rubric=default_rubric())
    emergency = board.card("应急管理局")
    assert emergency.support_only and emergency.rank is None
    assert emergency.unranked_reason == "仅承担配合任务"
    own = dataclasses.replace(default_rubric(), support_only="own")
    with demo_db.read() as session:
        board = compute_scorecards(session, year=2023, as_of=END, rubric=own)
    assert board.card("应急管理局").category == "仅承担配合任务的单位"
    assert board.card("应急管理局").rank == 1


# Properties ---------------------------------------------------------------------------------

DAYS = st.integers(0, 300).map(lambda d: ISSUED + dt.timedelta(days=d))


@st.composite
def histories(draw):
    """A shared history of unfinished reports, then two dates for completion."""
    days = sorted(draw(st.lists(DAYS, max_size=4, unique=True)))
    percents = [draw(st.integers(0, 99)) for _ in days]
    first = draw(DAYS.filter(lambda d: not days or d >= days[-1]))
    second = draw(DAYS.filter(lambda d: d >= first))
    return list(zip(days, percents, strict=True)), first, second


PROPERTY = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(history=histories(), due=st.sampled_from([None, dt.date(2023, 6, 30)]))
def test_completing_never_scores_below_leaving_open_or_completing_later(
    tmp_path_factory, context, history, due
):
    shared, first, second = history
    database = make(tmp_path_factory.mktemp("fair"), context, due=due)
    for unit, ref in (("甲局", A), ("乙局", B)):
        for on, percent in shared:
            report(database, ref, unit, on, percent)
    rubric = default_rubric()
    open_score = card(database, "乙局", rubric).score
    report(database, A, "甲局", first, 100)
    earlier = card(database, "甲局", rubric).score
    assert earlier >= open_score  # completing (on time or late) never below staying open
    report(database, B, "乙局", second, 100)
    assert earlier >= card(database, "乙局", rubric).score  # a later completion never above
    database.close()


@PROPERTY
@given(
    months=st.lists(st.integers(3, 11), min_size=2, max_size=6, unique=True),
    percent=st.integers(0, 100),
    skip=st.integers(0, 4),
)
def test_a_missed_report_never_raises_a_score(tmp_path_factory, context, months, percent, skip):
    months = sorted(months)
    skipped = months[skip % (len(months) - 1)]  # never the last: the percent stays the same
    database = make(tmp_path_factory.mktemp("miss"), context)
    for month in months:
        report(database, A, "甲局", dt.date(2023, month, 5), percent if month == months[-1] else 10)
        if month != skipped:
            report(
                database, B, "乙局", dt.date(2023, month, 5), percent if month == months[-1] else 10
            )
    rubric = default_rubric()
    assert card(database, "乙局", rubric).score <= card(database, "甲局", rubric).score
    database.close()


def test_a_report_below_done_after_the_last_milestone_means_not_done(pair):
    do(pair, mark_milestone_done, A, "甲局", 1, dt.date(2023, 6, 20), as_of=END)
    assert card(pair, "甲局").done_on_time == 1
    report(pair, A, "甲局", dt.date(2023, 6, 20), 60)  # the same day: the milestone stands
    assert card(pair, "甲局").done_on_time == 1
    report(pair, A, "甲局", dt.date(2023, 7, 5), 60)  # later, below done: not finished
    scorecard = card(pair, "甲局")
    assert (scorecard.done_on_time, scorecard.missed) == (0, 1)
    assert task_line(scorecard).basis == "2023-07-05 报送（进度 60%）"


@pytest.mark.parametrize(
    ("done", "august_owed"), [(dt.date(2023, 7, 31), False), (dt.date(2023, 8, 1), True)]
)
def test_no_return_is_owed_for_a_period_that_began_after_the_completion(pair, done, august_owed):
    # 甲局 meets its one milestone: finished before August began, it owes August's return
    # no more; finished on 1 August, August had begun with its part open.
    do(pair, mark_milestone_done, A, "甲局", 1, done, as_of=END)
    bases = [x.basis for x in card(pair, "甲局", default_rubric()).lines if x.kind == "reporting"]
    assert ("2023年8月报送表 未报送" in bases) is august_owed
    assert "2023年7月报送表 未报送" in bases and "2023年9月报送表 未报送" not in bases
