"""月度通报: the month's figures, who is overdue, which notices went out, what changed.

"The previous bulletin" is the one as of the end of the month before: the comparison is
computed afresh from the records as of that date, so no bulletin has to be stored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from model.core.lights import LightRules
from model.reports.progress_table import (
    Progress,
    ProgressTable,
    holder_progress,
    progress_counts,
    progress_table,
)
from model.status.holders import HolderState
from model.status.notices import NoticeView, list_notices
from model.status.unit_check import sort_items


@dataclass(frozen=True)
class PlanFigures:
    key: str
    title: str
    counts: dict[Progress, int]

    @property
    def tasks(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class RedUnit:
    unit: str
    items: tuple[HolderState, ...]


@dataclass(frozen=True)
class Change:
    plan_key: str
    number: int
    title: str
    before: Progress
    after: Progress


@dataclass(frozen=True)
class Bulletin:
    year: int
    as_of: dt.date
    previous: dt.date
    figures: tuple[PlanFigures, ...]
    red_units: tuple[RedUnit, ...]
    notices: tuple[NoticeView, ...]  # issued after `previous`, up to `as_of`
    replies: tuple[NoticeView, ...]  # answered after `previous`, up to `as_of`
    changes: tuple[Change, ...]

    def total(self, progress: Progress) -> int:
        return sum(f.counts[progress] for f in self.figures)

    @property
    def tasks(self) -> int:
        return sum(f.tasks for f in self.figures)


def previous_bulletin_date(as_of: dt.date) -> dt.date:
    return as_of.replace(day=1) - dt.timedelta(days=1)


def _figures(table: ProgressTable) -> tuple[PlanFigures, ...]:
    return tuple(
        PlanFigures(key, title, progress_counts(table.rows_of(key))) for key, title in table.plans
    )


def monthly_bulletin(session: Session, *, year: int, as_of: dt.date, rules: LightRules) -> Bulletin:
    previous = previous_bulletin_date(as_of)
    now = progress_table(session, year=year, as_of=as_of, rules=rules)
    before = progress_table(session, year=year, as_of=previous, rules=rules)
    red: dict[str, list[HolderState]] = defaultdict(list)
    for row in now.rows:
        for state in row.holders:
            if holder_progress(state) is Progress.OVERDUE:
                red[state.unit].append(state)
    red_units = tuple(
        RedUnit(unit, tuple(sort_items(items)))
        for unit, items in sorted(red.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    earlier = {row.task_id: row.progress for row in before.rows}
    changes = tuple(
        Change(row.plan_key, row.number, row.title, earlier[row.task_id], row.progress)
        for row in now.rows
        if row.task_id in earlier and earlier[row.task_id] is not row.progress
    )
    notices = list_notices(session, as_of)
    return Bulletin(
        year=year,
        as_of=as_of,
        previous=previous,
        figures=_figures(now),
        red_units=red_units,
        notices=tuple(n for n in notices if previous < n.issued_on <= as_of),
        replies=tuple(n for n in notices if n.reply_on is not None and previous < n.reply_on),
        changes=changes,
    )
