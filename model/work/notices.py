"""Supervision notices (督办单): issuing them to late units and recording their replies.

The read side (NoticeView, reply states) is model.status.notices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from model.core import strings
from model.core.checks import not_after, required_text
from model.core.enums import NOTICE_LEVELS
from model.core.errors import InputError
from model.plans.task_refs import TaskRef
from model.store.audit import record
from model.store.queries import next_id
from model.store.schema import Notice
from model.store.snapshots import notice_snapshot
from model.work.progress import resolve_holder


def next_notice_number(session: Session, year: int) -> str:
    prefix = strings.NOTICE_NUMBER.format(year=year, n="")[:-1]
    count = session.scalar(
        select(func.count()).select_from(Notice).where(Notice.number.like(f"{prefix}%"))
    )
    return strings.NOTICE_NUMBER.format(year=year, n=(count or 0) + 1)


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
            strings.NOTICE_LEVEL_BAD.format(value=level, choices="、".join(NOTICE_LEVELS))
        )
    if not tasks:
        raise InputError(strings.NOTICE_NO_TASKS)
    not_after(issued_on, as_of, strings.FIELD_NAMES["issued_on"])
    if reply_due < issued_on:
        raise InputError(
            strings.NOTICE_REPLY_BEFORE_ISSUE.format(reply_due=reply_due, issued_on=issued_on)
        )
    holders = [resolve_holder(session, ref, unit, issued_on) for ref in tasks]
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
    return notice


def record_reply(
    session: Session, number: str, *, reply_on: dt.date, text: str, as_of: dt.date
) -> Notice:
    notice = session.scalar(
        select(Notice).where(Notice.number == number.strip()).options(selectinload(Notice.tasks))
    )
    if notice is None:
        raise InputError(strings.NOTICE_UNKNOWN.format(number=number))
    if notice.reply_on is not None:
        # Answered after the as-of date: the screens still show it unanswered, and say so.
        later = notice.reply_on > as_of
        template = strings.NOTICE_REPLIED_LATER if later else strings.NOTICE_ALREADY_REPLIED
        raise InputError(template.format(number=number, on=notice.reply_on, as_of=as_of))
    if reply_on < notice.issued_on:
        raise InputError(
            strings.NOTICE_REPLY_EARLY.format(reply_on=reply_on, issued_on=notice.issued_on)
        )
    not_after(reply_on, as_of, strings.FIELD_NAMES["reply_on"])
    reply = required_text(text, strings.FIELD_NAMES["reply_text"])
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
    return notice
