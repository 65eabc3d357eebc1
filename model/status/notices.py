"""Supervision notices as the office reads them: who got which, and the state of the reply.

The reply state is decided here, once, for the dashboard, `duban status`, the unit check,
every report and the scoring: a reply dated after the as-of date has not happened yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from model.core import strings
from model.plans.task_refs import TaskRef
from model.store.schema import Notice, Task

# Days a unit is given to answer a notice, unless the office sets another due date.
DEFAULT_REPLY_DAYS = 7


class ReplyState(StrEnum):
    OPEN = "open"  # 未答复: not answered, the reply date not yet passed
    ANSWERED = "answered"  # 已答复: answered on or before the reply date
    OVERDUE = "overdue"  # 逾期未答复: not answered, the reply date passed
    LATE = "late"  # 逾期答复: answered, but after the reply date

    @property
    def label(self) -> str:
        return strings.REPLY_STATE_NAMES[self.value]

    @property
    def faulted(self) -> bool:
        """The unit missed its reply date (answered late or not at all): scored against it."""
        return self in (ReplyState.OVERDUE, ReplyState.LATE)


def reply_state(reply_due: dt.date, reply_on: dt.date | None, as_of: dt.date) -> ReplyState:
    """The state of a notice's reply as of a date; a reply dated later does not count yet.

    The reply date itself is still in time: overdue starts the day after it.
    """
    if reply_on is not None and reply_on <= as_of:
        return ReplyState.LATE if reply_on > reply_due else ReplyState.ANSWERED
    return ReplyState.OVERDUE if reply_due < as_of else ReplyState.OPEN


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

    def state(self, as_of: dt.date) -> ReplyState:
        return reply_state(self.reply_due, self.reply_on, as_of)

    def overdue(self, as_of: dt.date) -> bool:
        return self.state(as_of) is ReplyState.OVERDUE

    def describe(self, as_of: dt.date) -> str:
        """The state in words, with the reply date when there is one: 「逾期答复（2023-11-20）」."""
        state = self.state(as_of)
        if self.reply_on is None:
            return state.label
        return strings.REPLY_STATE_DATED.format(state=state.label, on=self.reply_on)


def list_notices(
    session: Session,
    as_of: dt.date,
    *,
    unit_ids: Sequence[int] | None = None,
    year: int | None = None,
) -> list[NoticeView]:
    """Notices issued on or before `as_of`; a reply dated later does not count yet. With
    `year`, the notices about that year's plans (one about no task: issued that year)."""
    query = (
        select(Notice)
        .options(selectinload(Notice.tasks).selectinload(Task.plan), selectinload(Notice.unit))
        .where(Notice.issued_on <= as_of)
        .order_by(Notice.issued_on, Notice.id)
    )
    if unit_ids is not None:
        query = query.where(Notice.unit_id.in_(list(unit_ids)))
    notices = list(session.scalars(query))
    if year is not None:
        notices = [
            n
            for n in notices
            if any(t.plan.year == year for t in n.tasks)
            or (not n.tasks and n.issued_on.year == year)
        ]
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
        for n in notices
    ]
