"""Checking the audit trail: the hash chain itself, and the data against the chain.

Every audited record (reports, milestone completions, closures, notices, adjustments) is
rebuilt from the events that created or changed it and compared with the row in the
database, so an edit made with an outside tool — a changed field, a deleted or added row,
a changed, deleted or reordered event — is found and named.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from model.core import strings
from model.core.canonical import canonical_json
from model.store.audit import digest_of
from model.store.schema import (
    GENESIS_HASH,
    AuditEvent,
    ClosureEvent,
    MilestoneCompletion,
    Notice,
    Plan,
    ProgressReport,
    ScoreAdjustment,
    Task,
    Unit,
)
from model.store.snapshots import (
    EvidenceFile,
    adjustment_snapshot,
    closure_snapshot,
    completion_snapshot,
    notice_snapshot,
    report_snapshot,
)


@dataclass(frozen=True)
class Finding:
    record: str  # "audit_event:12", "progress_report:7"
    detail: str


@dataclass(frozen=True)
class VerifyResult:
    events: int
    rows: int
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings


def _reports(session: Session) -> Iterable[tuple[int, dict[str, Any]]]:
    for report in session.scalars(
        select(ProgressReport).options(selectinload(ProgressReport.evidence))
    ):
        files = [EvidenceFile(e.name, e.sha256, e.size) for e in report.evidence]
        yield report.id, report_snapshot(report, files)


def _notices(session: Session) -> Iterable[tuple[int, dict[str, Any]]]:
    for notice in session.scalars(select(Notice).options(selectinload(Notice.tasks))):
        yield notice.id, notice_snapshot(notice, [t.id for t in notice.tasks])


def _simple(
    model: Any, snapshot: Callable[[Any], dict[str, Any]]
) -> Callable[[Session], Iterable[tuple[int, dict[str, Any]]]]:
    def rows(session: Session) -> Iterable[tuple[int, dict[str, Any]]]:
        for row in session.scalars(select(model)):
            yield row.id, snapshot(row)

    return rows


WATCHED: dict[str, Callable[[Session], Iterable[tuple[int, dict[str, Any]]]]] = {
    "progress_report": _reports,
    "milestone_completion": _simple(MilestoneCompletion, completion_snapshot),
    "closure_event": _simple(ClosureEvent, closure_snapshot),
    "notice": _notices,
    "score_adjustment": _simple(ScoreAdjustment, adjustment_snapshot),
}


class _Shown:
    """A snapshot value as the office reads it: unit and task names instead of ids, status
    words instead of codes; anything else as the text the audit trail holds."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._units: dict[int, str] | None = None
        self._tasks: dict[int, str] | None = None

    def units(self) -> dict[int, str]:
        if self._units is None:
            rows = self.session.execute(select(Unit.id, Unit.name))
            self._units = {unit_id: name for unit_id, name in rows}
        return self._units

    def tasks(self) -> dict[int, str]:
        if self._tasks is None:
            rows = self.session.execute(
                select(Task.id, Plan.key, Plan.title, Task.number).join(
                    Plan, Plan.id == Task.plan_id
                )
            )
            self._tasks = {
                task_id: strings.TASK_LABEL.format(
                    plan=strings.PLAN_SHORT_NAMES.get(key, title), number=number
                )
                for task_id, key, title, number in rows
            }
        return self._tasks

    def __call__(self, key: str, value: Any) -> str:
        if value is None:
            return strings.VERIFY_EMPTY
        if key == "unit_id" and isinstance(value, int):
            return self.units().get(value, strings.VERIFY_UNKNOWN_ROW)
        if key == "task_id" and isinstance(value, int):
            return self.tasks().get(value, strings.VERIFY_UNKNOWN_ROW)
        if key == "task_ids" and isinstance(value, list):
            return "、".join(self.tasks().get(v, strings.VERIFY_UNKNOWN_ROW) for v in value)
        if key == "status" and isinstance(value, str):
            return strings.REPORT_STATUS_NAMES.get(value, value)
        if key == "action" and isinstance(value, str):
            return strings.CLOSURE_ACTION_NAMES.get(value, value)
        if key == "evidence" and isinstance(value, list):
            return strings.VERIFY_EVIDENCE.format(count=len(value))
        if isinstance(value, str):
            return f"「{value}」"
        return canonical_json(value)


def verify_audit(session: Session) -> VerifyResult:
    findings: list[Finding] = []
    expected: dict[str, dict[int, dict[str, Any]]] = {table: {} for table in WATCHED}
    previous_hash, expected_id, count = GENESIS_HASH, 1, 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        count += 1
        record = f"audit_event:{event.id}"
        if event.id != expected_id:
            findings.append(
                Finding(record, strings.VERIFY_EVENT_GAP.format(id=event.id, expected=expected_id))
            )
        elif event.prev_hash != previous_hash:
            findings.append(Finding(record, strings.VERIFY_EVENT_LINK.format(id=event.id)))
        if digest_of(event) != event.hash:
            findings.append(Finding(record, strings.VERIFY_EVENT_CHANGED.format(id=event.id)))
        previous_hash, expected_id = event.hash, event.id + 1
        if event.entity in expected:
            after = None if event.after_json is None else json.loads(event.after_json)
            if isinstance(after, dict) and isinstance(after.get("id"), int):
                expected[event.entity][after["id"]] = after
    shown = _Shown(session)
    rows = 0
    for table, load in WATCHED.items():
        name = strings.TABLE_NAMES[table]
        seen: set[int] = set()
        for row_id, snapshot in load(session):
            rows += 1
            seen.add(row_id)
            record = f"{table}:{row_id}"
            if row_id not in expected[table]:
                findings.append(
                    Finding(record, strings.VERIFY_ROW_UNAUDITED.format(table=name, id=row_id))
                )
                continue
            actual = json.loads(canonical_json(snapshot))
            audited = expected[table][row_id]
            if canonical_json(actual) != canonical_json(audited):
                fields = [
                    strings.VERIFY_FIELD.format(
                        field=strings.FIELD_NAMES.get(key, key),
                        expected=shown(key, audited.get(key)),
                        actual=shown(key, actual.get(key)),
                    )
                    for key in sorted(set(actual) | set(audited))
                    if canonical_json(actual.get(key)) != canonical_json(audited.get(key))
                ]
                findings.append(
                    Finding(
                        record,
                        strings.VERIFY_ROW_CHANGED.format(
                            table=name, id=row_id, fields="；".join(fields)
                        ),
                    )
                )
        for row_id in sorted(set(expected[table]) - seen):
            findings.append(
                Finding(
                    f"{table}:{row_id}", strings.VERIFY_ROW_DELETED.format(table=name, id=row_id)
                )
            )
    return VerifyResult(count, rows, tuple(findings))


def chain_head(session: Session) -> tuple[int, str]:
    """The newest event of the audit chain: what a report computed now was computed from."""
    row = session.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))


def head_problem(session: Session, head_id: int, head_hash: str) -> str | None:
    """Why the chain no longer leads, link by link, to this head — None when it does."""
    previous, expected = GENESIS_HASH, 1
    for event in session.scalars(
        select(AuditEvent).where(AuditEvent.id <= head_id).order_by(AuditEvent.id)
    ):
        if event.id != expected or event.prev_hash != previous or digest_of(event) != event.hash:
            return strings.HEAD_CHAIN_BROKEN.format(id=event.id)
        previous, expected = event.hash, event.id + 1
    if expected != head_id + 1:
        return strings.HEAD_MISSING.format(id=head_id)
    if previous != head_hash:
        return strings.HEAD_REWRITTEN.format(id=head_id)
    return None
