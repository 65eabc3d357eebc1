"""One export, end to end: the command line and the dashboard both call `run_export`.

Everything that can refuse is asked before anything is written: the output path, the
manifest path, the keyring. Then the report is read in one read transaction, rendered in
memory, and the file and its manifest are each written to a temporary file and renamed.
"""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from exports import strings
from exports.files import (
    NAME_BYTES,
    check_name_length,
    check_output_path,
    safe_file_name,
    write_atomically,
)
from exports.kinds import FORMATS, KINDS, formats_of
from exports.report import Report
from model.core.errors import InputError
from model.core.os_errors import describe_os_error

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from model.core.keys import OfficeKey
    from model.core.lights import LightRules
    from model.core.periods import ReportingRules
    from model.scoring.rubric import Rubric
    from model.store.db import Database

STEPS = (strings.STEP_READ, strings.STEP_RENDER, strings.STEP_WRITE)

Progress = Callable[[int, str], None]  # (steps done, what is happening now)


@dataclass(frozen=True)
class ExportRequest:
    kind: str
    fmt: str
    as_of: dt.date
    year: int
    plan: str | None = None
    unit: str | None = None
    notice: str | None = None
    demo: bool = False  # the demo database (Letterhead.demo): 演示 in the file name
    detail: bool = False  # scorecards csv: every line of every card in a second csv

    def validate(self) -> None:
        if self.kind not in KINDS:
            raise InputError(strings.EXPORT_KIND_UNKNOWN.format(kind=self.kind))
        if self.fmt not in FORMATS:
            raise InputError(
                strings.EXPORT_FORMAT_UNKNOWN.format(fmt=self.fmt, formats="、".join(FORMATS))
            )
        if self.fmt not in formats_of(self.kind):
            raise InputError(
                strings.EXPORT_FORMAT_NOT_FOR_KIND.format(
                    fmt=self.fmt, kind=self.kind, formats="、".join(formats_of(self.kind))
                )
            )
        # An issued notice names its unit; a draft needs one.
        if self.kind == "notice" and not (self.unit or "").strip() and not self.notice:
            raise InputError(strings.EXPORT_NEEDS_UNIT)
        if self.plan is not None and self.kind != "progress":
            raise InputError(strings.EXPORT_PLAN_ONLY_PROGRESS)
        if self.notice is not None and self.kind != "notice":
            raise InputError(strings.EXPORT_NOTICE_ONLY_NOTICE)
        if self.detail and (self.kind != "scorecards" or self.fmt != "csv"):
            raise InputError(strings.EXPORT_DETAIL_ONLY_SCORECARDS_CSV)

    def file_name(self) -> str:
        """Chinese, with the as-of date: 重点任务进展情况表_空气_2023-11-15.xlsx; from the demo
        database 重点任务进展情况表_空气_演示_2023-11-15.xlsx, so a demo file is never taken
        for a real one."""
        from model.core.strings import PLAN_SHORT_NAMES

        parts = [strings.kind_name(self.kind)]
        if self.plan:
            parts.append(PLAN_SHORT_NAMES.get(self.plan, self.plan))
        if self.unit and self.unit.strip():
            parts.append(self.unit.strip())
        elif self.notice:
            parts.append(self.notice.strip())
        if self.demo:
            parts.append(strings.DEMO_FILE_MARK)
        parts.append(self.as_of.isoformat())
        name = "_".join(parts) + f".{self.fmt}"
        # A unit's long name still makes a name the disk takes, with room left for the
        # signature manifest's and the --detail file's longer names beside it.
        return safe_file_name(name, NAME_BYTES - COMPANION_BYTES)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: Path | None
    report: Report
    notes: tuple[str, ...]
    # The --detail csv and its manifest, when asked for.
    detail: Path | None = None
    detail_manifest: Path | None = None


def detail_path(output: Path) -> Path:
    """年终考核评分表_2023-12-31.csv → 年终考核评分表_2023-12-31_明细.csv"""
    return output.with_name(output.stem + strings.DETAIL_FILE_SUFFIX + output.suffix)


def companions(output: Path, *, signed: bool, detail: bool) -> list[tuple[Path, str]]:
    """The files written beside `output`, each with what it is: its name must fit too."""
    from exports.signing import manifest_path, staged_path

    found: list[tuple[Path, str]] = []
    if signed:
        found += [
            (manifest_path(output), strings.COMPANION_MANIFEST),
            (staged_path(output), strings.COMPANION_STAGED),
        ]
    if detail:
        extra = detail_path(output)
        found.append((extra, strings.COMPANION_DETAIL))
        if signed:
            found += [
                (manifest_path(extra), strings.COMPANION_DETAIL_MANIFEST),
                (staged_path(extra), strings.COMPANION_DETAIL_MANIFEST),
            ]
    return found


COMPANION_BYTES = 48  # ".sig.json", the --detail file's "_明细"-like suffix, and spare


def default_output(export_dir: Path | None, request: ExportRequest) -> Path:
    """The export folder (model.core.settings.export_folder) and the report's Chinese file
    name. The default folder is made on first use; a configured one must exist, so a
    typo is reported rather than silently created."""
    from model.core.settings import export_folder

    folder = export_folder(export_dir)
    if export_dir is None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(
                strings.OUTPUT_FAILED.format(path=folder, detail=error.strerror or error)
            ) from error
    return folder / request.file_name()


@dataclass(frozen=True)
class Built:
    report: Report
    notes: tuple[str, ...] = ()
    detail: Report | None = None  # scorecards --detail, from the same board


def build_report(
    session: Session,
    request: ExportRequest,
    *,
    rules: LightRules,
    rubric: Rubric,
    reporting: ReportingRules | None = None,
) -> Built:
    """The report of `request`. `reporting`: when returns are due and notices answered
    (tui.cli.common.reporting_rules); without it, the rubric's with the package's calendar."""
    from model.scoring.rubric import reporting_rules
    from model.units.lookup import unit_name_map

    reporting = reporting or reporting_rules(rubric)
    built = _built(session, request, rules=rules, rubric=rubric, reporting=reporting)
    # Unit names are never broken across lines in a table's cell (蒲城/镇).
    words = tuple(sorted(unit_name_map(session).values()))
    return replace(
        built,
        report=replace(built.report, words=words),
        detail=replace(built.detail, words=words) if built.detail is not None else None,
    )


def _built(
    session: Session,
    request: ExportRequest,
    *,
    rules: LightRules,
    rubric: Rubric,
    reporting: ReportingRules,
) -> Built:
    from exports import builders
    from model.reports.letterhead import letterhead

    head = letterhead(session, request.year)
    if request.kind == "rubric":
        from exports.rubric_builder import rubric_report
        from model.scoring.explain import explain_rubric

        explained = explain_rubric(rubric)
        return Built(rubric_report(explained, head, year=request.year, as_of=request.as_of))
    if request.kind == "scorecards":
        from model.scoring.review import reviewed_board
        from model.scoring.scorecards import compute_scorecards

        board = compute_scorecards(
            session, year=request.year, as_of=request.as_of, rubric=rubric, reporting=reporting
        )
        detail = builders.scorecards_detail_report(board, head) if request.detail else None
        # The year-end cycle (自评, 复核, 审定) beside the system's scores.
        review = reviewed_board(session, board, rubric)
        return Built(builders.scorecards_report(board, head, review), detail=detail)
    if request.kind == "progress":
        from model.reports.progress_table import progress_table

        table = progress_table(
            session, year=request.year, as_of=request.as_of, rules=rules, plan_key=request.plan
        )
        return Built(builders.progress_report(table, head))
    if request.kind == "notice":
        from model.reports.notice_sheet import notice_sheet

        sheet = notice_sheet(
            session,
            request.unit or "",
            as_of=request.as_of,
            rules=rules,
            number=request.notice,
            reporting=reporting,
        )
        return Built(builders.notice_report(sheet, head), sheet.notes)
    from model.reports.bulletin import monthly_bulletin

    bulletin = monthly_bulletin(session, year=request.year, as_of=request.as_of, rules=rules)
    return Built(builders.bulletin_report(bulletin, head))


def render(report: Report, fmt: str, *, parallel: bool = False) -> bytes:
    """The file's bytes. `parallel`: a long report's tables are laid out in as many
    processes as the machine has cores (exports.parallel) — the command line's choice;
    the dashboard renders in its worker thread, and a process forked from a program
    running threads may inherit a lock some other thread held."""
    from exports.parallel import processes_for
    from exports.report import cells

    processes = processes_for(sum(map(cells, report.tables))) if parallel else 1
    if fmt == "xlsx":
        from exports.xlsx_format import report_xlsx

        return report_xlsx(report, processes)
    if fmt == "docx":
        from exports.docx_format import report_docx

        return report_docx(report, processes)
    from exports.text_formats import report_csv, report_markdown

    return report_csv(report) if fmt == "csv" else report_markdown(report)


def _write(
    output: Path,
    data: bytes,
    request: ExportRequest,
    head: tuple[int, str],
    signer: tuple[OfficeKey, str] | None,
    *,
    force: bool,
) -> Path | None:
    """The file and its manifest, so that an interruption leaves both old, both new, or a
    staged manifest beside that verify recognises (exports.signing): the new manifest is
    staged first, then the file renamed into place, then the manifest. Unsigned, a stale
    manifest goes first: an old manifest beside new bytes would read as tampering."""
    from exports.signing import manifest_path, sign, staged_path

    manifest, staged = manifest_path(output), staged_path(output)
    if signer is None:
        for stale in (manifest, staged):
            try:
                stale.unlink()
            except OSError as error:
                # Not there, or a name too long to exist (a long output's manifest).
                if error.errno not in (errno.ENOENT, errno.ENAMETOOLONG):
                    detail = describe_os_error(error)
                    raise InputError(
                        strings.OUTPUT_FAILED.format(path=stale, detail=detail)
                    ) from error
        write_atomically(output, data, force=force)
        return None
    key, database_uuid = signer
    signature = sign(
        key,
        file=output.name,
        data=data,
        kind=request.kind,
        as_of=request.as_of,
        head=head,
        database_uuid=database_uuid,
    ).render()
    write_atomically(staged, signature, force=True)
    write_atomically(output, data, force=force)
    _publish(staged, manifest)
    return manifest


def _publish(staged: Path, manifest: Path) -> None:
    """The last step of a signed write: the staged manifest takes the manifest's name."""
    import os

    try:
        os.replace(staged, manifest)
    except OSError as error:
        raise InputError(
            strings.OUTPUT_FAILED.format(path=manifest, detail=error.strerror or error)
        ) from error


def run_export(
    database: Database,
    request: ExportRequest,
    output: Path,
    *,
    rules: LightRules,
    rubric: Rubric,
    reporting: ReportingRules | None = None,
    force: bool = False,
    unsigned: bool = False,
    progress: Progress | None = None,
    parallel: bool = False,
) -> ExportResult:
    """Check, read, render (`parallel`: see `render`) and write one export."""
    from exports.signing import manifest_path, signing_key
    from model.store.audit_verify import chain_head
    from model.store.chain_signing import identity
    from model.store.rewind import audit_head

    def step(done: int, what: str) -> None:
        if progress is not None:
            progress(done, what)

    request.validate()
    outputs = [output, detail_path(output)] if request.detail else [output]
    # The name typed, with room for the files beside it: said in terms of that name.
    check_name_length(output, companions(output, signed=not unsigned, detail=request.detail))
    for path in outputs:  # every path is checked before anything is written: both or neither
        check_output_path(path, force=force)
        if not unsigned:
            check_output_path(manifest_path(path), force=force)
    signer = None
    if not unsigned:
        with database.reader() as reader:
            found = identity(reader)
        database_uuid, recorded = found if found is not None else ("", None)
        signer = (signing_key(recorded), database_uuid)
    step(0, STEPS[0])
    with database.read() as session:
        built = build_report(session, request, rules=rules, rubric=rubric, reporting=reporting)
        # A copy as recorded on a day (model.store.rewind) stands on the chain as it was then.
        head = audit_head(database, lambda: chain_head(session))
    step(1, STEPS[1])
    data = render(built.report, request.fmt, parallel=parallel)
    detail = None if built.detail is None else render(built.detail, request.fmt)
    step(2, STEPS[2])
    manifest = _write(output, data, request, head, signer, force=force)
    detail_manifest = None
    if detail is not None:
        detail_manifest = _write(outputs[1], detail, request, head, signer, force=force)
    step(3, strings.STEP_DONE)
    return ExportResult(
        output,
        manifest,
        built.report,
        built.notes,
        detail=outputs[1] if detail is not None else None,
        detail_manifest=detail_manifest,
    )
