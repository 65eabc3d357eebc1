"""A pane that reads its data in a worker thread and shows it when it arrives.

Subclasses implement `fetch` (runs off the UI thread; model services only) and `show`
(runs on the UI thread). A pane loads when first shown and again when it is visible and
the data or the as-of date changes; hidden panes only remember that they are stale.
A fetch that raises is reported by the app (see tui.events), named by the pane's tab.

A reload for the same as-of date (the pane's own writes, another process's, ctrl+r) keeps
where the user was: each table's cursor (on the same row when rows have keys) and its
scroll position. A new as-of date lets the pane place its cursor afresh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from textual import events, on, work
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, TabPane
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist
from textual.worker import Worker, get_current_worker

from tui import strings
from tui.events import RelaysWorkerFailures

if TYPE_CHECKING:
    from model.store.reader import Source
    from tui.app import DubanApp

D = TypeVar("D")


@dataclass(frozen=True)
class TableView:
    """Where a table's cursor and scroll were, to put them back after a reload."""

    row_key: str | None  # None when the rows have no keys of their own
    cursor: Coordinate
    scroll_x: float
    scroll_y: float

    @classmethod
    def of(cls, table: DataTable[Any]) -> TableView:
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            key = None
        return cls(key, table.cursor_coordinate, table.scroll_x, table.scroll_y)

    def restore(self, table: DataTable[Any]) -> None:
        if table.row_count == 0:
            return
        try:
            row = table.get_row_index(self.row_key) if self.row_key is not None else None
        except RowDoesNotExist:
            row = None
        if row is None:
            row = min(self.cursor.row, table.row_count - 1)
        column = min(self.cursor.column, max(len(table.columns) - 1, 0))
        table.move_cursor(row=row, column=column, scroll=False)
        # After the refill is laid out, or the old offsets would be clipped to nothing.
        table.call_after_refresh(table.scroll_to, self.scroll_x, self.scroll_y, animate=False)


class DataPane(RelaysWorkerFailures, Vertical, Generic[D]):
    @dataclass
    class Loaded(Message):
        pane: DataPane[Any]
        data: object
        as_of: dt.date | None = None  # the date the data was read for

    focus_target = "DataTable"  # what takes the keyboard when the pane's tab is opened
    # The read models take a session or a standard-library Reader (model.store.reader):
    # panes read with the Reader, so browsing never waits for SQLAlchemy to load; a pane
    # whose model needs the ORM (the scores) says so.
    uses_orm: ClassVar[bool] = False

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.stale = True
        self.data: D | None = None
        self.shown_as_of: dt.date | None = None  # the as-of date of the data on show
        # Read ahead while the pane was hidden (DubanApp.read_ahead): the app's data
        # generation it was read in, the as-of date, the data. Shown only if no change
        # came between.
        self.ahead: tuple[int, dt.date, object] | None = None

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    @on(events.Mount)
    def announce_mounted(self) -> None:
        self.duban.pane_mounted(self)

    def tab_title(self) -> str:
        """The label of the tab this pane sits in (总览, 空气, …)."""
        tab_pane = next((a for a in self.ancestors if isinstance(a, TabPane)), None)
        return self.duban.tab_label(str(tab_pane.id)) if tab_pane is not None else ""

    def describe_work(self, worker: Worker[Any]) -> str:
        return strings.WORK_READ.format(name=self.tab_title())

    def focus_default(self) -> None:
        targets = self.query(self.focus_target)
        if targets:
            targets.first().focus()

    def fetch(self, session: Source) -> D:
        raise NotImplementedError

    def show(self, data: D) -> None:
        raise NotImplementedError

    def ensure_fresh(self) -> None:
        if not self.stale:
            return
        ahead, self.ahead = self.ahead, None
        if ahead is not None and ahead[0] == self.duban.generation:
            # Read ahead and nothing changed since: shown in the tab's first frame.
            self.stale = False
            self.apply(ahead[2], ahead[1])
        else:
            self.reload()

    def read_ahead(self, reader: Source) -> tuple[dt.date, object]:
        """This pane's data (off the UI thread, for DubanApp.read_ahead)."""
        return self.duban.as_of, self.fetch(reader)

    def reload(self) -> None:
        self.stale = False
        self.load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        as_of = self.duban.as_of
        try:
            database = self.duban.database
            with database.read() if self.uses_orm else database.reader() as session:
                data = self.fetch(session)
        except BaseException:
            # The app reports the failure (WorkerFailed); the pane reads again when it is
            # next shown instead of keeping an empty table as if it were fresh.
            self.app.call_from_thread(self.mark_stale)
            raise
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(self, data, as_of))

    def mark_stale(self) -> None:
        self.stale = True

    @on(Loaded)
    def loaded(self, message: DataPane.Loaded) -> None:
        message.stop()
        self.apply(message.data, message.as_of)

    def apply(self, data: object, as_of: dt.date | None) -> None:
        same_date = self.data is not None and as_of == self.shown_as_of
        views = {table: TableView.of(table) for table in self.query(DataTable)} if same_date else {}
        self.data = cast(D, data)
        self.shown_as_of = as_of
        self.show(self.data)
        for table, view in views.items():
            view.restore(table)
