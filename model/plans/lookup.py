"""Tasks, their milestones and their units by role, by id, for the read models' bulk queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.store.queries import chunks, core_connection
from model.store.schema import Assignment, Document, Milestone, Plan, Task, Unit


@dataclass(frozen=True)
class TaskInfo:
    plan_id: int
    plan_key: str
    plan_year: int
    number: int
    title: str
    plan_start: dt.date


def task_infos(session: Session, task_ids: Collection[int] | None) -> dict[int, TaskInfo]:
    query = (
        select(Task.id, Plan.id, Plan.key, Plan.year, Task.number, Task.title, Document.issued_on)
        .join(Plan, Plan.id == Task.plan_id)
        .join(Document, Document.id == Plan.document_id)
    )
    parts = [query] if task_ids is None else [query.where(Task.id.in_(p)) for p in chunks(task_ids)]
    return {
        row[0]: TaskInfo(*row[1:])
        for part in parts
        for row in core_connection(session).execute(part)
    }


def milestones_by_task(
    session: Session, task_ids: Collection[int] | None
) -> dict[int, list[tuple[int, dt.date]]]:
    query = select(Milestone.task_id, Milestone.id, Milestone.due_on).order_by(
        Milestone.task_id, Milestone.position
    )
    parts = (
        [query]
        if task_ids is None
        else [query.where(Milestone.task_id.in_(p)) for p in chunks(task_ids)]
    )
    out: dict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    for part in parts:
        for task_id, milestone_id, due in core_connection(session).execute(part):
            out[task_id].append((milestone_id, due))
    return out


def task_roles(session: Session, task_ids: Collection[int]) -> dict[int, dict[str, list[str]]]:
    """Per task, the names of its units by role (groups as the group), in document order."""
    roles: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    query = (
        select(Assignment.task_id, Assignment.role, Unit.name)
        .join(Unit, Unit.id == Assignment.unit_id)
        .order_by(Assignment.task_id, Assignment.position)
    )
    for part in chunks(task_ids):
        for task_id, role, name in core_connection(session).execute(
            query.where(Assignment.task_id.in_(part))
        ):
            roles[task_id][role].append(name)
    return roles
