"""Who holds which task, and each holder's status as of a date.

A holder is a (task, unit) pair. A group assignment (各乡镇) is held by each unit that is a
member of the group on the day asked about, with the group's role; a group with no members
that day holds the task itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from model.core.lights import LastReport, Light, LightRules, Status, derive
from model.plans.lookup import milestones_by_task, task_infos
from model.store.queries import chunks, core_connection
from model.store.schema import (
    Assignment,
    ClosureEvent,
    MilestoneCompletion,
    ProgressReport,
)
from model.units.lookup import group_members_map, unit_name_map


@dataclass(frozen=True)
class HolderState:
    task_id: int
    plan_id: int
    plan_key: str
    plan_year: int
    task_number: int
    task_title: str
    unit_id: int
    unit: str
    role: str
    via_group: str | None
    status: Status
    light: Light
    next_due: dt.date | None
    overdue_since: dt.date | None
    last_report_on: dt.date | None
    percent: int | None


@dataclass(frozen=True)
class Holding:
    task_id: int
    unit_id: int
    role: str
    via_group_id: int | None


def holdings(
    session: Session,
    *,
    on: dt.date,
    unit_ids: Collection[int] | None = None,
    task_ids: Collection[int] | None = None,
) -> list[Holding]:
    """Assignments expanded through the groups' members on the day `on`; restricted to the
    given units or tasks."""
    members = group_members_map(session, on)
    query = select(Assignment.task_id, Assignment.unit_id, Assignment.role).order_by(
        Assignment.task_id, Assignment.position
    )
    rows: list[Any] = []
    if unit_ids is not None:
        wanted = set(unit_ids)
        groups = {g for g, ms in members.items() if wanted & set(ms)}
        for part in chunks(wanted | groups):
            rows.extend(core_connection(session).execute(query.where(Assignment.unit_id.in_(part))))
    elif task_ids is not None:
        for part in chunks(task_ids):
            rows.extend(core_connection(session).execute(query.where(Assignment.task_id.in_(part))))
    else:
        rows = list(core_connection(session).execute(query))
    seen: set[tuple[int, int]] = set()
    direct = {(task_id, unit_id) for task_id, unit_id, _ in rows}
    out: list[Holding] = []
    for task_id, unit_id, role in rows:
        if members.get(unit_id):
            for member in members[unit_id]:
                if (task_id, member) in direct or (task_id, member) in seen:
                    continue  # a direct assignment outranks the group's
                if unit_ids is None or member in unit_ids:
                    seen.add((task_id, member))
                    out.append(Holding(task_id, member, role, unit_id))
        elif (task_id, unit_id) not in seen:
            seen.add((task_id, unit_id))
            out.append(Holding(task_id, unit_id, role, None))
    return out


@dataclass(frozen=True)
class Scope:
    """Which records to read: those of some tasks, of some units, or all of them.

    Filtering by task keeps a year's query from scanning every year's records.
    """

    task_ids: Collection[int] | None = None
    unit_ids: Collection[int] | None = None

    def filters(self, task_column: Any, unit_column: Any) -> list[Any]:
        if self.task_ids is not None:
            return [task_column.in_(part) for part in chunks(self.task_ids)]
        if self.unit_ids is not None:
            return [unit_column.in_(part) for part in chunks(self.unit_ids)]
        return [None]


def _latest_per_holder(
    query: Select[*tuple[Any, ...]],
    partition: Sequence[Any],
    order: Sequence[Any],
    filters: list[Any],
) -> list[Select[*tuple[Any, ...]]]:
    ranked = query.add_columns(
        func.row_number().over(partition_by=partition, order_by=order).label("rank")
    )
    out = []
    for condition in filters:
        sub = (ranked if condition is None else ranked.where(condition)).subquery()
        out.append(select(sub).where(sub.c.rank == 1))
    return out


def latest_reports(
    session: Session, as_of: dt.date, scope: Scope
) -> dict[tuple[int, int], LastReport]:
    base = select(
        ProgressReport.task_id,
        ProgressReport.unit_id,
        ProgressReport.reported_on,
        ProgressReport.status,
        ProgressReport.percent,
    ).where(ProgressReport.reported_on <= as_of)
    out: dict[tuple[int, int], LastReport] = {}
    for query in _latest_per_holder(
        base,
        (ProgressReport.task_id, ProgressReport.unit_id),
        (ProgressReport.reported_on.desc(), ProgressReport.id.desc()),
        scope.filters(ProgressReport.task_id, ProgressReport.unit_id),
    ):
        for task_id, unit_id, reported_on, status, percent, _ in core_connection(session).execute(
            query
        ):
            out[(task_id, unit_id)] = LastReport(reported_on, status, percent)
    return out


def closed_holders(session: Session, as_of: dt.date, scope: Scope) -> set[tuple[int, int]]:
    base = select(ClosureEvent.task_id, ClosureEvent.unit_id, ClosureEvent.action).where(
        ClosureEvent.on <= as_of
    )
    closed: set[tuple[int, int]] = set()
    for query in _latest_per_holder(
        base,
        (ClosureEvent.task_id, ClosureEvent.unit_id),
        (ClosureEvent.on.desc(), ClosureEvent.id.desc()),
        scope.filters(ClosureEvent.task_id, ClosureEvent.unit_id),
    ):
        for task_id, unit_id, action, _ in core_connection(session).execute(query).all():
            if action == "close":
                closed.add((task_id, unit_id))
    return closed


def reopenings(session: Session, as_of: dt.date, scope: Scope) -> dict[tuple[int, int], dt.date]:
    """The day of each holder's latest reopening (重新打开) by `as_of`: what the unit recorded
    before it no longer makes its part finished (model.core.lights.finished)."""
    query = (
        select(ClosureEvent.task_id, ClosureEvent.unit_id, func.max(ClosureEvent.on))
        .where(ClosureEvent.on <= as_of, ClosureEvent.action == "reopen")
        .group_by(ClosureEvent.task_id, ClosureEvent.unit_id)
    )
    out: dict[tuple[int, int], dt.date] = {}
    for condition in scope.filters(ClosureEvent.task_id, ClosureEvent.unit_id):
        part = query if condition is None else query.where(condition)
        for task_id, unit_id, on in core_connection(session).execute(part):
            out[(task_id, unit_id)] = on
    return out


def completions(
    session: Session, as_of: dt.date, unit_ids: Collection[int] | None
) -> dict[tuple[int, int], dt.date]:
    """(milestone, unit) → the day the unit met the milestone, by `as_of`."""
    query = select(
        MilestoneCompletion.milestone_id, MilestoneCompletion.unit_id, MilestoneCompletion.done_on
    ).where(MilestoneCompletion.done_on <= as_of)
    parts = (
        [query]
        if unit_ids is None
        else [query.where(MilestoneCompletion.unit_id.in_(p)) for p in chunks(unit_ids)]
    )
    return {(m, u): on for part in parts for m, u, on in core_connection(session).execute(part)}


def _milestones_met(
    count: int, met_on: list[dt.date], since: dt.date | None, report: LastReport | None
) -> bool:
    """Every one of the task's `count` milestones met (since the latest reopening), and no
    report below done after the last of them: the unit's part is done by its milestones
    (as model.scoring counts it)."""
    return (
        count > 0
        and len(met_on) == count
        and (since is None or min(met_on) >= since)
        and (report is None or report.done or report.reported_on <= max(met_on))
    )


def holder_states(
    session: Session,
    as_of: dt.date,
    rules: LightRules,
    *,
    unit_ids: Collection[int] | None = None,
    task_ids: Collection[int] | None = None,
) -> list[HolderState]:
    """Every holder's status as of `as_of`, for the given units or tasks (default: all)."""
    held = holdings(session, on=as_of, unit_ids=unit_ids, task_ids=task_ids)
    if not held:
        return []
    scoped = unit_ids is not None or task_ids is not None
    tasks = {h.task_id for h in held} if scoped else None
    units = {h.unit_id for h in held} if scoped else None
    infos = task_infos(session, tasks)
    dues = milestones_by_task(session, tasks)
    scope = Scope(task_ids=tasks) if task_ids is not None else Scope(unit_ids=units)
    done = completions(session, as_of, units)
    reports = latest_reports(session, as_of, scope)
    closed = closed_holders(session, as_of, scope)
    reopened = reopenings(session, as_of, scope)
    names = unit_name_map(
        session, {h.unit_id for h in held} | {h.via_group_id for h in held if h.via_group_id}
    )
    out: list[HolderState] = []
    for h in held:
        info = infos[h.task_id]
        report = reports.get((h.task_id, h.unit_id))
        milestones = dues.get(h.task_id, [])
        since = reopened.get((h.task_id, h.unit_id))
        met = [m for m, _ in milestones if (m, h.unit_id) in done]
        derived = derive(
            as_of=as_of,
            plan_start=info.plan_start,
            pending_dues=[d for m, d in milestones if (m, h.unit_id) not in done],
            last_report=report,
            closed=(h.task_id, h.unit_id) in closed,
            rules=rules,
            milestones_met=_milestones_met(
                len(milestones), [done[(m, h.unit_id)] for m in met], since, report
            ),
            reopened_on=since,
            year=info.plan_year,
        )
        out.append(
            HolderState(
                task_id=h.task_id,
                plan_id=info.plan_id,
                plan_key=info.plan_key,
                plan_year=info.plan_year,
                task_number=info.number,
                task_title=info.title,
                unit_id=h.unit_id,
                unit=names[h.unit_id],
                role=h.role,
                via_group=None if h.via_group_id is None else names[h.via_group_id],
                status=derived.status,
                light=derived.light,
                next_due=derived.next_due,
                overdue_since=derived.overdue_since,
                last_report_on=None if report is None else report.reported_on,
                percent=None if report is None else report.percent,
            )
        )
    return out
