"""A write waiting for a busy database, said on screen; the day's backup failing, said.

The write runs in a thread worker (`tui/screens/form_screen.py`); the database's write
policy calls back from that thread, so every change of the screen goes through
`call_from_thread`. The line is docked on whatever screen is on top (a form, as a rule),
just above its footer (a bottom margin the footer's height: docked on the same edge they
would overlap), and removed when the wait ends, whether the write then succeeded or gave
up. A dialog fits its fields to the room left (`Dialog.fit`).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.widgets import Footer, Static

from tui import strings

if TYPE_CHECKING:
    from textual.app import App

    from model.store.db import Database


class BusyLine(Static):
    DEFAULT_CSS = """
    BusyLine {
        dock: bottom;
        height: 1;
        width: 100%;
        padding: 0 1;
        background: $warning;
        color: $text;
    }
    """

    def __init__(self, text: str) -> None:
        super().__init__(text, markup=False)


def footer_height(screen: Screen[Any]) -> int:
    """The rows the screen's footer takes at the bottom (the busy line goes above)."""
    return sum(f.outer_size.height or 1 for f in screen.query_children(Footer) if f.display)


def refit(screen: Screen[Any]) -> None:
    """A dialog shares its height again once the line has come or gone (`Dialog.fit`)."""
    fit = getattr(screen, "fit", None)
    if callable(fit):
        screen.call_after_refresh(fit)


class WriteWatch:
    """Installs itself as the database's `on_wait` and `on_note` for the app's lifetime."""

    def __init__(self, app: App[Any], database: Database) -> None:
        self.app = app
        self.line: BusyLine | None = None
        database.policy.on_wait = self.waiting
        database.policy.on_note = self.noted

    def _from_worker(self, *call: object) -> None:
        # RuntimeError: called on the UI thread itself, or the app is closing; the write
        # goes on either way, only the line is not shown.
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(*call)  # type: ignore[arg-type]

    def waiting(self, seconds: float | None) -> None:
        self._from_worker(self.show, seconds)

    def noted(self, text: str) -> None:
        self._from_worker(self.tell, text)

    def tell(self, text: str) -> None:
        self.app.notify(text, severity="warning", timeout=10, markup=False)

    def show(self, seconds: float | None) -> None:
        if seconds is None:
            if self.line is not None:
                screen = self.line.screen if self.line.is_attached else None
                self.line.remove()
                self.line = None
                if screen is not None:
                    refit(screen)
            return
        text = strings.BUSY_WAITING.format(seconds=int(seconds))
        if self.line is None or not self.line.is_attached:
            screen = self.app.screen
            self.line = BusyLine(text)
            self.line.styles.margin = (0, 0, footer_height(screen), 0)
            screen.mount(self.line)
            refit(screen)
        else:
            self.line.update(text)
