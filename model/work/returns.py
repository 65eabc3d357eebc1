"""Recording a returned sheet (报送表) and the reports it carries, in one audited change.

`record_return_rows` is the write the demo uses to make each owing unit's monthly return:
the `return_submission` row (the file's name and SHA-256, the day the office received it)
and a progress report per task row, dated the day received and pointing back at it
(`progress_report.return_id`). Each report goes through `model.work.progress.record_report`
and so is checked as any report is (the unit holds the task that day, status, percent).

The collect engineer's service (reading the returned workbook, `duban returns collect`)
writes the same rows; this one takes them already read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from model.core import strings
from model.core.checks import not_after, required_text
from model.core.errors import InputError
from model.core.periods import Period
from model.plans.task_refs import TaskRef
from model.store.audit import record
from model.store.queries import next_id
from model.store.schema import ProgressReport, ReturnSubmission
from model.store.snapshots import EvidenceFile, return_snapshot
from model.units.resolver import resolve_unit
from model.work.progress import ReportInput, record_report

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ReturnRow:
    """One task row of a return as the unit filled it in."""

    task: TaskRef
    status: str
    percent: int
    note: str = ""
    problems: str = ""
    next_steps: str = ""
    attachments: tuple[EvidenceFile, ...] = ()


@dataclass(frozen=True)
class RecordedReturn:
    submission: ReturnSubmission
    reports: tuple[ProgressReport, ...]


def record_return_rows(
    session: Session,
    *,
    unit: str,
    period: Period,
    received_on: dt.date,
    file_name: str,
    sha256: str,
    rows: Sequence[ReturnRow],
    as_of: dt.date,
) -> RecordedReturn:
    """The return of `unit` for `period`, received on `received_on`, with a report per row."""
    not_after(received_on, as_of, strings.RETURN_RECEIVED_FIELD)
    if received_on < period.first_day:
        raise InputError(
            strings.RETURN_BEFORE_PERIOD.format(period=period.label, received_on=received_on)
        )
    name = required_text(file_name, strings.RETURN_FILE_FIELD)
    if not _SHA256.fullmatch(sha256):
        raise InputError(strings.RETURN_BAD_SHA256.format(file=name))
    if not rows:
        raise InputError(strings.RETURN_NO_ROWS.format(period=period.label))
    found = resolve_unit(session, unit, period.label, [])
    submission = ReturnSubmission(
        id=next_id(session, ReturnSubmission),
        unit_id=found.id,
        period=period.key,
        received_on=received_on,
        file_name=name,
        sha256=sha256,
        replaces_id=None,
        reason="",
    )
    session.add(submission)
    record(
        session,
        action="return.receive",
        entity="return_submission",
        entity_id=submission.id,
        after=return_snapshot(submission),
    )
    reports = tuple(
        record_report(
            session,
            ReportInput(
                task=row.task,
                unit=found.name,
                reported_on=received_on,
                status=row.status,
                percent=row.percent,
                note=row.note,
                problems=row.problems,
                next_steps=row.next_steps,
                attachments=row.attachments,
                return_id=submission.id,
            ),
            as_of=as_of,
        )
        for row in rows
    )
    return RecordedReturn(submission, reports)
