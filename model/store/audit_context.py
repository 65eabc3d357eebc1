"""Who is writing and the clock their audit events are stamped with: the standard library
only, so a program can say who it is before SQLAlchemy is imported (the dashboard's first
screen is read without it; see model.store.reader)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class AuditContext:
    """Who is writing, and the clock their events are stamped with."""

    actor: str
    clock: Clock = field(default=utc_now)
