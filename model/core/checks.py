"""Checks every write service applies to its inputs before touching the database."""

from __future__ import annotations

import datetime as dt
import re

from model.core import strings
from model.core.errors import InputError


def required_text(value: str, what: str) -> str:
    """The value without surrounding space; refused when nothing is left."""
    text = value.strip()
    if not text:
        raise InputError(strings.TEXT_REQUIRED.format(what=what))
    return text


def not_after(value: dt.date, as_of: dt.date, what: str) -> None:
    """A record cannot be dated after the as-of date it is entered under."""
    if value > as_of:
        raise InputError(strings.DATE_AFTER_AS_OF.format(what=what, date=value, as_of=as_of))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class NotADate(ValueError):
    """Text that is not a date as duban accepts one; `impossible` when it has the right
    shape but names no day (2023-02-30)."""

    def __init__(self, text: str, *, impossible: bool) -> None:
        super().__init__(text)
        self.impossible = impossible


def iso_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD — the one spelling accepted from a person, an argument or a
    file (fromisoformat alone would also take 20231115 and 2023-W46-3)."""
    if not _ISO_DATE.fullmatch(text):
        raise NotADate(text, impossible=False)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise NotADate(text, impossible=True) from None
