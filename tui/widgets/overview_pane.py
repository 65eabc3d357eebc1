"""总览: per plan, tasks by light; overdue items; deadlines in the next 30 days; red units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label

from model.core.lights import Light
from model.plans.task_refs import TaskRef
from model.status.overview import Overview, overview
from tui import display, strings
from tui.events import OpenTask, OpenUnit
from tui.widgets.data_pane import DataPane

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


class OverviewPane(DataPane[Overview]):
    def compose(self) -> ComposeResult:
        yield Label(strings.OV_PLANS, classes="heading")
        yield DataTable(id="plan-counts", cursor_type="row")
        with Horizontal(id="overview-lists"):
            with Vertical(classes="column wide"):
                yield Label(id="overdue-title", classes="heading")
                yield DataTable(id="overdue", cursor_type="row", zebra_stripes=True)
                yield Label(id="soon-title", classes="heading")
                yield DataTable(id="soon", cursor_type="row", zebra_stripes=True)
            with Vertical(classes="column narrow"):
                yield Label(strings.OV_RED_UNITS, classes="heading")
                yield DataTable(id="red-units", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        counts = self.query_one("#plan-counts", DataTable)
        display.add_columns(
            counts,
            (strings.COL_PLAN, 8),
            (strings.COL_TOTAL, 6),
        )
        for light in Light:
            counts.add_column(display.light(light), width=6)
        overdue = self.query_one("#overdue", DataTable)
        display.add_columns(
            overdue,
            (strings.COL_PLAN, 6),
            (strings.COL_NUMBER, 4),
            (strings.COL_TITLE, 26),
            (strings.COL_UNIT, 20),
            (strings.COL_OVERDUE_SINCE, 10),
        )
        soon = self.query_one("#soon", DataTable)
        display.add_columns(
            soon,
            (strings.COL_DUE, 10),
            (strings.COL_PLAN, 6),
            (strings.COL_NUMBER, 4),
            (strings.COL_TITLE, 26),
            (strings.COL_PENDING, 20),
        )
        red = self.query_one("#red-units", DataTable)
        display.add_columns(
            red,
            (strings.COL_UNIT, 20),
            (strings.COL_COUNT, 6),
        )

    def fetch(self, session: Session) -> Overview:
        return overview(session, self.duban.as_of, self.duban.rules)

    def show(self, data: Overview) -> None:
        counts = self.query_one("#plan-counts", DataTable)
        counts.clear()
        for plan in data.plans:
            counts.add_row(
                display.plan(plan.key),
                str(plan.tasks),
                *(
                    Text(str(plan.lights[light]), style=display.LIGHT_STYLES[light])
                    for light in Light
                ),
                key=f"plan-{plan.key}-{plan.year}",
            )
        self.query_one("#overdue-title", Label).update(
            strings.OV_OVERDUE.format(count=len(data.overdue))
        )
        self.query_one("#soon-title", Label).update(
            strings.OV_DUE_SOON.format(days=self.duban.rules.warning_days, count=len(data.due_soon))
        )
        overdue = self.query_one("#overdue", DataTable)
        overdue.clear()
        for index, item in enumerate(data.overdue):
            overdue.add_row(
                display.plan(item.plan_key),
                str(item.task_number),
                item.task_title,
                item.unit,
                Text(display.date(item.overdue_since), style="red"),
                key=f"{index}:{item.plan_key}:{item.task_number}:{item.plan_year}",
            )
        soon = self.query_one("#soon", DataTable)
        soon.clear()
        for index, row in enumerate(data.due_soon):
            soon.add_row(
                Text(row.due.isoformat(), style="yellow"),
                display.plan(row.plan_key),
                str(row.task_number),
                row.task_title,
                display.names(row.pending_units),
                key=f"{index}:{row.plan_key}:{row.task_number}:{row.plan_year}",
            )
        red = self.query_one("#red-units", DataTable)
        red.clear()
        for name, count in data.red_units:
            red.add_row(name, Text(str(count), style="bold red"), key=name)

    @on(DataTable.RowSelected, "#plan-counts")
    def plan_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.duban.show_tab(str(event.row_key.value))

    @on(DataTable.RowSelected, "#red-units")
    def unit_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(OpenUnit(str(event.row_key.value)))

    @on(DataTable.RowSelected, "#overdue, #soon")
    def task_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        _, plan_key, number, year = str(event.row_key.value).split(":")
        self.post_message(OpenTask(TaskRef(plan_key, int(number), int(year))))
