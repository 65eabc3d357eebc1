"""The overview: per plan, tasks by light; what is overdue; what is due soon; who is red."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.core.lights import Light, LightRules, worst
from model.status.holders import HolderState, holder_states
from model.status.timeline import MilestoneRow, milestone_rows
from model.status.unit_check import sort_items
from model.store.reader import reader_of

if TYPE_CHECKING:
    from model.store.reader import Source


@dataclass(frozen=True)
class PlanSummary:
    key: str
    year: int
    title: str
    tasks: int
    lights: dict[Light, int]  # tasks by their worst holder's light


@dataclass(frozen=True)
class Overview:
    as_of: dt.date
    plans: tuple[PlanSummary, ...]
    overdue: tuple[HolderState, ...]
    due_soon: tuple[MilestoneRow, ...]
    red_units: tuple[tuple[str, int], ...]


def task_lights(states: list[HolderState]) -> dict[int, Light]:
    lights: dict[int, list[Light]] = defaultdict(list)
    for state in states:
        lights[state.task_id].append(state.light)
    return {task_id: worst(values) for task_id, values in lights.items()}


def overview(
    session: Source, as_of: dt.date, rules: LightRules, *, top: int = 8, year: int | None = None
) -> Overview:
    """The overview of one plan year's plans (`year`), or of every year's."""
    states = [s for s in holder_states(session, as_of, rules) if year in (None, s.plan_year)]
    per_task = task_lights(states)
    plan_of_task = {s.task_id: s.plan_id for s in states}
    plans = []
    which = "" if year is None else " WHERE year = ?"
    for plan_id, key, plan_year, title in reader_of(session).rows(
        f"SELECT id, key, year, title FROM plan{which} ORDER BY year DESC, id",
        () if year is None else (year,),
    ):
        counts = Counter(light for t, light in per_task.items() if plan_of_task[t] == plan_id)
        plans.append(
            PlanSummary(
                key=key,
                year=plan_year,
                title=title,
                tasks=sum(counts.values()),
                lights={light: counts.get(light, 0) for light in Light},
            )
        )
    overdue = sort_items([s for s in states if s.light is Light.RED])
    red = Counter(s.unit for s in overdue)
    soon = [r for r in milestone_rows(session, as_of, rules, year=year) if r.state == "soon"]
    return Overview(
        as_of=as_of,
        plans=tuple(plans),
        overdue=tuple(overdue),
        due_soon=tuple(soon),
        red_units=tuple(sorted(red.items(), key=lambda kv: (-kv[1], kv[0]))[:top]),
    )
