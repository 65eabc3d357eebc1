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
from tui.widgets.fitted_table import Col, FittedTable, RowDetail

if TYPE_CHECKING:
    from model.store.reader import Source

PLAN_COUNT_COLUMNS = (
    Col(strings.COL_PLAN, "plan"),
    Col(strings.COL_TOTAL, "total"),
    *(Col(display.light(light), light.value, ideal=6) for light in Light),
)
# Dates, units and titles stay; the number, then the plan go first when narrow (the detail
# line under the tables names them).
OVERDUE_COLUMNS = (
    Col(strings.COL_PLAN, "plan", priority=1),
    Col(strings.COL_NUMBER, "number", priority=1),
    Col(strings.COL_TITLE, "title", least=8, ideal=20, detail=True),
    Col(strings.COL_UNIT, "unit", least=6, ideal=14, detail=True),
    Col(strings.COL_OVERDUE_SINCE, "since", least=10),
)
SOON_COLUMNS = (
    Col(strings.COL_DUE, "due", least=10),
    Col(strings.COL_PLAN, "plan", priority=1),
    Col(strings.COL_NUMBER, "number", priority=1),
    Col(strings.COL_TITLE, "title", least=8, ideal=20, detail=True),
    Col(strings.COL_PENDING, "pending", least=10, ideal=16, detail=True),
)
RED_COLUMNS = (
    Col(strings.COL_UNIT, "unit", least=6, detail=True),
    Col(strings.COL_COUNT, "count"),
)


class OverviewPane(DataPane[Overview]):
    def compose(self) -> ComposeResult:
        detail = RowDetail(id="overview-detail", classes="row-detail")
        yield Label(strings.OV_PLANS, classes="heading", markup=False)
        yield FittedTable(*PLAN_COUNT_COLUMNS, detail=detail, id="plan-counts")
        with Horizontal(id="overview-lists"):
            with Vertical(classes="column wide"):
                yield Label(id="overdue-title", classes="heading", markup=False)
                yield FittedTable(*OVERDUE_COLUMNS, detail=detail, id="overdue", zebra_stripes=True)
                yield Label(id="soon-title", classes="heading", markup=False)
                yield FittedTable(*SOON_COLUMNS, detail=detail, id="soon", zebra_stripes=True)
            with Vertical(classes="column narrow"):
                yield Label(strings.OV_RED_UNITS, classes="heading", markup=False)
                yield FittedTable(*RED_COLUMNS, detail=detail, id="red-units", zebra_stripes=True)
        yield detail

    def fetch(self, session: Source) -> Overview:
        return overview(session, self.duban.as_of, self.duban.rules, year=self.duban.year)

    def show(self, data: Overview) -> None:
        self.query_one("#plan-counts", FittedTable).set_rows(
            (
                f"plan-{plan.key}-{plan.year}",
                [
                    display.plan(plan.key),
                    str(plan.tasks),
                    *(
                        Text(str(plan.lights[light]), style=display.LIGHT_STYLES[light])
                        for light in Light
                    ),
                ],
            )
            for plan in data.plans
        )
        self.query_one("#overdue-title", Label).update(
            strings.OV_OVERDUE.format(count=len(data.overdue))
        )
        self.query_one("#soon-title", Label).update(
            strings.OV_DUE_SOON.format(days=self.duban.rules.warning_days, count=len(data.due_soon))
        )
        self.query_one("#overdue", FittedTable).set_rows(
            (
                f"{index}:{item.plan_key}:{item.task_number}:{item.plan_year}",
                [
                    display.plan(item.plan_key),
                    str(item.task_number),
                    item.task_title,
                    item.unit,
                    Text(display.date(item.overdue_since), style="red"),
                ],
            )
            for index, item in enumerate(data.overdue)
        )
        self.query_one("#soon", FittedTable).set_rows(
            (
                f"{index}:{row.plan_key}:{row.task_number}:{row.plan_year}",
                [
                    Text(row.due.isoformat(), style="yellow"),
                    display.plan(row.plan_key),
                    str(row.task_number),
                    row.task_title,
                    display.names(row.pending_units),
                ],
            )
            for index, row in enumerate(data.due_soon)
        )
        self.query_one("#red-units", FittedTable).set_rows(
            (name, [name, Text(str(count), style="bold red")]) for name, count in data.red_units
        )

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
