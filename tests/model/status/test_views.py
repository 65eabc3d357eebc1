"""The read models: unit check, overview, timeline and roster as of a date."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from model.core.lights import LightRules
from model.status.overview import overview
from model.status.roster import rosters
from model.status.timeline import milestone_rows, month_counts
from model.status.unit_check import unit_check

D = dt.date(2023, 9, 15)
RULES = LightRules()


def test_townships_hold_group_tasks_with_the_groups_role(seeded):
    with seeded.read() as session:
        check = unit_check(session, "蒲城镇", D, RULES)
    air8 = next(i for i in check.items if (i.plan_key, i.task_number) == ("air", 8))
    assert (air8.role, air8.via_group) == ("responsible", "各乡镇")
    assert len(check.items) == 35


def test_group_check_lists_members_and_one_row_per_task(seeded):
    with seeded.read() as session:
        check = unit_check(session, "各乡镇政府", D, RULES)
    assert check.unit == "各乡镇"
    assert check.members[:2] == ("蒲城镇", "克城镇")
    assert len(check.items) == 35
    assert {i.unit for i in check.items} == {"各乡镇"}


def test_overview_and_timeline(seeded):
    with seeded.read() as session:
        view = overview(session, D, RULES)
        rows = milestone_rows(session, D, LightRules())
    assert [p.key for p in view.plans] == ["air", "water", "soil", "groundwater"]
    assert sum(p.tasks for p in view.plans) == 68
    assert {(s.plan_key, s.task_number) for s in view.overdue} == {
        ("air", 3),
        ("water", 3),
        ("groundwater", 9),
    }
    # "Due soon" is the lights' warning window: 09-30 is 15 days after 09-15.
    assert view.due_soon == ()
    with seeded.read() as session:
        wider = overview(session, D, LightRules(warning_days=15))
    assert [(r.plan_key, r.task_number, r.due) for r in wider.due_soon] == [
        ("water", 3, dt.date(2023, 9, 30))
    ]
    months = month_counts(rows)
    assert len(months) == 12 and months[5].month == "2023-06" and months[5].overdue == 1
    assert sum(m.due for m in months) == 13


def test_roster(seeded):
    with seeded.read() as session:
        [roster] = rosters(session)
    assert roster.director == "付国平"
    assert roster.members[0].name == "李中煊"
    assert len(roster.members) == 13


@pytest.mark.parametrize(("as_of", "owed"), [("2023-08-30", 0), ("2023-08-31", 1)])
def test_unit_check_says_unreported_as_the_scorecard_counts_it(seeded, as_of, owed):
    day = dt.date.fromisoformat(as_of)
    with seeded.read() as session:
        check = unit_check(session, "克城镇", day, RULES)
    soil1 = next(
        i for i, item in enumerate(check.items) if (item.plan_key, item.task_number) == ("soil", 1)
    )
    assert check.owed[soil1] == owed
    assert (check.labels[soil1] == "未报送") is (owed > 0)
    assert check.as_dict()["tasks"][soil1]["unreported_months"] == owed


def test_a_filter_word_finds_units_by_name_or_pinyin():
    from model.status.plan_view import matched_units, unit_matches

    assert unit_matches("住建", "住建局") and unit_matches("zjj", "住建局")
    assert unit_matches("ZJJ", "住建局") and not unit_matches("zj局", "住建局")
    assert not unit_matches("gaj", "住建局")
    row = SimpleNamespace(lead=("住建局",), support=("发改局",), responsible=())
    assert matched_units("zjj 3", [row]) == {"住建局"}
    assert matched_units("12", [row]) == set()  # a number is a task's, not a unit's
