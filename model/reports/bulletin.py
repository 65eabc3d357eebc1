"""月度通报: the month's figures, who is overdue, who never reported, which notices went
out and how they were answered, what changed.

Two counts appear and are kept apart: tasks (a task is as far behind as its
furthest-behind holder, so each task counts once) and unit–task pairs (项次: one unit's
part of one task). The overall figures count tasks; the lists by unit count pairs and say
how many tasks they touch. Placeholder groups (no members yet) are never listed as
culprits; the bulletin names them apart, with the tasks they hold. Completions are counted
by pairs as the progress table and the scorecards count them (lights.count_completions):
finished, and of those the ones the office has not closed yet (待销号), listed by unit.

"The previous bulletin" is the one as of the end of the month before: the comparison is
computed afresh from the records as of that date, so no bulletin has to be stored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from model.core.lights import Completion, Completions, LightRules, count_completions
from model.reports.progress_table import (
    Assessed,
    Progress,
    ProgressTable,
    progress_counts,
    progress_table,
)
from model.status.holders import HolderState
from model.status.notices import NoticeView, ReplyState, list_notices
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
class UnitItems:
    """One unit and its items (unit–task pairs) of one kind: overdue, or never reported."""

    unit: str
    items: tuple[HolderState, ...]
    owed: tuple[int, ...] = ()  # per item, the monthly reports owed (never-reported items)


@dataclass(frozen=True)
class Placeholder:
    """A group whose members are not set yet, and the tasks it holds."""

    group: str
    items: tuple[HolderState, ...]


@dataclass(frozen=True)
class Change:
    plan_key: str
    number: int
    title: str
    before: Progress
    after: Progress


def pairs(units: Iterable[UnitItems]) -> int:
    """Unit–task pairs (项次) in a list by unit."""
    return sum(len(u.items) for u in units)


def tasks_of(units: Iterable[UnitItems]) -> int:
    """Distinct tasks a list by unit touches."""
    return len({item.task_id for u in units for item in u.items})


@dataclass(frozen=True)
class Bulletin:
    year: int
    as_of: dt.date
    previous: dt.date
    figures: tuple[PlanFigures, ...]
    red_units: tuple[UnitItems, ...]
    unreported_units: tuple[UnitItems, ...]
    placeholders: tuple[Placeholder, ...]
    completions: Completions  # unit–task pairs (placeholder groups left out)
    awaiting_units: tuple[UnitItems, ...]  # finished, not closed by the office yet (待销号)
    notices: tuple[NoticeView, ...]  # issued after `previous`, up to `as_of`
    replies: tuple[NoticeView, ...]  # answered after `previous`, up to `as_of`
    outstanding: tuple[NoticeView, ...]  # not answered by their reply date, as of `as_of`
    changes: tuple[Change, ...]

    def total(self, progress: Progress) -> int:
        return sum(f.counts[progress] for f in self.figures)

    @property
    def tasks(self) -> int:
        return sum(f.tasks for f in self.figures)

    @property
    def listed_notices(self) -> tuple[NoticeView, ...]:
        """The notices of the bulletin's table: issued or answered this period, and those
        still unanswered past their reply date, in the order they were issued."""
        seen: dict[str, NoticeView] = {}
        for notice in (*self.notices, *self.replies, *self.outstanding):
            seen.setdefault(notice.number, notice)
        return tuple(sorted(seen.values(), key=lambda n: (n.issued_on, n.number)))

    def replies_in(self, state: ReplyState) -> int:
        """Replies received this period in the given state (已答复 or 逾期答复)."""
        return sum(1 for n in self.replies if n.state(self.as_of) is state)


def previous_bulletin_date(as_of: dt.date) -> dt.date:
    return as_of.replace(day=1) - dt.timedelta(days=1)


def _figures(table: ProgressTable) -> tuple[PlanFigures, ...]:
    return tuple(
        PlanFigures(key, title, progress_counts(table.rows_of(key))) for key, title in table.plans
    )


def _by_unit(
    holders: Iterable[Assessed], wanted: Callable[[Assessed], bool]
) -> tuple[UnitItems, ...]:
    """The holders wanted, by unit: most items first, then by name."""
    found: dict[str, list[Assessed]] = defaultdict(list)
    for held in holders:
        if not held.chase.placeholder and wanted(held):
            found[held.state.unit].append(held)
    out = []
    for unit, items in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        ordered = sort_items([a.state for a in items])
        owed = {a.state.task_id: a.chase.owed for a in items}
        out.append(UnitItems(unit, tuple(ordered), tuple(owed[s.task_id] for s in ordered)))
    return tuple(out)


def _placeholders(holders: Iterable[Assessed]) -> tuple[Placeholder, ...]:
    found: dict[str, list[HolderState]] = defaultdict(list)
    for held in holders:
        if held.chase.placeholder:
            found[held.state.unit].append(held.state)
    return tuple(Placeholder(group, tuple(sort_items(items))) for group, items in found.items())


def monthly_bulletin(session: Session, *, year: int, as_of: dt.date, rules: LightRules) -> Bulletin:
    previous = previous_bulletin_date(as_of)
    now = progress_table(session, year=year, as_of=as_of, rules=rules)
    before = progress_table(session, year=year, as_of=previous, rules=rules)
    holders = [held for row in now.rows for held in row.holders]
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
        red_units=_by_unit(holders, lambda h: h.progress is Progress.OVERDUE),
        unreported_units=_by_unit(holders, lambda h: h.chase.unreported),
        placeholders=_placeholders(holders),
        completions=count_completions(h.state.status for h in holders if not h.chase.placeholder),
        awaiting_units=_by_unit(holders, lambda h: h.completion is Completion.AWAITING),
        notices=tuple(n for n in notices if previous < n.issued_on <= as_of),
        replies=tuple(n for n in notices if n.reply_on is not None and previous < n.reply_on),
        outstanding=tuple(n for n in notices if n.state(as_of) is ReplyState.OVERDUE),
        changes=changes,
    )
