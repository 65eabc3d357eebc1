"""Working days by the official Chinese calendar: weekends, public holidays and the
adjusted working days (调休) the State Council publishes each year.

`chinese-calendar` knows the years it was released with; an office can add a later year
(or correct one) in a TOML file of its own, e.g.

    [2027]
    holidays = ["2027-01-01", "2027-02-16"]
    workdays = ["2027-02-07"]   # a Saturday or Sunday worked (调休)

For a year neither knows, only weekends are days off, and `known(year)` says so: callers
tell the user that the dates of that year may fall on a holiday.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from model.core import strings
from model.core.checks import iso_date
from model.core.errors import InputError

# A due date or reply deadline is never more than this many days past its day: a month of
# holidays would be a calendar error, not a holiday.
_LONGEST_BREAK = 31


@dataclass(frozen=True)
class Override:
    """One year's days as the office's file gives them (they win over the package)."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class WorkCalendar:
    overrides: Mapping[int, Override] = field(default_factory=dict)

    def known(self, year: int) -> bool:
        """Whether the holidays of `year` are known (the package's or the office's file)."""
        return year in self.overrides or _package_knows(year)

    def is_workday(self, day: dt.date) -> bool:
        override = self.overrides.get(day.year)
        if override is not None:
            if day in override.workdays:
                return True
            if day in override.holidays:
                return False
            if not _package_knows(day.year):
                return day.weekday() < 5
        if _package_knows(day.year):
            import chinese_calendar

            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5

    def on_or_after(self, day: dt.date) -> dt.date:
        """`day` if it is a working day, else the next working day (a due date on a weekend
        or a holiday moves to the next day the office works)."""
        for offset in range(_LONGEST_BREAK + 1):
            candidate = day + dt.timedelta(days=offset)
            if self.is_workday(candidate):
                return candidate
        raise InputError(strings.CALENDAR_NO_WORKDAY.format(day=day.isoformat()))

    def add_workdays(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (a reply due in 5 working days)."""
        current = day
        for _ in range(count):
            current = self.on_or_after(current + dt.timedelta(days=1))
        return current


def _package_knows(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def load_calendar(path: Path | None) -> WorkCalendar:
    """The calendar with the office's override file, if one is configured."""
    if path is None:
        return WorkCalendar()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(strings.CALENDAR_UNREADABLE.format(path=path, detail=error)) from error
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        raise InputError(strings.CALENDAR_BAD.format(path=path, detail=error)) from error
    overrides: dict[int, Override] = {}
    for key, table in data.items():
        if not (key.isdigit() and len(key) == 4) or not isinstance(table, dict):
            raise InputError(strings.CALENDAR_BAD_YEAR.format(path=path, key=key))
        year = int(key)
        unknown = set(table) - {"holidays", "workdays"}
        if unknown:
            raise InputError(
                strings.CALENDAR_BAD_KEY.format(path=path, key=f"{key}.{sorted(unknown)[0]}")
            )
        days = {name: _days(table[name], year, f"{key}.{name}", path) for name in table}
        overrides[year] = Override(
            holidays=days.get("holidays", frozenset()), workdays=days.get("workdays", frozenset())
        )
    return WorkCalendar(overrides)


def _days(values: object, year: int, where: str, path: Path) -> frozenset[dt.date]:
    if not isinstance(values, list):
        raise InputError(strings.CALENDAR_BAD_KEY.format(path=path, key=where))
    days: set[dt.date] = set()
    for value in values:
        try:
            # A TOML date (2027-01-05) and a string alike, by its text: a TOML date-time
            # (2027-01-05T09:00) is not a day and is refused.
            day = iso_date(str(value))
        except ValueError as error:
            raise InputError(
                strings.CALENDAR_BAD_DAY.format(path=path, key=where, value=value)
            ) from error
        if day.year != year:
            raise InputError(strings.CALENDAR_BAD_DAY.format(path=path, key=where, value=value))
        days.add(day)
    return frozenset(days)
