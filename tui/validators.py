"""Field checks for the forms: inline (Textual validators) and on submit (InputError)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.validation import ValidationResult, Validator

from model.core.checks import FIRST_YEAR, LAST_YEAR, NotADate, iso_date, required_text
from model.core.errors import InputError
from model.plans.task_refs import BadTaskRef, TaskRef, parse_task_refs
from tui import strings


def parse_date(value: str, field: str) -> dt.date:
    try:
        return iso_date(required_text(value, field))
    except NotADate as error:
        # The command line's range (model.core.checks), said for a form field.
        template = strings.ERR_DATE_RANGE if error.out_of_range else strings.ERR_DATE
        raise InputError(template.format(field=field, first=FIRST_YEAR, last=LAST_YEAR)) from None


def parse_percent(value: str, field: str) -> int:
    text = value.strip()
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise InputError(strings.ERR_INT.format(field=field))
    return int(text)


def parse_points(value: str, field: str) -> float:
    try:
        points = float(value.strip())
    except ValueError:
        raise InputError(strings.ERR_POINTS.format(field=field)) from None
    if not -100 <= points <= 100 or points == 0:
        raise InputError(strings.ERR_POINTS.format(field=field))
    return points


def parse_tasks(value: str, field: str) -> list[TaskRef]:
    """空气 3、地下水 9 (or 空气 3，4 / kq3 dxs9 / gw9): one or more tasks."""
    try:
        return parse_task_refs(required_text(value, field))
    except BadTaskRef as error:
        raise InputError(strings.ERR_TASKS.format(ref=error.text)) from None


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
        except InputError as error:
            return self.failure(str(error))  # the parser's words (a bad date, a year too far)
        return self.success()


class IsoDate(_Parses):
    def __init__(self, field: str) -> None:
        super().__init__(field, parse_date, strings.ERR_DATE)


class Percent(_Parses):
    def __init__(self, field: str) -> None:
        super().__init__(field, parse_percent, strings.ERR_INT)


class Points(_Parses):
    def __init__(self, field: str) -> None:
        super().__init__(field, parse_points, strings.ERR_POINTS)


class Tasks(_Parses):
    def __init__(self, field: str) -> None:
        super().__init__(field, parse_tasks, strings.ERR_TASKS_HINT)


# --- liaisons (#14) ---
class Checks(Validator):
    """Valid when a model check of the field accepts the text (a liaison's name, phone and
    note: `model.work.liaisons.check_*`): as you type and on save, one function."""

    def __init__(self, check: Callable[[str], object]) -> None:
        super().__init__()
        self.check = check

    def validate(self, value: str) -> ValidationResult:
        try:
            self.check(value)
        except InputError as error:
            return self.failure(str(error))
        return self.success()
