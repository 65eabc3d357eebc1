"""Field checks for the forms: inline (Textual validators) and on submit (InputError)."""

from __future__ import annotations

import datetime as dt
import re

from textual.validation import ValidationResult, Validator

from model.core.errors import InputError
from tui import strings


def parse_date(value: str, field: str) -> dt.date:
    text = value.strip()
    if not text:
        raise InputError(strings.ERR_REQUIRED.format(field=field))
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InputError(strings.ERR_DATE.format(field=field))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(strings.ERR_DATE.format(field=field)) from None


def parse_percent(value: str, field: str) -> int:
    text = value.strip()
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise InputError(strings.ERR_INT.format(field=field))
    return int(text)


def required(value: str, field: str) -> str:
    text = value.strip()
    if not text:
        raise InputError(strings.ERR_REQUIRED.format(field=field))
    return text


class IsoDate(Validator):
    def __init__(self, field: str) -> None:
        super().__init__(failure_description=strings.ERR_DATE.format(field=field))
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        try:
            parse_date(value, self.field)
        except InputError:
            return self.failure()
        return self.success()


class Percent(Validator):
    def __init__(self, field: str) -> None:
        super().__init__(failure_description=strings.ERR_INT.format(field=field))
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        try:
            parse_percent(value, self.field)
        except InputError:
            return self.failure()
        return self.success()
