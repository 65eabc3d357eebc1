"""A pane that reads its data in a worker thread and shows it when it arrives.

Subclasses implement `fetch` (runs off the UI thread; model services only) and `show`
(runs on the UI thread). A pane loads when first shown and again when it is visible and
the data or the as-of date changes; hidden panes only remember that they are stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from textual import work
from textual.containers import Vertical
from textual.message import Message
from textual.worker import get_current_worker

from model.core.errors import DubanError
from tui import strings

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session
    from tui.app import DubanApp

D = TypeVar("D")


class DataPane(Vertical, Generic[D]):
    class Loaded(Message):
        def __init__(self, pane: DataPane[Any], data: object) -> None:
            super().__init__()
            self.pane = pane
            self.data = data

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.stale = True
        self.data: D | None = None

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    def _on_mount(self) -> None:
        self.duban.pane_mounted(self)

    focus_target = "DataTable"  # what takes the keyboard when the pane's tab is opened

    def focus_default(self) -> None:
        targets = self.query(self.focus_target)
        if targets:
            targets.first().focus()

    def fetch(self, session: Session) -> D:
        raise NotImplementedError

    def show(self, data: D) -> None:
        raise NotImplementedError

    def take(self, data: object) -> None:
        """Data read before the app started (the first screen): show it without a worker."""
        self.stale = False
        self.data = cast(D, data)
        self.show(self.data)

    def ensure_fresh(self) -> None:
        if self.stale:
            self.reload()

    def reload(self) -> None:
        self.stale = False
        self._load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        app = self.duban
        try:
            with app.database.read() as session:
                data = self.fetch(session)
        except DubanError as error:
            app.call_from_thread(
                app.notify, strings.LOAD_FAILED.format(error=error), severity="error"
            )
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(self, data))

    def on_data_pane_loaded(self, message: DataPane.Loaded) -> None:
        if message.pane is not self:
            return
        message.stop()
        self.data = cast(D, message.data)
        self.show(self.data)
