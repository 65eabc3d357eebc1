"""Naming a task on the command line, in the palette and in the forms: "空气 3", "地下水 9",
the pinyin initials "kq3" and "dxs9", and the plan keys "air:3" and "gw9"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.core import strings
from model.core.checks import echoed
from model.core.errors import InputError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from model.store.schema import Task

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
_ONE = r"([a-z_]+|[\u4e00-\u9fff]+?)\s*[:：\s]?\s*第?\s*(\d+)\s*(?:项任务|项)?"
_REF = re.compile(rf"^\s*{_ONE}\s*$", re.IGNORECASE)
# In a list: refs separated by 、，,;； or spaces; a bare number takes the plan before it
# ("空气 3、4" is 空气 3 and 空气 4).
_SEPARATORS = re.compile(r"[\s,，;；、]*")
_IN_LIST = re.compile(rf"{_ONE}|第?\s*(\d+)\s*(?:项任务|项)?", re.IGNORECASE)
_NEXT = re.compile(r"[^\s,，;；、]+")


@dataclass(frozen=True)
class TaskRef:
    plan_key: str
    number: int
    year: int | None = None

    def label(self) -> str:
        plan = strings.PLAN_SHORT_NAMES.get(self.plan_key, self.plan_key)
        return strings.TASK_REF_LABEL.format(plan=plan, number=self.number)

    def short(self) -> str:
        """The way a person types it back: 空气 3, 地下水 9."""
        return f"{strings.PLAN_SHORT_NAMES.get(self.plan_key, self.plan_key)} {self.number}"


class BadTaskRef(InputError):
    """A piece of text that names no task; `text` is the piece."""

    def __init__(self, text: str) -> None:
        super().__init__(strings.TASK_REF_BAD.format(ref=echoed(text)))
        self.text = text


def parse_task_ref(text: str) -> TaskRef:
    match = _REF.match(text)
    if not match:
        raise BadTaskRef(text)
    return TaskRef(plan_key_of(match.group(1)), int(match.group(2)))


def parse_task_refs(text: str) -> list[TaskRef]:
    """Several tasks: "空气 3、地下水 9", "kq3 dxs9", "空气 3，4", "air:3, gw9"."""
    refs: list[TaskRef] = []
    position = _skip_separators(text, 0)
    while position < len(text):
        match = _IN_LIST.match(text, position)
        if match is None or (match.group(3) is not None and not refs):
            piece = _NEXT.match(text, position)
            raise BadTaskRef(piece.group() if piece else text[position:])
        if match.group(3) is not None:
            refs.append(TaskRef(refs[-1].plan_key, int(match.group(3))))
        else:
            refs.append(TaskRef(plan_key_of(match.group(1)), int(match.group(2))))
        position = _skip_separators(text, match.end())
    return refs


def _skip_separators(text: str, position: int) -> int:
    match = _SEPARATORS.match(text, position)
    return match.end() if match else position


def format_task_refs(refs: list[TaskRef]) -> str:
    """The list as parse_task_refs reads it back: 空气 3、地下水 9."""
    return "、".join(ref.short() for ref in refs)


def plan_key_of(word: str) -> str:
    """The plan a person's word names (空气, 大气, air, a, gw, 地下水…) as its key; a word
    that names no known plan is returned as it is (a plan imported under its own key)."""
    text = word.strip()
    return PLAN_ALIASES.get(text.lower(), text)


def resolve_task(session: Session, ref: TaskRef) -> Task:
    """The task of that plan and number, in the given year or the latest year of that plan."""
    from model.store.txcache import remembered  # the ORM: not on the path of TaskRef's users

    return remembered(session, ("task", ref), lambda: _find_task(session, ref))


def _find_task(session: Session, ref: TaskRef) -> Task:
    from sqlalchemy import select

    from model.store.schema import Plan, Task

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
