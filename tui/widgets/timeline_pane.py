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
from tui.widgets.month_chart import MonthChart

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


@dataclass(frozen=True)
class TimelineData:
    as_of: dt.date
    rows: list[MilestoneRow]
    months: list[MonthCount]


class TimelinePane(DataPane[TimelineData]):
    def compose(self) -> ComposeResult:
        yield DataTable(id="milestones", cursor_type="row")
        yield MonthChart(id="month-chart")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        display.add_columns(
            table,
            (strings.COL_MONTH, 7),
            (strings.COL_DUE, 10),
            (strings.COL_PLAN, 6),
            (strings.COL_NUMBER, 4),
            (strings.COL_TITLE, 24),
            (strings.COL_STATUS, 6),
            (strings.COL_PENDING, 30),
        )

    def fetch(self, session: Session) -> TimelineData:
        rows = milestone_rows(session, self.duban.as_of, self.duban.rules)
        return TimelineData(self.duban.as_of, rows, month_counts(rows))

    def show(self, data: TimelineData) -> None:
        table = self.query_one(DataTable)
        table.clear()
        marked = False
        month = None
        marker_row = 0
        for index, row in enumerate(data.rows):
            if not marked and row.due >= data.as_of:
                marked = True
                marker_row = table.row_count
                self.add_marker(table, data.as_of)
            label = row.due.strftime("%Y-%m")
            style = display.STATE_STYLES[row.state]
            table.add_row(
                label if label != month else "",
                Text(row.due.isoformat(), style=style),
                display.plan(row.plan_key),
                str(row.task_number),
                row.task_title,
                Text(strings.TL_STATES[row.state], style=style),
                display.names(row.pending_units),
                key=f"{index}:{row.plan_key}:{row.task_number}:{row.plan_year}",
            )
            month = label
        if not marked:
            marker_row = table.row_count
            self.add_marker(table, data.as_of)
        table.move_cursor(row=marker_row)
        self.query_one(MonthChart).set_months(data.months)

    @staticmethod
    def add_marker(table: DataTable[object], as_of: dt.date) -> None:
        style = "bold magenta"
        marker = Text(strings.TL_AS_OF_ROW.format(as_of=as_of.isoformat()), style=style)
        table.add_row("", Text("━" * 10, style=style), "", "", marker, "", "", key="as-of")

    @on(DataTable.RowSelected, "#milestones")
    def milestone_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = str(event.row_key.value)
        if key == "as-of":
            return
        _, plan_key, number, year = key.split(":")
        self.post_message(OpenTask(TaskRef(plan_key, int(number), int(year))))
