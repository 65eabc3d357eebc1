"""Returns (报送表) as of a date: who owes one for a period, with which tasks, and where
each stands — returned, returned late, missing, or not yet due.

One return per unit per period, not one report per task per month: a unit owes the return
of a period when it holds, in a role the rules name (`ReportingRules.roles`: lead and
responsible units by default; supporting units report through the lead), a task of a plan
of that year whose first period (`model.core.periods.first_period`) has come, and its part
was not finished before the period began. A group with no members holds its tasks itself
but is nobody to chase (`model.status.chasing.placeholder_groups`): it owes no return.

The issuing (`exports`), the collecting (`model.work.returns`), the 督办 tab, `duban returns
status | remind` and the scorecards all read the periods owed from here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from model.core.lights import LightRules
from model.core.periods import Period, ReportingRules, first_period
from model.plans.lookup import milestones_by_task
from model.status.chasing import plan_starts
from model.status.holders import holder_states
from model.store.reader import iso_date, reader_of

if TYPE_CHECKING:
    from model.store.reader import Source


@dataclass(frozen=True)
class ReturnTask:
    """One row of a unit's return: a task it reports on, as it stood before the period."""

    task_id: int
    plan_key: str
    plan_year: int
    number: int
    title: str
    role: str
    milestones: tuple[dt.date, ...]  # every dated milestone of the task
    last_status: str | None  # the latest report before the period's end, if any
    last_percent: int | None
    last_report_on: dt.date | None


@dataclass(frozen=True)
class OwedReturn:
    unit_id: int
    unit: str
    period: Period
    due_on: dt.date
    tasks: tuple[ReturnTask, ...]


class ReturnState(StrEnum):
    RETURNED = "returned"  # received by its due date
    LATE = "late"  # received after it
    MISSING = "missing"  # due and not received
    NOT_DUE = "not_due"  # not received, not due yet


@dataclass(frozen=True)
class Liaison:
    name: str
    phone: str
    note: str


@dataclass(frozen=True)
class ReturnStatus:
    unit_id: int
    unit: str
    period: Period
    due_on: dt.date
    state: ReturnState
    received_on: dt.date | None
    days_late: int  # 0 unless late (or missing: days since the due date, as of the date asked)
    tasks: int
    liaison: Liaison | None


def owed_returns(
    source: Source,
    period: Period,
    rules: ReportingRules,
    *,
    unit_ids: Collection[int] | None = None,
) -> list[OwedReturn]:
    """The returns owed for `period`, one per unit, with their task rows (plan, number)."""
    reader = reader_of(source)
    end = period.last_day
    before = period.first_day - dt.timedelta(days=1)
    # Who holds what on the period's last day; finished before the period began → owes none.
    holding = holder_states(reader, end, LightRules(), unit_ids=unit_ids)
    earlier = {
        (s.task_id, s.unit_id): s
        for s in holder_states(reader, before, LightRules(), unit_ids=unit_ids)
    }
    starts = plan_starts(reader, {s.plan_id for s in holding})
    groups = {unit_id for (unit_id,) in reader.rows("SELECT id FROM unit WHERE kind = 'group'")}
    milestones = milestones_by_task(reader, {s.task_id for s in holding})
    reports = _latest_report_status(reader, end)
    rows: dict[int, list[ReturnTask]] = defaultdict(list)
    names: dict[int, str] = {}
    for state in holding:
        if state.role not in rules.roles or state.unit_id in groups:
            continue
        if state.plan_year != period.year or first_period(starts[state.plan_id]) > period:
            continue
        was = earlier.get((state.task_id, state.unit_id))
        if was is not None and was.status.finished:
            continue
        last = reports.get((state.task_id, state.unit_id))
        rows[state.unit_id].append(
            ReturnTask(
                task_id=state.task_id,
                plan_key=state.plan_key,
                plan_year=state.plan_year,
                number=state.task_number,
                title=state.task_title,
                role=state.role,
                milestones=tuple(d for _, d in milestones.get(state.task_id, [])),
                last_status=None if last is None else last[1],
                last_percent=None if last is None else last[2],
                last_report_on=None if last is None else last[0],
            )
        )
        names[state.unit_id] = state.unit
    due = rules.due(period)
    return [
        OwedReturn(unit_id, names[unit_id], period, due, tuple(tasks))
        for unit_id, tasks in sorted(rows.items(), key=lambda item: names[item[0]])
    ]


def _latest_report_status(
    source: Source, until: dt.date
) -> dict[tuple[int, int], tuple[dt.date, str, int]]:
    rows = reader_of(source).rows(
        "SELECT task_id, unit_id, reported_on, status, percent FROM progress_report"
        " WHERE reported_on <= ? ORDER BY reported_on, id",
        (until.isoformat(),),
    )
    return {(t, u): (iso_date(on), status, percent) for t, u, on, status, percent in rows}


def received_returns(source: Source, period: Period, as_of: dt.date) -> dict[int, dt.date]:
    """The day each unit's return for `period` was received, as of `as_of`: of a unit's
    returns (a replaced one and its replacement), the first received counts for timeliness —
    a late correction does not make an on-time return late."""
    rows = reader_of(source).rows(
        "SELECT unit_id, min(received_on) FROM return_submission"
        " WHERE period = ? AND received_on <= ? GROUP BY unit_id",
        (period.key, as_of.isoformat()),
    )
    return {unit_id: iso_date(on) for unit_id, on in rows}


def liaisons(source: Source, unit_ids: Collection[int]) -> dict[int, Liaison]:
    rows = reader_of(source).rows_in(
        "SELECT unit_id, name, phone, note FROM unit_liaison WHERE unit_id IN ({ids})", unit_ids
    )
    return {unit_id: Liaison(name, phone, note) for unit_id, name, phone, note in rows}


def return_statuses(
    source: Source,
    period: Period,
    rules: ReportingRules,
    as_of: dt.date,
    *,
    unit_ids: Collection[int] | None = None,
) -> list[ReturnStatus]:
    """Where each owed return of `period` stands as of `as_of`."""
    reader = reader_of(source)
    owed = owed_returns(reader, period, rules, unit_ids=unit_ids)
    received = received_returns(reader, period, as_of)
    contacts = liaisons(reader, [o.unit_id for o in owed])
    out: list[ReturnStatus] = []
    for item in owed:
        on = received.get(item.unit_id)
        if on is not None:
            late = (on - item.due_on).days
            state = ReturnState.LATE if late > 0 else ReturnState.RETURNED
            days = max(late, 0)
        elif as_of > item.due_on:
            state, days = ReturnState.MISSING, (as_of - item.due_on).days
        else:
            state, days = ReturnState.NOT_DUE, 0
        out.append(
            ReturnStatus(
                unit_id=item.unit_id,
                unit=item.unit,
                period=period,
                due_on=item.due_on,
                state=state,
                received_on=on,
                days_late=days,
                tasks=len(item.tasks),
                liaison=contacts.get(item.unit_id),
            )
        )
    return out
