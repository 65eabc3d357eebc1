"""Status and light of one (task, unit) as of a date — derived, never stored.

The rules: a finished part (closed, or done by the unit's own record) is green; a milestone
passed without completion is red; a milestone inside the warning window, no report in the
current reporting period, or reports owed and none ever made, is yellow; a fresh report
with nothing overdue is green; nothing due, nothing owed and nothing reported is grey.

Beside the lights, the rules the reports share with them: which parts are finished and
whether the office has closed them yet (`completion`), the reporting calendar
(`months_owed`), and when an unmet deadline counts as missed (`deadline_missed`, with the
year-end evaluation's rule).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from model.core.times import month_end, next_month


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

    @property
    def finished(self) -> bool:
        """The status of a finished part: closed, or done and awaiting its closing."""
        return self in (Status.CLOSED, Status.DONE)


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

    @property
    def done(self) -> bool:
        """The unit says its part is done: 已完成, or 100%."""
        return self.status == "done" or self.percent >= 100


@dataclass(frozen=True)
class Derived:
    status: Status
    light: Light
    next_due: dt.date | None
    overdue_since: dt.date | None


def finished(
    closed: bool,
    last_report: LastReport | None,
    *,
    milestones_met: bool = False,
    reopened_on: dt.date | None = None,
) -> bool:
    """A holder's part is over, so none of its milestones is pending any more — the one
    definition of "done" for the lights, the timeline, the reports and the scorecards:

    - closed by the office (销号), or
    - by the unit's own record: its latest report is 已完成 or 100%, or it has met every
      dated milestone of the task (`milestones_met`, counted by the caller).

    A reopening (重新打开) means the office found the part not done: a report dated before
    the latest reopening no longer counts (the caller counts milestones from that day on
    as well)."""
    if closed:
        return True
    if milestones_met:
        return True
    if last_report is None or (reopened_on is not None and last_report.reported_on < reopened_on):
        return False
    return last_report.done


def due_soon(due: dt.date, as_of: dt.date, rules: LightRules) -> bool:
    """Inside the warning window: the one meaning of "due soon" for lights, the timeline
    and the overview (a date already passed is overdue, not soon — callers check that first)."""
    return due <= as_of + dt.timedelta(days=rules.warning_days)


# The reporting calendar --------------------------------------------------------------


def first_report_month(start: dt.date) -> dt.date:
    """The first month a holder owes a report for: the plan's start month when the plan
    starts on its first day, else the month after."""
    return start if start.day == 1 else next_month(start)


def first_owed_on(start: dt.date) -> dt.date:
    """The first day a report counts as missed: the end of the first month owed."""
    return month_end(first_report_month(start))


def months_owed(start: dt.date, as_of: dt.date) -> int:
    """Months ended by `as_of` for which a holder of a plan starting `start` owes a report
    (the calendar the scorecards count missed reports by)."""
    first = first_report_month(start)
    if month_end(first) > as_of:
        return 0
    months = (as_of.year - first.year) * 12 + as_of.month - first.month + 1
    return months if month_end(as_of) == as_of else months - 1


# Deadlines ---------------------------------------------------------------------------


def year_end(year: int) -> dt.date:
    """The last day of a plan year: the deadline of a task without a dated milestone, and
    the day of the year-end evaluation."""
    return dt.date(year, 12, 31)


def deadline_missed(due: dt.date, as_of: dt.date, year: int) -> bool:
    """Whether a deadline not met is missed as of `as_of`, for a plan of `year`.

    On any day but the plan year's end, once it has passed: the due date itself is still on
    time, as the lights say. At the plan year's end (as of 31 December: the year-end
    report, the evaluation day of the scorecards' veto) nothing is left to wait for, and a
    deadline on or before that day is missed."""
    if as_of >= year_end(year):
        return due <= as_of
    return due < as_of


# Completion --------------------------------------------------------------------------


class Completion(StrEnum):
    CLOSED = "closed"  # 已销号: the office has verified and closed the part
    AWAITING = "awaiting"  # 待销号: done by the unit's own record, not closed yet


def completion(status: Status) -> Completion | None:
    """How a finished part stands (None: not finished) — the one count of completions for
    the progress table, the bulletin and the notice sheet."""
    if status is Status.CLOSED:
        return Completion.CLOSED
    if status is Status.DONE:
        return Completion.AWAITING
    return None


@dataclass(frozen=True)
class Completions:
    """Holders counted by completion: how many, how many finished, how many of those the
    office has not closed yet (待销号)."""

    holders: int = 0
    closed: int = 0
    awaiting: int = 0

    @property
    def done(self) -> int:
        return self.closed + self.awaiting


def count_completions(statuses: Iterable[Status]) -> Completions:
    found = [completion(s) for s in statuses]
    return Completions(
        holders=len(found),
        closed=found.count(Completion.CLOSED),
        awaiting=found.count(Completion.AWAITING),
    )


# The light ---------------------------------------------------------------------------


def derive(
    *,
    as_of: dt.date,
    plan_start: dt.date,
    pending_dues: Iterable[dt.date],
    last_report: LastReport | None,
    closed: bool,
    rules: LightRules,
    milestones_met: bool = False,
    reopened_on: dt.date | None = None,
    year: int | None = None,
) -> Derived:
    """Status of one holder; `pending_dues` are the due dates of milestones it has not done,
    `milestones_met` whether it has met every milestone of the task (one at least), `year`
    the plan year (its end is the deadline when no milestone is pending, and the day of the
    year-end rule of `deadline_missed`)."""
    dues = sorted(pending_dues)
    next_due = dues[0] if dues else None

    def result(status: Status, overdue_since: dt.date | None = None) -> Derived:
        return Derived(status, STATUS_LIGHT[status], next_due, overdue_since)

    if finished(closed, last_report, milestones_met=milestones_met, reopened_on=reopened_on):
        status = Status.CLOSED if closed else Status.DONE
        return Derived(status, Light.GREEN, None, None)
    if year is None:
        passed = [d for d in dues if d < as_of]
    else:
        passed = [d for d in dues or [year_end(year)] if deadline_missed(d, as_of, year)]
    if passed:
        return result(Status.OVERDUE, passed[0])
    if next_due is not None and due_soon(next_due, as_of, rules):
        return result(Status.DUE_SOON)
    period_start = as_of - dt.timedelta(days=rules.report_period_days)
    if last_report is not None:
        return result(Status.ON_TRACK if last_report.reported_on > period_start else Status.STALE)
    # Never reported: yellow once a report is owed (the calendar the reports chase
    # 未报送 by), or once a deadline is ahead and a reporting period has gone by.
    if months_owed(plan_start, as_of) or (dues and plan_start <= period_start):
        return result(Status.STALE)
    return result(Status.IDLE)


def worst(lights: Iterable[Light]) -> Light:
    return min(lights, key=LIGHT_ORDER.__getitem__, default=Light.GREY)
