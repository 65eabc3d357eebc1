"""督办 tab, lower half: the returns (报送表) of one period — its headline and a row per unit
that owes one, missing first (`model.status.returns_view`: the same rows and headline as
`duban returns status`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from model.core.strings import RETURNS_COLUMNS, RETURNS_HEADLINE_SEP
from model.core.text_width import display_width
from model.status.returns import ReturnState
from model.status.returns_view import row_cells
from tui.widgets.fitted_table import Col, FittedTable, RowDetail

if TYPE_CHECKING:
    from model.status.returns_view import ReturnsView

_UNIT, _STATE, _RECEIVED, _DAYS, _TASKS, _LIAISON, _PHONE = RETURNS_COLUMNS
# The unit, its state and whom to call stay at 80 columns; the number of tasks goes first,
# then the day received (the state already says on time or late).
COLUMNS = (
    Col(_UNIT, "unit", least=6, ideal=12, detail=True),
    Col(_STATE, "state", least=6),
    Col(_RECEIVED, "received", least=10, priority=2),
    Col(_DAYS, "days", least=8, priority=1),
    Col(_TASKS, "tasks", least=6, priority=3),
    Col(_LIAISON, "liaison", least=6),
    Col(_PHONE, "phone", least=11, priority=1),
)
STATE_STYLES = {
    ReturnState.MISSING: "bold red",
    ReturnState.NOT_DUE: "yellow",
    ReturnState.LATE: "yellow",
    ReturnState.RETURNED: "green",
}


class ReturnsSection(Vertical):
    def __init__(self, detail: RowDetail, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.detail = detail
        self.headline: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("", id="returns-headline", classes="heading", markup=False)
        yield FittedTable(*COLUMNS, detail=self.detail, id="returns-table", zebra_stripes=True)

    def show(self, view: ReturnsView) -> None:
        self.headline = view.headline_parts()
        self.show_headline()
        rows = []
        for row in view.rows:
            cells: list[object] = list(row_cells(row))
            cells[1] = Text(str(cells[1]), style=STATE_STYLES[row.state])
            rows.append((str(row.unit_id), cells))
        self.query_one("#returns-table", FittedTable).set_rows(rows)

    @on(events.Resize)
    def show_headline(self) -> None:
        """On one line where it fits; else the period and due date, then the counts —
        never broken inside a part."""
        line = RETURNS_HEADLINE_SEP.join(self.headline)
        if display_width(line) > self.size.width > 0:
            title, due, counts = self.headline
            line = f"{title}{RETURNS_HEADLINE_SEP}{due}\n{counts}"
        self.query_one("#returns-headline", Static).update(line)
