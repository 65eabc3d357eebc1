"""Who owes a return (报送表) for a period, and where it stands as of a date (#14)."""

from __future__ import annotations

import datetime as dt

from model.core.periods import Period, ReportingRules
from model.status.returns import ReturnState, owed_returns, return_statuses

OCTOBER = Period(2023, 10)  # due 2023-11-10, a Friday


def test_lead_and_responsible_units_owe_one_return_each_with_their_tasks(seeded):
    with seeded.reader() as reader:
        owed = owed_returns(reader, OCTOBER, ReportingRules())
    units = {o.unit for o in owed}
    assert "住建局" in units and "克城镇" in units
    assert all(o.due_on == dt.date(2023, 11, 10) for o in owed)
    assert all(t.role in ("lead", "responsible") for o in owed for t in o.tasks)
    # One return per unit: no unit twice, and each lists its tasks once.
    assert len(units) == len(owed)
    assert all(len({t.task_id for t in o.tasks}) == len(o.tasks) for o in owed)


def test_supporting_units_owe_one_only_when_the_rules_say_so(seeded):
    with seeded.reader() as reader:
        default = owed_returns(reader, OCTOBER, ReportingRules())
        everyone = owed_returns(
            reader, OCTOBER, ReportingRules(roles=("lead", "support", "responsible"))
        )
    tasks = sum(len(o.tasks) for o in default)
    assert sum(len(o.tasks) for o in everyone) > tasks
    assert {t.role for o in everyone for t in o.tasks} == {"lead", "support", "responsible"}


def test_a_return_is_not_due_on_its_due_date_and_missing_the_day_after(seeded):
    with seeded.reader() as reader:
        on_the_day = return_statuses(reader, OCTOBER, ReportingRules(), dt.date(2023, 11, 10))
        after = return_statuses(reader, OCTOBER, ReportingRules(), dt.date(2023, 11, 11))
    assert {s.state for s in on_the_day} == {ReturnState.NOT_DUE}
    assert {s.state for s in after} == {ReturnState.MISSING}
    assert {s.days_late for s in after} == {1}


def test_a_due_date_on_a_holiday_moves_the_boundary(seeded):
    # September's return, due on the 1st of October, is due on the first working day after
    # the National Day holiday: 2023-10-07 (a Saturday worked, 调休).
    rules = ReportingRules(due_day=1)
    with seeded.reader() as reader:
        before = return_statuses(reader, Period(2023, 9), rules, dt.date(2023, 10, 7))
        after = return_statuses(reader, Period(2023, 9), rules, dt.date(2023, 10, 8))
    assert {s.due_on for s in before} == {dt.date(2023, 10, 7)}
    assert {s.state for s in before} == {ReturnState.NOT_DUE}
    assert {s.state for s in after} == {ReturnState.MISSING}


def test_no_return_is_owed_before_the_plans_first_period_or_for_another_year(seeded):
    with seeded.reader() as reader:
        assert owed_returns(reader, Period(2023, 1), ReportingRules()) == []
        assert owed_returns(reader, Period(2024, 1), ReportingRules()) == []
