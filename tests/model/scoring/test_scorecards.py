"""Rubric arithmetic on a small hand-computed plan, as-of replay, and bounds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.plans.data import DocumentData, MilestoneData, PlanData, PlanDocument, TaskData, UnitData
from model.plans.load import import_plan_document
from model.plans.task_refs import TaskRef
from model.scoring.rubric import Band, Category, default_rubric
from model.scoring.scorecards import compute_scorecards
from model.store.db import open_database
from model.work.adjustments import add_adjustment
from model.work.notices import issue_notice, record_reply
from model.work.progress import ReportInput, close_item, record_report
from tests.conftest import plan_database

END = dt.date(2023, 12, 31)
T1, T2 = TaskRef("air", 1), TaskRef("air", 2)
TASK1, TASK2 = "空气第1项 任务一", "空气第2项 任务二"  # as a unit reads them: never air:1
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
    database = plan_database(tmp_path, context, tiny_plan(), "tiny")
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


def notify(database, unit, ref, level, issued_on, *, body="", as_of=END):
    """A notice to `unit` on `ref`, its reply due a week after it was issued."""
    reply_due = issued_on + dt.timedelta(days=7)
    do(
        database,
        issue_notice,
        unit=unit,
        tasks=[ref],
        level=level,
        issued_on=issued_on,
        reply_due=reply_due,
        body=body,
        as_of=as_of,
    )


def board(database, rubric=QUIET, as_of=END):
    with database.read() as session:
        return compute_scorecards(session, year=2023, as_of=as_of, rubric=rubric)


def test_lead_weighs_double_support_on_time_closure(tiny):
    close(tiny, T1, "甲局", dt.date(2023, 6, 25))
    card = board(tiny).card("甲局")
    assert card.score == 66.67  # 100 × 1.0 / (1.0 + 0.5); the supported task earned nothing
    assert (card.lead, card.support, card.done_on_time, card.rating) == (1, 1, 1, "合格")
    assert board(tiny).card("乙局").score == 0.0
    close(tiny, T2, "甲局", dt.date(2023, 11, 1))
    assert board(tiny).card("甲局").score == 100.0


def test_closed_late_loses_per_started_month(tiny):
    # Reported done 08-13 (44 days after 06-30: two months started), closed the day after.
    close(tiny, T1, "甲局", dt.date(2023, 8, 14))
    card = board(tiny).card("甲局")
    assert card.score == 40.0  # 66.67 × (1 − 2 × 0.2)
    assert card.done_late == 1
    assert "逾期完成（逾期44天，按2个月计）" in card.lines[0].detail


def test_in_progress_earns_its_percent_and_counts_missed_deadlines(tiny):
    report(tiny, T1, "甲局", dt.date(2023, 6, 1), percent=50)
    before = board(tiny, as_of=dt.date(2023, 6, 30)).card("甲局")
    assert before.score == 26.67  # 66.67 × 0.5 × 0.8, on its deadline day: not late yet
    assert before.missed == 1  # the deadline day itself counts for the veto
    assert board(tiny, as_of=dt.date(2023, 6, 29)).card("甲局").missed == 0
    # Still open 7 started months after 06-30: credited no more than a completion that late
    # (1 − 7 × 0.2, floored at 0.2): 66.67 × 0.5 × 0.2.
    card = board(tiny).card("甲局")
    assert card.score == 6.67
    assert "年底未完成（进度 50%，已逾期184天，按7个月计）" in card.lines[0].detail
    # At year-end every task not done is missed: task 1 (06-30) and task 2 (no milestone).
    assert card.missed == 2
    assert board(tiny, as_of=dt.date(2023, 12, 30)).card("甲局").missed == 1


def answered_then_unanswered(database):
    """Two notices to 甲局: a 督办 answered in time (−1), a 专项督察 never answered (−3, −1)."""
    notify(database, "甲局", T1, "督办", dt.date(2023, 7, 1))
    do(
        database,
        record_reply,
        "督办〔2023〕1号",
        reply_on=dt.date(2023, 7, 5),
        text="已整改",
        as_of=END,
    )
    notify(database, "甲局", T1, "专项督察", dt.date(2023, 9, 1))


def test_notice_deductions_by_level_and_unanswered(tiny):
    answered_then_unanswered(tiny)
    card = board(tiny).card("甲局")
    assert card.notices == 2 and card.notice_points == -5.0  # −1, then −3 and −1 unanswered
    assert [line.basis for line in card.lines if line.kind == "notice"] == [
        "2023-07-01下发，限2023-07-08前答复；2023-07-05答复（已答复）",
        "2023-09-01下发，限2023-09-08前答复；逾期未答复",
    ]
    assert [line.detail for line in card.lines if line.kind == "notice"] == [
        "督办〔2023〕1号（督办，2023-07-01下发）",
        "督办〔2023〕2号（专项督察，2023-09-01下发）逾期未答复",
    ]


def test_a_years_card_counts_the_notices_issued_in_that_year_up_to_the_day(tiny):
    later = dt.date(2024, 1, 31)
    for day in ("2022-12-31", "2023-01-01", "2023-12-31", "2024-01-01"):
        notify(tiny, "甲局", T1, "督办", dt.date.fromisoformat(day), as_of=later)

    def counted(as_of: dt.date) -> list[str]:
        card = board(tiny, as_of=as_of).card("甲局")
        return [line.detail for line in card.lines if line.kind == "notice"]

    # The first and the last day of 2023, both sides of each: a notice of another year is
    # that year's, whatever day the card is computed on.
    first, last = (
        "督办〔2023〕1号（督办，2023-01-01下发）",
        "督办〔2023〕2号（督办，2023-12-31下发）",
    )
    assert counted(later) == [f"{first}逾期未答复", f"{last}逾期未答复"]
    # The day a notice is issued, it counts; the day before, it does not exist yet.
    assert counted(END) == [f"{first}逾期未答复", last]
    assert counted(END - dt.timedelta(days=1)) == [f"{first}逾期未答复"]


def test_veto_bars_the_top_band(tmp_path, context):
    database = open_database(tmp_path / "veto.sqlite3", context)
    with database.write() as session:
        import_plan_document(
            session, tiny_plan(dt.date(2023, 12, 15)), source_name="t", source_sha256="0" * 64
        )
    close(database, T1, "甲局", dt.date(2023, 6, 25))
    report(database, T2, "甲局", dt.date(2023, 12, 1), percent=97)  # not done by 12-15
    card = board(database).card("甲局")
    # Each line is rounded once: 66.67 + 25.87 (33.33… × 0.97 × 0.8) = 92.54, the sum of what
    # is printed — not 92.53, the rounded sum of the unrounded parts.
    assert [line.points for line in card.lines if line.kind == "task"] == [66.67, 25.87]
    assert card.score == 92.54 and card.missed == 1
    assert card.vetoed and card.rating == "良好"
    veto = card.lines[-1]
    assert veto.kind == "veto" and veto.points == 0.0
    assert veto.detail == "1 项任务到年底未完成，一票否决：不得评为“优秀”"
    assert veto.basis == "未按期完成：空气第2项"
    database.close()


def test_adjustment_bonus_and_cap(tiny):
    # Task 1 done 05-31, 30 days before its milestone: a bonus. Task 2 has no dated
    # milestone: done 60 days before the year's end, it earns none.
    close(tiny, T1, "甲局", dt.date(2023, 6, 1))
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
    assert kinds.count("bonus") == 1 and "adjustment" in kinds and kinds[-1] == "limit"
    assert card.score == 100.0
    assert sum(line.points for line in card.lines) == pytest.approx(100.0)


def test_an_adjustment_counts_on_the_card_of_its_own_year_only(tiny):
    for year, points in ((2022, -5), (2023, -2), (2024, -7)):
        do(
            tiny,
            add_adjustment,
            unit="甲局",
            year=year,
            points=points,
            reason="核减",
            approver="李中煊",
            decided_on=dt.date(2023, 12, 20),  # all decided while 2023's cards were made
            as_of=END,
        )
    card = board(tiny).card("甲局")
    assert [line.points for line in card.lines if line.kind == "adjustment"] == [-2.0]


def test_the_bonus_stops_at_its_cap(tiny):
    # Task 1 done a month before its 06-30 milestone: a bonus of 0.5, over a cap of 0.25.
    close(tiny, T1, "甲局", dt.date(2023, 6, 1))
    card = board(tiny, dataclasses.replace(QUIET, bonus_max=0.25)).card("甲局")
    bonus = [(line.task, line.detail, line.points) for line in card.lines if line.kind == "bonus"]
    # the correcting line is the card's, not a task's
    assert bonus == [("空气第1项 任务一", "提前 30 天完成", 0.5), ("", "加分封顶 0.25 分", -0.25)]
    assert card.bonus == 0.25
    # At the cap exactly, no correcting line.
    at_cap = board(tiny, dataclasses.replace(QUIET, bonus_max=0.5)).card("甲局")
    assert [line.points for line in at_cap.lines if line.kind == "bonus"] == [0.5]


def test_notice_deductions_stop_at_their_cap(tiny):
    # −1 for the answered 督办, −3 and −1 for the unanswered 专项督察: −5, over a cap of 4.
    answered_then_unanswered(tiny)
    card = board(tiny, dataclasses.replace(QUIET, notices_max=4.0)).card("甲局")
    lines = [(line.task, line.detail, line.points) for line in card.lines if line.kind == "notice"]
    assert lines[2:] == [("", "督办扣分封顶 4 分", 1.0)]
    assert [line.basis for line in card.lines if line.kind == "notice"][2] == (
        "考核细则：督办扣分最多 4 分"
    )
    assert card.notice_points == -4.0
    # At the cap exactly, no correcting line.
    at_cap = board(tiny, dataclasses.replace(QUIET, notices_max=5.0)).card("甲局")
    assert [line.points for line in at_cap.lines if line.kind == "notice"] == [-1.0, -4.0]
    assert at_cap.notice_points == -5.0


def test_bands_are_configurable(tiny):
    close(tiny, T1, "甲局", dt.date(2023, 6, 25))
    rubric = dataclasses.replace(
        QUIET, bands=(Band("优秀", 60.0), Band("合格", 30.0), Band("不合格", 0.0))
    )
    # 66.67 points; task 2, not done at year-end, bars the top band — unless no veto.
    assert board(tiny, rubric).card("甲局").rating == "合格"
    assert board(tiny, dataclasses.replace(rubric, veto_bars=None)).card("甲局").rating == "优秀"


OCT_15 = dt.date(2023, 10, 15)


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
    notify(tiny, "甲局", T2, "提醒", dt.date(2023, 10, 2))
    assert board(tiny, default_rubric(), as_of=dt.date(2023, 9, 30)) == before
    assert board(tiny, default_rubric()) != before


@pytest.mark.parametrize(("as_of", "counted"), [(OCT_15, True), (OCT_15 - dt.timedelta(1), False)])
def test_a_report_and_an_adjustment_count_from_their_own_day(tiny, as_of, counted):
    report(tiny, T2, "甲局", OCT_15, percent=80)
    do(
        tiny,
        add_adjustment,
        unit="甲局",
        year=2023,
        points=-3,
        reason="核减",
        approver="李中煊",
        decided_on=OCT_15,
        as_of=END,
    )
    card = board(tiny, as_of=as_of).card("甲局")
    assert [line.detail for line in card.lines if line.kind == "adjustment"] == (
        ["核减"] if counted else []
    )
    (task_2,) = [line for line in card.lines if line.kind == "task" and "第2项" in line.task]
    assert ("2023-10-15" in task_2.basis) is counted


DEMO_DATES = (dt.date(2023, 6, 30), dt.date(2023, 11, 15), dt.date(2023, 12, 31))
PARTS = {
    "task": "task_points",
    "reporting": "reporting",
    "notice": "notice_points",
    "bonus": "bonus",
    "adjustment": "adjustments",
    "limit": "limit",
}


def in_cents(points: float) -> int:
    value = round(points * 100)
    assert value / 100 == points, f"{points} is not rounded to cents"
    return value


def assert_adds_up(card) -> None:
    """Every line is in whole cents; each part is the sum of its lines; the parts add up to
    the score — compared as integers, so no tolerance hides a cent."""
    lines = [in_cents(line.points) for line in card.lines]
    for kind, field in PARTS.items():
        of_kind = sum(in_cents(x.points) for x in card.lines if x.kind == kind)
        assert of_kind == in_cents(getattr(card, field)), (card.unit, kind)
    assert sum(lines) == in_cents(card.score), card.unit
    assert sum(in_cents(getattr(card, f)) for f in PARTS.values()) == in_cents(card.score)
    assert all(x.points == 0 for x in card.lines if x.kind == "veto")


def test_demo_cards_add_up_to_the_cent(demo_db):
    for as_of in DEMO_DATES:
        scoreboard = board(demo_db, default_rubric(), as_of=as_of)
        assert len(scoreboard.cards) == 29
        for card in scoreboard.cards:
            assert_adds_up(card)
            assert 0 <= card.score <= 100


def test_a_line_is_rounded_once_and_the_total_is_their_sum(demo_db):
    # 住建局 at year-end: its task lines printed to the cent sum to 94.29, while the old
    # total of the unrounded lines read 94.24 — the printed table did not add up.
    card = board(demo_db, default_rubric()).card("住建局")
    tasks = [line.points for line in card.lines if line.kind == "task"]
    assert card.task_points == 98.21 == sum(round(p * 100) for p in tasks) / 100
    assert card.score == 99.71


TABLES = r"progress_report|closure_event|score_adjustment|milestone|notice|task|rubric|unit"
PLAN_KEYS = r"air|water|soil|groundwater"
LEAKS = re.compile(rf":\s*\d|\b({TABLES}|{PLAN_KEYS})\b|[a-z]+_[a-z]+", re.IGNORECASE)
DAY = r"\d{4}-\d\d-\d\d"
TASK_BASIS = re.compile(
    rf"{DAY} 销号|{DAY} (报送已完成|完成全部时间节点)(；{DAY} 销号|；待销号)"
    rf"|({DAY} 重新打开，此前的报送和节点不再计为完成；)?({DAY} 报送（进度 \d+%）|未报送)"
)
TASK_LABEL = re.compile(r"(空气|水|土壤|地下水)第\d+项 \S.*")


def test_no_line_names_a_record_id_a_table_or_a_plan_key(demo_db):
    for as_of in DEMO_DATES:
        for card in board(demo_db, default_rubric(), as_of=as_of).cards:
            for line in card.lines:
                for text in (line.task, line.detail, line.basis):
                    assert not LEAKS.search(text), (card.unit, line)
                assert line.basis, line
                if line.task:
                    assert TASK_LABEL.fullmatch(line.task), line
                if line.kind == "task":
                    assert line.task and TASK_BASIS.fullmatch(line.basis), line


def test_the_basis_of_each_line_in_words(tiny):
    close(tiny, T1, "甲局", dt.date(2023, 6, 1))
    report(tiny, T2, "甲局", dt.date(2023, 9, 21), percent=80)
    do(
        tiny,
        add_adjustment,
        unit="甲局",
        year=2023,
        points=-1.5,
        reason="材料不实",
        approver="李中煊",
        decided_on=dt.date(2023, 12, 20),
        as_of=END,
    )
    card = board(tiny).card("甲局")
    assert [(x.kind, x.task, x.basis) for x in card.lines if x.kind != "reporting"] == [
        ("task", TASK1, "2023-05-31 报送已完成；2023-06-01 销号"),
        ("bonus", TASK1, "2023-05-31 完成，时间节点 2023-06-30"),
        ("task", TASK2, "2023-09-21 报送（进度 80%）"),
        ("adjustment", "", "人工调整：材料不实，批准人 李中煊（2023-12-20）"),
    ]
    (untouched,) = [x for x in board(tiny).card("乙局").lines if x.kind == "task"]
    assert (untouched.task, untouched.basis, untouched.points) == (TASK2, "未报送", 0.0)


# Ranking --------------------------------------------------------------------------------


def quartet_plan() -> PlanDocument:
    """Four units, each the lead of one task: three departments and an enterprise."""
    units = ("甲局", "乙局", "丙局", "丁公司")
    return PlanDocument(
        document=DocumentData("测试〔2023〕2号", "测试县政府办公室", dt.date(2023, 1, 1)),
        plans=(
            PlanData(
                "air",
                "测试计划",
                2023,
                ("目标",),
                tuple(
                    TaskData(n, "一节", f"任务{n}", f"任务{n}。", lead=(unit,))
                    for n, unit in enumerate(units, start=1)
                ),
            ),
        ),
        units=(
            UnitData("甲局", "department"),
            UnitData("乙局", "department"),
            UnitData("丙局", "department"),
            UnitData("丁公司", "enterprise"),
        ),
    )


@pytest.fixture
def quartet(tmp_path, context):
    database = plan_database(tmp_path, context, quartet_plan(), "q")
    yield database
    database.close()


def ranks(scoreboard) -> list[tuple[str, int | None, bool, str]]:
    return [(c.unit, c.rank, c.tied, c.rank_label) for c in scoreboard.cards]


def test_equal_scores_share_a_rank_and_the_next_rank_skips(quartet):
    for number, unit in ((1, "甲局"), (2, "乙局"), (4, "丁公司")):
        close(quartet, TaskRef("air", number), unit, dt.date(2023, 12, 20))
    report(quartet, TaskRef("air", 3), "丙局", dt.date(2023, 12, 1), percent=50)
    assert ranks(board(quartet)) == [
        ("乙局", 1, True, "并列第1"),
        ("甲局", 1, True, "并列第1"),
        ("丙局", 3, False, "3"),
        ("丁公司", None, False, "不参与排名"),  # an enterprise: scored, not ranked
    ]


def test_unequal_scores_do_not_tie(quartet):
    close(quartet, TaskRef("air", 1), "甲局", dt.date(2023, 12, 20))
    report(quartet, TaskRef("air", 2), "乙局", dt.date(2023, 12, 1), percent=99)
    report(quartet, TaskRef("air", 3), "丙局", dt.date(2023, 12, 1), percent=98)
    scoreboard = board(quartet)
    assert [(c.unit, c.score) for c in scoreboard.cards[:3]] == [
        ("甲局", 100.0),
        ("乙局", 79.2),
        ("丙局", 78.4),
    ]
    assert ranks(scoreboard)[:3] == [
        ("甲局", 1, False, "1"),
        ("乙局", 2, False, "2"),
        ("丙局", 3, False, "3"),
    ]


def test_ranking_categories_are_a_rubric_setting(quartet):
    close(quartet, TaskRef("air", 1), "甲局", dt.date(2023, 12, 20))
    close(quartet, TaskRef("air", 4), "丁公司", dt.date(2023, 12, 20))
    one = (Category("全部", ("department", "township", "enterprise")),)
    everyone = dataclasses.replace(QUIET, categories=one)
    assert ranks(board(quartet, everyone)) == [
        ("丁公司", 1, True, "并列第1"),
        ("甲局", 1, True, "并列第1"),
        ("丙局", 3, True, "并列第3"),
        ("乙局", 3, True, "并列第3"),
    ]
    apart = (Category("企业", ("enterprise",)), Category("部门", ("department",)))
    scoreboard = board(quartet, dataclasses.replace(QUIET, categories=apart))
    assert ranks(scoreboard) == [
        ("丁公司", 1, False, "1"),
        ("甲局", 1, False, "1"),
        ("丙局", 2, True, "并列第2"),
        ("乙局", 2, True, "并列第2"),
    ]
    assert [c.category for c in scoreboard.cards] == ["企业", "部门", "部门", "部门"]
    assert scoreboard.categories == ("企业", "部门")
    enterprises = dataclasses.replace(QUIET, categories=apart[:1])
    assert ranks(board(quartet, enterprises)) == [
        ("丁公司", 1, False, "1"),
        ("甲局", None, False, "不参与排名"),
        ("丙局", None, False, "不参与排名"),
        ("乙局", None, False, "不参与排名"),
    ]
    default = board(quartet)
    assert [c.unit for c in default.cards if not c.ranked] == ["丁公司"]
    assert default.card("丁公司").score == 100.0  # unranked, still scored
    assert default.card("丁公司").unranked_reason == "企业类单位"
    assert [c.unranked_reason for c in default.cards if c.ranked] == ["", "", ""]


def test_demo_ranks_departments_and_townships_apart_with_ties(demo_db):
    scoreboard = board(demo_db, default_rubric(), as_of=END)
    assert scoreboard.categories == ("县直部门", "乡镇")
    unranked = [(c.unit, c.unranked_reason) for c in scoreboard.cards if not c.ranked]
    # An enterprise, and a department holding only supporting tasks: scored, not ranked.
    assert unranked == [("中石化蒲县分公司", "企业类单位"), ("应急管理局", "仅承担配合任务")]
    assert scoreboard.cards[-1].rank_label == "不参与排名"
    for category, kind in (("县直部门", "department"), ("乡镇", "township")):
        ranked = [c for c in scoreboard.cards if c.category == category]
        assert {c.kind for c in ranked} == {kind} and ranked[0].rank == 1
        for before, after in itertools.pairwise(ranked):
            assert before.score >= after.score
            assert (before.rank == after.rank) == (before.score == after.score)
            if before.score != after.score:
                assert after.rank == ranked.index(after) + 1
    tied = [(c.unit, c.rank_label) for c in scoreboard.cards if c.tied]
    assert tied == [("公路段", "并列第1"), ("发改局", "并列第1"), ("林业局", "并列第1")]


# Provisional ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "provisional", "words"),
    [
        (dt.date(2023, 12, 30), True, "截至 2023-12-30 未完成（进度 50%，"),
        (dt.date(2023, 12, 31), False, "年底未完成（进度 50%，"),
    ],
)
def test_a_board_before_the_years_end_is_provisional(tiny, as_of, provisional, words):
    report(tiny, T1, "甲局", dt.date(2023, 12, 1), percent=50)
    scoreboard = board(tiny, as_of=as_of)
    assert scoreboard.provisional is provisional
    (line, *_) = scoreboard.card("甲局").lines
    assert words in line.detail
    assert ("年底" in line.detail) is not provisional


@pytest.mark.parametrize(
    ("as_of", "provisional", "words"),
    [
        (
            dt.date(2023, 12, 30),
            True,
            "1 项任务的时间节点已到（截至 2023-12-30）仍未完成，一票否决：不得评为“优秀”",
        ),
        (dt.date(2023, 12, 31), False, "1 项任务到年底未完成，一票否决：不得评为“优秀”"),
    ],
)
def test_the_veto_says_when_it_was_red(tmp_path, context, as_of, provisional, words):
    database = open_database(tmp_path / "veto.sqlite3", context)
    with database.write() as session:
        import_plan_document(
            session, tiny_plan(dt.date(2023, 12, 15)), source_name="t", source_sha256="0" * 64
        )
    close(database, T1, "甲局", dt.date(2023, 6, 25))
    report(database, T2, "甲局", dt.date(2023, 12, 1), percent=97)
    scoreboard = board(database, as_of=as_of)
    assert scoreboard.provisional is provisional
    veto = scoreboard.card("甲局").lines[-1]
    assert veto.kind == "veto" and veto.detail == words
    database.close()


def test_notices_and_adjustments_are_on_the_card_by_their_day_then_as_entered(tiny):
    """Entered late (backdated) or on one day, they still read in the order of their days."""
    for day in (dt.date(2023, 10, 9), dt.date(2023, 9, 4), dt.date(2023, 10, 9)):
        notify(tiny, "甲局", T1, "督办", day)
    for points, reason, day in (
        (1, "第一次", dt.date(2023, 12, 20)),
        (-1, "第二次", dt.date(2023, 11, 2)),
        (0.5, "第三次", dt.date(2023, 12, 20)),
    ):
        do(
            tiny,
            add_adjustment,
            unit="甲局",
            year=2023,
            points=points,
            reason=reason,
            approver="李中煊",
            decided_on=day,
            as_of=END,
        )
    card = board(tiny).card("甲局")
    assert [line.detail for line in card.lines if line.kind == "notice"] == [
        "督办〔2023〕2号（督办，2023-09-04下发）逾期未答复",
        "督办〔2023〕1号（督办，2023-10-09下发）逾期未答复",
        "督办〔2023〕3号（督办，2023-10-09下发）逾期未答复",  # the same day: as entered
    ]
    adjusted = [line.detail for line in card.lines if line.kind == "adjustment"]
    assert adjusted == ["第二次", "第一次", "第三次"]


def test_the_board_names_its_rubric():
    # The name printed is the rubric's own [meta] name, not a label for the default.
    assert default_rubric().name == "环境行动计划年度目标责任考核细则"


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
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
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
        assert_adds_up(card)
    database.close()


def test_report_period():
    import datetime as dt

    from model.scoring.scorecards import report_period

    assert report_period(dt.date(2023, 11, 15), [2023]) == (2023, dt.date(2023, 11, 15))
    assert report_period(dt.date(2026, 11, 28), [2023, 2024]) == (2024, dt.date(2024, 12, 31))
    assert report_period(dt.date(2022, 5, 1), [2023]) == (2023, dt.date(2022, 5, 1))
    assert report_period(dt.date(2026, 1, 5), [2023], 2023) == (2023, dt.date(2023, 12, 31))
    assert report_period(dt.date(2026, 1, 5), []) == (2026, dt.date(2026, 1, 5))


def test_a_task_line_knows_the_most_it_could_earn(tiny):
    report(tiny, T1, "甲局", dt.date(2023, 12, 1), percent=50)
    card = board(tiny).card("甲局")
    task1 = next(line for line in card.lines if line.task == TASK1)
    assert (task1.points, task1.full) == (6.67, 66.67)  # the share of the base: 100 × 1/1.5
    assert task1.detail.endswith("得分 6.67/66.67")  # the same two numbers as the detail
    task2 = next(line for line in card.lines if line.task == TASK2)
    assert task2.full == 33.33
    assert all(line.full is None for line in card.lines if line.kind != "task")


def test_the_raw_score_is_the_score_before_the_floor_or_the_cap(tiny):
    # 乙局 never reports: its notice deduction takes it below the floor of 0.
    notify(tiny, "乙局", T2, "督办", dt.date(2023, 3, 1), body="请整改")
    card = board(tiny).card("乙局")
    limit = next(line for line in card.lines if line.kind == "limit")
    assert card.score == 0.0 and limit.points > 0
    assert card.raw_score == -limit.points == card.limit * -1
    assert board(tiny).card("甲局").raw_score == board(tiny).card("甲局").score  # no limit
    # The cap: everything closed early and a bonus on top of 100.
    close(tiny, T1, "甲局", dt.date(2023, 6, 1))
    close(tiny, T2, "甲局", dt.date(2023, 11, 1))
    capped = board(tiny).card("甲局")
    assert capped.score == 100.0 and capped.limit < 0
    assert capped.raw_score == round(100.0 - capped.limit, 2) > 100


# Reading the records ----------------------------------------------------------------------


def test_reports_of_one_day_count_in_the_order_they_were_recorded(tiny):
    # The reports are read in bulk and ordered by day, then by record: on one day the one
    # recorded last is the latest, and an unfinished one after 已完成 means not done.
    report(tiny, T1, "甲局", dt.date(2023, 5, 5), "done", 100)
    report(tiny, T1, "甲局", dt.date(2023, 5, 5), percent=30)
    card = board(tiny).card("甲局")
    (line, *_) = card.lines
    assert (card.done_on_time, card.done_late) == (0, 0)
    assert line.basis == "2023-05-05 报送（进度 30%）"
    report(tiny, T1, "甲局", dt.date(2023, 5, 5), "done", 100)
    assert board(tiny).card("甲局").done_on_time == 1


def test_a_board_before_any_return_is_due_has_no_reporting_lines(tiny):
    # January's return is due 2023-02-10 (tests/model/scoring/test_scoring_by_return.py).
    report(tiny, T1, "甲局", dt.date(2023, 1, 5))
    early = board(tiny, rubric=default_rubric(), as_of=dt.date(2023, 1, 31))
    assert [line.kind for line in early.card("甲局").lines] == ["task", "task"]
    later = board(tiny, rubric=default_rubric(), as_of=dt.date(2023, 2, 28))
    (line,) = [x for x in later.card("甲局").lines if x.kind == "reporting"]
    assert line.basis == "2023年1月报送表 未报送"  # a report is not a return


def test_points_in_words_have_two_decimals_and_a_minus_only_below_zero():
    import polars as pl

    from model.scoring.scorecards import _money

    frame = pl.DataFrame({"x": [0.0, 7.0, 0.05, 12.34, -0.25, 100.0]})
    assert frame.select(_money("x").alias("m"))["m"].to_list() == [
        "0.00",
        "7.00",
        "0.05",
        "12.34",
        "-0.25",
        "100.00",
    ]


def test_a_plan_without_a_short_name_is_named_on_the_card_by_its_title(tmp_path, context):
    document = tiny_plan()
    (plan,) = document.plans
    noise = dataclasses.replace(document, plans=(dataclasses.replace(plan, key="noise"),))
    database = plan_database(tmp_path, context, noise, "noise")
    card = board(database).card("甲局")
    assert [line.task for line in card.lines if line.kind == "task"] == [
        "测试计划第1项 任务一",
        "测试计划第2项 任务二",
    ]
    database.close()


def test_a_years_card_holds_that_years_tasks_only(tiny):
    document = tiny_plan()
    (plan,) = document.plans
    next_year = dataclasses.replace(
        document,
        document=dataclasses.replace(
            document.document, number="测试〔2024〕1号", issued_on=dt.date(2024, 1, 1)
        ),
        plans=(dataclasses.replace(plan, year=2024),),
    )
    with tiny.write() as session:
        import_plan_document(session, next_year, source_name="2024", source_sha256="0" * 64)
    card = board(tiny).card("甲局")
    assert [line.task for line in card.lines if line.kind == "task"] == [
        "空气第1项 任务一",
        "空气第2项 任务二",
    ]


def test_a_group_has_no_card_and_the_units_after_it_still_do(tmp_path, context):
    """A group with no members on the evaluation day holds its task itself; it is not a
    unit the office scores, so it has no card, and a group listed before the units does
    not end the cards."""
    document = tiny_plan()
    (plan,) = document.plans
    grouped = dataclasses.replace(
        document,
        plans=(
            dataclasses.replace(
                plan,
                tasks=(dataclasses.replace(plan.tasks[0], lead=("甲局", "各局")), plan.tasks[1]),
            ),
        ),
        units=(UnitData("各局", "group"), *document.units),
    )
    database = plan_database(tmp_path, context, grouped, "grouped")
    assert sorted(card.unit for card in board(database).cards) == ["乙局", "甲局"]
    database.close()
