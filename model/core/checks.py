"""Checks every write service applies to its inputs before touching the database."""

from __future__ import annotations

import datetime as dt

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
