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
from model.status.plan_view import (
    SORTS,
    PlanView,
    TaskRow,
    filter_tasks,
    matched_units,
    plan_view,
)
from tui import display, strings
from tui.events import OpenTask
from tui.widgets.data_pane import DataPane
from tui.widgets.fitted_table import Col, FittedTable, RowDetail

if TYPE_CHECKING:
    from model.store.reader import Source

MATCH_STYLE = "bold underline"
LIGHT_CYCLE: tuple[Light | None, ...] = (None, Light.RED, Light.YELLOW, Light.GREEN, Light.GREY)


def columns(*, keep_support: bool = False) -> tuple[Col, ...]:
    """The number, the title, the lead units, the next deadline and the light stay at any
    width; the supporting units go first, unless the filter found a row through one."""
    return (
        Col(strings.COL_NUMBER, "number"),
        Col(strings.COL_TITLE, "title", least=10, ideal=24, detail=True),
        Col(strings.COL_LEAD, "lead", least=8, ideal=16, detail=True),
        Col(strings.COL_SUPPORT, "support", least=8, ideal=16, priority=0 if keep_support else 2),
        Col(strings.COL_NEXT_DUE, "due", least=10),
        Col(strings.COL_LIGHT, "light"),
    )


def unit_list(names: tuple[str, ...], matched: set[str] | frozenset[str]) -> Text:
    """Units joined by 、, those the filter matched first and underlined."""
    if not names:
        return Text(strings.NO_DEADLINE)
    ordered = sorted(names, key=lambda name: name not in matched)
    return Text("、").join(
        Text(name, style=MATCH_STYLE if name in matched else "") for name in ordered
    )


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
        yield Label(id="plan-title", classes="heading", markup=False)
        yield Input(placeholder=strings.FILTER_PLACEHOLDER, id="filter")
        yield Label(id="filter-status", classes="muted", markup=False)
        detail = RowDetail(classes="row-detail")
        yield FittedTable(*columns(), detail=detail, id="tasks", zebra_stripes=True)
        yield detail

    def fetch(self, session: Source) -> PlanView:
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
        matched = matched_units(self.filter_text, rows)
        table = self.query_one("#tasks", FittedTable)
        # A row found through a supporting unit shows that unit: the column stays.
        keep_support = any(unit in matched for row in rows for unit in row.support)
        cells: list[tuple[str, list[object]]] = []
        with_sections = self.sort == "number"
        section = None
        for row in rows:
            if with_sections and row.section != section:
                section = row.section
                cells.append((f"section:{section}", ["", Text(section, style="bold")]))
            cells.append((f"task:{row.number}", self.cells(row, matched)))
        headings = [key for key, _ in cells if key.startswith("section:")]
        table.set_rows(cells, columns=columns(keep_support=keep_support), quiet=headings)
        if rows:
            index = table.cursor_row
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
    def cells(row: TaskRow, matched: set[str] | frozenset[str] = frozenset()) -> list[object]:
        return [
            str(row.number),
            row.title,
            unit_list(row.owners, matched),
            unit_list(row.support, matched),
            display.date(row.next_due),
            display.light(row.light),
        ]

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
