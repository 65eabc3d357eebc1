"""The reminder (催报) of the 督办 tab's period, ready to paste into the office's work group:
the text `duban returns remind` prints, in a read-only text area the user can select from;
`c` copies it whole (through the terminal, OSC 52), esc or q goes back.

It lives beside the pane that opens it (widgets may not import screens)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from tui import strings


class ReminderScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", strings.BACK, id="reminder.close"),
        Binding("c", "copy_all", strings.REMINDER_COPY_KEY, id="reminder.copy"),
    ]

    def __init__(self, period: str, text: str) -> None:
        super().__init__()
        self.period = period
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="form reminder"):
            yield Label(
                strings.REMINDER_TITLE.format(period=self.period),
                classes="form-title",
                markup=False,
            )
            yield TextArea(
                self.text,
                read_only=True,
                soft_wrap=True,
                show_line_numbers=False,
                id="reminder-text",
            )
            yield Static(strings.REMINDER_HINT, classes="muted", markup=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_copy_all(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify(strings.REMINDER_COPIED.format(lines=len(self.text.splitlines())))

    def action_close(self) -> None:
        self.dismiss(None)
