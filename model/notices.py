"""Supervision notices (督办单): issuing them to late units and recording their replies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from model import messages
from model.audit import record
from model.errors import InputError
from model.progress import next_id, required_text, resolve_holder
from model.schema import Notice, Task
from model.schema.enums import NOTICE_LEVELS
from model.task_refs import TaskRef

# Days a unit is given to answer a notice, unless the office sets another due date.
DEFAULT_REPLY_DAYS = 7


@dataclass(frozen=True)
class NoticeView:
    number: str
    unit: str
    level: str
    issued_on: dt.date
    reply_due: dt.date
    body: str
    tasks: tuple[str, ...]
    reply_on: dt.date | None
    reply_text: str | None

    @property
    def answered(self) -> bool:
        return self.reply_on is not None

    def overdue(self, as_of: dt.date) -> bool:
        return not self.answered and self.reply_due < as_of


def notice_snapshot(notice: Notice, task_ids: Sequence[int]) -> dict[str, Any]:
    return {
        "id": notice.id,
        "number": notice.number,
        "unit_id": notice.unit_id,
        "level": notice.level,
        "issued_on": notice.issued_on,
        "reply_due": notice.reply_due,
        "body": notice.body,
        "task_ids": sorted(task_ids),
        "reply_on": notice.reply_on,
        "reply_text": notice.reply_text,
    }


def next_notice_number(session: Session, year: int) -> str:
    prefix = messages.NOTICE_NUMBER.format(year=year, n="")[:-1]
    count = session.scalar(
        select(func.count()).select_from(Notice).where(Notice.number.like(f"{prefix}%"))
    )
    return messages.NOTICE_NUMBER.format(year=year, n=(count or 0) + 1)


def issue_notice(
    session: Session,
    *,
    unit: str,
    tasks: Sequence[TaskRef],
    level: str,
    issued_on: dt.date,
    reply_due: dt.date,
    body: str,
    as_of: dt.date,
) -> Notice:
    if level not in NOTICE_LEVELS:
        raise InputError(
            messages.NOTICE_LEVEL_BAD.format(value=level, choices="、".join(NOTICE_LEVELS))
        )
    if not tasks:
        raise InputError(messages.NOTICE_NO_TASKS)
    if issued_on > as_of:
        raise InputError(
            messages.DATE_AFTER_AS_OF.format(what="下发日期", date=issued_on, as_of=as_of)
        )
    if reply_due < issued_on:
        raise InputError(
            messages.NOTICE_REPLY_BEFORE_ISSUE.format(reply_due=reply_due, issued_on=issued_on)
        )
    holders = [resolve_holder(session, ref, unit) for ref in tasks]
    task_rows = list(dict.fromkeys(h.task for h in holders))
    notice = Notice(
        id=next_id(session, Notice),
        number=next_notice_number(session, issued_on.year),
        unit_id=holders[0].unit.id,
        level=level,
        issued_on=issued_on,
        reply_due=reply_due,
        body=body.strip(),
    )
    notice.tasks = task_rows
    session.add(notice)
    record(
        session,
        action="notice.issue",
        entity="notice",
        entity_id=notice.number,
        after=notice_snapshot(notice, [t.id for t in task_rows]),
    )
    session.flush()
    return notice


def record_reply(
    session: Session, number: str, *, reply_on: dt.date, text: str, as_of: dt.date
) -> Notice:
    notice = session.scalar(
        select(Notice).where(Notice.number == number.strip()).options(selectinload(Notice.tasks))
    )
    if notice is None:
        raise InputError(messages.NOTICE_UNKNOWN.format(number=number))
    if notice.reply_on is not None:
        raise InputError(messages.NOTICE_ALREADY_REPLIED.format(number=number, on=notice.reply_on))
    if reply_on < notice.issued_on:
        raise InputError(
            messages.NOTICE_REPLY_EARLY.format(reply_on=reply_on, issued_on=notice.issued_on)
        )
    if reply_on > as_of:
        raise InputError(
            messages.DATE_AFTER_AS_OF.format(what="答复日期", date=reply_on, as_of=as_of)
        )
    reply = required_text(text, "答复内容")
    task_ids = [t.id for t in notice.tasks]
    before = notice_snapshot(notice, task_ids)
    notice.reply_on = reply_on
    notice.reply_text = reply
    record(
        session,
        action="notice.reply",
        entity="notice",
        entity_id=notice.number,
        before=before,
        after=notice_snapshot(notice, task_ids),
    )
    session.flush()
    return notice


def list_notices(
    session: Session, as_of: dt.date, *, unit_ids: Sequence[int] | None = None
) -> list[NoticeView]:
    """Notices issued on or before `as_of`; a reply dated later does not count yet."""
    query = (
        select(Notice)
        .options(selectinload(Notice.tasks).selectinload(Task.plan), selectinload(Notice.unit))
        .where(Notice.issued_on <= as_of)
        .order_by(Notice.issued_on, Notice.id)
    )
    if unit_ids is not None:
        query = query.where(Notice.unit_id.in_(list(unit_ids)))
    return [
        NoticeView(
            number=n.number,
            unit=n.unit.name,
            level=n.level,
            issued_on=n.issued_on,
            reply_due=n.reply_due,
            body=n.body,
            tasks=tuple(TaskRef(t.plan.key, t.number).label() for t in n.tasks),
            reply_on=n.reply_on if n.reply_on and n.reply_on <= as_of else None,
            reply_text=n.reply_text if n.reply_on and n.reply_on <= as_of else None,
        )
        for n in session.scalars(query)
    ]
