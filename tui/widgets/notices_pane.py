"""督办: every supervision notice, its level, unit, reply due date and reply."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from model.status.notices import NoticeView, list_notices
from tui import display, strings
from tui.widgets.data_pane import DataPane

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


class NoticesPane(DataPane[list[NoticeView]]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_notice", strings.NOTICE_KEY, id="notices.new"),
        Binding("a", "reply", strings.REPLY_KEY, id="notices.reply"),
    ]

    def compose(self) -> ComposeResult:
        yield DataTable(id="notice-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        display.add_columns(
            table,
            (strings.COL_NOTICE_NUMBER, 16),
            (strings.COL_UNIT, 12),
            (strings.COL_LEVEL, 8),
            (strings.COL_ISSUED, 10),
            (strings.COL_REPLY_DUE, 10),
        )
        table.add_column(strings.COL_REPLY, width=22)  # 逾期答复（2023-11-14）
        table.add_column(strings.COL_TASKS, width=34)

    def fetch(self, session: Session) -> list[NoticeView]:
        return list_notices(session, self.duban.as_of)

    def show(self, data: list[NoticeView]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for notice in reversed(data):
            table.add_row(
                notice.number,
                notice.unit,
                notice.level,
                notice.issued_on.isoformat(),
                notice.reply_due.isoformat(),
                display.reply(notice, self.duban.as_of),
                "、".join(notice.tasks),
                key=notice.number,
            )

    def selected(self) -> NoticeView | None:
        table = self.query_one(DataTable)
        if not self.data or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((n for n in self.data if n.number == key), None)

    def action_new_notice(self) -> None:
        self.duban.open_notice_form()

    def action_reply(self) -> None:
        notice = self.selected()
        if notice is not None and not notice.answered:
            self.duban.open_reply_form(notice.number)
