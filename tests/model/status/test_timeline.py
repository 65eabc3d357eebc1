"""The timeline's milestone states follow the lights: the due day is on time except at the plan
year's end, and a reopening undoes a milestone met before it."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.lights import LightRules
from model.plans.data import DocumentData, MilestoneData, PlanData, PlanDocument, TaskData, UnitData
from model.plans.task_refs import TaskRef
from model.status.timeline import milestone_rows, milestone_state
from model.work.progress import (
    ReportInput,
    close_item,
    mark_milestone_done,
    record_report,
    reopen_item,
)
from tests.conftest import plan_database

RULES = LightRules()
END = dt.date(2023, 12, 31)
REF = TaskRef("air", 1)


@pytest.mark.parametrize(
    ("due", "as_of", "state"),
    [
        (dt.date(2023, 6, 30), dt.date(2023, 6, 30), "soon"),  # the due day: still on time
        (dt.date(2023, 6, 30), dt.date(2023, 7, 1), "overdue"),
        (END, dt.date(2023, 12, 30), "soon"),
        (END, END, "overdue"),  # the year's end: nothing left to wait for
        (dt.date(2023, 9, 30), dt.date(2023, 9, 15), "future"),  # 15 days: outside 14
        (dt.date(2023, 9, 30), dt.date(2023, 9, 16), "soon"),  # 14 days: inside the window
    ],
)
def test_milestone_state_boundaries(due, as_of, state):
    assert milestone_state(due, True, as_of, RULES, 2023) == state
    assert milestone_state(due, False, as_of, RULES, 2023) == "done"


@pytest.fixture
def one_task(tmp_path, context):
    plan = PlanDocument(
        document=DocumentData("测试〔2023〕5号", "测试县政府办公室", dt.date(2023, 1, 1)),
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
                        milestones=(MilestoneData(dt.date(2023, 6, 30), "6月底前"),),
                    ),
                ),
            ),
        ),
        units=(UnitData("甲局", "department"),),
    )
    database = plan_database(tmp_path, context, plan, "t")
    yield database
    database.close()


def rows(database, as_of):
    with database.read() as session:
        return milestone_rows(session, as_of, RULES)


def test_a_reopening_undoes_a_milestone_met_before_it(one_task):
    with one_task.write() as session:
        mark_milestone_done(session, REF, "甲局", 1, dt.date(2023, 6, 20), as_of=END)
        record_report(
            session, ReportInput(REF, "甲局", dt.date(2023, 6, 21), "done", 100), as_of=END
        )
        close_item(
            session, REF, "甲局", dt.date(2023, 6, 25), reason="核验", verified_by="主任", as_of=END
        )
    (row,) = rows(one_task, dt.date(2023, 7, 1))
    assert (row.state, row.done_units) == ("done", ("甲局",))
    with one_task.write() as session:
        reopen_item(
            session, REF, "甲局", dt.date(2023, 7, 2), reason="复查", verified_by="主任", as_of=END
        )
    (row,) = rows(one_task, dt.date(2023, 7, 3))
    assert (row.state, row.pending_units) == ("overdue", ("甲局",))
