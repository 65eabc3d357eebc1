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
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from model.core.lights import LastReport, LightRules, finished
from model.core.periods import Period, ReportingRules, first_period
from model.plans.lookup import milestones_by_task
from model.status.chasing import plan_starts
from model.status.holders import Holding, holder_states, holdings
from model.status.holders import _milestones_met as milestones_met
from model.store.reader import Reader, iso_date, reader_of
from model.units.lookup import group_members_map

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


# --- every return of a year at once, for the scorecards (#14) ----------------------------


@dataclass(frozen=True)
class DueReturn:
    """A return owed for a period whose due date has come, and when it was received (the
    first received, as `received_returns` counts it), as of the date asked."""

    unit_id: int
    period: Period
    due_on: dt.date
    received_on: dt.date | None

    @property
    def missing(self) -> bool:
        return self.received_on is None

    @property
    def days_late(self) -> int:
        """Days after the due date it was received; 0 when on time or missing."""
        if self.received_on is None:
            return 0
        return max((self.received_on - self.due_on).days, 0)


def periods_of_year(year: int, as_of: dt.date, rules: ReportingRules) -> list[Period]:
    """The periods of `year` whose return is due on or before `as_of`."""
    return [p for p in (Period(year, m) for m in range(1, 13)) if rules.due(p) <= as_of]


def due_returns(
    source: Source,
    year: int,
    as_of: dt.date,
    rules: ReportingRules,
    *,
    held: tuple[dt.date, Collection[Holding]] | None = None,
) -> list[DueReturn]:
    """Every return owed for a period of `year` due on or before `as_of`, one per unit and
    period, in period and unit order: what `return_statuses` says of each such period
    (returned, late or missing), read in bulk — a handful of queries for the whole year
    rather than two holder states per period, so the scorecards stay fast at scale.

    `held`: the holdings of the year's tasks on some day, already read by the caller; used
    for every period whose group memberships are those of that day."""
    reader = reader_of(source)
    periods = periods_of_year(year, as_of, rules)
    if not periods:
        return []
    tasks = {
        task_id: plan_id
        for task_id, plan_id in reader.rows(
            "SELECT task.id, task.plan_id FROM task JOIN plan ON plan.id = task.plan_id"
            " WHERE plan.year = ?",
            (year,),
        )
    }
    if not tasks:
        return []
    starts = {
        plan_id: first_period(on)
        for plan_id, on in plan_starts(reader, set(tasks.values())).items()
    }
    groups = {unit_id for (unit_id,) in reader.rows("SELECT id FROM unit WHERE kind = 'group'")}
    records = _Records(reader, set(tasks), periods[-1].first_day - dt.timedelta(days=1))
    owed: list[tuple[int, Period]] = []
    for period, holding in _holdings_by_period(reader, periods, set(tasks), held):
        before = period.first_day - dt.timedelta(days=1)
        # Per unit, its holders in a role that returns, of plans asking returns by then.
        by_unit: dict[int, list[int]] = defaultdict(list)
        for h in holding:
            asked = starts[tasks[h.task_id]] <= period
            if asked and h.role in rules.roles and h.unit_id not in groups:
                by_unit[h.unit_id].append(h.task_id)
        for unit_id in sorted(by_unit):
            # Owed unless every one of its parts was finished before the period began.
            if not all(records.finished(t, unit_id, before) for t in by_unit[unit_id]):
                owed.append((unit_id, period))
    received = _received(reader, periods, as_of)
    return [
        DueReturn(unit_id, period, rules.due(period), received.get((unit_id, period.key)))
        for unit_id, period in owed
    ]


def _holdings_by_period(
    reader: Reader,
    periods: list[Period],
    task_ids: set[int],
    held: tuple[dt.date, Collection[Holding]] | None,
) -> Iterator[tuple[Period, Collection[Holding]]]:
    """Who holds the tasks on each period's last day (as `owed_returns` asks), read once
    per distinct set of group memberships: assignments do not change within a year."""
    known: dict[tuple[tuple[int, tuple[int, ...]], ...], Collection[Holding]] = {}

    def key(day: dt.date) -> tuple[tuple[int, tuple[int, ...]], ...]:
        return tuple(sorted((g, tuple(m)) for g, m in group_members_map(reader, day).items()))

    if held is not None:
        known[key(held[0])] = held[1]
    for period in periods:
        members = key(period.last_day)
        if members not in known:
            known[members] = holdings(reader, on=period.last_day, task_ids=task_ids)
        yield period, known[members]


class _Records:
    """A holder's records up to a day, enough to say whether its part was finished on any
    earlier day by `model.core.lights.finished` (as `holder_states` derives it). Only the
    holders with a record that can finish a part — a report of 已完成 or 100%, a closure, a
    milestone met — are read: any other holder is unfinished on every day."""

    def __init__(self, reader: Reader, task_ids: set[int], until: dt.date) -> None:
        day = until.isoformat()
        self.reports: dict[tuple[int, int], list[tuple[dt.date, int, str, int]]] = defaultdict(list)
        self.closures: dict[tuple[int, int], list[tuple[dt.date, int, str]]] = defaultdict(list)
        self.met: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
        self.milestones = {
            task_id: len(dues) for task_id, dues in milestones_by_task(reader, task_ids).items()
        }
        for task_id, unit_id, on in reader.rows_in(
            "SELECT milestone.task_id, milestone_completion.unit_id, milestone_completion.done_on"
            " FROM milestone_completion JOIN milestone"
            " ON milestone.id = milestone_completion.milestone_id"
            " WHERE milestone_completion.done_on <= ? AND milestone.task_id IN ({ids})",
            task_ids,
            (day,),
        ):
            self.met[(task_id, unit_id)].append(iso_date(on))
        for task_id, unit_id, on, row_id, action in reader.rows_in(
            'SELECT task_id, unit_id, "on", id, action FROM closure_event'
            ' WHERE "on" <= ? AND task_id IN ({ids})',
            task_ids,
            (day,),
        ):
            self.closures[(task_id, unit_id)].append((iso_date(on), row_id, action))
        candidates = set(self.closures) | set(self.met)
        for task_id, unit_id in reader.rows_in(
            "SELECT DISTINCT task_id, unit_id FROM progress_report"
            " WHERE reported_on <= ? AND (status = 'done' OR percent >= 100)"
            " AND task_id IN ({ids})",
            task_ids,
            (day,),
        ):
            candidates.add((task_id, unit_id))
        self.candidates = candidates
        wanted = {task_id for task_id, _ in candidates}
        for task_id, unit_id, on, row_id, status, percent in reader.rows_in(
            "SELECT task_id, unit_id, reported_on, id, status, percent FROM progress_report"
            " WHERE reported_on <= ? AND task_id IN ({ids})",
            wanted,
            (day,),
        ):
            if (task_id, unit_id) in candidates:
                self.reports[(task_id, unit_id)].append((iso_date(on), row_id, status, percent))
        for rows in self.reports.values():
            rows.sort()
        for closures in self.closures.values():
            closures.sort()

    def finished(self, task_id: int, unit_id: int, on: dt.date) -> bool:
        key = (task_id, unit_id)
        if key not in self.candidates:
            return False
        reports = [r for r in self.reports.get(key, ()) if r[0] <= on]
        closures = [c for c in self.closures.get(key, ()) if c[0] <= on]
        last = LastReport(reports[-1][0], reports[-1][2], reports[-1][3]) if reports else None
        reopened = max((c[0] for c in closures if c[2] == "reopen"), default=None)
        met_on = [d for d in self.met.get(key, ()) if d <= on]
        return finished(
            bool(closures) and closures[-1][2] == "close",
            last,
            milestones_met=milestones_met(self.milestones.get(task_id, 0), met_on, reopened, last),
            reopened_on=reopened,
        )


def _received(
    reader: Reader, periods: list[Period], as_of: dt.date
) -> dict[tuple[int, str], dt.date]:
    """The first day each unit's return of each period was received, by `as_of`."""
    rows = reader.rows_in(
        "SELECT unit_id, period, min(received_on) FROM return_submission"
        " WHERE received_on <= ? AND period IN ({ids}) GROUP BY unit_id, period",
        [p.key for p in periods],
        (as_of.isoformat(),),
    )
    return {(unit_id, period): iso_date(on) for unit_id, period, on in rows}
