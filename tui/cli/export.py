"""`duban export`: the plans as JSON/TOML (the data contract) or a signed report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from exports.kinds import FORMATS as REPORT_FORMATS
from model.core.errors import InputError
from tui import strings
from tui.cli.common import as_of, check_output, note, notes, open_database, write_output

if TYPE_CHECKING:
    from exports.service import ExportRequest
    from model.scoring.rubric import Rubric
    from model.store.db import Database

PLAN_FORMATS = ("json", "toml")


def _refuse_format(fmt: str, kind: str, formats: tuple[str, ...]) -> InputError:
    return InputError(
        strings.FORMAT_NOT_FOR_KIND.format(fmt=fmt, kind=kind, formats="、".join(formats))
    )


def run(args: argparse.Namespace) -> int:
    if args.kind != "plans":
        return _export_report(args)
    fmt = args.format or PLAN_FORMATS[0]
    if fmt == "json":
        plan_format: Literal["json", "toml"] = "json"
    elif fmt == "toml":
        plan_format = "toml"
    else:
        raise _refuse_format(fmt, args.kind, PLAN_FORMATS)
    check_output(args.output, force=args.force)
    database, _ = open_database(args)
    with database, database.read() as session:
        from exports.plans import render_plans
        from model.plans.dump import dump_plan_document

        text = render_plans(dump_plan_document(session, args.document), plan_format)
    write_output(text.encode("utf-8"), args.output, force=args.force)
    return 0


def _export_report(args: argparse.Namespace) -> int:
    import dataclasses

    from exports import strings as export_strings
    from exports.service import ExportRequest, default_output, run_export
    from model.scoring.rubric import effective_rubric
    from model.scoring.scorecards import report_period
    from model.status.plan_view import plan_years
    from model.status.workspace import is_demo

    fmt = args.format or "xlsx"
    if fmt not in REPORT_FORMATS:
        raise _refuse_format(fmt, args.kind, REPORT_FORMATS)
    day = as_of(args)
    request = ExportRequest(
        kind=args.kind,
        fmt=fmt,
        as_of=day,
        year=args.year or day.year,
        plan=args.plan,
        unit=args.unit,
        notice=args.notice,
    )
    request.validate()  # before the database is opened, or created and seeded
    if args.detail and (args.kind != "scorecards" or fmt != "csv"):
        raise InputError(strings.DETAIL_ONLY_SCORECARDS_CSV)
    rubric, _ = effective_rubric()
    database, settings = open_database(args)
    with database:
        with database.read() as session:
            year, period_end = report_period(request.as_of, plan_years(session), args.year)
            demo = is_demo(session)
        request = dataclasses.replace(request, year=year, as_of=period_end, demo=demo)
        output = args.output or default_output(settings.export_dir, request)
        detail = _detail_path(output, args) if args.detail else None
        result = run_export(
            database,
            request,
            output,
            rules=settings.rules,
            rubric=rubric,
            force=args.force,
            unsigned=args.unsigned,
        )
        written = [(result.path, result.manifest)]
        if detail is not None:
            written.append(_scorecard_detail(database, request, detail, rubric, args))
    notes(result.notes)
    for path, manifest in written:
        note(export_strings.WROTE.format(path=path))
        if manifest is not None:
            note(export_strings.SIGNED.format(path=manifest))
        else:
            note(export_strings.UNSIGNED)
    return 0


# 年终考核评分表 --detail: every line of every card, one long csv beside the summary --------


def _detail_path(output: Path, args: argparse.Namespace) -> Path:
    """年终考核评分表_2023-12-31.csv → 年终考核评分表_2023-12-31_明细.csv, checked (with its
    manifest) before the summary is written, so the command writes both or neither."""
    from exports.files import check_output_path
    from exports.signing import manifest_path

    path = output.with_name(output.stem + strings.DETAIL_FILE_SUFFIX + output.suffix)
    check_output_path(path, force=args.force)
    if not args.unsigned:
        check_output_path(manifest_path(path), force=args.force)
    return path


def _scorecard_detail(
    database: Database,
    request: ExportRequest,
    output: Path,
    rubric: Rubric,
    args: argparse.Namespace,
) -> tuple[Path, Path | None]:
    """The detail csv, read, rendered, signed and written as run_export does the summary."""
    import contextlib

    from exports.builders import scorecards_detail_report
    from exports.files import write_atomically
    from exports.service import render
    from exports.signing import manifest_path, office_key, sign
    from model.reports.letterhead import letterhead
    from model.scoring.scorecards import compute_scorecards
    from model.store.audit_verify import chain_head

    key = None if args.unsigned else office_key(create=True)
    with database.read() as session:
        board = compute_scorecards(session, year=request.year, as_of=request.as_of, rubric=rubric)
        report = scorecards_detail_report(board, letterhead(session, request.year))
        head = chain_head(session)
    data = render(report, "csv")
    manifest = manifest_path(output)
    write_atomically(output, data, force=args.force)
    if key is None:
        # A manifest left from an earlier signed export would describe other bytes.
        with contextlib.suppress(FileNotFoundError):
            manifest.unlink()
        return output, None
    signature = sign(
        key, file=output.name, data=data, kind=request.kind, as_of=request.as_of, head=head
    )
    write_atomically(manifest, signature.render(), force=True)
    return output, manifest
