"""The year-end cycle on a small plan: 自评 → 复核 → 审定, refusals, freezing, re-review."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil

import pytest
from sqlalchemy import func, select

from model.core.errors import InputError
from model.plans.data import DocumentData, MilestoneData, PlanData, PlanDocument, TaskData, UnitData
from model.plans.load import import_plan_document
from model.plans.task_refs import TaskRef
from model.scoring.review import compute_reviewed_board, item_ranges
from model.scoring.rubric import default_rubric
from model.store.audit import AuditContext
from model.store.audit_history import audit_log, event_day, event_summary
from model.store.db import open_database
from model.store.schema import AuditEvent, ScoreApproval, ScoreEntry
from model.work.adjustments import add_adjustment
from model.work.progress import ReportInput, close_item, record_report
from model.work.reviews import approve, enter_self_score, reopen, set_review
from tests.conftest import FIXED_NOW

END = dt.date(2023, 12, 31)
JAN = dt.date(2024, 1, 15)  # the cycle runs after the year
RUBRIC = dataclasses.replace(default_rubric(), missed_report=0.0, late_report=0.0)
RANGES = item_ranges(RUBRIC)


def cycle_plan() -> PlanDocument:
    """甲局 leads two tasks (one with a mid-year deadline), 乙局 and 丙局 one each, 丁公司
    (an enterprise: scored, not ranked) one; 各部门 is a group of 乙局 and 丙局."""
    task = TaskData
    return PlanDocument(
        document=DocumentData("测试〔2023〕3号", "测试县政府办公室", dt.date(2023, 1, 1)),
        plans=(
            PlanData(
                "air",
                "测试计划",
                2023,
                ("目标",),
                (
                    task(
                        1,
                        "一节",
                        "任务一",
                        "任务一。",
                        lead=("甲局",),
                        milestones=(MilestoneData(dt.date(2023, 6, 30), "6月底前完成"),),
                    ),
                    task(2, "一节", "任务二", "任务二。", lead=("甲局",)),
                    task(3, "一节", "任务三", "任务三。", lead=("乙局",)),
                    task(4, "一节", "任务四", "任务四。", lead=("丙局",)),
                    task(5, "一节", "任务五", "任务五。", lead=("丁公司",)),
                ),
            ),
        ),
        units=(
            UnitData("甲局", "department"),
            UnitData("乙局", "department"),
            UnitData("丙局", "department"),
            UnitData("丁公司", "enterprise"),
            UnitData("戊局", "department"),
            UnitData("各部门", "group", members=("乙局", "丙局")),
        ),
    )


@pytest.fixture(scope="module")
def cycle_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("cycle") / "template.sqlite3"
    context = AuditContext(actor="测试员", clock=lambda: FIXED_NOW)
    with open_database(path, context) as database, database.write() as session:
        import_plan_document(session, cycle_plan(), source_name="c", source_sha256="0" * 64)
    return path


@pytest.fixture
def cycle(cycle_template, tmp_path, context):
    """The small plan, a fresh copy per test (migrating a new file costs more than a test)."""
    path = tmp_path / "cycle.sqlite3"
    shutil.copy(cycle_template, path)
    database = open_database(path, context)
    yield database
    database.close()


def do(database, action, *args, **kwargs):
    with database.write() as session:
        return action(session, *args, **kwargs)


def close(database, number, unit, on):
    ref = TaskRef("air", number)
    do(database, record_report, ReportInput(ref, unit, on, "done", 100), as_of=END)
    do(database, close_item, ref, unit, on, reason="核验", verified_by="主任", as_of=END)


def closed_year(database):
    """乙局 and 丙局 done on time (100); 甲局 half done (task two only); 丁公司 done."""
    for number, unit in ((2, "甲局"), (3, "乙局"), (4, "丙局"), (5, "丁公司")):
        close(database, number, unit, dt.date(2023, 12, 20))


def self_score(database, unit, item, points, note="", on=JAN, as_of=JAN):
    return do(
        database,
        enter_self_score,
        unit=unit,
        year=2023,
        item=item,
        points=points,
        note=note,
        on=on,
        as_of=as_of,
        ranges=RANGES,
    )


def review(database, unit, item, points, reason="核减", by="王主任", on=JAN, as_of=JAN):
    return do(
        database,
        set_review,
        unit=unit,
        year=2023,
        item=item,
        points=points,
        reason=reason,
        by=by,
        on=on,
        as_of=as_of,
        ranges=RANGES,
    )


def reviewed(database, as_of=JAN):
    with database.read() as session:
        return compute_reviewed_board(session, year=2023, as_of=as_of, rubric=RUBRIC)


def approve_year(database, by="李县长", on=JAN, as_of=JAN):
    with database.write() as session:
        cards = compute_reviewed_board(session, year=2023, as_of=as_of, rubric=RUBRIC)
        return approve(session, year=2023, by=by, on=on, as_of=as_of, cards=cards.frozen_data())


def reopen_year(database, reason="县长要求复查", by="王主任", on=JAN, as_of=JAN):
    return do(database, reopen, year=2023, reason=reason, by=by, on=on, as_of=as_of)


def table(board):
    return [(u.unit, u.total, u.rating, u.rank_label) for u in board.units]


def test_without_entries_the_reviewed_board_is_the_systems(cycle):
    closed_year(cycle)
    board = reviewed(cycle)
    assert board.state == "none" and board.state_label == "未自评" and not board.frozen
    assert table(board) == [
        ("丙局", 100.0, "优秀", "并列第1"),
        ("乙局", 100.0, "优秀", "并列第1"),
        ("甲局", 50.0, "不合格", "3"),
        ("丁公司", 100.0, "优秀", "不参与排名"),
    ]
    jia = board.unit("甲局")
    assert [(i.name, i.full, i.computed, i.reviewed) for i in jia.items] == [
        ("任务完成", 100.0, 50.0, 50.0),
        ("进展报送", -10.0, 0.0, 0.0),
        ("督办落实", -10.0, 0.0, 0.0),
        ("加分", 5.0, 0.0, 0.0),
    ]
    assert jia.computed_total == jia.total == 50.0 and jia.self_total is None


def test_self_assessment_is_recorded_per_item_and_the_latest_wins(cycle):
    closed_year(cycle)
    self_score(cycle, "甲局", "任务完成", 90, "任务一已基本完成")
    self_score(cycle, "甲局", "任务完成", 85, "任务一完成八成")  # replaces the first
    unit = reviewed(cycle).unit("甲局")
    task = unit.item("task")
    assert (task.self_points, task.self_note, task.self_on) == (85.0, "任务一完成八成", JAN)
    assert unit.state == "self" and unit.state_label == "自评未完成（1/4 项）"
    assert unit.self_total is None and unit.total == 50.0  # self-scores change no total
    for item in ("进展报送", "督办落实", "加分"):
        self_score(cycle, "甲局", item, 0)
    unit = reviewed(cycle).unit("甲局")
    assert unit.self_total == 85.0 and unit.state_label == "已自评"
    with cycle.read() as session:
        assert session.scalar(select(func.count()).select_from(ScoreEntry)) == 5


def test_a_review_changes_the_total_band_and_ranks_with_its_reason(cycle):
    closed_year(cycle)
    review(cycle, "乙局", "任务完成", 95, reason="任务三佐证不全")
    review(cycle, "乙局", "进展报送", -1.5, reason="9月报送内容不实")
    board = reviewed(cycle)
    assert board.state_label == "已复核"
    yi = board.unit("乙局")
    assert (yi.item("task").reason, yi.item("task").reviewed_by) == ("任务三佐证不全", "王主任")
    assert yi.item("notice").reviewed == yi.item("notice").computed == 0.0  # not reviewed
    assert table(board)[:2] == [("丙局", 100.0, "优秀", "1"), ("乙局", 93.5, "优秀", "2")]


def test_reviewed_totals_keep_adjustments_the_floor_the_bonus_rule_and_the_veto(cycle):
    closed_year(cycle)
    do(
        cycle,
        add_adjustment,
        unit="丙局",
        year=2023,
        points=-3,
        reason="信访件处理不力",
        approver="李县长",
        decided_on=END,
        as_of=END,
    )
    review(cycle, "丙局", "任务完成", 88)
    review(cycle, "丙局", "加分", 5, reason="提前完成")
    bing = reviewed(cycle).unit("丙局")
    # 88 + 5 − 3 = 90, but the bonus lifts no band: rated on 85 → 良好.
    assert (bing.adjustments, bing.total, bing.rating) == (-3.0, 90.0, "良好")
    review(cycle, "丙局", "任务完成", 100)
    bing = reviewed(cycle).unit("丙局")
    assert (bing.total, bing.limit) == (100.0, -2.0)  # capped at 100
    # 甲局 missed task one's deadline: reviewed into the top band, the veto bars it.
    review(cycle, "甲局", "任务完成", 95, reason="任务一客观原因延误")
    jia = reviewed(cycle).unit("甲局")
    assert (jia.total, jia.rating, jia.vetoed) == (95.0, "良好", True)


@pytest.mark.parametrize(
    ("item", "points", "message"),
    [
        ("任务完成", 100.5, "「任务完成」的得分应在 0 到 100 分之间"),
        ("进展报送", 1, "「进展报送」的得分应在 -10 到 0 分之间"),
        ("督办落实", -10.5, "「督办落实」的得分应在 -10 到 0 分之间"),
        ("加分", 6, "「加分」的得分应在 0 到 5 分之间"),
        ("任务完成", 80.125, "得分最多保留两位小数"),
        ("任务分", 80, "考核项目「任务分」不存在，可选：任务完成、进展报送、督办落实、加分"),
    ],
)
def test_points_outside_the_items_range_are_refused(cycle, item, points, message):
    with pytest.raises(InputError, match=message):
        self_score(cycle, "甲局", item, points)
    with pytest.raises(InputError, match=message):
        review(cycle, "甲局", item, points)


def test_entries_are_refused_with_reasons_and_nothing_is_written(cycle):
    with pytest.raises(InputError, match="复核理由不能为空"):
        review(cycle, "甲局", "任务完成", 40, reason="  ")
    with pytest.raises(InputError, match="复核人不能为空"):
        review(cycle, "甲局", "任务完成", 40, by="")
    with pytest.raises(InputError, match="自评日期「2024-01-16」晚于截至日期 2024-01-15"):
        self_score(cycle, "甲局", "任务完成", 40, on=dt.date(2024, 1, 16))
    with pytest.raises(InputError, match="复核日期「2022-12-31」早于 2023 年度"):
        review(cycle, "甲局", "任务完成", 40, on=dt.date(2022, 12, 31))
    with pytest.raises(InputError, match="单位组「各部门」不单独考核"):
        self_score(cycle, "各部门", "任务完成", 40)
    with pytest.raises(InputError, match="「戊局」在 2023 年度没有承担任务"):
        self_score(cycle, "戊局", "任务完成", 40)
    with cycle.read() as session:
        assert session.scalar(select(func.count()).select_from(ScoreEntry)) == 0


def test_approval_freezes_the_cards_and_refuses_entries(cycle):
    closed_year(cycle)
    self_score(cycle, "甲局", "任务完成", 60, "任务二完成")
    review(cycle, "甲局", "任务完成", 55, reason="任务二迟报佐证")
    with pytest.raises(InputError, match="2023 年度尚未结束（审定日期 2023-11-15）"):
        approve_year(cycle, on=dt.date(2023, 11, 15), as_of=dt.date(2023, 11, 15))
    approve_year(cycle)
    board = reviewed(cycle)
    assert board.frozen and board.state_label == "已审定（李县长，2024-01-15）"
    assert not board.changed and board.notes == ()
    assert board.unit("甲局").total == 55.0 and board.unit("甲局").state_label == "已审定"
    frozen = table(board)
    for enter in (self_score, review):
        with pytest.raises(InputError, match="已于 2024-01-15 由 李县长 审定，不能再自评或复核"):
            enter(cycle, "乙局", "任务完成", 90)
    with pytest.raises(InputError, match="不能重复审定"):
        approve_year(cycle)
    # A record dated in the year entered after the approval: the approved cards stand,
    # and the board says that today's records would give other cards.
    close(cycle, 1, "甲局", dt.date(2023, 12, 28))
    board = reviewed(cycle)
    assert table(board) == frozen
    assert board.changed and board.notes[0].startswith("审定后数据有变化")
    # A provisional board (before the year's end) is never the frozen one.
    assert not reviewed(cycle, as_of=dt.date(2023, 11, 15)).frozen


def test_a_re_review_reopens_and_a_new_approval_freezes_again(cycle):
    closed_year(cycle)
    with pytest.raises(InputError, match="尚未审定，无需重新复核"):
        reopen_year(cycle)
    approve_year(cycle)
    with pytest.raises(InputError, match="重新复核的理由不能为空"):
        reopen_year(cycle, reason=" ")
    with pytest.raises(InputError, match="重新复核日期「2024-01-14」早于审定日期 2024-01-15"):
        reopen_year(cycle, on=dt.date(2024, 1, 14))
    close(cycle, 1, "甲局", dt.date(2023, 12, 28))
    reopen_year(cycle, on=dt.date(2024, 1, 20), as_of=dt.date(2024, 1, 20))
    board = reviewed(cycle, as_of=dt.date(2024, 1, 20))
    assert not board.frozen and not board.changed
    assert board.notes == ("重新复核：县长要求复查（王主任，2024-01-20）",)
    assert board.unit("甲局").total == 60.0  # live again: task one's late closure counts
    day = dt.date(2024, 1, 21)
    review(cycle, "甲局", "加分", 1, reason="主动整改", on=day, as_of=day)
    approve_year(cycle, by="李县长", on=day, as_of=day)
    board = reviewed(cycle, as_of=day)
    assert board.frozen and not board.changed
    assert board.unit("甲局").total == 61.0 and board.unit("甲局").item("bonus").reviewed == 1


def test_each_step_writes_its_audit_event(cycle):
    closed_year(cycle)
    self_score(cycle, "甲局", "任务完成", 60, "任务二完成")
    review(cycle, "甲局", "任务完成", 55, reason="任务二迟报佐证")
    approve_year(cycle)
    reopen_year(cycle)
    with cycle.read() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action.like("review.%")).order_by(AuditEvent.id)
        ).all()
        approval = session.scalars(select(ScoreApproval).order_by(ScoreApproval.id)).first()
        assert approval is not None and approval.cards is not None
        cards = json.loads(approval.cards)
    assert [(e.action, e.entity, e.entity_id, e.reason) for e in events] == [
        ("review.self", "score_entry", "1", None),
        ("review.set", "score_entry", "2", "任务二迟报佐证"),
        ("review.approve", "score_approval", "1", None),
        ("review.reopen", "score_approval", "2", "县长要求复查"),
    ]
    after = [json.loads(e.after_json) for e in events]
    assert after[1] == {
        "id": 2,
        "unit_id": after[1]["unit_id"],
        "year": 2023,
        "stage": "review",
        "item": "task",
        "points": 55.0,
        "note": "任务二迟报佐证",
        "entered_by": "王主任",
        "entered_on": "2024-01-15",
    }
    assert set(after[2]) == {
        "id",
        "year",
        "action",
        "decided_on",
        "decided_by",
        "reason",
        "cards",
        "cards_sha256",
    }
    jia = next(u for u in cards["units"] if u["unit"] == "甲局")
    assert (jia["total"], jia["rating"], jia["rank"], jia["category"]) == (
        55.0,
        "不合格",
        3,
        "县直部门",
    )
    assert jia["items"][0] == {
        "item": "task",
        "low": 0.0,
        "high": 100.0,
        "computed": 50.0,
        "self": 60.0,
        "self_note": "任务二完成",
        "self_on": "2024-01-15",
        "reviewed": 55.0,
        "reason": "任务二迟报佐证",
        "reviewed_by": "王主任",
        "reviewed_on": "2024-01-15",
    }
    # The audit log says what each step recorded, in the office's words.
    with cycle.read() as session:
        rows = [r for r in reversed(audit_log(session)) if r.action.startswith("review.")]
    assert [r.id for r in rows] == [e.id for e in events]
    assert [event_summary(r) for r in rows] == [
        "2024-01-15 自评「任务完成」60 分 任务二完成",
        "2024-01-15 复核「任务完成」55 分：任务二迟报佐证（复核人：王主任）",
        f"{after[2]['decided_on']} 审定（审定人：{after[2]['decided_by']}）",
        f"{after[3]['decided_on']} 重新复核：县长要求复查（{after[3]['decided_by']}）",
    ]
    assert [event_day(r) for r in rows][:2] == [dt.date(2024, 1, 15)] * 2
