"""Reporting periods (报送期): a month whose return (报送表) is due on a day of the next.

A period is written `2023-11` wherever a person or a file names it, and said 2023年11月.
Its due date is `due_day` of the following month, moved to the next working day when that
falls on a weekend or a public holiday (`model.core.workdays`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from model.core import strings
from model.core.checks import FIRST_YEAR, LAST_YEAR
from model.core.errors import InputError
from model.core.lights import first_report_month
from model.core.workdays import WorkCalendar

_PERIOD = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not (FIRST_YEAR <= self.year <= LAST_YEAR and 1 <= self.month <= 12):
            key = f"{self.year:04d}-{self.month:02d}"
            raise InputError(strings.PERIOD_OUT_OF_RANGE.format(text=key))

    @classmethod
    def parse(cls, text: str) -> Period:
        """`2023-11` — the one spelling accepted from an argument or a returned file."""
        match = _PERIOD.fullmatch(text.strip())
        if match is None:
            raise InputError(strings.PERIOD_BAD.format(text=text))
        # Out of range (1999-12, 2023-13) is refused by the period itself (__post_init__).
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(day.year, day.month)

    @property
    def key(self) -> str:
        """As stored and as written in files: 2023-11."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """As a person reads it: 2023年11月."""
        return strings.PERIOD_LABEL.format(year=self.year, month=self.month)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> Period:
        return Period(self.year + self.month // 12, self.month % 12 + 1)

    def due(self, due_day: int, calendar: WorkCalendar) -> dt.date:
        """The day the return is due: `due_day` of the next month, or the working day after."""
        following = self.next()
        return calendar.on_or_after(dt.date(following.year, following.month, due_day))


def periods_between(first: Period, last: Period) -> Iterator[Period]:
    """Every period from `first` to `last`, both included."""
    current = first
    while current <= last:
        yield current
        current = current.next()


def first_period(issued_on: dt.date) -> Period:
    """The first period a plan issued on `issued_on` asks returns for: the first whole month
    after its issue (a plan issued on 2023-03-15 asks for April's first; one issued on the 1st
    asks for that month) — the calendar `model.core.lights.months_owed` counts by."""
    return Period.of(first_report_month(issued_on))


def periods_due(
    issued_on: dt.date, as_of: dt.date, due_day: int, calendar: WorkCalendar
) -> list[Period]:
    """The periods whose return is due by `as_of` (its due date on or before it)."""
    due: list[Period] = []
    period = first_period(issued_on)
    while period.due(due_day, calendar) <= as_of:
        due.append(period)
        period = period.next()
    return due


@dataclass(frozen=True)
class ReportingRules:
    """When returns are due and who owes them: `due_day` of the month after the period
    (the rubric's `[reporting] due_day`), moved to a working day by `calendar`; the roles
    whose holders must return a sheet (supporting units report through the lead). The
    same calendar sets a notice's default reply date: `reply_workdays` working days after
    its issue (the rubric's `[notices] reply_workdays`)."""

    due_day: int = 10
    roles: tuple[str, ...] = ("lead", "responsible")
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    reply_workdays: int = 5

    def due(self, period: Period) -> dt.date:
        return period.due(self.due_day, self.calendar)

    def reply_due(self, issued_on: dt.date) -> dt.date:
        """A notice's default reply date: the `reply_workdays`-th working day after its
        issue (a notice issued on 2023-09-28 is answered by 2023-10-11: the holiday from 29
        September to 6 October is skipped, the two weekend days worked (调休) count)."""
        return self.calendar.add_workdays(issued_on, self.reply_workdays)
