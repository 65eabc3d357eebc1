"""Time for people: audit stamps (stored as UTC ISO text) shown in local time, and the
calendar months that reporting is counted in."""

from __future__ import annotations

import datetime as dt


def local_time(at: str, *, seconds: bool = False, tz: dt.tzinfo | None = None) -> str:
    """「2023-09-15 17:30」 in the machine's time zone (or `tz`) from a stored UTC stamp.

    Text that is not a timestamp is shown as it is rather than hidden: it is evidence.
    """
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(tz)
    return local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    return next_month(day) - dt.timedelta(days=1)
