"""Collecting returned sheets (报送表): what a sheet says, whether it can be recorded, and
recording it — one audited transaction per sheet, all of it or nothing.

The file is read by `seed.returns_reader` (the import side), which checks the sheet
itself (its identity, its keyed hash, every cell) and asks `task_problems` here whether
each task row may be reported on; `record_return` checks the submission (the day received,
the same file twice, a second return of the unit and period) and records it:

* one `return_submission` row, the file's SHA-256 its evidence (`return.collect`, or
  `return.replace` with the reason when it replaces the unit's return of that period —
  the old one and its reports stay, as history; the latest report wins as everywhere);
* one progress report per task row through `model.work.progress.record_report`, so every
  rule of a report applies, each dated the day received and pointing at the submission.
  Evidence files the unit names in 佐证材料 are not in the office's hands: their names are
  kept at the end of the report's note, and no evidence row is pinned for them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.core import strings
from model.core.checks import not_after, required_text
from model.core.enums import REPORT_STATUSES
from model.core.errors import InputError
from model.core.periods import Period
from model.core.returns_sheet import ReturnIdentity
from model.plans.lookup import task_infos
from model.plans.task_refs import TaskRef
from model.status.holders import holdings
from model.store.audit import record
from model.store.queries import next_id
from model.store.reader import iso_date, reader_of
from model.store.schema import ProgressReport, ReturnSubmission
from model.store.snapshots import EvidenceFile, return_snapshot
from model.units.lookup import unit_name_map
from model.units.resolver import resolve_unit
from model.work.progress import ReportInput, record_report

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from model.store.reader import Source


@dataclass(frozen=True)
class ReturnedRow:
    """One task row of a returned sheet, as the unit filled it in."""

    row: int  # the spreadsheet's row number, for messages
    task_id: int
    note: str  # 进展情况
    percent: int
    status: str  # a REPORT_STATUSES key
    problems: str  # 存在问题
    next_steps: str  # 下步打算
    evidence: tuple[str, ...] = ()  # the names listed in 佐证材料


@dataclass(frozen=True)
class ReturnedSheet:
    """A returned sheet that passed the reader's checks: whose, for when, and its rows."""

    identity: ReturnIdentity
    period: Period
    file_name: str
    sha256: str
    rows: tuple[ReturnedRow, ...]

    def counts(self) -> dict[str, int]:
        """How many rows of each status, in the order of REPORT_STATUSES."""
        found = Counter(row.status for row in self.rows)
        return {status: found[status] for status in REPORT_STATUSES if found[status]}

    def summary(self) -> str:
        """单位、报送期、N 项：已完成 x 项、推进中 y 项…"""
        counts = "、".join(
            strings.RETURN_STATUS_COUNT.format(status=strings.REPORT_STATUS_NAMES[s], count=n)
            for s, n in self.counts().items()
        )
        return strings.RETURN_SUMMARY.format(
            unit=self.identity.unit,
            period=self.period.label,
            rows=len(self.rows),
            counts=counts or strings.RETURN_NO_ROWS,
        )


class ReturnRefused(InputError):
    """A sheet that cannot be recorded; `problems` lists every reason, in Chinese."""

    def __init__(self, file_name: str, problems: Sequence[str]) -> None:
        self.file_name = file_name
        self.problems = tuple(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(
            strings.RETURN_REFUSED.format(file=file_name, count=len(self.problems), problems=lines)
        )


@dataclass(frozen=True)
class RecordedReturn:
    submission_id: int
    unit: str
    period: Period
    reports: int
    replaced: bool


def row_where(row: int, column: str | None = None) -> str:
    """第 9 行「完成百分比」 — how a problem names its place in the sheet."""
    if column is None:
        return strings.RETURN_AT_ROW.format(row=row)
    return strings.RETURN_AT_CELL.format(row=row, column=column)


def task_problems(source: Source, sheet: ReturnedSheet, received_on: dt.date) -> list[str]:
    """Each row's task must still exist and be held by the unit on the day received (the
    day its report is dated): the same rule a report entered by hand is held to."""
    reader = reader_of(source)
    unit_id = sheet.identity.unit_id
    names = unit_name_map(reader, [unit_id])
    if unit_id not in names:
        return [strings.RETURN_UNIT_UNKNOWN.format(unit=sheet.identity.unit)]
    infos = task_infos(reader, [row.task_id for row in sheet.rows])
    held = {h.task_id for h in holdings(reader, on=received_on, unit_ids=[unit_id])}
    problems: list[str] = []
    for row in sheet.rows:
        info = infos.get(row.task_id)
        if info is None:
            problems.append(strings.RETURN_TASK_UNKNOWN.format(where=row_where(row.row)))
        elif row.task_id not in held:
            problems.append(
                strings.RETURN_NOT_HELD.format(
                    where=row_where(row.row),
                    unit=names[unit_id],
                    task=_task_label(info.plan_key, info.number),
                    on=received_on.isoformat(),
                )
            )
    return problems


def _task_label(plan_key: str, number: int) -> str:
    plan = strings.PLAN_SHORT_NAMES.get(plan_key, plan_key)
    return strings.TASK_LABEL.format(plan=plan, number=number)


@dataclass(frozen=True)
class Earlier:
    """A return already collected of the same unit and period, or of the same file."""

    id: int
    unit: str
    period: str
    received_on: dt.date
    file_name: str


def _earlier(source: Source, where: str, params: Sequence[object]) -> Earlier | None:
    rows = reader_of(source).rows(
        "SELECT r.id, u.name, r.period, r.received_on, r.file_name"
        " FROM return_submission r JOIN unit u ON u.id = r.unit_id"
        f" WHERE {where} ORDER BY r.id DESC LIMIT 1",
        params,
    )
    if not rows:
        return None
    row_id, unit, period, received_on, file_name = rows[0]
    return Earlier(row_id, unit, period, iso_date(received_on), file_name)


def submission_problems(
    source: Source,
    sheet: ReturnedSheet,
    *,
    received_on: dt.date,
    as_of: dt.date,
    replace: bool = False,
    reason: str | None = None,
) -> list[str]:
    """Whether the sheet may be recorded as received on `received_on`: not after the
    as-of date, not before the period's last day (a unit may send its month's sheet on
    that month's last day), not a file already collected, and not a second return of the
    unit and period unless it replaces the first, with a reason."""
    problems: list[str] = []
    if received_on > as_of:
        problems.append(
            strings.DATE_AFTER_AS_OF.format(
                what=strings.RETURN_RECEIVED_WHAT, date=received_on, as_of=as_of
            )
        )
    if received_on < sheet.period.last_day:
        problems.append(
            strings.RETURN_RECEIVED_EARLY.format(
                on=received_on, period=sheet.period.label, first=sheet.period.last_day
            )
        )
    same_file = _earlier(source, "r.sha256 = ?", (sheet.sha256,))
    if same_file is not None:
        problems.append(
            strings.RETURN_SAME_FILE.format(
                on=same_file.received_on,
                file=same_file.file_name,
                unit=same_file.unit,
                period=Period.parse(same_file.period).label,
            )
        )
    current = _earlier(
        source, "r.unit_id = ? AND r.period = ?", (sheet.identity.unit_id, sheet.period.key)
    )
    if current is not None and not replace and same_file is None:
        problems.append(
            strings.RETURN_ALREADY.format(
                unit=current.unit,
                period=sheet.period.label,
                on=current.received_on,
                file=current.file_name,
            )
        )
    if current is not None and replace and not (reason or "").strip():
        problems.append(strings.RETURN_REPLACE_REASON)
    return problems


def report_note(row: ReturnedRow) -> str:
    """The report's note: the unit's 进展情况, then the evidence it names (the office does
    not hold those files, so they are kept as words, not pinned by SHA-256)."""
    if not row.evidence:
        return row.note
    names = strings.RETURN_EVIDENCE_NOTE.format(names="、".join(row.evidence))
    return f"{row.note}\n{names}" if row.note else names


def record_return(
    session: Session,
    sheet: ReturnedSheet,
    *,
    received_on: dt.date,
    as_of: dt.date,
    replace: bool = False,
    reason: str | None = None,
) -> RecordedReturn:
    """Record a returned sheet: the submission and one report per row, in the caller's
    write transaction; a problem raises `ReturnRefused` (every problem) before anything
    is added, and a rule of a report refusing a row rolls the whole sheet back."""
    problems = [
        *submission_problems(
            session,
            sheet,
            received_on=received_on,
            as_of=as_of,
            replace=replace,
            reason=reason,
        ),
        *task_problems(session, sheet, received_on),
    ]
    if problems:
        raise ReturnRefused(sheet.file_name, problems)
    current = _earlier(
        session, "r.unit_id = ? AND r.period = ?", (sheet.identity.unit_id, sheet.period.key)
    )
    replaces = None if current is None else current.id
    submission = _add_submission(
        session,
        unit_id=sheet.identity.unit_id,
        period=sheet.period,
        received_on=received_on,
        file_name=sheet.file_name,
        sha256=sheet.sha256,
        replaces=replaces,
        reason=(reason or "").strip() if replaces is not None else "",
        action="return.collect" if replaces is None else "return.replace",
    )
    unit = unit_name_map(session, [sheet.identity.unit_id])[sheet.identity.unit_id]
    infos = task_infos(session, [row.task_id for row in sheet.rows])
    for row in sheet.rows:
        info = infos[row.task_id]
        try:
            record_report(
                session,
                ReportInput(
                    task=TaskRef(info.plan_key, info.number, info.plan_year),
                    unit=unit,
                    reported_on=received_on,
                    status=row.status,
                    percent=row.percent,
                    note=report_note(row),
                    problems=row.problems,
                    next_steps=row.next_steps,
                    return_id=submission.id,
                ),
                as_of=as_of,
            )
        except InputError as error:  # a rule of a report: said with the row it is about
            raise ReturnRefused(sheet.file_name, [f"{row_where(row.row)}：{error}"]) from error
    return RecordedReturn(
        submission_id=submission.id,
        unit=unit,
        period=sheet.period,
        reports=len(sheet.rows),
        replaced=replaces is not None,
    )


# --- returns already read: the demo's monthly returns (#14) ---
# The demo makes its returns without workbooks; they are written as a collected sheet is
# (a return_submission and a report per row through record_report, one audited change).
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
class RecordedRows:
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
) -> RecordedRows:
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
        raise InputError(strings.RETURN_ROWS_NONE.format(period=period.label))
    found = resolve_unit(session, unit, period.label, [])
    submission = _add_submission(
        session,
        unit_id=found.id,
        period=period,
        received_on=received_on,
        file_name=name,
        sha256=sha256,
        replaces=None,
        reason="",
        action="return.receive",
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
    return RecordedRows(submission, reports)


def _add_submission(
    session: Session,
    *,
    unit_id: int,
    period: Period,
    received_on: dt.date,
    file_name: str,
    sha256: str,
    replaces: int | None,
    reason: str,
    action: str,
) -> ReturnSubmission:
    """The returned sheet's row and its audit event, for both ways a return comes in (a
    collected workbook, the demo's returns already read)."""
    submission = ReturnSubmission(
        id=next_id(session, ReturnSubmission),
        unit_id=unit_id,
        period=period.key,
        received_on=received_on,
        file_name=file_name,
        sha256=sha256,
        replaces_id=replaces,
        reason=reason,
    )
    session.add(submission)
    record(
        session,
        action=action,
        entity="return_submission",
        entity_id=submission.id,
        after=return_snapshot(submission),
        reason=reason or None,
    )
    # The reports point at the submission: it is in the database before them.
    session.flush()
    return submission
