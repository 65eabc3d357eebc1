"""`duban export`: the plans as JSON/TOML (the data contract) or a signed report."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from exports.kinds import formats_of
from model.core.errors import InputError
from tui import strings
from tui.cli.common import (
    STDOUT,
    as_of,
    check_output,
    note,
    notes,
    open_database,
    reporting_rules,
    write_output,
)

if TYPE_CHECKING:
    from model.store.db import Database

PLAN_FORMATS = ("json", "toml")


def _refuse_format(fmt: str, kind: str, formats: tuple[str, ...]) -> InputError:
    return InputError(
        strings.FORMAT_NOT_FOR_KIND.format(fmt=fmt, kind=kind, formats="、".join(formats))
    )


def run(args: argparse.Namespace) -> int:
    if args.kind != "plans":
        return _export_report(args)
    if getattr(args, "as_recorded", None) is not None:
        raise InputError(strings.AS_RECORDED_NOT_PLANS)
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

        document = dump_plan_document(session, args.document, on=as_of(args))
        text = render_plans(document, plan_format)
    write_output(text.encode("utf-8"), args.output, force=args.force)
    return 0


def _export_report(args: argparse.Namespace) -> int:
    import dataclasses

    from exports import strings as export_strings
    from exports.service import ExportRequest, default_output, run_export
    from model.reports.notice_sheet import NothingLate
    from model.scoring.rubric import effective_rubric
    from model.scoring.scorecards import report_period
    from model.status.plan_view import plan_years
    from model.status.workspace import is_demo

    formats = formats_of(args.kind)  # the 考核细则 (rubric) is a document: docx or md
    fmt = args.format or formats[0]
    if fmt not in formats:
        raise _refuse_format(fmt, args.kind, formats)
    if args.output == STDOUT:
        # A report is a file with its signature manifest beside it, not a stream.
        raise InputError(strings.REPORT_NOT_TO_STDOUT)
    recorded_on = _recorded_day(args)
    # As recorded on D: as of D too, unless --as-of says otherwise.
    day = as_of(args, recorded_on)
    request = ExportRequest(
        kind=args.kind,
        fmt=fmt,
        as_of=day,
        year=args.year or day.year,
        plan=args.plan,
        unit=args.unit,
        notice=args.notice,
        detail=args.detail,
    )
    request.validate()  # before the database is opened, or created and seeded
    rubric, _ = effective_rubric()
    database, settings = open_database(args)
    with database, _as_recorded(database, recorded_on) as source:
        with source.read() as session:
            year, period_end = report_period(request.as_of, plan_years(session), args.year)
            demo = is_demo(session)
        request = dataclasses.replace(request, year=year, as_of=period_end, demo=demo)
        output = args.output or default_output(settings.export_dir, request)
        try:
            result = run_export(
                source,
                request,
                output,
                rules=settings.rules,
                rubric=rubric,
                reporting=reporting_rules(settings, rubric),
                force=args.force,
                unsigned=args.unsigned,
                parallel=True,  # nothing else runs in this process meanwhile
            )
        except NothingLate as error:  # the command line's way to an issued notice
            raise InputError(f"{error}{strings.NOTICE_NOTHING_LATE_CLI_HINT}") from error
    written = [(result.path, result.manifest)]
    if result.detail is not None:
        written.append((result.detail, result.detail_manifest))
    notes(result.notes)
    for path, manifest in written:
        note(export_strings.WROTE.format(path=path))
        if manifest is not None:
            note(export_strings.SIGNED.format(path=manifest))
        else:
            note(export_strings.UNSIGNED)
    return 0


def _recorded_day(args: argparse.Namespace) -> dt.date | None:
    """--as-recorded D, refused (before any database is opened) for a day still to come:
    what the office will have recorded by then is not known yet."""
    day: dt.date | None = getattr(args, "as_recorded", None)
    if day is not None and day > dt.date.today():
        raise InputError(strings.AS_RECORDED_FUTURE.format(day=day, today=dt.date.today()))
    return day


@contextlib.contextmanager
def _as_recorded(database: Database, day: dt.date | None) -> Iterator[Database]:
    """The database itself, or with --as-recorded its copy as recorded by the end of `day`
    (model.store.rewind), said on stderr. The file and its manifest are those the office
    would have written on that day: the reproduction is said here, not in them."""
    if day is None:
        yield database
        return
    from model.store.rewind import recorded_copy

    with recorded_copy(database, day) as copy:
        facts = copy.recorded
        note(strings.AS_RECORDED_NOTE.format(day=day, undone=facts.undone, head=facts.head[0]))
        if facts.entries == 0:
            note(strings.AS_RECORDED_NOTHING.format(day=day))
        yield copy
