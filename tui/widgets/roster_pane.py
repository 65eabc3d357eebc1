"""领导小组: the leading group's members, titles, units and roles; its office."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from model.status.roster import Roster, rosters
from tui import strings
from tui.events import OpenUnit
from tui.widgets.data_pane import DataPane
from tui.widgets.fitted_table import Col, FittedTable, RowDetail

if TYPE_CHECKING:
    from model.store.reader import Source


COLUMNS = (
    Col(strings.COL_MEMBER_ROLE, "role", least=6),
    Col(strings.COL_NAME, "name", least=6),
    Col(strings.COL_UNIT, "unit", least=8, detail=True),
    Col(strings.COL_POSITION, "position", least=8, ideal=16, priority=1, detail=True),
)


class RosterPane(DataPane[list[Roster]]):
    def compose(self) -> ComposeResult:
        yield Label(id="roster-name", classes="heading", markup=False)
        yield Label(id="roster-office", classes="muted", markup=False)
        detail = RowDetail(classes="row-detail")
        yield FittedTable(*COLUMNS, detail=detail, id="roster-table", zebra_stripes=True)
        yield detail

    def fetch(self, session: Source) -> list[Roster]:
        return rosters(session)

    def show(self, data: list[Roster]) -> None:
        table = self.query_one(FittedTable)
        if not data:
            table.set_rows([])
            return
        roster = data[0]
        self.query_one("#roster-name", Label).update(roster.name)
        self.query_one("#roster-office", Label).update(
            strings.ROSTER_OFFICE.format(unit=roster.office_unit, director=roster.director or "—")
        )
        table.set_rows(
            (str(index), [member.role, member.name, member.unit or "—", member.title])
            for index, member in enumerate(roster.members)
        )

    @on(DataTable.RowSelected, "#roster-table")
    def member_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a member opens the unit check of the member's unit."""
        event.stop()
        if self.data:
            member = self.data[0].members[int(str(event.row_key.value))]
            if member.unit:
                self.post_message(OpenUnit(member.unit))
