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


# The years a date or a year typed by a person may name. Plans, reports and scores are
# about years near today; a wider range only lets date arithmetic (a year's end, a month
# before, a week after) overflow `datetime.date` at year 1 or 9999.
FIRST_YEAR = 2000
LAST_YEAR = 2100


class NotADate(ValueError):
    """Text that is not a date as duban accepts one; `impossible` when it has the right
    shape but names no day (2023-02-30), `out_of_range` when its year is not between
    FIRST_YEAR and LAST_YEAR."""

    def __init__(self, text: str, *, impossible: bool, out_of_range: bool = False) -> None:
        super().__init__(text)
        self.impossible = impossible
        self.out_of_range = out_of_range


def iso_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD — the one spelling accepted from a person, an argument or a
    file (fromisoformat alone would also take 20231115 and 2023-W46-3)."""
    if not _ISO_DATE.fullmatch(text):
        raise NotADate(text, impossible=False)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise NotADate(text, impossible=True) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise NotADate(text, impossible=False, out_of_range=True)
    return day


def year_in_range(year: int) -> bool:
    """A plan or report year a person may name (the same range as a date's year)."""
    return FIRST_YEAR <= year <= LAST_YEAR


ECHO_LIMIT = 40


def echoed(text: str, limit: int = ECHO_LIMIT) -> str:
    """User text repeated in a message: at most `limit` characters, ending in "…" when cut —
    a 10,000-character name pasted by mistake is not printed back whole."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
