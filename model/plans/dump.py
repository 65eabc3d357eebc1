"""Reading the plans back out of the database as a `PlanDocument`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from model.core import strings
from model.core.errors import InputError
from model.plans.data import (
    DocumentData,
    LeadingGroupData,
    MemberData,
    MilestoneData,
    PlanData,
    PlanDocument,
    TaskData,
    UnitData,
)
from model.store.schema import Assignment, Document, LeadingGroup, Plan, Task, Unit
from model.units.lookup import group_members_map


def _pick_document(session: Session, number: str | None) -> Document:
    query = select(Document).order_by(Document.issued_on.desc(), Document.id.desc())
    if number is not None:
        query = query.where(Document.number == number)
    document = session.scalars(query.limit(1)).first()
    if document is None:
        raise InputError(
            strings.NO_DOCUMENT.format(number=number) if number else strings.EMPTY_DATABASE
        )
    return document


def dump_plan_document(
    session: Session, document_number: str | None = None, *, on: dt.date
) -> PlanDocument:
    """The given document (default: the latest issued) with its plans, all units (a group
    with its members on the day `on`), the roster."""
    document = _pick_document(session, document_number)
    plans = session.scalars(
        select(Plan)
        .where(Plan.document_id == document.id)
        .order_by(Plan.id)
        .options(
            selectinload(Plan.goals),
            selectinload(Plan.tasks).selectinload(Task.milestones),
            selectinload(Plan.tasks).selectinload(Task.section),
        )
    ).all()
    roles: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    rows = session.execute(
        select(Assignment.task_id, Assignment.role, Unit.name)
        .join(Unit, Unit.id == Assignment.unit_id)
        .join(Task, Task.id == Assignment.task_id)
        .where(Task.plan_id.in_([p.id for p in plans]))
        .order_by(Assignment.task_id, Assignment.position)
    )
    for task_id, role, name in rows:
        roles[task_id][role].append(name)
    plan_data = tuple(
        PlanData(
            key=plan.key,
            title=plan.title,
            year=plan.year,
            goals=tuple(goal.text for goal in plan.goals),
            tasks=tuple(
                TaskData(
                    number=task.number,
                    section=task.section.heading,
                    title=task.title,
                    text=task.text,
                    lead=tuple(roles[task.id]["lead"]),
                    support=tuple(roles[task.id]["support"]),
                    responsible=tuple(roles[task.id]["responsible"]),
                    milestones=tuple(
                        MilestoneData(due=m.due_on, start=m.start_on, text=m.text)
                        for m in task.milestones
                    ),
                )
                for task in plan.tasks
            ),
        )
        for plan in plans
    )
    units = session.scalars(
        select(Unit).order_by(Unit.id).options(selectinload(Unit.aliases))
    ).all()
    members = group_members_map(session, on)
    names = {unit.id: unit.name for unit in units}
    unit_data = tuple(
        UnitData(
            name=unit.name,
            kind=unit.kind,
            aliases=tuple(a.alias for a in unit.aliases),
            members=tuple(names[m] for m in members.get(unit.id, [])),
        )
        for unit in units
    )
    group = session.scalars(
        select(LeadingGroup).order_by(LeadingGroup.id).options(selectinload(LeadingGroup.members))
    ).first()
    group_data = (
        None
        if group is None
        else LeadingGroupData(
            name=group.name,
            office_unit=group.office_unit.name,
            members=tuple(
                MemberData(
                    name=m.name,
                    title=m.title,
                    role=m.role,
                    unit=None if m.unit is None else m.unit.name,
                )
                for m in group.members
            ),
        )
    )
    return PlanDocument(
        document=DocumentData(
            number=document.number,
            issuer=document.issuer,
            issued_on=document.issued_on,
            title=document.title,
        ),
        plans=plan_data,
        units=unit_data,
        leading_group=group_data,
    )
