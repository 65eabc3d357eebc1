"""Tasks, their milestones and their units by role, by id, for the read models' bulk queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.store.reader import iso_date, reader_of

if TYPE_CHECKING:
    from model.store.reader import Source


@dataclass(frozen=True)
class TaskInfo:
    plan_id: int
    plan_key: str
    plan_year: int
    number: int
    title: str
    plan_start: dt.date


_TASK_INFOS = (
    "SELECT task.id, plan.id, plan.key, plan.year, task.number, task.title, document.issued_on"
    " FROM task JOIN plan ON plan.id = task.plan_id JOIN document ON document.id = plan.document_id"
)


def task_infos(source: Source, task_ids: Collection[int] | None) -> dict[int, TaskInfo]:
    reader = reader_of(source)
    rows = (
        reader.rows(_TASK_INFOS)
        if task_ids is None
        else reader.rows_in(_TASK_INFOS + " WHERE task.id IN ({ids})", task_ids)
    )
    return {
        task_id: TaskInfo(plan_id, key, year, number, title, iso_date(start))
        for task_id, plan_id, key, year, number, title, start in rows
    }


def milestones_by_task(
    source: Source, task_ids: Collection[int] | None
) -> dict[int, list[tuple[int, dt.date]]]:
    reader = reader_of(source)
    query = "SELECT task_id, id, due_on FROM milestone{where} ORDER BY task_id, position"
    rows = (
        reader.rows(query.format(where=""))
        if task_ids is None
        else reader.rows_in(query.format(where=" WHERE task_id IN ({ids})"), task_ids)
    )
    out: dict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    for task_id, milestone_id, due in rows:
        out[task_id].append((milestone_id, iso_date(due)))
    return out


def task_roles(source: Source, task_ids: Collection[int]) -> dict[int, dict[str, list[str]]]:
    """Per task, the names of its units by role (groups as the group), in document order."""
    roles: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for task_id, role, name in reader_of(source).rows_in(
        "SELECT assignment.task_id, assignment.role, unit.name FROM assignment"
        " JOIN unit ON unit.id = assignment.unit_id WHERE assignment.task_id IN ({ids})"
        " ORDER BY assignment.task_id, assignment.position",
        task_ids,
    ):
        roles[task_id][role].append(name)
    return roles
