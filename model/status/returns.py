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
        state, days = return_state(on, item.due_on, as_of)
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
    """A return owed for a period whose due date has come, where it stands as of the date
    asked (as `return_statuses` says), and when it was received (the first received)."""

    unit_id: int
    period: Period
    due_on: dt.date
    received_on: dt.date | None
    state: ReturnState
    days_late: int  # as in ReturnStatus

    @property
    def missing(self) -> bool:
        return self.state is ReturnState.MISSING

    @property
    def late(self) -> bool:
        return self.state is ReturnState.LATE


def return_state(
    received_on: dt.date | None, due_on: dt.date, as_of: dt.date
) -> tuple[ReturnState, int]:
    """Where a return stands as of `as_of`, and the days late: received by its due date
    (the due date itself is on time), received after it, or not received — missing from
    the day after the due date, not due before."""
    if received_on is not None:
        late = (received_on - due_on).days
        return (ReturnState.LATE, late) if late > 0 else (ReturnState.RETURNED, 0)
    if as_of > due_on:
        return ReturnState.MISSING, (as_of - due_on).days
    return ReturnState.NOT_DUE, 0


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
    records = _Records(reader, year, set(tasks), periods[-1].first_day - dt.timedelta(days=1))
    owed: list[tuple[int, Period]] = []
    # Units whose every part could have been finished: decided once their records are read.
    doubtful: list[tuple[int, Period, list[int]]] = []
    # Per set of holdings, per unit: its tasks in a returning role, by the first period
    # their plan asks a return for (as a month number, compared cheaply period by period).
    units_of: dict[int, dict[int, dict[int, list[int]]]] = {}
    for period, holding in _holdings_by_period(reader, periods, set(tasks), held):
        if id(holding) not in units_of:
            by_unit: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
            for h in holding:
                if h.role in rules.roles and h.unit_id not in groups:
                    start = starts[tasks[h.task_id]]
                    by_unit[h.unit_id][start.year * 12 + start.month].append(h.task_id)
            units_of[id(holding)] = by_unit
        month = period.year * 12 + period.month
        for unit_id, by_start in units_of[id(holding)].items():
            task_ids = [t for start, ts in by_start.items() if start <= month for t in ts]
            if not task_ids:
                continue
            # Owed unless every one of its parts was finished before the period began; a
            # part with no record that can finish it never was.
            if any((t, unit_id) not in records.candidates for t in task_ids):
                owed.append((unit_id, period))
            else:
                doubtful.append((unit_id, period, task_ids))
    records.read_reports({(t, unit_id) for unit_id, _, task_ids in doubtful for t in task_ids})
    for unit_id, period, task_ids in doubtful:
        before = period.first_day - dt.timedelta(days=1)
        if not all(records.finished(t, unit_id, before) for t in task_ids):
            owed.append((unit_id, period))
    owed.sort(key=lambda item: (item[1], item[0]))
    dues = {period: rules.due(period) for period in periods}
    received = _received(reader, periods, as_of)
    out: list[DueReturn] = []
    for unit_id, period in owed:
        due, on = dues[period], received.get((unit_id, period.key))
        state, days = return_state(on, due, as_of)
        out.append(DueReturn(unit_id, period, due, on, state, days))
    return out


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


_YEAR_TASKS = "SELECT task.id FROM task JOIN plan ON plan.id = task.plan_id WHERE plan.year = ?"


class _Records:
    """A holder's records up to a day, enough to say whether its part was finished on any
    earlier day by `model.core.lights.finished` (as `holder_states` derives it). Only the
    holders with a record that can finish a part — a report of 已完成 or 100%, a closure, a
    milestone met — can be finished (`candidates`); their reports are read when asked for."""

    def __init__(self, reader: Reader, year: int, task_ids: set[int], until: dt.date) -> None:
        day = until.isoformat()
        self.reader = reader
        self.reports: dict[tuple[int, int], list[tuple[dt.date, int, str, int]]] = defaultdict(list)
        self.closures: dict[tuple[int, int], list[tuple[dt.date, int, str]]] = defaultdict(list)
        self.met: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
        self.milestones = {
            task_id: len(dues) for task_id, dues in milestones_by_task(reader, task_ids).items()
        }
        # The year's tasks as a subquery: one statement each, not one per chunk of ids.
        of_year = f"task_id IN ({_YEAR_TASKS})"
        for task_id, unit_id, on in reader.rows(
            "SELECT milestone.task_id, milestone_completion.unit_id, milestone_completion.done_on"
            " FROM milestone_completion JOIN milestone"
            " ON milestone.id = milestone_completion.milestone_id"
            f" WHERE milestone_completion.done_on <= ? AND milestone.{of_year}",
            (day, year),
        ):
            self.met[(task_id, unit_id)].append(iso_date(on))
        for task_id, unit_id, on, row_id, action in reader.rows(
            'SELECT task_id, unit_id, "on", id, action FROM closure_event'
            f' WHERE "on" <= ? AND {of_year}',
            (day, year),
        ):
            self.closures[(task_id, unit_id)].append((iso_date(on), row_id, action))
        for closures in self.closures.values():
            closures.sort()
        candidates = set(self.closures) | set(self.met)
        candidates.update(
            reader.rows(
                "SELECT DISTINCT task_id, unit_id FROM progress_report"
                f" WHERE (status = 'done' OR percent >= 100) AND reported_on <= ? AND {of_year}",
                (day, year),
            )
        )
        self.candidates: set[tuple[int, int]] = {(t, u) for t, u in candidates}
        self.until = day

    def read_reports(self, keys: set[tuple[int, int]]) -> None:
        """The reports of these holders (each a candidate), in the order of the day and
        then of the record — the order `latest_reports` takes the latest by."""
        if not keys:
            return
        for task_id, unit_id, on, row_id, status, percent in self.reader.rows_in(
            "SELECT task_id, unit_id, reported_on, id, status, percent FROM progress_report"
            " WHERE reported_on <= ? AND task_id IN ({ids})",
            {task_id for task_id, _ in keys},
            (self.until,),
        ):
            if (task_id, unit_id) in keys:
                self.reports[(task_id, unit_id)].append((iso_date(on), row_id, status, percent))
        for rows in self.reports.values():
            rows.sort()

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
