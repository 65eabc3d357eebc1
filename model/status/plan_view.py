"""One plan as the dashboard lists it: sections, tasks, units by role, next deadline, light."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from model.core.lights import LIGHT_ORDER, Light, LightRules, worst
from model.plans.lookup import task_roles
from model.status.holders import holder_states
from model.store.schema import Document, Plan, Task


@dataclass(frozen=True)
class TaskRow:
    task_id: int
    number: int
    section: str
    title: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    responsible: tuple[str, ...]
    next_due: dt.date | None
    light: Light
    lights: dict[Light, int]  # holders by light

    @property
    def owners(self) -> tuple[str, ...]:
        """Who answers for the task: the lead units, else the responsible ones."""
        return self.lead or self.responsible

    @property
    def light_rank(self) -> int:
        return LIGHT_ORDER[self.light]


@dataclass(frozen=True)
class PlanView:
    key: str
    year: int
    title: str
    goals: tuple[str, ...]
    sections: tuple[str, ...]
    tasks: tuple[TaskRow, ...]


@dataclass(frozen=True)
class PlanHeading:
    key: str
    year: int
    title: str


def plan_headings(session: Session) -> list[PlanHeading]:
    """Plans for the tabs: newest year first, then in document order."""
    rows = session.execute(
        select(Plan.key, Plan.year, Plan.title).order_by(Plan.year.desc(), Plan.id)
    )
    return [PlanHeading(key, year, title) for key, year, title in rows]


def shown_year(as_of: dt.date, years: Collection[int]) -> int | None:
    """The plan year looked at by default: the as-of year, else the latest plan year before
    it, else the first there is (None when there are no plans)."""
    earlier = [y for y in years if y <= as_of.year]
    return max(earlier) if earlier else (min(years) if years else None)


def plan_years(session: Session) -> list[int]:
    return sorted(set(session.scalars(select(Plan.year).distinct())))


def plan_view(session: Session, key: str, year: int, as_of: dt.date, rules: LightRules) -> PlanView:
    plan = session.scalars(
        select(Plan)
        .where(Plan.key == key, Plan.year == year)
        .options(
            selectinload(Plan.goals),
            selectinload(Plan.sections),
            selectinload(Plan.tasks).selectinload(Task.section),
        )
    ).one()
    task_ids = [t.id for t in plan.tasks]
    roles = task_roles(session, task_ids)
    states = holder_states(session, as_of, rules, task_ids=task_ids)
    by_task: dict[int, list[Light]] = defaultdict(list)
    dues: dict[int, list[dt.date]] = defaultdict(list)
    for state in states:
        by_task[state.task_id].append(state.light)
        if state.next_due is not None:
            dues[state.task_id].append(state.next_due)
    rows = []
    for task in plan.tasks:
        lights = by_task.get(task.id, [])
        rows.append(
            TaskRow(
                task_id=task.id,
                number=task.number,
                section=task.section.heading,
                title=task.title,
                lead=tuple(roles[task.id]["lead"]),
                support=tuple(roles[task.id]["support"]),
                responsible=tuple(roles[task.id]["responsible"]),
                next_due=min(dues.get(task.id, []), default=None),
                light=worst(lights),
                lights={light: lights.count(light) for light in Light},
            )
        )
    return PlanView(
        key=plan.key,
        year=plan.year,
        title=plan.title,
        goals=tuple(g.text for g in plan.goals),
        sections=tuple(s.heading for s in plan.sections),
        tasks=tuple(rows),
    )


SORTS = ("number", "due", "light")


def unit_matches(token: str, unit: str) -> bool:
    """A filter word finds a unit by part of its name or the start of its pinyin (zjj)."""
    from model.units.search import pinyin_keys

    lowered = token.lower()
    return token in unit or any(key.startswith(lowered) for key in pinyin_keys(unit))


def matched_units(text: str, rows: Iterable[TaskRow]) -> set[str]:
    """The units of `rows` through which the words of a filter found them."""
    tokens = [t for t in text.split() if not t.isdigit()]
    units = {u for row in rows for u in (*row.lead, *row.support, *row.responsible)}
    return {unit for unit in units for token in tokens if unit_matches(token, unit)}


def _token_matches(token: str, row: TaskRow) -> bool:
    from model.units.search import pinyin_keys

    if token.isdigit():
        return row.number == int(token)
    units = (*row.lead, *row.support, *row.responsible)
    if token in row.title or token in row.section:
        return True
    return (
        any(unit_matches(token, unit) for unit in units)
        or token.lower() in pinyin_keys(row.title)[1]
    )


def filter_tasks(
    rows: tuple[TaskRow, ...], text: str = "", light: Light | None = None, sort: str = "number"
) -> list[TaskRow]:
    """Rows matching every word of `text` (title, unit, pinyin) and the light, sorted."""
    tokens = text.split()
    kept = [
        row
        for row in rows
        if (light is None or row.light is light) and all(_token_matches(t, row) for t in tokens)
    ]
    far = dt.date.max
    if sort == "due":
        kept.sort(key=lambda r: (r.next_due or far, r.number))
    elif sort == "light":
        kept.sort(key=lambda r: (r.light_rank, r.next_due or far, r.number))
    else:
        kept.sort(key=lambda r: r.number)
    return kept


@dataclass(frozen=True)
class TaskEntry:
    plan_key: str
    year: int
    number: int
    title: str


def task_index(session: Session) -> list[TaskEntry]:
    """Every task, for jumping to it by name (the command palette)."""
    rows = session.execute(
        select(Plan.key, Plan.year, Task.number, Task.title)
        .join(Task, Task.plan_id == Plan.id)
        .order_by(Plan.year.desc(), Plan.id, Task.number)
    )
    return [TaskEntry(*row) for row in rows]


def year_documents(session: Session) -> dict[int, str]:
    """The document number of each plan year (the latest issued, if several)."""
    rows = session.execute(
        select(Plan.year, Document.number)
        .join(Document, Plan.document_id == Document.id)
        .order_by(Document.issued_on, Document.id)
    )
    return {year: number for year, number in rows}


def latest_document_number(session: Session) -> str:
    number = session.scalar(
        select(Document.number).order_by(Document.issued_on.desc(), Document.id.desc()).limit(1)
    )
    return number or ""
