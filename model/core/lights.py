"""Status and light of one (task, unit) as of a date — derived, never stored.

The rules: closed or reported done is green; a milestone passed without
completion is red; a milestone inside the warning window, or no report in the current
reporting period, is yellow; a fresh report with nothing overdue is green; nothing due and
nothing reported is grey.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Light(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    GREY = "grey"


# Worst first: a task's light is the worst of its holders'.
LIGHT_ORDER: dict[Light, int] = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2, Light.GREY: 3}


class Status(StrEnum):
    CLOSED = "closed"
    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    STALE = "stale"
    ON_TRACK = "on_track"
    IDLE = "idle"


STATUS_LIGHT: dict[Status, Light] = {
    Status.CLOSED: Light.GREEN,
    Status.DONE: Light.GREEN,
    Status.OVERDUE: Light.RED,
    Status.DUE_SOON: Light.YELLOW,
    Status.STALE: Light.YELLOW,
    Status.ON_TRACK: Light.GREEN,
    Status.IDLE: Light.GREY,
}


@dataclass(frozen=True)
class LightRules:
    """Thresholds from the config file's [lights] table."""

    warning_days: int = 14
    report_period_days: int = 31


@dataclass(frozen=True)
class LastReport:
    reported_on: dt.date
    status: str
    percent: int


@dataclass(frozen=True)
class Derived:
    status: Status
    light: Light
    next_due: dt.date | None
    overdue_since: dt.date | None


def finished(closed: bool, last_report: LastReport | None) -> bool:
    """A holder's part is over — closed by the office, or reported done or at 100% — so none
    of its milestones is pending any more (the lights, the timeline and the reports alike)."""
    return closed or (
        last_report is not None and (last_report.status == "done" or last_report.percent >= 100)
    )


def due_soon(due: dt.date, as_of: dt.date, rules: LightRules) -> bool:
    """Inside the warning window: the one meaning of "due soon" for lights, the timeline
    and the overview (a date already passed is overdue, not soon — callers check that first)."""
    return due <= as_of + dt.timedelta(days=rules.warning_days)


def derive(
    *,
    as_of: dt.date,
    plan_start: dt.date,
    pending_dues: Iterable[dt.date],
    last_report: LastReport | None,
    closed: bool,
    rules: LightRules,
) -> Derived:
    """Status of one holder; `pending_dues` are the due dates of milestones it has not done."""
    dues = sorted(pending_dues)
    next_due = dues[0] if dues else None

    def result(status: Status, overdue_since: dt.date | None = None) -> Derived:
        return Derived(status, STATUS_LIGHT[status], next_due, overdue_since)

    if finished(closed, last_report):
        status = Status.CLOSED if closed else Status.DONE
        return Derived(status, Light.GREEN, None, None)
    passed = [d for d in dues if d < as_of]
    if passed:
        return result(Status.OVERDUE, passed[0])
    if next_due is not None and due_soon(next_due, as_of, rules):
        return result(Status.DUE_SOON)
    period_start = as_of - dt.timedelta(days=rules.report_period_days)
    if last_report is not None:
        return result(Status.ON_TRACK if last_report.reported_on > period_start else Status.STALE)
    if dues and plan_start <= period_start:
        return result(Status.STALE)
    return result(Status.IDLE)


def worst(lights: Iterable[Light]) -> Light:
    return min(lights, key=LIGHT_ORDER.__getitem__, default=Light.GREY)
