"""? : what every key does, in Chinese, and where the log file is."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui import strings
from tui.events import log_file


class HelpScreen(ModalScreen[None]):
    # Never wider than the terminal (at 80 columns the text still fits inside the border).
    DEFAULT_CSS = """
    HelpScreen .form.help {
        max-width: 100%;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", strings.BACK, id="help.close")
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form help"):
            yield Label(strings.HELP_TITLE, classes="form-title", markup=False)
            yield Static(strings.HELP_TEXT)
            log = strings.HELP_LOG.format(path=log_file())
            yield Label(log, id="help-log", classes="muted", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
