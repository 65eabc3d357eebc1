"""Rubric arithmetic on a small hand-computed plan, as-of replay, and bounds."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.plans.data import DocumentData, MilestoneData, PlanData, PlanDocument, TaskData, UnitData
from model.plans.load import import_plan_document
from model.plans.task_refs import TaskRef
from model.scoring.rubric import Band, default_rubric
from model.scoring.scorecards import compute_scorecards
from model.store.db import open_database
from model.work.adjustments import add_adjustment
from model.work.notices import issue_notice, record_reply
from model.work.progress import ReportInput, close_item, record_report

END = dt.date(2023, 12, 31)
T1, T2 = TaskRef("air", 1), TaskRef("air", 2)
QUIET = dataclasses.replace(default_rubric(), missed_report=0.0, late_report=0.0)


def tiny_plan(task2_due: dt.date | None = None) -> PlanDocument:
    return PlanDocument(
        document=DocumentData("测试〔2023〕1号", "测试县政府办公室", dt.date(2023, 1, 1)),
        plans=(
            PlanData(
                "air",
                "测试计划",
                2023,
                ("目标",),
                (
                    TaskData(
                        1,
                        "一节",
                        "任务一",
                        "任务一。",
                        lead=("甲局",),
                        milestones=(MilestoneData(dt.date(2023, 6, 30), "6月底前完成"),),
                    ),
                    TaskData(
                        2,
                        "一节",
                        "任务二",
                        "任务二。",
                        lead=("乙局",),
                        support=("甲局",),
                        milestones=(MilestoneData(task2_due, "节点"),) if task2_due else (),
                    ),
                ),
            ),
        ),
        units=(UnitData("甲局", "department"), UnitData("乙局", "department")),
    )


@pytest.fixture
def tiny(tmp_path, context):
    database = open_database(tmp_path / "tiny.sqlite3", context)
    with database.write() as session:
        import_plan_document(session, tiny_plan(), source_name="tiny", source_sha256="0" * 64)
    yield database
    database.close()


def do(database, action, *args, **kwargs):
    with database.write() as session:
        return action(session, *args, **kwargs)


def report(database, ref, unit, on, status="in_progress", percent=50):
    do(database, record_report, ReportInput(ref, unit, on, status, percent), as_of=END)


def close(database, ref, unit, on):
    report(database, ref, unit, on - dt.timedelta(days=1), "done", 100)
    do(database, close_item, ref, unit, on, reason="核验", verified_by="主任", as_of=END)


def board(database, rubric=QUIET, as_of=END):
    with database.read() as session:
        return compute_scorecards(session, year=2023, as_of=as_of, rubric=rubric)


def test_lead_weighs_double_support_on_time_closure(tiny):
    close(tiny, T1, "甲局", dt.date(2023, 6, 25))
    card = board(tiny).card("甲局")
    assert card.score == 66.67  # 100 × 1.0 / (1.0 + 0.5); the supported task earned nothing
    assert (card.lead, card.support, card.on_time, card.rating) == (1, 1, 1, "合格")
    assert board(tiny).card("乙局").score == 0.0
    close(tiny, T2, "甲局", dt.date(2023, 11, 1))
    assert board(tiny).card("甲局").score == 100.0


def test_closed_late_loses_per_started_month(tiny):
    close(tiny, T1, "甲局", dt.date(2023, 8, 14))  # 45 days after 06-30: two months started
    card = board(tiny).card("甲局")
    assert card.score == 40.0  # 66.67 × (1 − 2 × 0.2)
    assert card.closed_late == 1
    assert "逾期销号（逾期 2 个月）" in card.lines[0].detail


def test_in_progress_earns_its_percent_and_counts_red(tiny):
    report(tiny, T1, "甲局", dt.date(2023, 12, 1), percent=50)
    card = board(tiny).card("甲局")
    assert card.score == 26.67  # 66.67 × 0.5 × 0.8
    assert card.red == 1


def test_reporting_discipline_and_its_cap(tiny):
    rubric = dataclasses.replace(default_rubric(), reporting_max=100.0)
    report(tiny, T1, "甲局", dt.date(2023, 1, 5))  # on time
    report(tiny, T1, "甲局", dt.date(2023, 2, 15))  # late (after day 10)
    close(tiny, T1, "甲局", dt.date(2023, 3, 20))  # March's report (03-19) is late; closed
    card = board(tiny, rubric).card("甲局")
    task1 = next(line for line in card.lines if line.kind == "reporting" and line.ref == "air:1")
    task2 = next(line for line in card.lines if line.kind == "reporting" and line.ref == "air:2")
    assert task1.points == pytest.approx(-0.2) and "迟报 2 期" in task1.detail
    assert task2.points == pytest.approx(-6.0) and "缺报 12 期" in task2.detail
    assert card.reporting == -6.2
    capped = board(tiny, dataclasses.replace(rubric, reporting_max=5.0)).card("甲局")
    assert capped.reporting == -5.0
    assert any("报送扣分封顶 5 分" in line.detail for line in capped.lines)


def test_notice_deductions_by_level_and_unanswered(tiny):
    do(
        tiny,
        issue_notice,
        unit="甲局",
        tasks=[T1],
        level="督办",
        issued_on=dt.date(2023, 7, 1),
        reply_due=dt.date(2023, 7, 8),
        body="",
        as_of=END,
    )
    do(
        tiny,
        record_reply,
        "督办〔2023〕1号",
        reply_on=dt.date(2023, 7, 5),
        text="已整改",
        as_of=END,
    )
    do(
        tiny,
        issue_notice,
        unit="甲局",
        tasks=[T1],
        level="专项督察",
        issued_on=dt.date(2023, 9, 1),
        reply_due=dt.date(2023, 9, 8),
        body="",
        as_of=END,
    )
    card = board(tiny).card("甲局")
    assert card.notices == 2 and card.notice_points == -5.0  # −1, then −3 and −1 unanswered
    sources = [line.source for line in card.lines if line.kind == "notice"]
    assert sources == ["notice:1", "notice:2"]


def test_veto_bars_the_top_band(tmp_path, context):
    database = open_database(tmp_path / "veto.sqlite3", context)
    with database.write() as session:
        import_plan_document(
            session, tiny_plan(dt.date(2023, 9, 30)), source_name="t", source_sha256="0" * 64
        )
    close(database, T1, "甲局", dt.date(2023, 6, 25))
    report(database, T2, "甲局", dt.date(2023, 12, 1), percent=100)  # reported, not done: red
    card = board(database).card("甲局")
    assert card.score == 93.33 and card.red == 1
    assert card.vetoed and card.rating == "良好"
    assert card.lines[-1].kind == "veto"
    database.close()


def test_adjustment_bonus_and_cap(tiny):
    close(tiny, T1, "甲局", dt.date(2023, 6, 1))  # 29 days early: bonus (and T2, 60 days)
    close(tiny, T2, "甲局", dt.date(2023, 11, 1))
    do(
        tiny,
        add_adjustment,
        unit="甲局",
        year=2023,
        points=2,
        reason="专项工作表彰",
        approver="李中煊",
        decided_on=dt.date(2023, 12, 20),
        as_of=END,
    )
    card = board(tiny).card("甲局")
    kinds = [line.kind for line in card.lines]
    assert kinds.count("bonus") == 2 and "adjustment" in kinds and kinds[-1] == "limit"
    assert card.score == 100.0
    assert sum(line.points for line in card.lines) == pytest.approx(100.0)


def test_bands_are_configurable(tiny):
    close(tiny, T1, "甲局", dt.date(2023, 6, 25))
    rubric = dataclasses.replace(
        QUIET, bands=(Band("优秀", 60.0), Band("合格", 30.0), Band("不合格", 0.0))
    )
    assert board(tiny, rubric).card("甲局").rating == "优秀"


def test_as_of_replay_ignores_later_records(tiny):
    close(tiny, T1, "甲局", dt.date(2023, 6, 25))
    before = board(tiny, default_rubric(), as_of=dt.date(2023, 9, 30))
    report(tiny, T2, "甲局", dt.date(2023, 10, 10), percent=80)
    do(
        tiny,
        add_adjustment,
        unit="乙局",
        year=2023,
        points=-3,
        reason="材料弄虚作假",
        approver="李中煊",
        decided_on=dt.date(2023, 10, 15),
        as_of=END,
    )
    do(
        tiny,
        issue_notice,
        unit="甲局",
        tasks=[T2],
        level="提醒",
        issued_on=dt.date(2023, 10, 2),
        reply_due=dt.date(2023, 10, 9),
        body="",
        as_of=END,
    )
    assert board(tiny, default_rubric(), as_of=dt.date(2023, 9, 30)) == before
    assert board(tiny, default_rubric()) != before


def test_demo_cards_are_sums_of_their_lines(demo_db):
    scoreboard = board(demo_db, default_rubric())
    assert len(scoreboard.cards) == 29
    assert [c.rank for c in scoreboard.cards] == list(range(1, 30))
    for card in scoreboard.cards:
        assert sum(line.points for line in card.lines) == pytest.approx(card.score, abs=0.006)
        assert 0 <= card.score <= 100


OPS = st.lists(
    st.tuples(
        st.sampled_from(["report", "close", "notice", "adjust"]),
        st.sampled_from([T1, T2]),
        st.integers(0, 364),
        st.integers(0, 100),
    ),
    max_size=8,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_scores_stay_within_bounds_for_random_histories(tmp_path_factory, context, ops):
    database = open_database(tmp_path_factory.mktemp("prop") / "p.sqlite3", context)
    with database.write() as session:
        import_plan_document(
            session, tiny_plan(dt.date(2023, 9, 30)), source_name="t", source_sha256="0" * 64
        )
    for kind, ref, day, value in ops:
        on = dt.date(2023, 1, 1) + dt.timedelta(days=day)
        try:
            if kind == "report":
                report(database, ref, "甲局", on, percent=value)
            elif kind == "close":
                close(database, ref, "甲局", max(on, dt.date(2023, 1, 2)))
            elif kind == "notice":
                do(
                    database,
                    issue_notice,
                    unit="甲局",
                    tasks=[ref],
                    level="专项督察",
                    issued_on=on,
                    reply_due=on,
                    body="",
                    as_of=END,
                )
            else:
                do(
                    database,
                    add_adjustment,
                    unit="甲局",
                    year=2023,
                    points=(value - 50) or 1,
                    reason="调整",
                    approver="主任",
                    decided_on=on,
                    as_of=END,
                )
        except Exception as error:  # an operation the services refuse is part of the history
            assert type(error).__name__ == "InputError", error
    for card in board(database, default_rubric()).cards:
        assert 0.0 <= card.score <= 100.0
        assert sum(line.points for line in card.lines) == pytest.approx(card.score, abs=0.006)
    database.close()


def test_report_period():
    import datetime as dt

    from model.scoring.scorecards import report_period

    assert report_period(dt.date(2023, 11, 15), [2023]) == (2023, dt.date(2023, 11, 15))
    assert report_period(dt.date(2026, 11, 28), [2023, 2024]) == (2024, dt.date(2024, 12, 31))
    assert report_period(dt.date(2022, 5, 1), [2023]) == (2023, dt.date(2022, 5, 1))
    assert report_period(dt.date(2026, 1, 5), [2023], 2023) == (2023, dt.date(2023, 12, 31))
    assert report_period(dt.date(2026, 1, 5), []) == (2026, dt.date(2026, 1, 5))
