"""Who holds which task, and each holder's status as of a date.

A holder is a (task, unit) pair. A group assignment (各乡镇) is held by each unit that is a
member of the group on the day asked about, with the group's role; a group with no members
that day holds the task itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from model.core.lights import LastReport, Light, LightRules, Status, derive
from model.plans.lookup import milestones_by_task, task_infos
from model.store.reader import Reader, iso_date, reader_of
from model.units.lookup import group_members_map, unit_name_map

if TYPE_CHECKING:
    from model.store.reader import Source


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


class Holding(NamedTuple):
    """A (task, unit) pair and how the unit holds the task. A named tuple, not a frozen
    dataclass: the scorecards make one per holder (56,000 at scale L), and a frozen
    dataclass costs twice as much to make."""

    task_id: int
    unit_id: int
    role: str
    via_group_id: int | None


def holdings(
    source: Source,
    *,
    on: dt.date,
    unit_ids: Collection[int] | None = None,
    task_ids: Collection[int] | None = None,
) -> list[Holding]:
    """Assignments expanded through the groups' members on the day `on`; restricted to the
    given units or tasks."""
    reader = reader_of(source)
    members = group_members_map(reader, on)
    query = "SELECT task_id, unit_id, role FROM assignment{where} ORDER BY task_id, position"
    rows: list[Any]
    if unit_ids is not None:
        wanted = set(unit_ids)
        groups = {g for g, ms in members.items() if wanted & set(ms)}
        rows = reader.rows_in(query.format(where=" WHERE unit_id IN ({ids})"), wanted | groups)
    elif task_ids is not None:
        rows = reader.rows_in(query.format(where=" WHERE task_id IN ({ids})"), task_ids)
    else:
        rows = reader.rows(query.format(where=""))
    direct = {(task_id, unit_id) for task_id, unit_id, _ in rows}
    # A direct assignment is unique (uq_assignment_task_id_unit_id) and outranks a group's,
    # so only members reached through groups need to be checked for repeats (a unit in
    # two groups that hold the same task).
    through_groups: set[tuple[int, int]] = set()
    wanted_members = None if unit_ids is None else set(unit_ids)
    out: list[Holding] = []
    for task_id, unit_id, role in rows:
        group = members.get(unit_id)
        if not group:
            out.append(Holding(task_id, unit_id, role, None))
            continue
        for member in group:
            pair = (task_id, member)
            if pair in direct or pair in through_groups:
                continue
            if wanted_members is None or member in wanted_members:
                through_groups.add(pair)
                out.append(Holding(task_id, member, role, unit_id))
    return out


@dataclass(frozen=True)
class Scope:
    """Which records to read: those of some tasks, of some units, or all of them.

    Filtering by task keeps a year's query from scanning every year's records.
    """

    task_ids: Collection[int] | None = None
    unit_ids: Collection[int] | None = None

    def rows(self, reader: Reader, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """`sql` with `{scope}` standing for the condition on its `task_id` and `unit_id`
        columns (after every other placeholder), run in chunks."""
        if self.task_ids is not None:
            return reader.rows_in(
                sql.replace("{scope}", "task_id IN ({ids})"), self.task_ids, params
            )
        if self.unit_ids is not None:
            return reader.rows_in(
                sql.replace("{scope}", "unit_id IN ({ids})"), self.unit_ids, params
            )
        return reader.rows(sql.replace("{scope}", "1"), params)


def _latest_per_holder(columns: str, table: str, when: str, where: str) -> str:
    """The latest row of each holder (task, unit) among those matching `where` and
    `{scope}`: the last by `when`, the last entered on the same day."""
    return (
        f"SELECT {columns} FROM (SELECT {columns}, row_number() OVER ("
        f"PARTITION BY task_id, unit_id ORDER BY {when} DESC, id DESC) AS rank"
        f" FROM {table} WHERE {where} AND {{scope}}) WHERE rank = 1"
    )


_LATEST_REPORTS = _latest_per_holder(
    "task_id, unit_id, reported_on, status, percent",
    "progress_report",
    "reported_on",
    "reported_on <= ?",
)
_LATEST_CLOSURES = _latest_per_holder(
    "task_id, unit_id, action", "closure_event", '"on"', '"on" <= ?'
)


def latest_reports(
    source: Source, as_of: dt.date, scope: Scope
) -> dict[tuple[int, int], LastReport]:
    return {
        (task_id, unit_id): LastReport(iso_date(reported_on), status, percent)
        for task_id, unit_id, reported_on, status, percent in scope.rows(
            reader_of(source), _LATEST_REPORTS, (as_of.isoformat(),)
        )
    }


def closed_holders(source: Source, as_of: dt.date, scope: Scope) -> set[tuple[int, int]]:
    return {
        (task_id, unit_id)
        for task_id, unit_id, action in scope.rows(
            reader_of(source), _LATEST_CLOSURES, (as_of.isoformat(),)
        )
        if action == "close"
    }


def reopenings(source: Source, as_of: dt.date, scope: Scope) -> dict[tuple[int, int], dt.date]:
    """The day of each holder's latest reopening (重新打开) by `as_of`: what the unit recorded
    before it no longer makes its part finished (model.core.lights.finished)."""
    rows = scope.rows(
        reader_of(source),
        'SELECT task_id, unit_id, max("on") FROM closure_event'
        " WHERE \"on\" <= ? AND action = 'reopen' AND {scope} GROUP BY task_id, unit_id",
        (as_of.isoformat(),),
    )
    return {(task_id, unit_id): iso_date(on) for task_id, unit_id, on in rows}


def completions(
    source: Source, as_of: dt.date, unit_ids: Collection[int] | None
) -> dict[tuple[int, int], dt.date]:
    """(milestone, unit) → the day the unit met the milestone, by `as_of`."""
    reader = reader_of(source)
    query = "SELECT milestone_id, unit_id, done_on FROM milestone_completion WHERE done_on <= ?"
    params = (as_of.isoformat(),)
    rows = (
        reader.rows(query, params)
        if unit_ids is None
        else reader.rows_in(query + " AND unit_id IN ({ids})", unit_ids, params)
    )
    return {(m, u): iso_date(on) for m, u, on in rows}


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
    source: Source,
    as_of: dt.date,
    rules: LightRules,
    *,
    unit_ids: Collection[int] | None = None,
    task_ids: Collection[int] | None = None,
) -> list[HolderState]:
    """Every holder's status as of `as_of`, for the given units or tasks (default: all)."""
    reader = reader_of(source)  # one flush of what is pending, then plain reads
    held = holdings(reader, on=as_of, unit_ids=unit_ids, task_ids=task_ids)
    if not held:
        return []
    scoped = unit_ids is not None or task_ids is not None
    tasks = {h.task_id for h in held} if scoped else None
    units = {h.unit_id for h in held} if scoped else None
    infos = task_infos(reader, tasks)
    dues = milestones_by_task(reader, tasks)
    scope = Scope(task_ids=tasks) if task_ids is not None else Scope(unit_ids=units)
    done = completions(reader, as_of, units)
    reports = latest_reports(reader, as_of, scope)
    closed = closed_holders(reader, as_of, scope)
    reopened = reopenings(reader, as_of, scope)
    names = unit_name_map(
        reader, {h.unit_id for h in held} | {h.via_group_id for h in held if h.via_group_id}
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
