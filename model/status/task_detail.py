"""Everything about one task as of a date: text, milestones, holders, history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from model.core.evidence import evidence_label
from model.core.lights import LightRules
from model.plans.task_refs import TaskRef, resolve_task
from model.status.holders import HolderState, holder_states
from model.status.notices import NoticeView, list_notices
from model.status.timeline import MilestoneRow, milestone_rows
from model.status.unit_check import sort_items
from model.store.audit_history import AuditRow, task_history
from model.store.schema import ClosureEvent, Notice, NoticeTask, ProgressReport, Unit


@dataclass(frozen=True)
class ReportRow:
    reported_on: dt.date
    unit: str
    status: str
    percent: int
    note: str
    evidence: tuple[tuple[str, str], ...]  # (name as shown, sha256)
    problems: str = ""  # 存在问题
    next_steps: str = ""  # 下步打算


@dataclass(frozen=True)
class ClosureRow:
    on: dt.date
    unit: str
    action: str
    reason: str
    verified_by: str


@dataclass(frozen=True)
class TaskDetail:
    as_of: dt.date
    task_id: int
    plan_key: str
    plan_year: int
    plan_title: str
    number: int
    section: str
    title: str
    text: str
    milestones: tuple[MilestoneRow, ...]
    holders: tuple[HolderState, ...]
    reports: tuple[ReportRow, ...]
    closures: tuple[ClosureRow, ...]
    notices: tuple[NoticeView, ...]
    history: tuple[AuditRow, ...]

    @property
    def ref(self) -> TaskRef:
        return TaskRef(self.plan_key, self.number, self.plan_year)


def task_detail(session: Session, ref: TaskRef, as_of: dt.date, rules: LightRules) -> TaskDetail:
    task = resolve_task(session, ref)
    reports = session.scalars(
        select(ProgressReport)
        .where(ProgressReport.task_id == task.id, ProgressReport.reported_on <= as_of)
        .options(selectinload(ProgressReport.evidence), selectinload(ProgressReport.unit))
        .order_by(ProgressReport.reported_on.desc(), ProgressReport.id.desc())
    )
    closures = session.execute(
        select(ClosureEvent, Unit.name)
        .join(Unit, Unit.id == ClosureEvent.unit_id)
        .where(ClosureEvent.task_id == task.id, ClosureEvent.on <= as_of)
        .order_by(ClosureEvent.on.desc(), ClosureEvent.id.desc())
    )
    notice_units = list(
        session.scalars(
            select(Notice.unit_id)
            .join(NoticeTask, NoticeTask.notice_id == Notice.id)
            .where(NoticeTask.task_id == task.id)
        )
    )
    ref_label = TaskRef(task.plan.key, task.number).label()
    notices = [
        n for n in list_notices(session, as_of, unit_ids=notice_units) if ref_label in n.tasks
    ]
    return TaskDetail(
        as_of=as_of,
        task_id=task.id,
        plan_key=task.plan.key,
        plan_year=task.plan.year,
        plan_title=task.plan.title,
        number=task.number,
        section=task.section.heading,
        title=task.title,
        text=task.text,
        milestones=tuple(milestone_rows(session, as_of, rules, task_ids=[task.id])),
        holders=tuple(sort_items(holder_states(session, as_of, rules, task_ids=[task.id]))),
        reports=tuple(
            ReportRow(
                r.reported_on,
                r.unit.name,
                r.status,
                r.percent,
                r.note,
                tuple((evidence_label(e.name), e.sha256) for e in r.evidence),
                r.problems,
                r.next_steps,
            )
            for r in reports
        ),
        closures=tuple(
            ClosureRow(c.on, name, c.action, c.reason, c.verified_by) for c, name in closures
        ),
        notices=tuple(notices),
        # Every event recorded up to now, the user's own included whatever the as-of date;
        # a screen marks those dated after it (audit_history.event_day).
        history=tuple(task_history(session, task.id)),
    )
