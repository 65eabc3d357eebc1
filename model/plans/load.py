"""Loading a plan document into the database: one transaction, one audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.errors import InputError
from model.plans.data import PlanData, PlanDocument, UnitData
from model.store.audit import flush_before_record, record
from model.store.schema import (
    Assignment,
    Document,
    GroupMember,
    LeadingGroup,
    LeadingGroupMember,
    Milestone,
    Plan,
    PlanGoal,
    Section,
    Task,
    Unit,
    UnitAlias,
)
from model.store.snapshots import structure_rows
from model.store.txcache import forget
from model.units.resolver import UnitResolver


@dataclass
class ImportResult:
    """What an import added, and the notes worth telling the user (aliases resolved…)."""

    document: str
    plans: list[str] = field(default_factory=list)
    tasks: int = 0
    milestones: int = 0
    assignments: int = 0
    units: list[str] = field(default_factory=list)
    leading_group: str | None = None
    notes: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        return {
            "plans": self.plans,
            "tasks": self.tasks,
            "milestones": self.milestones,
            "assignments": self.assignments,
            "units": self.units,
            "leading_group": self.leading_group,
        }


def plan_label(key: str, title: str | None = None) -> str:
    return strings.PLAN_SHORT_NAMES.get(key) or title or key


def _document(session: Session, doc: PlanDocument) -> Document:
    data = doc.document
    existing = session.scalar(select(Document).where(Document.number == data.number))
    if existing is None:
        row = Document(
            number=data.number, issuer=data.issuer, issued_on=data.issued_on, title=data.title
        )
        session.add(row)
        return row
    if (existing.issuer, existing.issued_on) != (data.issuer, data.issued_on):
        raise InputError(
            strings.DOCUMENT_CONFLICT.format(
                number=data.number,
                db=f"{existing.issuer} {existing.issued_on}",
                file=f"{data.issuer} {data.issued_on}",
            )
        )
    return existing


def _units(session: Session, units: tuple[UnitData, ...], resolver: UnitResolver) -> list[str]:
    added: list[str] = []
    for data in units:
        unit = resolver.by_name.get(data.name)
        if unit is None:
            unit = Unit(name=data.name, kind=data.kind)
            session.add(unit)
            added.append(data.name)
        elif unit.kind != data.kind:
            raise InputError(
                strings.UNIT_KIND_CONFLICT.format(name=data.name, db=unit.kind, file=data.kind)
            )
        for alias in data.aliases:
            owner = resolver.by_alias.get(alias) or resolver.by_name.get(alias)
            if owner is not None and owner is not unit:
                raise InputError(
                    strings.ALIAS_CONFLICT.format(alias=alias, owner=owner.name, name=data.name)
                )
            if owner is None:
                unit.aliases.append(UnitAlias(alias=alias))
        resolver.add(unit, data.aliases)
    return added


def _group_members(
    session: Session, units: tuple[UnitData, ...], resolver: UnitResolver, notes: list[str]
) -> None:
    """A document's group members become members since the start, still members (open
    spells). A unit the group already has a spell for is left as the office dated it; one
    that has left the group is not brought back by a document naming it (a note says so)."""
    for data in units:
        if not data.members:
            continue
        group = resolver.by_name[data.name]
        ends: dict[str, list[dt.date | None]] = {}  # member: its spells' last days
        if group.id is not None:
            for name, end in session.execute(
                select(Unit.name, GroupMember.valid_to)
                .join(GroupMember, GroupMember.member_id == Unit.id)
                .where(GroupMember.group_id == group.id)
            ):
                ends.setdefault(name, []).append(end)
        where = strings.GROUP_WHERE.format(group=data.name)
        for name in data.members:
            member = resolver.resolve(name, where, notes, typed=False)
            known = ends.get(member.name)
            if known is None:
                session.add(GroupMember(group=group, member=member, valid_from=None, valid_to=None))
            elif None not in known:
                notes.append(
                    strings.GROUP_MEMBER_LEFT.format(
                        group=group.name, name=member.name, end=max(e for e in known if e)
                    )
                )
            ends[member.name] = [None]  # a member now, or said once


def _plan(
    session: Session,
    document: Document,
    data: PlanData,
    resolver: UnitResolver,
    result: ImportResult,
) -> None:
    exists = session.scalar(select(Plan.id).where(Plan.key == data.key, Plan.year == data.year))
    if exists is not None:
        raise InputError(
            strings.PLAN_EXISTS.format(plan=plan_label(data.key, data.title), year=data.year)
        )
    label = plan_label(data.key, data.title)
    plan = Plan(document=document, key=data.key, title=data.title, year=data.year)
    plan.goals = [PlanGoal(position=i, text=text) for i, text in enumerate(data.goals, 1)]
    sections = {
        heading: Section(position=i, heading=heading)
        for i, heading in enumerate(data.sections(), 1)
    }
    plan.sections = list(sections.values())
    session.add(plan)
    for task_data in data.tasks:
        task = Task(
            number=task_data.number,
            section=sections[task_data.section],
            title=task_data.title,
            text=task_data.text,
        )
        task.milestones = [
            Milestone(position=i, due_on=m.due, start_on=m.start, text=m.text)
            for i, m in enumerate(task_data.milestones, 1)
        ]
        plan.tasks.append(task)
        seen: dict[str, list[str]] = {}
        position = 0
        for role, names in task_data.units_by_role().items():
            where = strings.TASK_WHERE.format(
                plan=label, number=task_data.number, role=strings.ROLE_NAMES[role]
            )
            for name in names:
                unit = resolver.resolve(name, where, result.notes, typed=False)
                seen.setdefault(unit.name, []).append(strings.ROLE_NAMES[role])
                if len(seen[unit.name]) > 1:
                    raise InputError(
                        strings.DUPLICATE_ASSIGNMENT.format(
                            plan=label,
                            number=task_data.number,
                            name=unit.name,
                            roles="、".join(seen[unit.name]),
                        )
                    )
                position += 1
                session.add(Assignment(task=task, unit=unit, role=role, position=position))
                result.assignments += 1
        result.tasks += 1
        result.milestones += len(task_data.milestones)
    result.plans.append(f"{data.key}:{data.year}")


def _leading_group(
    session: Session, doc: PlanDocument, resolver: UnitResolver, result: ImportResult
) -> None:
    data = doc.leading_group
    if data is None:
        return
    if session.scalar(select(LeadingGroup.id).where(LeadingGroup.name == data.name)):
        result.notes.append(strings.LEADING_GROUP_EXISTS.format(name=data.name))
        return
    office = resolver.resolve(data.office_unit, strings.OFFICE_WHERE, result.notes, typed=False)
    group = LeadingGroup(name=data.name, office_unit=office)
    for i, member in enumerate(data.members, 1):
        unit = (
            None
            if member.unit is None
            else resolver.resolve(
                member.unit,
                strings.MEMBER_WHERE.format(name=member.name),
                result.notes,
                typed=False,
            )
        )
        group.members.append(
            LeadingGroupMember(
                position=i, name=member.name, title=member.title, unit=unit, role=member.role
            )
        )
    session.add(group)
    result.leading_group = data.name


def import_plan_document(
    session: Session, doc: PlanDocument, *, source_name: str, source_sha256: str
) -> ImportResult:
    """Add the document's units, plans and leading group; refuse anything ambiguous.

    Runs inside the caller's write transaction and appends one audit event naming the
    source file, its SHA-256, what was added and the snapshot of every row added (by
    table, with the ids the rows got), from which `audit verify` rebuilds the plan
    structure; on any error nothing is kept.
    """
    result = ImportResult(document=doc.document.number)
    # No flush until the audit event exists: the session refuses unaudited writes.
    with session.no_autoflush:
        document = _document(session, doc)
        resolver = UnitResolver(session)
        result.units = _units(session, doc.units, resolver)
        _group_members(session, doc.units, resolver, result.notes)
        for plan in doc.plans:
            _plan(session, document, plan, resolver, result)
        _leading_group(session, doc, resolver, result)
    forget(session)  # new units, tasks and holders: nothing read before still holds
    added = list(session.new)
    # The rows get their ids from the database; the event carries them, so it follows.
    flush_before_record(session)
    record(
        session,
        action="seed.import",
        entity="document",
        entity_id=doc.document.number,
        after={
            "file": source_name,
            "sha256": source_sha256,
            "added": result.summary(),
            "rows": structure_rows(added),
        },
    )
    session.flush()
    return result
