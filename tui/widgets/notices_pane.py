"""督办: every supervision notice, its level, unit, reply due date and reply; Enter opens
the notice (tui/widgets/notice_screen.py) with its reply and follow-up actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from model.status.notices import NoticeView, list_notices
from tui import display, strings
from tui.widgets.data_pane import DataPane
from tui.widgets.fitted_table import Col, FittedTable, RowDetail
from tui.widgets.notice_screen import NoticeScreen

if TYPE_CHECKING:
    from model.store.reader import Source


# The number, the unit, the reply's due date and its state (逾期答复（2023-11-14）) stay;
# the tasks, the issue date and the level go first.
COLUMNS = (
    Col(strings.COL_NOTICE_NUMBER, "number", least=14),
    Col(strings.COL_UNIT, "unit", least=6, ideal=12, detail=True),
    Col(strings.COL_LEVEL, "level", priority=1),
    Col(strings.COL_ISSUED, "issued", least=10, priority=2),
    Col(strings.COL_REPLY_DUE, "reply-due", least=10),
    Col(strings.COL_REPLY, "reply", least=20),
    Col(strings.COL_TASKS, "tasks", least=8, ideal=20, priority=3, detail=True),
)


class NoticesPane(DataPane[list[NoticeView]]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_notice", strings.NOTICE_KEY, id="notices.new"),
        Binding("a", "reply", strings.REPLY_KEY, id="notices.reply"),
    ]

    def compose(self) -> ComposeResult:
        detail = RowDetail(classes="row-detail")
        yield FittedTable(*COLUMNS, detail=detail, id="notice-table", zebra_stripes=True)
        yield detail

    def fetch(self, session: Source) -> list[NoticeView]:
        return list_notices(session, self.duban.as_of, year=self.duban.year)

    def show(self, data: list[NoticeView]) -> None:
        self.query_one(FittedTable).set_rows(
            (
                notice.number,
                [
                    notice.number,
                    notice.unit,
                    notice.level,
                    notice.issued_on.isoformat(),
                    notice.reply_due.isoformat(),
                    display.reply(notice, self.duban.as_of),
                    notice.task_names,
                ],
            )
            for notice in reversed(data)
        )

    def selected(self) -> NoticeView | None:
        table = self.query_one(DataTable)
        if not self.data or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((n for n in self.data if n.number == key), None)

    @on(DataTable.RowSelected, "#notice-table")
    def notice_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.app.push_screen(NoticeScreen(str(event.row_key.value)))

    def action_new_notice(self) -> None:
        self.duban.open_notice_form()

    def action_reply(self) -> None:
        notice = self.selected()
        if notice is not None and notice.answered:  # as the notice screen says it
            self.notify(strings.NOTICE_REPLIED.format(number=notice.number, on=notice.reply_on))
        elif notice is not None:
            self.duban.open_reply_form(notice.number)
