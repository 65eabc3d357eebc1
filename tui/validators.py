"""Field checks for the forms: inline (Textual validators) and on submit (InputError)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.validation import ValidationResult, Validator

from model.core.checks import NotADate, iso_date, required_text
from model.core.errors import InputError
from tui import strings


def parse_date(value: str, field: str) -> dt.date:
    try:
        return iso_date(required_text(value, field))
    except NotADate:
        raise InputError(strings.ERR_DATE.format(field=field)) from None


def parse_percent(value: str, field: str) -> int:
    text = value.strip()
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise InputError(strings.ERR_INT.format(field=field))
    return int(text)


class _Parses(Validator):
    """Valid when the form's own parser accepts the text: the check as you type and the
    check on save are one function."""

    def __init__(self, field: str, parse: Callable[[str, str], object], failure: str) -> None:
        super().__init__(failure_description=failure.format(field=field))
        self.field = field
        self.parse = parse

    def validate(self, value: str) -> ValidationResult:
        try:
            self.parse(value, self.field)
        except InputError:
            return self.failure()
        return self.success()


class IsoDate(_Parses):
    def __init__(self, field: str) -> None:
        super().__init__(field, parse_date, strings.ERR_DATE)


class Percent(_Parses):
    def __init__(self, field: str) -> None:
        super().__init__(field, parse_percent, strings.ERR_INT)
