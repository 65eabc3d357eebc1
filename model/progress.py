"""Recording the office's work: progress reports, milestone completions, closures.

Each function is one audited change inside the caller's write transaction; inputs are
checked first and a problem raises InputError before anything is added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from model import messages
from model.audit import record
from model.canonical import sha256_file
from model.errors import InputError
from model.holders import Scope, closed_holders, holdings, latest_reports
from model.schema import (
    Base,
    ClosureEvent,
    Evidence,
    Milestone,
    MilestoneCompletion,
    ProgressReport,
    Task,
    Unit,
)
from model.schema.enums import REPORT_STATUSES
from model.task_refs import TaskRef, resolve_task, task_label
from model.unit_names import UnitResolver

NOTE_LIMIT = 2000


def next_id(session: Session, model: type[Base]) -> int:
    """The id the next row will get; safe because writes run under BEGIN IMMEDIATE."""
    column = model.__table__.c.id
    with session.no_autoflush:
        return int(session.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1


@dataclass(frozen=True)
class Holder:
    task: Task
    unit: Unit
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return task_label(self.task)


def resolve_holder(session: Session, ref: TaskRef, unit_name: str) -> Holder:
    """The task and unit, refusing a unit that does not hold the task (itself or via group)."""
    task = resolve_task(session, ref)
    notes: list[str] = []
    unit = UnitResolver(session).resolve(unit_name, ref.label(), notes)
    held = {h.task_id for h in holdings(session, unit_ids=[unit.id])}
    if task.id not in held:
        raise InputError(messages.NOT_A_HOLDER.format(unit=unit.name, task=ref.label()))
    return Holder(task, unit, notes)


def _not_after(value: dt.date, as_of: dt.date, what: str) -> None:
    if value > as_of:
        raise InputError(messages.DATE_AFTER_AS_OF.format(what=what, date=value, as_of=as_of))


def required_text(value: str, what: str) -> str:
    """The value without surrounding space; refused when nothing is left."""
    text = value.strip()
    if not text:
        raise InputError(messages.TEXT_REQUIRED.format(what=what))
    return text


@dataclass(frozen=True)
class EvidenceFile:
    name: str
    sha256: str
    size: int


def hash_evidence(paths: Sequence[Path]) -> list[EvidenceFile]:
    out: list[EvidenceFile] = []
    for path in paths:
        if not path.exists():
            raise InputError(messages.EVIDENCE_MISSING.format(path=path))
        if not path.is_file():
            raise InputError(messages.EVIDENCE_NOT_FILE.format(path=path))
        try:
            out.append(EvidenceFile(str(path), sha256_file(path), path.stat().st_size))
        except OSError as error:
            raise InputError(
                messages.EVIDENCE_UNREADABLE.format(path=path, detail=error.strerror or error)
            ) from error
    return out


@dataclass(frozen=True)
class ReportInput:
    task: TaskRef
    unit: str
    reported_on: dt.date
    status: str
    percent: int
    note: str = ""
    evidence: tuple[Path, ...] = ()
    # Already-hashed evidence (imports, the demo); files in `evidence` are hashed here.
    attachments: tuple[EvidenceFile, ...] = ()


def validate_report_fields(status: str, percent: int, note: str) -> None:
    """The checks a form can run before it has a database (shared with the TUI)."""
    if status not in REPORT_STATUSES:
        choices = "、".join(messages.REPORT_STATUS_NAMES[s] for s in REPORT_STATUSES)
        raise InputError(messages.BAD_REPORT_STATUS.format(value=status, choices=choices))
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise InputError(messages.PERCENT_RANGE.format(value=percent))
    if status == "done" and percent != 100:
        raise InputError(messages.DONE_NEEDS_100)
    if len(note) > NOTE_LIMIT:
        raise InputError(messages.NOTE_TOO_LONG.format(length=len(note), limit=NOTE_LIMIT))


def report_snapshot(report: ProgressReport, evidence: Sequence[EvidenceFile]) -> dict[str, Any]:
    return {
        "id": report.id,
        "task_id": report.task_id,
        "unit_id": report.unit_id,
        "reported_on": report.reported_on,
        "status": report.status,
        "percent": report.percent,
        "note": report.note,
        "evidence": [{"name": e.name, "sha256": e.sha256, "size": e.size} for e in evidence],
    }


def record_report(session: Session, data: ReportInput, *, as_of: dt.date) -> ProgressReport:
    """A unit's progress report (进展报送) with evidence files pinned by SHA-256."""
    validate_report_fields(data.status, data.percent, data.note)
    _not_after(data.reported_on, as_of, "报送日期")
    holder = resolve_holder(session, data.task, data.unit)
    files = [*data.attachments, *hash_evidence(data.evidence)]
    report = ProgressReport(
        id=next_id(session, ProgressReport),
        task_id=holder.task.id,
        unit_id=holder.unit.id,
        reported_on=data.reported_on,
        status=data.status,
        percent=data.percent,
        note=data.note.strip(),
    )
    report.evidence = [Evidence(name=f.name, sha256=f.sha256, size=f.size) for f in files]
    session.add(report)
    record(
        session,
        action="report.create",
        entity="progress_report",
        entity_id=report.id,
        after=report_snapshot(report, files),
    )
    session.flush()
    return report


def mark_milestone_done(
    session: Session,
    ref: TaskRef,
    unit: str,
    position: int,
    done_on: dt.date,
    *,
    as_of: dt.date,
    note: str = "",
) -> MilestoneCompletion:
    _not_after(done_on, as_of, "完成日期")
    holder = resolve_holder(session, ref, unit)
    milestone = session.scalar(
        select(Milestone).where(Milestone.task_id == holder.task.id, Milestone.position == position)
    )
    if milestone is None:
        raise InputError(messages.MILESTONE_UNKNOWN.format(task=holder.label, position=position))
    existing = session.scalar(
        select(MilestoneCompletion).where(
            MilestoneCompletion.milestone_id == milestone.id,
            MilestoneCompletion.unit_id == holder.unit.id,
        )
    )
    if existing is not None:
        raise InputError(
            messages.MILESTONE_ALREADY_DONE.format(unit=holder.unit.name, on=existing.done_on)
        )
    row = MilestoneCompletion(
        id=next_id(session, MilestoneCompletion),
        milestone_id=milestone.id,
        unit_id=holder.unit.id,
        done_on=done_on,
        note=note.strip(),
    )
    session.add(row)
    record(
        session,
        action="milestone.done",
        entity="milestone_completion",
        entity_id=row.id,
        after=completion_snapshot(row),
    )
    session.flush()
    return row


def completion_snapshot(row: MilestoneCompletion) -> dict[str, Any]:
    return {
        "id": row.id,
        "milestone_id": row.milestone_id,
        "unit_id": row.unit_id,
        "done_on": row.done_on,
        "note": row.note,
    }


def closure_snapshot(event: ClosureEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "task_id": event.task_id,
        "unit_id": event.unit_id,
        "action": event.action,
        "on": event.on,
        "reason": event.reason,
        "verified_by": event.verified_by,
    }


def _closure(
    session: Session,
    action: str,
    ref: TaskRef,
    unit: str,
    on: dt.date,
    reason: str,
    verified_by: str,
    as_of: dt.date,
) -> ClosureEvent:
    reason = required_text(reason, "原因")
    verified_by = required_text(verified_by, "核验人")
    _not_after(on, as_of, "日期")
    holder = resolve_holder(session, ref, unit)
    key = (holder.task.id, holder.unit.id)
    scope = Scope(task_ids=[holder.task.id])
    closed = key in closed_holders(session, on, scope)
    if action == "close":
        if closed:
            raise InputError(
                messages.ALREADY_CLOSED.format(task=holder.label, unit=holder.unit.name, on=on)
            )
        last = latest_reports(session, on, scope).get(key)
        if last is None or last.status != "done":
            raise InputError(
                messages.CLOSE_NEEDS_DONE.format(task=holder.label, unit=holder.unit.name)
            )
    elif not closed:
        raise InputError(messages.NOT_CLOSED.format(task=holder.label, unit=holder.unit.name))
    event = ClosureEvent(
        id=next_id(session, ClosureEvent),
        task_id=holder.task.id,
        unit_id=holder.unit.id,
        action=action,
        on=on,
        reason=reason,
        verified_by=verified_by,
    )
    session.add(event)
    record(
        session,
        action=f"closure.{action}",
        entity="closure_event",
        entity_id=event.id,
        after=closure_snapshot(event),
        reason=reason,
    )
    session.flush()
    return event


def close_item(
    session: Session,
    ref: TaskRef,
    unit: str,
    on: dt.date,
    *,
    reason: str,
    verified_by: str,
    as_of: dt.date,
) -> ClosureEvent:
    """销号: the office verifies a unit's part of a task as done."""
    return _closure(session, "close", ref, unit, on, reason, verified_by, as_of)


def reopen_item(
    session: Session,
    ref: TaskRef,
    unit: str,
    on: dt.date,
    *,
    reason: str,
    verified_by: str,
    as_of: dt.date,
) -> ClosureEvent:
    """Reopen a closed item; the reason is kept with the event and in the audit trail."""
    return _closure(session, "reopen", ref, unit, on, reason, verified_by, as_of)
