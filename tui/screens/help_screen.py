"""? : what every key does, in Chinese."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui import strings


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", strings.BACK, id="help.close")
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form help"):
            yield Label(strings.HELP_TITLE, classes="form-title")
            yield Static(strings.HELP_TEXT)

    def action_close(self) -> None:
        self.dismiss(None)
