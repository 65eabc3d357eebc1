"""Supervision notices as the office reads them: who got which, and the state of the reply.

The reply state is decided here, once, for the dashboard, `duban status`, the unit check,
every report and the scoring: a reply dated after the as-of date has not happened yet.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from model.core import strings
from model.core.lights import LightRules
from model.plans.task_refs import TaskRef
from model.status.holders import HolderState, holder_states
from model.store.reader import Reader, iso_date, optional_date, reader_of

if TYPE_CHECKING:
    from model.store.reader import Source


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
    refs: tuple[TaskRef, ...] = ()  # the tasks, each with its plan's year

    @property
    def answered(self) -> bool:
        return self.reply_on is not None

    @property
    def task_names(self) -> str:
        """The tasks the way a person writes them: 空气 3、地下水 9."""
        return "、".join(ref.short() for ref in self.refs)

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


@dataclass(frozen=True)
class _NoticeRow:
    """A notice as stored, with its tasks (id, title, reference) in task id order."""

    id: int
    unit_id: int
    unit: str
    number: str
    level: str
    issued_on: dt.date
    reply_due: dt.date
    body: str
    reply_on: dt.date | None
    reply_text: str | None
    tasks: tuple[tuple[int, str, TaskRef], ...]


def _notice_rows(
    reader: Reader, as_of: dt.date, where: str = "", params: Sequence[Any] = ()
) -> list[_NoticeRow]:
    """Notices issued on or before `as_of` (and matching `where` on `notice`), by issue
    date, then as entered."""
    condition = f"notice.issued_on <= ?{where}"
    values = (as_of.isoformat(), *params)
    tasks: dict[int, list[tuple[int, str, TaskRef]]] = defaultdict(list)
    for notice_id, task_id, title, key, number, year in reader.rows(
        "SELECT notice_task.notice_id, task.id, task.title, plan.key, task.number, plan.year"
        " FROM notice_task JOIN notice ON notice.id = notice_task.notice_id"
        " JOIN task ON task.id = notice_task.task_id JOIN plan ON plan.id = task.plan_id"
        f" WHERE {condition} ORDER BY notice_task.notice_id, task.id",
        values,
    ):
        tasks[notice_id].append((task_id, title, TaskRef(key, number, year)))
    rows = reader.rows(
        "SELECT notice.id, notice.unit_id, unit.name, notice.number, notice.level,"
        " notice.issued_on, notice.reply_due, notice.body, notice.reply_on, notice.reply_text"
        f" FROM notice JOIN unit ON unit.id = notice.unit_id WHERE {condition}"
        " ORDER BY notice.issued_on, notice.id",
        values,
    )
    return [
        _NoticeRow(
            id=row[0],
            unit_id=row[1],
            unit=row[2],
            number=row[3],
            level=row[4],
            issued_on=iso_date(row[5]),
            reply_due=iso_date(row[6]),
            body=row[7],
            reply_on=optional_date(row[8]),
            reply_text=row[9],
            tasks=tuple(tasks.get(row[0], ())),
        )
        for row in rows
    ]


def list_notices(
    source: Source,
    as_of: dt.date,
    *,
    unit_ids: Sequence[int] | None = None,
    year: int | None = None,
) -> list[NoticeView]:
    """Notices issued on or before `as_of`; a reply dated later does not count yet. With
    `year`, the notices about that year's plans (one about no task: issued that year)."""
    reader = reader_of(source)
    if unit_ids is None:
        notices = _notice_rows(reader, as_of)
    else:
        wanted = list(unit_ids)
        marks = ",".join("?" * len(wanted))
        notices = _notice_rows(reader, as_of, f" AND notice.unit_id IN ({marks})", wanted)
    if year is not None:
        notices = [
            n
            for n in notices
            if any(ref.year == year for _, _, ref in n.tasks)
            or (not n.tasks and n.issued_on.year == year)
        ]
    return [_view(n, as_of) for n in notices]


def _view(notice: _NoticeRow, as_of: dt.date) -> NoticeView:
    replied = notice.reply_on is not None and notice.reply_on <= as_of
    refs = tuple(ref for _, _, ref in notice.tasks)
    return NoticeView(
        number=notice.number,
        unit=notice.unit,
        level=notice.level,
        issued_on=notice.issued_on,
        reply_due=notice.reply_due,
        body=notice.body,
        tasks=tuple(TaskRef(r.plan_key, r.number).label() for r in refs),
        reply_on=notice.reply_on if replied else None,
        reply_text=notice.reply_text if replied else None,
        refs=refs,
    )


@dataclass(frozen=True)
class NoticeTask:
    """A task a notice is about, and where the notified unit stands on it as of the date."""

    ref: TaskRef
    title: str
    holder: HolderState | None  # None: the unit no longer holds the task


@dataclass(frozen=True)
class NoticeDetail:
    notice: NoticeView
    as_of: dt.date
    tasks: tuple[NoticeTask, ...]


def notice_detail(
    source: Source, number: str, as_of: dt.date, rules: LightRules
) -> NoticeDetail | None:
    """One notice as of a date, with the unit's state on each of its tasks; None for a
    number that names no notice issued by then."""
    reader = reader_of(source)
    found = _notice_rows(reader, as_of, " AND notice.number = ?", (number,))
    if not found:
        return None
    notice = found[0]
    states = (
        holder_states(
            reader,
            as_of,
            rules,
            unit_ids=[notice.unit_id],
            task_ids=[task_id for task_id, _, _ in notice.tasks],
        )
        if notice.tasks
        else []
    )
    by_task = {s.task_id: s for s in states if s.unit_id == notice.unit_id}
    return NoticeDetail(
        notice=_view(notice, as_of),
        as_of=as_of,
        tasks=tuple(
            NoticeTask(ref, title, by_task.get(task_id)) for task_id, title, ref in notice.tasks
        ),
    )
