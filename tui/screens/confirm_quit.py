"""退出督办？ — asked before quitting while a form holds input that was not saved.

What a form holds is compared with what it held when it opened (`field_values`, taken by
the app once the form is mounted): typed text, a choice made in a list. A field that was
not there when the form opened (a list filled in later) counts when it is not empty. A
screen that knows better says so with a `has_unsaved_input()` method of its own.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen, SystemModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from tui import strings

FieldValues = dict[Widget, object]


def field_values(screen: Screen[Any]) -> FieldValues:
    """What every text field and list on the screen holds now."""
    values: FieldValues = {}
    for widget in screen.query("Input, TextArea, Select"):
        if isinstance(widget, Input):
            values[widget] = widget.value
        elif isinstance(widget, TextArea):
            values[widget] = widget.text
        elif isinstance(widget, Select):
            values[widget] = widget.value
    return values


def unsaved_input(screen: Screen[Any], opened_with: FieldValues) -> bool:
    """True when the screen's fields hold something other than what they opened with."""
    if isinstance(screen, SystemModalScreen):  # the command palette's own search field
        return False
    check = getattr(screen, "has_unsaved_input", None)
    if callable(check):
        return bool(check())
    for widget, value in field_values(screen).items():
        blank: object = Select.NULL if isinstance(widget, Select) else ""
        if value != opened_with.get(widget, blank):
            return True
    return False


class ConfirmQuit(ModalScreen[bool]):
    """Dismisses with True to quit, False to go back to the form (the default answer)."""

    DEFAULT_CSS = """
    ConfirmQuit {
        align: center middle;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "stay", strings.CONFIRM_QUIT_NO, id="confirm_quit.stay"),
        Binding("y", "quit", strings.CONFIRM_QUIT_YES, id="confirm_quit.quit"),
    ]
    AUTO_FOCUS = "#stay"  # enter keeps the input: quitting takes a deliberate choice

    def __init__(self, screen_title: str) -> None:
        super().__init__()
        self.screen_title = screen_title

    def compose(self) -> ComposeResult:
        with Vertical(classes="form small"):
            yield Label(strings.CONFIRM_QUIT_TITLE, classes="form-title", markup=False)
            text = strings.CONFIRM_QUIT_TEXT.format(screen=self.screen_title)
            yield Static(text, id="confirm-text", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button(strings.CONFIRM_QUIT_YES, id="quit", variant="error")
                yield Button(strings.CONFIRM_QUIT_NO, id="stay", variant="primary")

    @on(Button.Pressed, "#quit")
    def action_quit(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#stay")
    def action_stay(self) -> None:
        self.dismiss(False)
