"""督办通知单 for one unit: its late items and when it must answer.

Either the sheet of a notice already issued (its number, dates and tasks), or — when the
office has not issued one yet — a draft listing every late item with the default reply
window. A draft for a unit with nothing late is refused rather than printed empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from model.core import strings
from model.core.errors import InputError
from model.core.lights import LightRules
from model.reports.progress_table import Progress, holder_progress
from model.status.holders import HolderState, holder_states
from model.status.notices import DEFAULT_REPLY_DAYS
from model.status.unit_check import sort_items
from model.store.schema import Notice
from model.units.resolver import find_unit


@dataclass(frozen=True)
class NoticeSheet:
    unit: str
    as_of: dt.date
    number: str | None  # None: a draft, not yet numbered
    level: str
    issued_on: dt.date
    reply_due: dt.date
    body: str
    items: tuple[HolderState, ...]
    progress: tuple[Progress, ...]  # per item
    notes: tuple[str, ...] = ()


def _issued(session: Session, number: str, unit_id: int, unit: str) -> Notice:
    notice = session.scalar(
        select(Notice)
        .where(Notice.number == number.strip())
        .options(selectinload(Notice.tasks), selectinload(Notice.unit))
    )
    if notice is None:
        raise InputError(strings.NOTICE_UNKNOWN.format(number=number))
    if notice.unit_id != unit_id:
        raise InputError(
            strings.NOTICE_NOT_FOR_UNIT.format(number=number, owner=notice.unit.name, unit=unit)
        )
    return notice


def notice_sheet(
    session: Session,
    unit: str,
    *,
    as_of: dt.date,
    rules: LightRules,
    number: str | None = None,
    level: str = "督办",
) -> NoticeSheet:
    found, notes = find_unit(session, unit)
    states = sort_items(holder_states(session, as_of, rules, unit_ids=[found.id]))
    if number is not None:
        notice = _issued(session, number, found.id, found.name)
        wanted = {t.id for t in notice.tasks}
        items = [s for s in states if s.task_id in wanted]
        return NoticeSheet(
            unit=found.name,
            as_of=as_of,
            number=notice.number,
            level=notice.level,
            issued_on=notice.issued_on,
            reply_due=notice.reply_due,
            body=notice.body,
            items=tuple(items),
            progress=tuple(holder_progress(s) for s in items),
            notes=tuple(notes),
        )
    late = [s for s in states if holder_progress(s) in (Progress.OVERDUE, Progress.BEHIND)]
    if not late:
        raise InputError(strings.NOTICE_SHEET_NOTHING_LATE.format(unit=found.name, as_of=as_of))
    return NoticeSheet(
        unit=found.name,
        as_of=as_of,
        number=None,
        level=level,
        issued_on=as_of,
        reply_due=as_of + dt.timedelta(days=DEFAULT_REPLY_DAYS),
        body="",
        items=tuple(late),
        progress=tuple(holder_progress(s) for s in late),
        notes=tuple(notes),
    )
