"""The rows of an audit history table (the unit check's and the task screen's).

A history lists every event up to now, whatever the as-of date: a write made today about
an earlier day is there at once. An event whose record is dated after the as-of date
(`model.store.audit_history.event_day`) is dimmed and says so: the lights and counts of
that date do not include it yet.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from model.core.strings import AUDIT_ACTION_NAMES
from model.core.times import local_time
from model.store.audit_history import AuditRow, event_day, event_summary
from tui import strings

LATER_STYLE = "dim"


def after_as_of(event: AuditRow, as_of: dt.date) -> bool:
    """The event's record is dated after the as-of date (not counted as of that date)."""
    day = event_day(event)
    return day is not None and day > as_of


def history_cells(event: AuditRow, as_of: dt.date) -> list[object]:
    """Time, who, action and what was recorded; dimmed with a word when dated later."""
    cells = [
        local_time(event.at),
        event.actor,
        AUDIT_ACTION_NAMES.get(event.action, event.action),
        event_summary(event),
    ]
    if not after_as_of(event, as_of):
        return list(cells)
    cells[-1] += strings.HISTORY_LATER
    return [Text(cell, style=LATER_STYLE) for cell in cells]


def history_heading(as_of: dt.date) -> str:
    return strings.HISTORY_HEADING.format(as_of=as_of.isoformat())
