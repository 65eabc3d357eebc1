"""One plan's tab: section headings and tasks, filtered as you type, sorted on demand.

The filter text, the light filter and the sort are reactive view state: changing any of
them redraws the rows (the data itself is only read again when it changes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.reactive import reactive
from textual.widgets import DataTable, Input, Label

from model.core.lights import Light
from model.plans.task_refs import TaskRef
from model.status.plan_view import SORTS, PlanView, TaskRow, filter_tasks, plan_view
from tui import display, strings
from tui.events import OpenTask
from tui.widgets.data_pane import DataPane

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session

LIGHT_CYCLE: tuple[Light | None, ...] = (None, Light.RED, Light.YELLOW, Light.GREEN, Light.GREY)


class PlanPane(DataPane[PlanView]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", strings.FILTER_KEY, id="plan.filter"),
        Binding("l", "cycle_light", strings.FILTER_LIGHT_KEY, id="plan.light"),
        Binding("s", "cycle_sort", strings.SORT_KEY, id="plan.sort"),
    ]

    filter_text: reactive[str] = reactive("", init=False)
    light_filter: reactive[Light | None] = reactive(None, init=False)
    sort: reactive[str] = reactive("number", init=False)

    def __init__(self, key: str, year: int, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="plan-pane")
        self.plan_key = key
        self.year = year

    def compose(self) -> ComposeResult:
        yield Label(id="plan-title", classes="heading")
        yield Input(placeholder=strings.FILTER_PLACEHOLDER, id="filter")
        yield Label(id="filter-status", classes="muted")
        yield DataTable(id="tasks", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#tasks", DataTable)
        table.add_column(strings.COL_NUMBER, key="number", width=4)
        table.add_column(strings.COL_TITLE, key="title", width=30)
        table.add_column(strings.COL_LEAD, key="lead", width=26)
        table.add_column(strings.COL_SUPPORT, key="support", width=24)
        table.add_column(strings.COL_NEXT_DUE, key="due", width=10)
        table.add_column(strings.COL_LIGHT, key="light", width=4)

    def fetch(self, session: Session) -> PlanView:
        return plan_view(session, self.plan_key, self.year, self.duban.as_of, self.duban.rules)

    def show(self, data: PlanView) -> None:
        self.query_one("#plan-title", Label).update(data.title)
        self.render_rows()

    def watch_filter_text(self) -> None:
        self.render_rows()

    def watch_light_filter(self) -> None:
        self.render_rows()

    def watch_sort(self) -> None:
        self.render_rows()

    def render_rows(self) -> None:
        data = self.data
        if data is None:
            return
        rows = filter_tasks(data.tasks, self.filter_text, self.light_filter, self.sort)
        table = self.query_one("#tasks", DataTable)
        cursor = table.cursor_row
        table.clear()
        with_sections = self.sort == "number"
        section = None
        for row in rows:
            if with_sections and row.section != section:
                section = row.section
                table.add_row(
                    "", Text(section, style="bold"), "", "", "", "", key=f"section:{section}"
                )
            table.add_row(*self.cells(row), key=f"task:{row.number}")
        if rows:
            index = min(cursor, table.row_count - 1)
            first = table.coordinate_to_cell_key(Coordinate(index, 0)).row_key
            if str(first.value).startswith("section:"):
                index += 1  # land on a task, not on its section heading
            table.move_cursor(row=index)
        light = (
            strings.LIGHT_FILTER_ALL
            if self.light_filter is None
            else strings.LIGHT_LABELS[self.light_filter.value]
        )
        status = strings.FILTER_STATUS.format(
            shown=len(rows),
            total=len(data.tasks),
            light=light,
            sort=strings.SORT_NAMES[self.sort],
        )
        self.query_one("#filter-status", Label).update(status)

    @staticmethod
    def cells(row: TaskRow) -> tuple[object, ...]:
        return (
            str(row.number),
            row.title,
            display.names(row.owners),
            display.names(row.support),
            display.date(row.next_due),
            display.light(row.light),
        )

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value

    @on(Input.Submitted, "#filter")
    def filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#tasks", DataTable).focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_cycle_light(self) -> None:
        self.light_filter = LIGHT_CYCLE[
            (LIGHT_CYCLE.index(self.light_filter) + 1) % len(LIGHT_CYCLE)
        ]

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]

    @on(DataTable.RowSelected, "#tasks")
    def task_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        kind, _, value = str(event.row_key.value).partition(":")
        if kind == "task":
            self.post_message(OpenTask(TaskRef(self.plan_key, int(value), self.year)))
