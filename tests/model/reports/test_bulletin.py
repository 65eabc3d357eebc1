"""月度通报: tasks and unit–task pairs counted apart and consistently; never-reported units;
replies flagged when late, in the shared reply states."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.lights import LightRules
from model.reports.bulletin import monthly_bulletin, pairs, tasks_of
from model.reports.progress_table import Progress, progress_table
from model.status.notices import ReplyState

RULES = LightRules()
DEMO = dt.date(2023, 11, 15)


def bulletin(database, as_of):
    with database.read() as session:
        return monthly_bulletin(session, year=2023, as_of=as_of, rules=RULES)


@pytest.mark.parametrize(
    ("as_of", "tasks", "pairs_", "units"),
    # At the year's end every unfinished part is overdue (lights.deadline_missed).
    [(DEMO, 2, 7, 5), (dt.date(2023, 12, 31), 51, 203, 24)],
)
def test_tasks_and_pairs_agree(demo_db, as_of, tasks, pairs_, units):
    b = bulletin(demo_db, as_of)
    # The overall figures count tasks; the list by unit counts pairs and the tasks they touch
    # (at the year's end some of those tasks have their lead done: still 逾期, not 已完成).
    assert b.total(Progress.OVERDUE) == tasks_of(b.red_units) == tasks
    assert pairs(b.red_units) == pairs_ and len(b.red_units) == units
    with demo_db.read() as session:
        table = progress_table(session, year=2023, as_of=as_of, rules=RULES)
    overdue_pairs = [
        h
        for r in table.rows
        for h in r.holders
        if h.progress is Progress.OVERDUE and not h.chase.placeholder
    ]
    assert pairs(b.red_units) == len(overdue_pairs)
    assert b.tasks == 68 == sum(f.tasks for f in b.figures)


def test_never_reported_units_are_listed_with_what_they_owe(demo_db):
    b = bulletin(demo_db, DEMO)
    by_unit = {u.unit: u for u in b.unreported_units}
    assert len(by_unit["克城镇"].items) == 12 and set(by_unit["克城镇"].owed) == {3}
    assert not any("成员单位" in u for u in by_unit)
    assert {p.group for p in b.placeholders} == {
        "大气办有关成员单位",
        "县清洁取暖工作领导小组成员单位",
    }
    assert pairs(b.unreported_units) == sum(len(u.items) for u in b.unreported_units)


@pytest.mark.parametrize(
    ("as_of", "states"),
    [
        # The reply date itself is in time; a reply the day after it is late.
        (dt.date(2023, 12, 11), {"5": "answered", "6": "answered", "7": "open", "8": "open"}),
        (dt.date(2023, 12, 12), {"5": "answered", "6": "answered", "7": "overdue", "8": "overdue"}),
        (dt.date(2023, 12, 13), {"5": "answered", "6": "answered", "7": "late", "8": "overdue"}),
    ],
)
def test_replies_in_the_shared_states(demo_db, as_of, states):
    b = bulletin(demo_db, as_of)
    listed = {n.number: n.state(as_of).value for n in b.listed_notices}
    for n, state in states.items():
        assert listed[f"督办〔2023〕{n}号"] == state
    late = sum(1 for s in states.values() if s == "late")
    assert b.replies_in(ReplyState.LATE) == late
    assert b.replies_in(ReplyState.ANSWERED) == 2
    # Notices left unanswered in November are still listed in December.
    assert {"督办〔2023〕1号", "督办〔2023〕4号"} <= {n.number for n in b.outstanding}
    assert {n.number for n in b.notices} == {f"督办〔2023〕{n}号" for n in "5678"}
