"""督办通知单 for one unit: its late items and when it must answer.

Either the sheet of a notice already issued — its number, level, text and reply date, its
tasks read as of its issue date, so that printing it again later gives the notice as it
went out — or, when the office has not issued one yet, a draft listing every item that is
overdue, behind or never reported (model.status.chasing) as of the date, with the default
reply window. A draft for a unit with nothing late is refused rather than printed empty,
and so is one for a group: a group's members are chased one by one, and a placeholder
group (no members yet) cannot be chased at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from model.core import strings
from model.core.errors import InputError
from model.core.lights import LightRules
from model.core.periods import ReportingRules
from model.reports.progress_table import Assessed, Progress, assess
from model.status.chasing import Chasing
from model.status.holders import HolderState, holder_states
from model.status.returns import Liaison, liaisons
from model.status.unit_check import sort_items
from model.store.schema import Notice, Unit
from model.units.lookup import group_members_map, unit_name_map
from model.units.resolver import find_unit


class NothingLate(InputError):
    """A draft notice for a unit with nothing late: each interface says how to print an
    issued notice instead (the command line's --notice, the 督办 tab's notice screen)."""


@dataclass(frozen=True)
class NoticeSheet:
    unit: str
    as_of: dt.date  # the items are read as of this date: an issued notice's issue date
    number: str | None  # None: a draft, not yet numbered
    level: str
    issued_on: dt.date
    reply_due: dt.date
    body: str
    items: tuple[Assessed, ...]
    notes: tuple[str, ...] = ()
    # Who sends the unit's work to the office (联络人, #14): the one on record now.
    liaison: Liaison | None = None

    @property
    def states(self) -> tuple[HolderState, ...]:
        return tuple(item.state for item in self.items)

    @property
    def progress(self) -> tuple[Progress, ...]:
        return tuple(item.progress for item in self.items)


def _issued(session: Session, number: str) -> Notice:
    notice = session.scalar(
        select(Notice)
        .where(Notice.number == number.strip())
        .options(selectinload(Notice.tasks), selectinload(Notice.unit))
    )
    if notice is None:
        raise InputError(strings.NOTICE_UNKNOWN.format(number=number))
    return notice


def _assessed(session: Session, unit_id: int, as_of: dt.date, rules: LightRules) -> list[Assessed]:
    states = sort_items(holder_states(session, as_of, rules, unit_ids=[unit_id]))
    return assess(Chasing(session, as_of, states), states)


def _issued_sheet(
    session: Session, unit: str, number: str, as_of: dt.date, rules: LightRules
) -> NoticeSheet:
    """The notice as it was issued: its tasks as of its issue date, whatever `as_of`."""
    notice = _issued(session, number)
    notes: list[str] = []
    if unit.strip():
        found, notes = find_unit(session, unit)
        if notice.unit_id != found.id:
            raise InputError(
                strings.NOTICE_NOT_FOR_UNIT.format(
                    number=notice.number, owner=notice.unit.name, unit=found.name
                )
            )
    if as_of < notice.issued_on:
        raise InputError(
            strings.NOTICE_SHEET_BEFORE_ISSUE.format(
                number=notice.number, issued_on=notice.issued_on, as_of=as_of
            )
        )
    wanted = {t.id for t in notice.tasks}
    items = [
        a
        for a in _assessed(session, notice.unit_id, notice.issued_on, rules)
        if a.state.task_id in wanted
    ]
    return NoticeSheet(
        unit=notice.unit.name,
        as_of=notice.issued_on,
        number=notice.number,
        level=notice.level,
        issued_on=notice.issued_on,
        reply_due=notice.reply_due,
        body=notice.body,
        items=tuple(items),
        notes=tuple(notes),
        liaison=liaisons(session, [notice.unit_id]).get(notice.unit_id),
    )


def _refuse_group(session: Session, unit: Unit, as_of: dt.date) -> None:
    members = group_members_map(session, as_of).get(unit.id, [])
    if not members:
        raise InputError(strings.NOTICE_SHEET_PLACEHOLDER.format(unit=unit.name))
    names = unit_name_map(session, members)
    raise InputError(
        strings.NOTICE_SHEET_GROUP.format(
            unit=unit.name, members="、".join(names[m] for m in members)
        )
    )


def notice_sheet(
    session: Session,
    unit: str,
    *,
    as_of: dt.date,
    rules: LightRules,
    number: str | None = None,
    level: str = "督办",
    reporting: ReportingRules | None = None,
) -> NoticeSheet:
    """The sheet of notice `number` (the unit may then be left empty), or a draft for `unit`
    whose reply date is the default of `reporting` (working days after the as-of date)."""
    if number is not None:
        return _issued_sheet(session, unit, number, as_of, rules)
    found, notes = find_unit(session, unit)
    if found.kind == "group":
        _refuse_group(session, found, as_of)
    late = [a for a in _assessed(session, found.id, as_of, rules) if a.culprit]
    if not late:
        raise NothingLate(strings.NOTICE_SHEET_NOTHING_LATE.format(unit=found.name, as_of=as_of))
    return NoticeSheet(
        unit=found.name,
        as_of=as_of,
        number=None,
        level=level,
        issued_on=as_of,
        reply_due=(reporting or ReportingRules()).reply_due(as_of),
        body="",
        items=tuple(late),
        notes=tuple(notes),
        liaison=liaisons(session, [found.id]).get(found.id),
    )
