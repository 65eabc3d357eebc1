"""修改截至日期: the date every light and count is computed for."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from model.core.errors import InputError
from tui import strings
from tui.validators import IsoDate, parse_date


class AsOfForm(ModalScreen[dt.date | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", strings.CANCEL, id="as_of.cancel")
    ]

    def __init__(self, current: dt.date) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="form small"):
            yield Label(strings.FORM_AS_OF, classes="form-title")
            yield Label(strings.FIELD_DATE, classes="field-label")
            yield Input(
                self.current.isoformat(),
                id="as-of",
                placeholder=strings.HINT_DATE,
                validators=[IsoDate(strings.FIELD_DATE)],
            )
            yield Label("", id="form-error", classes="form-error")

    @on(Input.Submitted, "#as-of")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.dismiss(parse_date(event.value, strings.FIELD_DATE))
        except InputError as error:
            self.query_one("#form-error", Label).update(str(error))

    def action_cancel(self) -> None:
        self.dismiss(None)
