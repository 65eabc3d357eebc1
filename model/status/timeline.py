"""Milestones over time: each dated deadline with its state as of a date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.core.lights import LightRules, deadline_missed, due_soon, finished
from model.plans.lookup import task_infos
from model.status.holders import (
    Scope,
    closed_holders,
    completions,
    holdings,
    latest_reports,
    reopenings,
)
from model.store.reader import iso_date, optional_date, reader_of
from model.units.lookup import unit_name_map

if TYPE_CHECKING:
    from model.store.reader import Source


@dataclass(frozen=True)
class MilestoneRow:
    milestone_id: int
    task_id: int
    plan_key: str
    plan_year: int
    task_number: int
    task_title: str
    position: int
    due: dt.date
    start: dt.date | None
    text: str
    state: str  # done | overdue | soon | future
    pending_units: tuple[str, ...]
    done_units: tuple[str, ...]


@dataclass(frozen=True)
class _Milestone:
    id: int
    task_id: int
    position: int
    due_on: dt.date
    start_on: dt.date | None
    text: str


@dataclass(frozen=True)
class MonthCount:
    month: str  # YYYY-MM
    due: int
    overdue: int


def milestone_state(
    due: dt.date, pending: bool, as_of: dt.date, rules: LightRules, year: int
) -> str:
    """done, overdue (the lights' rule: the due day itself is on time, except at the plan
    year's end — `deadline_missed`), soon (inside the warning window) or future."""
    if not pending:
        return "done"
    if deadline_missed(due, as_of, year):
        return "overdue"
    if due_soon(due, as_of, rules):
        return "soon"
    return "future"


def milestone_rows(
    session: Source,
    as_of: dt.date,
    rules: LightRules,
    *,
    task_ids: list[int] | None = None,
    year: int | None = None,
) -> list[MilestoneRow]:
    """Every milestone (of the given tasks, of one plan year's plans), with who has and has
    not done it by `as_of`."""
    sql = "SELECT m.id, m.task_id, m.position, m.due_on, m.start_on, m.text FROM milestone m"
    params: list[object] = []
    if year is not None:
        sql += " JOIN task t ON t.id = m.task_id JOIN plan p ON p.id = t.plan_id WHERE p.year = ?"
        params.append(year)
    order = " ORDER BY m.due_on, m.task_id, m.position"
    reader = reader_of(session)
    if task_ids is not None:
        where = " AND" if year is not None else " WHERE"
        found = reader.rows_in(f"{sql}{where} m.task_id IN ({{ids}})", task_ids, params)
        found.sort(key=lambda r: (r[3], r[1], r[2]))  # chunks each come back in order
    else:
        found = reader.rows(sql + order, params)
    milestones = [
        _Milestone(id, task_id, position, iso_date(due), optional_date(start), text)
        for id, task_id, position, due, start, text in found
    ]
    if not milestones:
        return []
    tasks = {m.task_id for m in milestones}
    held = holdings(session, on=as_of, task_ids=tasks)
    units = {h.unit_id for h in held}
    done = completions(session, as_of, units)
    scope = Scope(task_ids=tasks)
    closed = closed_holders(session, as_of, scope)
    reports = latest_reports(session, as_of, scope)
    reopened = reopenings(session, as_of, scope)
    infos = task_infos(session, tasks)
    names = unit_name_map(session, units)
    holders_of: dict[int, list[int]] = {}
    for h in held:
        holders_of.setdefault(h.task_id, []).append(h.unit_id)
    rows = []
    for m in milestones:
        pending: list[str] = []
        met: list[str] = []
        for unit_id in holders_of.get(m.task_id, []):
            report = reports.get((m.task_id, unit_id))
            # A reopening (重新打开) undoes what was recorded before it, as for the lights.
            since = reopened.get((m.task_id, unit_id))
            met_on = done.get((m.id, unit_id))
            complete = (met_on is not None and (since is None or met_on >= since)) or finished(
                (m.task_id, unit_id) in closed, report, reopened_on=since
            )
            (met if complete else pending).append(names[unit_id])
        info = infos[m.task_id]
        rows.append(
            MilestoneRow(
                milestone_id=m.id,
                task_id=m.task_id,
                plan_key=info.plan_key,
                plan_year=info.plan_year,
                task_number=info.number,
                task_title=info.title,
                position=m.position,
                due=m.due_on,
                start=m.start_on,
                text=m.text,
                state=milestone_state(m.due_on, bool(pending), as_of, rules, info.plan_year),
                pending_units=tuple(pending),
                done_units=tuple(met),
            )
        )
    return rows


def month_counts(rows: list[MilestoneRow]) -> list[MonthCount]:
    """Milestones due and overdue per month, every month of the plan years they fall in."""
    if not rows:
        return []
    due = Counter(r.due.strftime("%Y-%m") for r in rows)
    overdue = Counter(r.due.strftime("%Y-%m") for r in rows if r.state == "overdue")
    last_year = max(r.due.year for r in rows)
    months = []
    year, month = min(r.due.year for r in rows), 1
    while year <= last_year:
        key = f"{year:04d}-{month:02d}"
        months.append(MonthCount(key, due[key], overdue[key]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
