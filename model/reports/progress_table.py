"""重点任务进展情况表: one row per task with its progress as of a date.

The four report states (已完成 / 序时推进 / 滞后 / 逾期) are read from the same holder
statuses the dashboard's lights come from (model.core.lights), so a report never disagrees
with the screen.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.errors import InputError
from model.core.lights import LightRules, Status
from model.plans.lookup import task_roles
from model.status.holders import HolderState, holder_states
from model.status.plan_view import plan_years
from model.store.queries import core_connection
from model.store.schema import (
    Evidence,
    Milestone,
    Notice,
    NoticeTask,
    Plan,
    ProgressReport,
    Task,
    Unit,
)


class Progress(StrEnum):
    DONE = "done"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    OVERDUE = "overdue"


# Worst first: a task is as far behind as its furthest-behind holder.
PROGRESS_ORDER = (Progress.OVERDUE, Progress.BEHIND, Progress.ON_TRACK, Progress.DONE)


def holder_progress(state: HolderState) -> Progress:
    if state.status in (Status.CLOSED, Status.DONE):
        return Progress.DONE
    if state.status is Status.OVERDUE:
        return Progress.OVERDUE
    if state.status is Status.STALE:
        return Progress.BEHIND
    if state.status is Status.DUE_SOON and state.last_report_on is None:
        return Progress.BEHIND  # a deadline within the warning window and nothing reported
    return Progress.ON_TRACK


def task_progress(states: Iterable[HolderState]) -> Progress:
    found = {holder_progress(s) for s in states}
    return next((p for p in PROGRESS_ORDER if p in found), Progress.ON_TRACK)


@dataclass(frozen=True)
class ProgressRow:
    task_id: int
    plan_key: str
    plan_title: str
    number: int
    title: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline: str  # the milestone dates, or the plan year's end
    summary: str
    progress: Progress
    evidence: int
    remarks: str
    holders: tuple[HolderState, ...]

    @property
    def owners(self) -> tuple[str, ...]:
        return self.lead or self.responsible


@dataclass(frozen=True)
class ProgressTable:
    year: int
    as_of: dt.date
    plan_key: str | None
    plans: tuple[tuple[str, str], ...]  # (key, title) in document order
    rows: tuple[ProgressRow, ...]

    def rows_of(self, plan_key: str) -> list[ProgressRow]:
        return [row for row in self.rows if row.plan_key == plan_key]


def progress_counts(rows: Iterable[ProgressRow]) -> dict[Progress, int]:
    """Tasks by report state, every state present (zero when none)."""
    counts = dict.fromkeys(Progress, 0)
    for row in rows:
        counts[row.progress] += 1
    return counts


def _plans(session: Session, year: int, plan_key: str | None) -> list[tuple[int, str, str]]:
    plans = [
        (pid, key, title)
        for pid, key, title in session.execute(
            select(Plan.id, Plan.key, Plan.title).where(Plan.year == year).order_by(Plan.id)
        )
    ]
    if not plans:
        years = "、".join(map(str, plan_years(session))) or "无"
        raise InputError(strings.PLAN_YEAR_EMPTY.format(year=year, years=years))
    if plan_key is None:
        return plans
    chosen = [p for p in plans if plan_key in (p[1], strings.PLAN_SHORT_NAMES.get(p[1]))]
    if not chosen:
        keys = "、".join(f"{k}（{strings.PLAN_SHORT_NAMES.get(k, k)}）" for _, k, _ in plans)
        raise InputError(strings.PLAN_UNKNOWN.format(key=plan_key, year=year, keys=keys or "无"))
    return chosen


def _latest_notes(
    session: Session, task_ids: Sequence[int], as_of: dt.date
) -> dict[int, list[tuple[dt.date, int, str, int, str]]]:
    """Per task, its reports up to `as_of`, newest first: (date, id, unit, percent, note)."""
    out: dict[int, list[tuple[dt.date, int, str, int, str]]] = defaultdict(list)
    query = (
        select(
            ProgressReport.task_id,
            ProgressReport.reported_on,
            ProgressReport.id,
            Unit.name,
            ProgressReport.percent,
            ProgressReport.note,
        )
        .join(Unit, Unit.id == ProgressReport.unit_id)
        .where(ProgressReport.task_id.in_(task_ids), ProgressReport.reported_on <= as_of)
        .order_by(ProgressReport.reported_on.desc(), ProgressReport.id.desc())
    )
    for task_id, on, report_id, unit, percent, note in core_connection(session).execute(query):
        out[task_id].append((on, report_id, unit, percent, note))
    return out


def _summary(reports: list[tuple[dt.date, int, str, int, str]], owners: tuple[str, ...]) -> str:
    """The newest report of an owning unit (else of anyone), as the office would quote it."""
    if not reports:
        return strings.PROGRESS_NO_REPORT
    own = [r for r in reports if r[2] in owners]
    on, _, unit, percent, note = (own or reports)[0]
    text = strings.PROGRESS_SUMMARY.format(unit=unit, on=on, percent=percent, note=note.strip())
    return text.rstrip("：")


def _remarks(states: Sequence[HolderState], notices: list[str]) -> str:
    parts: list[str] = []
    overdue = [s for s in states if holder_progress(s) is Progress.OVERDUE]
    if overdue:
        parts.append(
            strings.PROGRESS_REMARK_OVERDUE.format(
                units="、".join(f"{s.unit}（{s.overdue_since}）" for s in overdue)
            )
        )
    behind = [s.unit for s in states if holder_progress(s) is Progress.BEHIND]
    if behind:
        parts.append(strings.PROGRESS_REMARK_BEHIND.format(units="、".join(behind)))
    if notices:
        parts.append(strings.PROGRESS_REMARK_NOTICES.format(numbers="、".join(notices)))
    return "；".join(parts)


def progress_table(
    session: Session,
    *,
    year: int,
    as_of: dt.date,
    rules: LightRules,
    plan_key: str | None = None,
) -> ProgressTable:
    plans = _plans(session, year, plan_key)
    plan_ids = [p[0] for p in plans]
    tasks = list(
        session.execute(
            select(Task.id, Task.plan_id, Task.number, Task.title)
            .where(Task.plan_id.in_(plan_ids))
            .order_by(Task.plan_id, Task.number)
        )
    )
    task_ids = [t[0] for t in tasks]
    roles = task_roles(session, task_ids)
    deadlines: dict[int, list[str]] = defaultdict(list)
    for task_id, due in session.execute(
        select(Milestone.task_id, Milestone.due_on)
        .where(Milestone.task_id.in_(task_ids))
        .order_by(Milestone.task_id, Milestone.position)
    ):
        deadlines[task_id].append(due.isoformat())
    evidence: dict[int, int] = {
        task_id: count
        for task_id, count in session.execute(
            select(ProgressReport.task_id, func.count(Evidence.id))
            .join(Evidence, Evidence.report_id == ProgressReport.id)
            .where(ProgressReport.task_id.in_(task_ids), ProgressReport.reported_on <= as_of)
            .group_by(ProgressReport.task_id)
        )
    }
    notices: dict[int, list[str]] = defaultdict(list)
    for task_id, notice_number in session.execute(
        select(NoticeTask.task_id, Notice.number)
        .join(Notice, Notice.id == NoticeTask.notice_id)
        .where(NoticeTask.task_id.in_(task_ids), Notice.issued_on <= as_of)
        .order_by(Notice.issued_on, Notice.id)
    ):
        notices[task_id].append(notice_number)
    states: dict[int, list[HolderState]] = defaultdict(list)
    for state in holder_states(session, as_of, rules, task_ids=task_ids) if task_ids else []:
        states[state.task_id].append(state)
    notes = _latest_notes(session, task_ids, as_of) if task_ids else {}
    titles = {pid: title for pid, _, title in plans}
    keys = {pid: key for pid, key, _ in plans}
    rows = []
    for task_id, plan_id, number, title in tasks:
        held = states.get(task_id, [])
        lead = tuple(roles[task_id]["lead"])
        responsible = tuple(roles[task_id]["responsible"])
        rows.append(
            ProgressRow(
                task_id=task_id,
                plan_key=keys[plan_id],
                plan_title=titles[plan_id],
                number=number,
                title=title,
                lead=lead,
                support=tuple(roles[task_id]["support"]),
                responsible=responsible,
                deadline="；".join(deadlines[task_id])
                if task_id in deadlines
                else strings.PROGRESS_YEAR_END.format(year=year),
                summary=_summary(notes.get(task_id, []), lead or responsible),
                progress=task_progress(held),
                evidence=int(evidence.get(task_id, 0)),
                remarks=_remarks(held, notices.get(task_id, [])),
                holders=tuple(held),
            )
        )
    return ProgressTable(
        year=year,
        as_of=as_of,
        plan_key=None if plan_key is None else plans[0][1],
        plans=tuple((key, title) for _, key, title in plans),
        rows=tuple(rows),
    )
