"""Recording the office's work: progress reports, milestone completions, closures.

Each function is one audited change inside the caller's write transaction; inputs are
checked first and a problem raises InputError before anything is added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.canonical import sha256_file
from model.core.checks import not_after, required_text
from model.core.enums import REPORT_STATUSES
from model.core.errors import InputError
from model.core.evidence import evidence_name
from model.plans.task_refs import TaskRef, resolve_task, task_label
from model.status.holders import Scope, closed_holders, holdings, latest_reports
from model.store.audit import record
from model.store.queries import next_id
from model.store.schema import (
    ClosureEvent,
    Evidence,
    Milestone,
    MilestoneCompletion,
    ProgressReport,
    Task,
    Unit,
)
from model.store.snapshots import (
    EvidenceFile,
    closure_snapshot,
    completion_snapshot,
    report_snapshot,
)
from model.store.txcache import remembered
from model.units.lookup import spells_by_unit
from model.units.resolver import resolve_unit

NOTE_LIMIT = 2000
# What a write transaction remembers of who holds what (model.store.txcache) is kept under
# keys starting with HELD, all forgotten when a group's members change (work.groups): the
# membership spells, and each unit's tasks under (HELD, unit, its memberships that day).
HELD = "held"
_SPELLS_KEY = (HELD, "spells")


@dataclass(frozen=True)
class Holder:
    task: Task
    unit: Unit

    @property
    def label(self) -> str:
        return task_label(self.task)


def _memberships(session: Session, unit_id: int, on: dt.date) -> frozenset[tuple[int, int]]:
    """What decides, beside the assignments, which tasks a unit holds on the day `on`: the
    groups it is a member of that day and, for a group, its members that day. What a unit
    holds is remembered under this rather than under the day itself, so a year of writes
    on different days reads it once per change of membership, not once per day."""
    spells = remembered(session, _SPELLS_KEY, lambda: spells_by_unit(session))
    return frozenset(
        (group_id, member_id)
        for group_id, member_id, start, end in spells.get(unit_id, ())
        if (start is None or start <= on) and (end is None or on <= end)
    )


def resolve_holder(session: Session, ref: TaskRef, unit_name: str, on: dt.date) -> Holder:
    """The task and unit, refusing a unit that does not hold the task on the day `on`
    (itself, or as a member of a group that day)."""
    task = resolve_task(session, ref)
    # How a name was understood (an alias, initials) is for whoever typed it: the commands
    # and forms find the unit first, say so, and pass its own name here.
    unit = resolve_unit(session, unit_name, ref.label(), [])
    held = remembered(
        session,
        (HELD, unit.id, _memberships(session, unit.id, on)),
        lambda: {h.task_id for h in holdings(session, on=on, unit_ids=[unit.id])},
    )
    if task.id not in held:
        raise InputError(strings.NOT_A_HOLDER.format(unit=unit.name, task=ref.label()))
    return Holder(task, unit)


def hash_evidence(paths: Sequence[Path], folder: Path | None = None) -> list[EvidenceFile]:
    """Each file by name (relative to the evidence folder when inside it), size, SHA-256."""
    out: list[EvidenceFile] = []
    for path in paths:
        if not path.exists():
            raise InputError(strings.EVIDENCE_MISSING.format(path=path))
        if not path.is_file():
            raise InputError(strings.EVIDENCE_NOT_FILE.format(path=path))
        try:
            name = evidence_name(path, folder)
            out.append(EvidenceFile(name, sha256_file(path), path.stat().st_size))
        except OSError as error:
            raise InputError(
                strings.EVIDENCE_UNREADABLE.format(path=path, detail=error.strerror or error)
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
    problems: str = ""  # 存在问题
    next_steps: str = ""  # 下步打算
    evidence_folder: Path | None = None  # [evidence] folder: names relative to it
    return_id: int | None = None  # the returned sheet (报送表) that carried it (#14)


def validate_report_fields(
    status: str, percent: int, note: str, problems: str, next_steps: str
) -> None:
    """The checks a form can run before it has a database (shared with the TUI)."""
    if status not in REPORT_STATUSES:
        choices = "、".join(strings.REPORT_STATUS_NAMES[s] for s in REPORT_STATUSES)
        raise InputError(strings.BAD_REPORT_STATUS.format(value=status, choices=choices))
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise InputError(strings.PERCENT_RANGE.format(value=percent))
    if status == "done" and percent != 100:
        raise InputError(strings.DONE_NEEDS_100)
    for what, text in (
        (strings.NOTE_WHAT, note),
        (strings.PROBLEMS_WHAT, problems),
        (strings.NEXT_STEPS_WHAT, next_steps),
    ):
        if len(text) > NOTE_LIMIT:
            raise InputError(
                strings.TEXT_TOO_LONG.format(what=what, length=len(text), limit=NOTE_LIMIT)
            )


def record_report(session: Session, data: ReportInput, *, as_of: dt.date) -> ProgressReport:
    """A unit's progress report (进展报送) with evidence files pinned by SHA-256."""
    validate_report_fields(data.status, data.percent, data.note, data.problems, data.next_steps)
    not_after(data.reported_on, as_of, strings.FIELD_NAMES["reported_on"])
    holder = resolve_holder(session, data.task, data.unit, data.reported_on)
    files = [*data.attachments, *hash_evidence(data.evidence, data.evidence_folder)]
    report = ProgressReport(
        id=next_id(session, ProgressReport),
        task_id=holder.task.id,
        unit_id=holder.unit.id,
        reported_on=data.reported_on,
        status=data.status,
        percent=data.percent,
        note=data.note.strip(),
        problems=data.problems.strip(),
        next_steps=data.next_steps.strip(),
        return_id=data.return_id,
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
    not_after(done_on, as_of, strings.FIELD_NAMES["done_on"])
    holder = resolve_holder(session, ref, unit, done_on)
    milestone = session.scalar(
        select(Milestone).where(Milestone.task_id == holder.task.id, Milestone.position == position)
    )
    if milestone is None:
        raise InputError(strings.MILESTONE_UNKNOWN.format(task=holder.label, position=position))
    existing = session.scalar(
        select(MilestoneCompletion).where(
            MilestoneCompletion.milestone_id == milestone.id,
            MilestoneCompletion.unit_id == holder.unit.id,
        )
    )
    if existing is not None:
        # Done after the as-of date: the screens still show it pending, and say so here.
        later = existing.done_on > as_of
        template = strings.MILESTONE_DONE_LATER if later else strings.MILESTONE_ALREADY_DONE
        raise InputError(template.format(unit=holder.unit.name, on=existing.done_on, as_of=as_of))
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
    return row


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
    reason = required_text(reason, strings.FIELD_NAMES["reason"])
    verified_by = required_text(verified_by, strings.FIELD_NAMES["verified_by"])
    not_after(on, as_of, strings.FIELD_NAMES["on"])
    holder = resolve_holder(session, ref, unit, on)
    key = (holder.task.id, holder.unit.id)
    scope = Scope(task_ids=[holder.task.id])
    closed = key in closed_holders(session, on, scope)
    if action == "close":
        if closed:
            raise InputError(
                strings.ALREADY_CLOSED.format(task=holder.label, unit=holder.unit.name, on=on)
            )
        last = latest_reports(session, on, scope).get(key)
        if last is None or last.status != "done":
            raise InputError(
                strings.CLOSE_NEEDS_DONE.format(task=holder.label, unit=holder.unit.name)
            )
    elif not closed:
        raise InputError(strings.NOT_CLOSED.format(task=holder.label, unit=holder.unit.name))
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


# --- one report from the command line (#14) ---
def parse_report_status(text: str) -> str:
    """A report status as a person types it: the word the screens show (未开始, 推进中,
    已完成, 受阻) or the stored value the form and the importers pass (in_progress)."""
    word = text.strip()
    by_name = {name: status for status, name in strings.REPORT_STATUS_NAMES.items()}
    status = by_name.get(word, word.lower())
    if status not in REPORT_STATUSES:
        choices = "、".join(strings.REPORT_STATUS_NAMES[s] for s in REPORT_STATUSES)
        raise InputError(strings.BAD_REPORT_STATUS.format(value=word, choices=choices))
    return status
