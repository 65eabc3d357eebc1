"""One plan as the dashboard lists it: sections, tasks, units by role, next deadline, light."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.core.lights import LIGHT_ORDER, Light, LightRules, worst
from model.plans.lookup import task_roles
from model.status.holders import holder_states
from model.store.reader import reader_of

if TYPE_CHECKING:
    from model.store.reader import Source


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


def plan_headings(session: Source) -> list[PlanHeading]:
    """Plans for the tabs: newest year first, then in document order."""
    rows = reader_of(session).rows("SELECT key, year, title FROM plan ORDER BY year DESC, id")
    return [PlanHeading(key, year, title) for key, year, title in rows]


def shown_year(as_of: dt.date, years: Collection[int]) -> int | None:
    """The plan year looked at by default: the as-of year, else the latest plan year before
    it, else the first there is (None when there are no plans)."""
    earlier = [y for y in years if y <= as_of.year]
    return max(earlier) if earlier else (min(years) if years else None)


def plan_years(session: Source) -> list[int]:
    return sorted(year for (year,) in reader_of(session).rows("SELECT DISTINCT year FROM plan"))


def plan_view(session: Source, key: str, year: int, as_of: dt.date, rules: LightRules) -> PlanView:
    reader = reader_of(session)
    found = reader.rows("SELECT id, title FROM plan WHERE key = ? AND year = ?", (key, year))
    if not found:
        # Only a tab whose plan has gone since it was drawn: the app reports the failed read.
        raise LookupError(f"no plan {key} {year}")
    plan_id, title = found[0]
    goals = reader.rows(
        "SELECT text FROM plan_goal WHERE plan_id = ? ORDER BY position", (plan_id,)
    )
    sections = reader.rows(
        "SELECT heading FROM section WHERE plan_id = ? ORDER BY position", (plan_id,)
    )
    tasks = reader.rows(
        "SELECT t.id, t.number, s.heading, t.title FROM task t"
        " JOIN section s ON s.id = t.section_id WHERE t.plan_id = ? ORDER BY t.number",
        (plan_id,),
    )
    task_ids = [task_id for task_id, *_ in tasks]
    roles = task_roles(session, task_ids)
    states = holder_states(session, as_of, rules, task_ids=task_ids)
    by_task: dict[int, list[Light]] = defaultdict(list)
    dues: dict[int, list[dt.date]] = defaultdict(list)
    for state in states:
        by_task[state.task_id].append(state.light)
        if state.next_due is not None:
            dues[state.task_id].append(state.next_due)
    rows = []
    for task_id, number, heading, task_title in tasks:
        lights = by_task.get(task_id, [])
        rows.append(
            TaskRow(
                task_id=task_id,
                number=number,
                section=heading,
                title=task_title,
                lead=tuple(roles[task_id]["lead"]),
                support=tuple(roles[task_id]["support"]),
                responsible=tuple(roles[task_id]["responsible"]),
                next_due=min(dues.get(task_id, []), default=None),
                light=worst(lights),
                lights={light: lights.count(light) for light in Light},
            )
        )
    return PlanView(
        key=key,
        year=year,
        title=title,
        goals=tuple(text for (text,) in goals),
        sections=tuple(heading for (heading,) in sections),
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


def task_index(session: Source) -> list[TaskEntry]:
    """Every task, for jumping to it by name (the command palette)."""
    rows = reader_of(session).rows(
        "SELECT p.key, p.year, t.number, t.title FROM plan p JOIN task t ON t.plan_id = p.id"
        " ORDER BY p.year DESC, p.id, t.number"
    )
    return [TaskEntry(*row) for row in rows]


def year_documents(session: Source) -> dict[int, str]:
    """The document number of each plan year (the latest issued, if several)."""
    rows = reader_of(session).rows(
        "SELECT p.year, d.number FROM plan p JOIN document d ON d.id = p.document_id"
        " ORDER BY d.issued_on, d.id"
    )
    return {year: number for year, number in rows}


def latest_document_number(session: Source) -> str:
    rows = reader_of(session).rows(
        "SELECT number FROM document ORDER BY issued_on DESC, id DESC LIMIT 1"
    )
    return str(rows[0][0]) if rows else ""
