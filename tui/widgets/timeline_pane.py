"""时间轴: every milestone by month, the as-of date marked, and a chart per month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable

from model.plans.task_refs import TaskRef
from model.status.timeline import MilestoneRow, MonthCount, milestone_rows, month_counts
from tui import display, strings
from tui.events import OpenTask
from tui.widgets.data_pane import DataPane
from tui.widgets.fitted_table import Col, FittedTable, RowDetail
from tui.widgets.month_chart import MonthChart

if TYPE_CHECKING:
    from model.store.reader import Source


@dataclass(frozen=True)
class TimelineData:
    as_of: dt.date
    rows: list[MilestoneRow]
    months: list[MonthCount]


# The due date, the state and the units still pending stay; the month (the due date says
# it) goes first, then the number and the plan (the detail line names them).
COLUMNS = (
    Col(strings.COL_MONTH, "month", priority=3),
    Col(strings.COL_DUE, "due", least=10),
    Col(strings.COL_PLAN, "plan", priority=1),
    Col(strings.COL_NUMBER, "number", priority=1),
    Col(strings.COL_TITLE, "title", least=8, ideal=24, detail=True),
    Col(strings.COL_STATUS, "state", least=6),
    Col(strings.COL_PENDING, "pending", least=10, ideal=20, detail=True),
)


class TimelinePane(DataPane[TimelineData]):
    def compose(self) -> ComposeResult:
        detail = RowDetail(classes="row-detail")
        yield FittedTable(*COLUMNS, detail=detail, id="milestones")
        yield detail
        yield MonthChart(id="month-chart")

    def fetch(self, session: Source) -> TimelineData:
        rows = milestone_rows(session, self.duban.as_of, self.duban.rules, year=self.duban.year)
        return TimelineData(self.duban.as_of, rows, month_counts(rows))

    def show(self, data: TimelineData) -> None:
        rows: list[tuple[str, list[object]]] = []
        marker_row: int | None = None
        month = None
        for index, row in enumerate(data.rows):
            if marker_row is None and row.due >= data.as_of:
                marker_row = len(rows)
                rows.append(self.marker(data.as_of))
            label = row.due.strftime("%Y-%m")
            style = display.STATE_STYLES[row.state]
            rows.append(
                (
                    f"{index}:{row.plan_key}:{row.task_number}:{row.plan_year}",
                    [
                        label if label != month else "",
                        Text(row.due.isoformat(), style=style),
                        display.plan(row.plan_key),
                        str(row.task_number),
                        row.task_title,
                        Text(strings.TL_STATES[row.state], style=style),
                        display.names(row.pending_units),
                    ],
                )
            )
            month = label
        if marker_row is None:
            marker_row = len(rows)
            rows.append(self.marker(data.as_of))
        table = self.query_one(FittedTable)
        table.set_rows(rows, quiet=["as-of"])
        table.move_cursor(row=marker_row)
        self.query_one(MonthChart).set_months(data.months)

    @staticmethod
    def marker(as_of: dt.date) -> tuple[str, list[object]]:
        style = "bold magenta"
        marker = Text(strings.TL_AS_OF_ROW.format(as_of=as_of.isoformat()), style=style)
        return "as-of", ["", Text("━" * 10, style=style), "", "", marker, "", ""]

    @on(DataTable.RowSelected, "#milestones")
    def milestone_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = str(event.row_key.value)
        if key == "as-of":
            return
        _, plan_key, number, year = key.split(":")
        self.post_message(OpenTask(TaskRef(plan_key, int(number), int(year))))
