"""Naming a task on the command line or in the palette: "air:3", "空气 3", "地下水 9", "gw9"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.errors import InputError
from model.store.schema import Plan, Task
from model.store.txcache import remembered

# The words people use for each plan: the key and its initial, the Chinese names and their
# pinyin initials (空气 kq, 大气 dq, 水 shui, 水环境 shj, 土壤 tr, 地下水 dxs).
_PLAN_WORDS: dict[str, tuple[str, ...]] = {
    "air": ("air", "a", "空气", "大气", "kq", "dq"),
    "water": ("water", "w", "水", "水环境", "shui", "shj"),
    "soil": ("soil", "s", "土壤", "tr"),
    "groundwater": ("groundwater", "gw", "g", "地下水", "dxs"),
}
PLAN_ALIASES: dict[str, str] = {word: key for key, words in _PLAN_WORDS.items() for word in words}

# "air:3", "空气 3", "gw9", and the labels duban itself prints: "空气第3项", "空气 第 3 项任务".
_REF = re.compile(
    r"^\s*([a-z_]+|[\u4e00-\u9fff]+?)\s*[:：\s]?\s*第?\s*(\d+)\s*(?:项任务|项)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TaskRef:
    plan_key: str
    number: int
    year: int | None = None

    def label(self) -> str:
        plan = strings.PLAN_SHORT_NAMES.get(self.plan_key, self.plan_key)
        return strings.TASK_REF_LABEL.format(plan=plan, number=self.number)


def parse_task_ref(text: str) -> TaskRef:
    match = _REF.match(text)
    if not match:
        raise InputError(strings.TASK_REF_BAD.format(ref=text))
    return TaskRef(plan_key_of(match.group(1)), int(match.group(2)))


def plan_key_of(word: str) -> str:
    """The plan a person's word names (空气, 大气, air, a, gw, 地下水…) as its key; a word
    that names no known plan is returned as it is (a plan imported under its own key)."""
    text = word.strip()
    return PLAN_ALIASES.get(text.lower(), text)


def resolve_task(session: Session, ref: TaskRef) -> Task:
    """The task of that plan and number, in the given year or the latest year of that plan."""
    return remembered(session, ("task", ref), lambda: _find_task(session, ref))


def _find_task(session: Session, ref: TaskRef) -> Task:
    query = (
        select(Task)
        .join(Plan, Plan.id == Task.plan_id)
        .where(Plan.key == ref.plan_key, Task.number == ref.number)
        .order_by(Plan.year.desc())
    )
    if ref.year is not None:
        query = query.where(Plan.year == ref.year)
    task = session.scalars(query.limit(1)).first()
    if task is None:
        raise InputError(strings.TASK_REF_UNKNOWN.format(ref=ref.label()))
    return task


def task_label(task: Task) -> str:
    return TaskRef(task.plan.key, task.number).label()
