"""督办: every supervision notice, its level, unit, reply due date and reply; Enter opens
the notice (tui/widgets/notice_screen.py) with its reply and follow-up actions.

Below them the returns (报送表) of one period (tui/widgets/returns_section.py): by default the
one in collection (last month), `[` and `]` step to the period before or after (a new as-of
date goes back to the default), `c` shows the reminder (催报) to paste into the work group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from model.core.periods import Period
from model.status.notices import NoticeView, list_notices
from model.status.office import office_name
from model.status.returns_view import ReturnsView, previous_period, reminder, returns_view
from tui import display, strings
from tui.widgets.data_pane import DataPane
from tui.widgets.fitted_table import Col, FittedTable, RowDetail
from tui.widgets.notice_screen import NoticeScreen
from tui.widgets.reminder_screen import ReminderScreen
from tui.widgets.returns_section import ReturnsSection

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


@dataclass(frozen=True)
class Chasing:
    """What the tab shows: the notices, and the returns of a period with their reminder."""

    notices: list[NoticeView]
    returns: ReturnsView
    reminder: str


class NoticesPane(DataPane[Chasing]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_notice", strings.NOTICE_KEY, id="notices.new"),
        Binding("a", "reply", strings.REPLY_KEY, id="notices.reply"),
        Binding(
            "left_square_bracket",
            "step_period(-1)",
            strings.RETURNS_PREVIOUS_KEY,
            key_display="[",
            id="returns.previous",
        ),
        Binding(
            "right_square_bracket",
            "step_period(1)",
            strings.RETURNS_NEXT_KEY,
            key_display="]",
            id="returns.next",
        ),
        Binding("c", "remind", strings.RETURNS_REMIND_KEY, id="returns.remind"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        # The period stepped to with [ and ], for the as-of date it was chosen on: another
        # date goes back to the period in collection.
        self.picked: tuple[dt.date, Period] | None = None

    def compose(self) -> ComposeResult:
        detail = RowDetail(classes="row-detail")
        yield FittedTable(*COLUMNS, detail=detail, id="notice-table", zebra_stripes=True)
        yield ReturnsSection(detail, id="returns")
        yield detail

    def period_for(self, as_of: dt.date) -> Period | None:
        picked = self.picked
        return picked[1] if picked is not None and picked[0] == as_of else None

    def fetch(self, session: Source) -> Chasing:
        as_of = self.duban.as_of
        notices = list_notices(session, as_of, year=self.duban.year)
        view = returns_view(session, self.duban.reporting, as_of, self.period_for(as_of))
        text, _ = reminder(view, office_name(session, view.period.year), self.duban.office)
        return Chasing(notices, view, text)

    def show(self, data: Chasing) -> None:
        self.show_notices(data.notices)
        self.query_one(ReturnsSection).show(data.returns)

    def show_notices(self, data: list[NoticeView]) -> None:
        self.query_one("#notice-table", FittedTable).set_rows(
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
        table = self.query_one("#notice-table", DataTable)
        if self.data is None or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((n for n in self.data.notices if n.number == key), None)

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

    def action_step_period(self, step: int) -> None:
        """The period before (-1) or after (1) the one shown: from January of the first plan
        year to the as-of date's month (whose return is not due yet)."""
        if self.data is None:
            return
        as_of = self.duban.as_of
        shown = self.data.returns.period
        target = previous_period(shown) if step < 0 else shown.next()
        years = self.duban.plan_years
        first = Period(min(years), 1) if years else shown
        if target < first:
            self.notify(strings.RETURNS_NO_EARLIER.format(period=shown.label))
            return
        if target > Period.of(as_of):
            self.notify(strings.RETURNS_NO_LATER.format(period=shown.label))
            return
        self.picked = (as_of, target)
        self.reload()

    def action_remind(self) -> None:
        if self.data is not None:
            period = self.data.returns.period.label
            self.app.push_screen(ReminderScreen(period, self.data.reminder))
