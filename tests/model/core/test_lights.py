"""The light rules on hand-made cases."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.core.lights import LastReport, Light, LightRules, Status, derive, worst

D = dt.date(2023, 9, 15)
START = dt.date(2023, 7, 21)
RULES = LightRules(warning_days=14, report_period_days=31)


def case(dues=(), report=None, closed=False, as_of=D, start=START):
    return derive(
        as_of=as_of,
        plan_start=start,
        pending_dues=dues,
        last_report=report,
        closed=closed,
        rules=RULES,
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
        ({}, Status.IDLE, Light.GREY),
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
