"""The light rules on hand-made cases."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.core.lights import (
    Completion,
    LastReport,
    Light,
    LightRules,
    Status,
    completion,
    count_completions,
    deadline_missed,
    derive,
    finished,
    months_owed,
    worst,
)

D = dt.date(2023, 9, 15)
START = dt.date(2023, 7, 21)
RULES = LightRules(warning_days=14, report_period_days=31)


def case(dues=(), report=None, closed=False, as_of=D, start=START, **kwargs):
    return derive(
        as_of=as_of,
        plan_start=start,
        pending_dues=dues,
        last_report=report,
        closed=closed,
        rules=RULES,
        **kwargs,
    )


def report(days_ago: int, status: str = "in_progress", percent: int = 50) -> LastReport:
    return LastReport(D - dt.timedelta(days=days_ago), status, percent)


@pytest.mark.parametrize(
    ("kwargs", "status", "light"),
    [
        ({"closed": True, "dues": [dt.date(2023, 6, 30)]}, Status.CLOSED, Light.GREEN),
        (
            {"report": report(3, "done", 100), "dues": [dt.date(2023, 6, 30)]},
            Status.DONE,
            Light.GREEN,
        ),
        ({"dues": [dt.date(2023, 9, 14)], "report": report(1)}, Status.OVERDUE, Light.RED),
        ({"dues": [D], "report": report(40)}, Status.DUE_SOON, Light.YELLOW),
        ({"dues": [D + dt.timedelta(days=14)], "report": report(1)}, Status.DUE_SOON, Light.YELLOW),
        ({"dues": [D + dt.timedelta(days=15)], "report": report(1)}, Status.ON_TRACK, Light.GREEN),
        ({"report": report(30)}, Status.ON_TRACK, Light.GREEN),
        ({"report": report(31)}, Status.STALE, Light.YELLOW),
        ({"dues": [dt.date(2023, 12, 31)]}, Status.STALE, Light.YELLOW),
        ({"dues": [dt.date(2023, 12, 31)], "as_of": dt.date(2023, 8, 1)}, Status.IDLE, Light.GREY),
        # Never reported, nothing due: grey until a report is owed (August's, from its end).
        ({"as_of": dt.date(2023, 8, 30)}, Status.IDLE, Light.GREY),
        ({"as_of": dt.date(2023, 8, 31)}, Status.STALE, Light.YELLOW),
        ({}, Status.STALE, Light.YELLOW),
    ],
)
def test_rules(kwargs, status, light):
    derived = case(**kwargs)
    assert (derived.status, derived.light) == (status, light)


def test_overdue_since_is_the_earliest_missed_deadline():
    derived = case(dues=[dt.date(2023, 9, 30), dt.date(2023, 8, 31), dt.date(2023, 6, 30)])
    assert derived.overdue_since == dt.date(2023, 6, 30)
    assert derived.next_due == dt.date(2023, 6, 30)


def test_worst_light():
    assert worst([Light.GREEN, Light.YELLOW, Light.GREY]) is Light.YELLOW
    assert worst([]) is Light.GREY


@given(
    dues=st.lists(st.dates(dt.date(2023, 1, 1), dt.date(2024, 12, 31)), max_size=5),
    days=st.none() | st.integers(0, 400),
    closed=st.booleans(),
)
def test_red_exactly_when_a_pending_deadline_has_passed(dues, days, closed):
    last = None if days is None else report(days)
    derived = case(dues=dues, report=last, closed=closed)
    assert (derived.light is Light.RED) == (not closed and any(d < D for d in dues))


# --- One definition of a finished part, the year's end, the reporting calendar ---


@pytest.mark.parametrize(
    ("closed", "last", "kwargs", "done"),
    [
        (True, None, {}, True),
        (False, LastReport(D, "done", 80), {}, True),
        (False, LastReport(D, "in_progress", 100), {}, True),
        (False, LastReport(D, "in_progress", 99), {}, False),
        (False, None, {}, False),
        # Every milestone met by the unit: its part is done whatever its last report says.
        (False, LastReport(D, "in_progress", 40), {"milestones_met": True}, True),
        (False, None, {"milestones_met": True}, True),
        # A reopening undoes a report made before it; one made that day or later counts.
        (False, LastReport(D, "done", 100), {"reopened_on": D + dt.timedelta(days=1)}, False),
        (False, LastReport(D, "done", 100), {"reopened_on": D}, True),
    ],
)
def test_finished(closed, last, kwargs, done):
    assert finished(closed, last, **kwargs) is done
    derived = case(dues=[dt.date(2023, 8, 31)], report=last, closed=closed, **kwargs)
    assert derived.status.finished is done
    assert (derived.status is Status.CLOSED) is closed


@pytest.mark.parametrize(
    ("due", "as_of", "missed"),
    [
        (dt.date(2023, 11, 30), dt.date(2023, 11, 30), False),  # the due date is on time
        (dt.date(2023, 11, 30), dt.date(2023, 12, 1), True),  # the day after it is not
        (dt.date(2023, 12, 31), dt.date(2023, 12, 30), False),
        (dt.date(2023, 12, 31), dt.date(2023, 12, 31), True),  # the year's end: nothing left
        (dt.date(2023, 12, 30), dt.date(2023, 12, 30), False),
        (dt.date(2024, 1, 15), dt.date(2023, 12, 31), False),  # a deadline next year
        (dt.date(2023, 12, 31), dt.date(2024, 1, 1), True),
    ],
)
def test_deadline_missed(due, as_of, missed):
    assert deadline_missed(due, as_of, 2023) is missed


@pytest.mark.parametrize(
    ("dues", "as_of", "status", "since"),
    [
        # A milestone due on the year's last day: on time on the 30th, missed on the 31st.
        ([dt.date(2023, 12, 31)], dt.date(2023, 12, 30), Status.DUE_SOON, None),
        ([dt.date(2023, 12, 31)], dt.date(2023, 12, 31), Status.OVERDUE, dt.date(2023, 12, 31)),
        # Any other day the due date itself is on time.
        ([dt.date(2023, 11, 30)], dt.date(2023, 11, 30), Status.DUE_SOON, None),
        ([dt.date(2023, 11, 30)], dt.date(2023, 12, 1), Status.OVERDUE, dt.date(2023, 11, 30)),
        # No milestone pending: the plan year's end is the deadline.
        ([], dt.date(2023, 12, 30), Status.ON_TRACK, None),
        ([], dt.date(2023, 12, 31), Status.OVERDUE, dt.date(2023, 12, 31)),
    ],
)
def test_the_year_end_rule(dues, as_of, status, since):
    last = LastReport(dt.date(2023, 12, 20), "in_progress", 60)
    derived = case(dues=dues, report=last, as_of=as_of, year=2023)
    assert (derived.status, derived.overdue_since) == (status, since)
    # A finished part is never overdue, at the year's end either.
    done = case(dues=dues, report=LastReport(dt.date(2023, 12, 20), "done", 100), as_of=as_of)
    assert done.status is Status.DONE


@pytest.mark.parametrize(
    ("as_of", "owed", "light"),
    [
        (dt.date(2023, 8, 30), 0, Light.GREY),
        (dt.date(2023, 8, 31), 1, Light.YELLOW),  # the first whole month after 07-21 is owed
        (dt.date(2023, 12, 30), 4, Light.YELLOW),
        (dt.date(2023, 12, 31), 5, Light.RED),  # and at the year's end, unfinished: overdue
    ],
)
def test_a_holder_that_owes_reports_and_never_reported_is_never_grey(as_of, owed, light):
    assert months_owed(START, as_of) == owed
    assert case(as_of=as_of, year=2023).light is light


def test_completions_are_counted_one_way():
    assert completion(Status.CLOSED) is Completion.CLOSED
    assert completion(Status.DONE) is Completion.AWAITING
    assert completion(Status.ON_TRACK) is None
    counted = count_completions([Status.CLOSED, Status.DONE, Status.DONE, Status.OVERDUE])
    assert (counted.holders, counted.done, counted.closed, counted.awaiting) == (4, 3, 1, 2)


@pytest.mark.parametrize(
    ("as_of", "owed"),
    [
        (dt.date(2024, 1, 30), 5),  # August to December
        (dt.date(2024, 1, 31), 6),
        (dt.date(2024, 2, 29), 7),  # across the year's turn: a year is twelve months
        (dt.date(2025, 7, 31), 24),
    ],
)
def test_months_owed_run_on_across_the_year(as_of, owed):
    assert months_owed(START, as_of) == owed


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        # A plan from 08-02, a deadline at the year's end, nothing reported, no month owed
        # yet (September's report is owed from 09-30): yellow once a whole reporting period
        # (31 days) has gone by since the plan began — on 09-02, not on 09-01.
        (dt.date(2023, 9, 1), Status.IDLE),
        (dt.date(2023, 9, 2), Status.STALE),
    ],
)
def test_never_reported_with_a_deadline_ahead_is_yellow_after_one_period(as_of, status):
    start = dt.date(2023, 8, 2)
    assert months_owed(start, as_of) == 0
    assert case(dues=[dt.date(2023, 12, 31)], as_of=as_of, start=start).status is status
