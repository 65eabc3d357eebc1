"""Messages that travel up the DOM: open a task or a unit; the data changed."""

from __future__ import annotations

from textual.message import Message

from model.plans.task_refs import TaskRef


class OpenTask(Message):
    def __init__(self, ref: TaskRef) -> None:
        super().__init__()
        self.ref = ref


class OpenUnit(Message):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class DataChanged(Message):
    """A write landed: every view reloads what it shows."""
