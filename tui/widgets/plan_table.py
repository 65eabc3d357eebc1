"""One plan's tasks as a table: number, section, title, units by role, deadlines."""

from __future__ import annotations

from textual.widgets import DataTable

from model.plans.data import PlanData, TaskData
from tui import strings


def _deadlines(task: TaskData) -> str:
    if not task.milestones:
        return strings.NO_DEADLINE
    return " · ".join(m.due.strftime("%m-%d") for m in task.milestones)


class PlanTable(DataTable[str]):
    """Rows are tasks; the row key is "plan-key:number" so screens can open a task."""

    def __init__(self, plan: PlanData, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.plan = plan

    def on_mount(self) -> None:
        # Fixed widths: unit lists run long and would push the deadlines off screen.
        self.add_column(strings.COL_NUMBER, key="number", width=4)
        self.add_column(strings.COL_TITLE, key="title", width=30)
        self.add_column(strings.COL_LEAD, key="lead", width=28)
        self.add_column(strings.COL_SUPPORT, key="support", width=28)
        self.add_column(strings.COL_DEADLINES, key="deadlines", width=20)
        for task in self.plan.tasks:
            self.add_row(
                str(task.number),
                task.title,
                "、".join(task.lead or task.responsible),
                "、".join(task.support) or strings.NO_DEADLINE,
                _deadlines(task),
                key=f"{self.plan.key}:{task.number}",
            )
