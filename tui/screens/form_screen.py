"""The modal dialogs: the base every form and dialog shares, and the form every write uses.

`Dialog` lays a dialog out the same way everywhere: the title, the fields (scrolled when
the terminal is small), then the error and the buttons, always on screen, and the
screen's own footer with its keys (保存 ctrl+s, 取消 esc). The first field has the focus
when it opens. An error wraps in full and is cleared as soon as the field it is about is
fixed: `check()` is run again on every change.

`FormScreen` is the dialog of every write. `collect()` reads and checks the fields and
returns the write to perform; the write runs in a worker inside one database
transaction. On success the form dismisses with a message for the notification; on
failure it stays open with everything the user typed and says what went wrong. Escape
cancels without writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.scalar import Scalar
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select
from textual.worker import Worker, WorkerState

from model.core.errors import DubanError, InputError
from tui import strings
from tui.events import RelaysWorkerFailures
from tui.validators import IsoDate

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session
    from tui.app import DubanApp

Write = Callable[["Session"], str]
ResultT = TypeVar("ResultT")

FIELDS = "Input, Select, Checkbox"
FORMS_CSS = Path(__file__).with_name("forms.tcss")


class FieldError(InputError):
    """An input refused, naming the field at fault (a CSS selector) for the focus."""

    def __init__(self, message: str, selector: str) -> None:
        super().__init__(message)
        self.selector = selector


class DialogFoot(Vertical):
    """The error and the buttons: when they change height, the fields get what is left."""

    def on_resize(self) -> None:
        if isinstance(self.screen, Dialog):
            self.screen.fit()


class Dialog(ModalScreen[ResultT]):
    """A modal dialog: `fields()` between the title and the buttons; `submit()` on save."""

    CSS_PATH = FORMS_CSS
    AUTO_FOCUS = FIELDS  # the first field that can take the focus
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", strings.SAVE, id="form.save"),
        Binding("escape", "cancel", strings.CANCEL, id="form.cancel"),
    ]
    title_text = ""
    submit_label: ClassVar[str] = strings.SAVE
    submit_id: ClassVar[str] = "save"
    size_class: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        self.error_text = ""
        self.error_checked = False  # found by check(): cleared when check() finds it no more
        # Between a save (or export) started and its worker reporting back: a thread
        # worker cannot be stopped, so a second ctrl+s would save twice. See `set_busy`.
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes=f"dialog {self.size_class}".strip()):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-body", can_focus=False):
                yield from self.fields()
            with DialogFoot(classes="dialog-foot"):
                yield from self.status()
                yield Label("", id="form-error", classes="dialog-error", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    yield Button(
                        self.submit_label, id=self.submit_id, variant="primary", compact=True
                    )
                    yield Button(strings.CANCEL, id="cancel", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Give the fields what the title, the error, the buttons and the footer leave of
        the screen: the fields scroll (with the focused one in view), the rest never does.
        Run when the screen or the error and buttons below the fields change size."""
        body = self.query_one(".dialog-body", VerticalScroll)
        dialog = self.query_one(".dialog", Vertical)
        # What is docked on the screen (the footer, a busy line above it) and the
        # dialog's own rows but the fields.
        docked = [w for w in self.children if w.styles.dock != "none"]
        fixed = sum(
            outer_height(widget)
            for widget in (*docked, *dialog.children)
            if widget is not body and widget.display
        )
        room = max(3, self.size.height - dialog.styles.gutter.height - fixed)
        if body.styles.max_height != Scalar.from_number(room):
            body.styles.max_height = room
            self.call_after_refresh(self.keep_focus_in_view)

    def keep_focus_in_view(self) -> None:
        body = self.query_one(".dialog-body", VerticalScroll)
        if self.focused is not None and body in self.focused.ancestors:
            body.scroll_to_widget(self.focused, animate=False)

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def status(self) -> ComposeResult:
        """Shown above the error, next to the buttons (the export's progress)."""
        yield from ()

    def check(self) -> None:
        """The checks made on save before anything is written: raises InputError."""

    def submit(self) -> None:
        raise NotImplementedError

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def choice(self, selector: str, field: str) -> str:
        value = self.query_one(selector, Select).value
        if value is Select.NULL:
            raise FieldError(strings.ERR_CHOOSE.format(field=field), selector)
        return str(value)

    def field_at_fault(self, message: str) -> Widget | None:
        """The field an error is about: the one it names (`FieldError`), else the first
        whose label the message quotes (日期应为…, 进度（%）应为…, 请选择单位。)."""
        for row in self.query(".dialog-field").results(Horizontal):
            labels = list(row.query(".dialog-label").results(Label))
            widgets = [w for w in row.query(FIELDS) if w.focusable]
            name = str(labels[0].render()) if labels else ""
            if name and widgets and name in message:
                return widgets[0]
        return None

    def focus_fault(self, error: DubanError) -> None:
        """Put the keyboard where the fix is typed: after an error, typing goes into the
        field at fault (and Enter saves again there), not into the field last used."""
        selector = getattr(error, "selector", None)
        found = (
            next(iter(self.query(selector).results(Widget)), None)
            if selector
            else self.field_at_fault(str(error))
        )
        if found is not None and found.focusable:
            found.focus()
            self.call_after_refresh(self.keep_focus_in_view)

    def show_error(self, text: str, *, checked: bool = False) -> None:
        self.error_text, self.error_checked = text, checked
        label = self.query_one("#form-error", Label)
        label.update(text)
        label.display = bool(text)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def field_changed(self) -> None:
        """Clear the error once it no longer holds: a check's error when the check passes
        or finds another problem, a failed save's on any change."""
        if not self.error_text:
            return
        if self.error_checked:
            try:
                self.check()
            except InputError as error:
                if str(error) == self.error_text:
                    return
        self.show_error("")

    @on(Input.Submitted)
    def field_submitted(self) -> None:
        self.action_submit()

    def set_busy(self, busy: bool) -> None:
        """A save is under way (or no longer): further saves are ignored and the save
        button is disabled until the worker reports back."""
        self.busy = busy
        self.query_one(f"#{self.submit_id}", Button).disabled = busy

    def action_submit(self) -> None:
        if self.busy:
            return  # already saving: its worker reports back once
        try:
            self.check()
        except InputError as error:
            self.refused(error)
            return
        self.show_error("")
        self.submit()

    def refused(self, error: InputError) -> None:
        """The check refused to save: say why, and focus the field to fix."""
        self.show_error(str(error), checked=True)
        self.focus_fault(error)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.submit_id:
            self.action_submit()
        elif event.button.id == "cancel":
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)


class FormScreen(RelaysWorkerFailures, Dialog[str | None]):
    """A form that writes: `collect()` checks the fields and returns the write."""

    # A save that succeeded while another screen was on top (the quit question).
    saved_message: str | None = None

    def collect(self) -> Write:
        raise NotImplementedError

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    def check(self) -> None:
        self.collect()

    def describe_work(self, worker: Worker[Any]) -> str:
        return strings.WORK_SAVE.format(name=self.title_text)

    def submit(self) -> None:
        write = self.collect()
        self.set_busy(True)
        self.save(write)

    def action_cancel(self) -> None:
        """Not while saving: the write goes on (a thread cannot be stopped) and its outcome
        is shown here, once, when it comes (the busy line says the database is waited for)."""
        if not self.busy:
            super().action_cancel()

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save(self, write: Write) -> None:
        app = self.duban
        try:
            with app.database.write() as session:
                message = write(session)
        except DubanError as error:
            app.call_from_thread(self.save_refused, error)
            return
        app.call_from_thread(self.saved, message)

    def save_refused(self, error: DubanError) -> None:
        self.set_busy(False)
        self.show_error(str(error))
        self.focus_fault(error)

    def saved(self, message: str) -> None:
        """The one dismissal of a save (never of a screen that came on top of the form)."""
        self.set_busy(False)
        if self.is_active:
            self.dismiss(message)
        else:
            self.saved_message = message  # dismissed when the form is on top again

    def on_screen_resume(self) -> None:
        if self.saved_message is not None:
            self.dismiss(self.saved_message)

    @on(Worker.StateChanged)
    def save_failed(self, event: Worker.StateChanged) -> None:
        """An unexpected failure is reported by the app (tui.events); the form is ready to
        save again."""
        if event.state is WorkerState.ERROR and event.worker.group == "save":
            self.set_busy(False)


def outer_height(widget: Widget) -> int:
    margin = widget.styles.margin
    return widget.outer_size.height + margin.top + margin.bottom


def unit_field(units: list[str], value: str | None = None) -> ComposeResult:
    """The unit a form writes for: preselected when there is only one (or one is given)."""
    chosen = value if value in units else units[0] if len(units) == 1 else Select.NULL
    yield from labelled(
        strings.FIELD_UNIT,
        Select(choices(units), prompt=strings.PICK_ONE, id="unit", value=chosen),
    )


def choices(names: list[str]) -> list[tuple[Text, str]]:
    """A `Select`'s options naming themselves, as plain text: a unit's or a plan's name
    holding brackets is not markup."""
    return [(Text(name), name) for name in names]


def date_field(label: str, value: dt.date, id: str = "date") -> ComposeResult:
    yield from labelled(
        label,
        Input(value.isoformat(), id=id, placeholder=strings.HINT_DATE, validators=[IsoDate(label)]),
    )


def labelled(
    text: str, widget: Input | Select[str] | Checkbox, *, classes: str = ""
) -> ComposeResult:
    """One form row: the label on the left, a compact (borderless) field on the right."""
    widget.compact = True
    with Horizontal(classes=f"dialog-field {classes}".strip()):
        yield Label(text, classes="dialog-label", markup=False)
        yield widget
