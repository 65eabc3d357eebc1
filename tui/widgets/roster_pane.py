"""领导小组: the leading group's members, titles, units and roles; its office."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from model.status.roster import Roster, rosters
from tui import display, strings
from tui.widgets.data_pane import DataPane

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


class RosterPane(DataPane[list[Roster]]):
    def compose(self) -> ComposeResult:
        yield Label(id="roster-name", classes="heading")
        yield Label(id="roster-office", classes="muted")
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        display.add_columns(
            table,
            (strings.COL_MEMBER_ROLE, 10),
            (strings.COL_NAME, 10),
            (strings.COL_UNIT, 22),
            (strings.COL_POSITION, 10),
        )

    def fetch(self, session: Session) -> list[Roster]:
        return rosters(session)

    def show(self, data: list[Roster]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        if not data:
            return
        roster = data[0]
        self.query_one("#roster-name", Label).update(roster.name)
        self.query_one("#roster-office", Label).update(
            strings.ROSTER_OFFICE.format(unit=roster.office_unit, director=roster.director or "—")
        )
        for index, member in enumerate(roster.members):
            table.add_row(
                member.role, member.name, member.unit or "—", member.title, key=str(index)
            )
