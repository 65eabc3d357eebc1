"""收取报送表: which file or folder of returned sheets, received on which day, and whether
they replace returns already collected (with the reason)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.validation import ValidationResult, Validator
from textual.widgets import Checkbox, Input

from model.core.checks import required_text
from model.core.errors import InputError
from tui import strings
from tui.screens.form_screen import Dialog, date_field, labelled
from tui.validators import parse_date


@dataclass(frozen=True)
class CollectRequest:
    path: Path  # a returned sheet, or a folder of them
    received_on: dt.date
    replace: bool = False
    reason: str | None = None


def existing_path(value: str, field: str) -> Path:
    """A file or a folder that is there (the checks as typed and on save are this one)."""
    path = Path(required_text(value, field)).expanduser()
    try:
        found = path.is_file() or path.is_dir()
    except (OSError, ValueError):  # a name too long, a NUL: nothing there either
        found = False
    if not found:
        raise InputError(strings.COLLECT_PATH_MISSING.format(path=path))
    return path


class ExistingPath(Validator):
    def __init__(self, field: str) -> None:
        super().__init__(failure_description=strings.COLLECT_PATH_MISSING.format(path=""))
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        try:
            existing_path(value, self.field)
        except InputError as error:
            return self.failure(str(error))
        return self.success()


class CollectForm(Dialog[CollectRequest | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", strings.COLLECT_CHECK, id="collect_path.ok"),
        Binding("escape", "cancel", strings.CANCEL, id="collect_path.cancel"),
    ]
    title_text = strings.COLLECT_TITLE
    submit_label = strings.COLLECT_CHECK

    def __init__(self, as_of: dt.date) -> None:
        super().__init__()
        self.as_of = as_of

    def fields(self) -> ComposeResult:
        yield from labelled(
            strings.COLLECT_FIELD_PATH,
            Input(
                "",
                id="path",
                placeholder=strings.COLLECT_HINT_PATH,
                validators=[ExistingPath(strings.COLLECT_FIELD_PATH)],
                validate_on=["changed"],
            ),
        )
        yield from date_field(strings.COLLECT_FIELD_RECEIVED, self.as_of, id="received")
        yield from labelled("", Checkbox(strings.COLLECT_FIELD_REPLACE, id="replace"))
        yield from labelled(
            strings.FIELD_REASON, Input("", id="reason", placeholder=strings.COLLECT_HINT_REASON)
        )

    def request(self) -> CollectRequest:
        path = existing_path(self.value("#path"), strings.COLLECT_FIELD_PATH)
        received = parse_date(self.value("#received"), strings.COLLECT_FIELD_RECEIVED)
        if received > self.as_of:
            raise InputError(
                strings.COLLECT_RECEIVED_LATE.format(on=received.isoformat(), as_of=self.as_of)
            )
        replace = self.query_one("#replace", Checkbox).value
        reason = self.value("#reason").strip() or None
        if replace and reason is None:
            raise InputError(strings.COLLECT_REASON_REQUIRED)
        return CollectRequest(path, received, replace, reason)

    def check(self) -> None:
        self.request()

    def submit(self) -> None:
        self.dismiss(self.request())
