"""Who the reports chase: never-reported holders counted as the scorecards count missed
reports, and placeholder groups that are never culprits."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.lights import LightRules
from model.plans.task_refs import TaskRef
from model.reports.progress_table import Progress, assess
from model.scoring.rubric import default_rubric
from model.scoring.scorecards import compute_scorecards
from model.status.chasing import (
    Chasing,
    first_owed_on,
    first_report_month,
    months_owed,
    placeholder_groups,
)
from model.status.holders import holder_states
from model.work.groups import edit_group_members
from model.work.progress import ReportInput, record_report

START = dt.date(2023, 7, 21)  # 蒲政办发〔2023〕23号
RULES = LightRules()


@pytest.mark.parametrize(
    ("start", "as_of", "owed"),
    [
        (START, dt.date(2023, 8, 30), 0),  # August not over: nothing owed yet
        (START, dt.date(2023, 8, 31), 1),  # August ends: its report is owed
        (START, dt.date(2023, 9, 29), 1),
        (START, dt.date(2023, 9, 30), 2),
        (START, dt.date(2023, 12, 31), 5),
        (START, dt.date(2023, 7, 31), 0),  # the month of issue itself is never owed
        (dt.date(2023, 8, 1), dt.date(2023, 8, 30), 0),  # a start on the 1st owes its month
        (dt.date(2023, 8, 1), dt.date(2023, 8, 31), 1),
        (dt.date(2023, 12, 5), dt.date(2024, 1, 30), 0),  # across the year's end
        (dt.date(2023, 12, 5), dt.date(2024, 1, 31), 1),
        (dt.date(2024, 1, 10), dt.date(2024, 2, 29), 1),  # a leap February ends on the 29th
    ],
)
def test_months_owed(start, as_of, owed):
    assert months_owed(start, as_of) == owed


def test_the_first_month_owed():
    assert first_report_month(START) == dt.date(2023, 8, 1)
    assert first_report_month(dt.date(2023, 8, 1)) == dt.date(2023, 8, 1)
    assert first_owed_on(START) == dt.date(2023, 8, 31)


def _chased(database, as_of):
    with database.read() as session:
        states = holder_states(session, as_of, RULES)
        return assess(Chasing(session, as_of, states), states)


@pytest.mark.parametrize(
    ("as_of", "returns_due"),
    [(dt.date(2023, 8, 30), 0), (dt.date(2023, 8, 31), 0), (dt.date(2023, 12, 31), 4)],
)
def test_never_reported_is_chased_and_every_return_due_is_missing(seeded, as_of, returns_due):
    """On a database where nobody has reported, the chase says who never reported on both
    sides of the first month's end, and each card counts as missing every return due by
    then (August – November's at year-end, #14) of a unit that owes returns: one count per
    return, not per task and month."""
    held = _chased(seeded, as_of)
    returning = {h.state.unit for h in held if h.state.role in ("lead", "responsible")}
    with seeded.read() as session:
        board = compute_scorecards(session, year=2023, as_of=as_of, rubric=default_rubric())
    assert board.cards
    for card in board.cards:
        expected = returns_due if card.unit in returning else 0
        assert card.missed_reports == expected, card.unit
    unreported = [h for h in held if h.chase.unreported]
    if as_of < dt.date(2023, 8, 31):
        assert not unreported
    else:
        assert unreported and all(h.progress is not Progress.ON_TRACK for h in unreported)


def test_a_report_ends_the_chase(seeded):
    as_of = dt.date(2023, 9, 15)
    ref, unit = TaskRef("soil", 1), "市生态环境局蒲县分局"

    def item():
        return next(
            h
            for h in _chased(seeded, as_of)
            if (h.state.plan_key, h.state.task_number, h.state.unit) == ("soil", 1, unit)
        )

    before = item()
    assert before.chase.owed == 1 and before.progress is Progress.BEHIND
    with seeded.write() as session:
        record_report(session, ReportInput(ref, unit, as_of, "in_progress", 10), as_of=as_of)
    after = item()
    assert after.chase.owed == 0 and after.progress is Progress.ON_TRACK


def test_placeholder_groups_are_never_culprits(seeded, context):
    with seeded.read() as session:
        assert set(placeholder_groups(session, dt.date(2023, 12, 31)).values()) == {
            "大气办有关成员单位",
            "县清洁取暖工作领导小组成员单位",
        }
    held = _chased(seeded, dt.date(2023, 12, 31))
    placeholders = [h for h in held if h.chase.placeholder]
    assert {h.state.unit for h in placeholders} == {
        "大气办有关成员单位",
        "县清洁取暖工作领导小组成员单位",
    }
    assert not any(h.chase.unreported or h.culprit for h in placeholders)
    # Once the office sets its members, they hold the tasks and are chased in its place.
    with seeded.write() as session:
        edit_group_members(
            session,
            "大气办有关成员单位",
            add=["工信局"],
            remove=[],
            on=START,
            reason="明确成员",
        )
    with seeded.read() as session:
        assert set(placeholder_groups(session, dt.date(2023, 12, 31)).values()) == {
            "县清洁取暖工作领导小组成员单位"
        }
    held = _chased(seeded, dt.date(2023, 12, 31))
    assert not any(h.state.unit == "大气办有关成员单位" for h in held)
