"""The modal form every write uses: fields, an inline error, save off the UI thread.

`collect()` reads and checks the fields and returns the write to perform; the write runs
in a worker inside one database transaction. On success the form dismisses with a message
for the notification; on failure it stays open with everything the user typed and says
what went wrong. Escape cancels without writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select
from textual.worker import Worker

from model.core.errors import DubanError, InputError
from tui import strings
from tui.events import RelaysWorkerFailures
from tui.validators import IsoDate

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session
    from tui.app import DubanApp

Write = Callable[["Session"], str]


class FormScreen(RelaysWorkerFailures, ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", strings.CANCEL, id="form.cancel"),
        Binding("ctrl+s", "submit", strings.SAVE, id="form.save"),
    ]
    title_text = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Label(self.title_text, classes="form-title")
            yield from self.fields()
            yield Label("", id="form-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(strings.SAVE, id="save", variant="primary")
                yield Button(strings.CANCEL, id="cancel")

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def collect(self) -> Write:
        raise NotImplementedError

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def choice(self, selector: str, field: str) -> str:
        value = self.query_one(selector, Select).value
        if value is Select.NULL:
            raise InputError(strings.ERR_CHOOSE.format(field=field))
        return str(value)

    def show_error(self, text: str) -> None:
        self.query_one("#form-error", Label).update(text)

    def describe_work(self, worker: Worker[Any]) -> str:
        return strings.WORK_SAVE.format(name=self.title_text)

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_submit(self) -> None:
        try:
            write = self.collect()
        except InputError as error:
            self.show_error(str(error))
            return
        self.show_error("")
        self.save(write)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save(self, write: Write) -> None:
        app = self.duban
        try:
            with app.database.write() as session:
                message = write(session)
        except DubanError as error:
            app.call_from_thread(self.show_error, str(error))
            return
        app.call_from_thread(self.dismiss, message)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def unit_field(units: list[str], value: str | None = None) -> ComposeResult:
    """The unit a form writes for: preselected when there is only one (or one is given)."""
    chosen = value if value in units else units[0] if len(units) == 1 else Select.NULL
    yield from labelled(
        strings.FIELD_UNIT,
        Select([(u, u) for u in units], prompt=strings.PICK_ONE, id="unit", value=chosen),
    )


def date_field(label: str, value: dt.date, id: str = "date") -> ComposeResult:
    yield from labelled(
        label,
        Input(value.isoformat(), id=id, placeholder=strings.HINT_DATE, validators=[IsoDate(label)]),
    )


def labelled(text: str, widget: Input | Select[str]) -> ComposeResult:
    """One form row: the label on the left, a compact (borderless) field on the right."""
    widget.compact = True
    with Horizontal(classes="field"):
        yield Label(text, classes="field-label")
        yield widget
