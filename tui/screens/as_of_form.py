"""修改截至日期: the date every light and count is computed for."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui import strings
from tui.screens.form_screen import Dialog, date_field
from tui.validators import parse_date


class AsOfForm(Dialog[dt.date | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", strings.OK, id="as_of.ok"),
        Binding("escape", "cancel", strings.CANCEL, id="as_of.cancel"),
    ]
    title_text = strings.FORM_AS_OF
    submit_label = strings.OK
    size_class = "small"

    def __init__(self, current: dt.date) -> None:
        super().__init__()
        self.current = current

    def fields(self) -> ComposeResult:
        yield from date_field(self.field_label, self.current, "as-of")

    field_label = strings.FIELD_DATE

    def chosen(self) -> dt.date:
        return parse_date(self.query_one("#as-of", Input).value, self.field_label)

    def check(self) -> None:
        self.chosen()

    def submit(self) -> None:
        self.dismiss(self.chosen())
