"""`duban report UNIT TASK --status S --percent N [--note T] [--problems T] [--next-steps T]
[--evidence FILE…] [--date D]`: one progress report, through the service and the checks of
the dashboard's report form (`model.work.progress.record_report`), for scripts and quick
fixes. The date defaults to the as-of date and cannot be after it; any bad input exits 2
with nothing written."""

from __future__ import annotations

import argparse
import datetime as dt

from tui import strings
from tui.cli.common import as_of, notes, open_database


def run(args: argparse.Namespace) -> int:
    from model.core import strings as model_strings
    from model.core.checks import not_after
    from model.core.errors import InputError
    from model.plans.task_refs import TaskRef, parse_task_ref, resolve_task
    from model.units.resolver import find_unit
    from model.work.progress import (
        ReportInput,
        parse_report_status,
        record_report,
        validate_report_fields,
    )

    # Everything that needs no database is checked before it is opened.
    status = parse_report_status(args.status)
    validate_report_fields(status, args.percent, args.note, args.problems, args.next_steps)
    ref = parse_task_ref(" ".join(args.task))
    today = as_of(args)
    day: dt.date = args.date or today
    not_after(day, today, model_strings.FIELD_NAMES["reported_on"])
    database, settings = open_database(args)
    with database, database.write() as session:
        unit, said = find_unit(session, args.unit)
        name = unit.name
        # The task of the report's year when its plan has one (a later year's plan may
        # reuse the number), else the latest, as every command names a task.
        dated = TaskRef(ref.plan_key, ref.number, day.year)
        try:
            resolve_task(session, dated)
            ref = dated
        except InputError:
            pass
        data = ReportInput(
            ref,
            name,
            day,
            status,
            args.percent,
            args.note,
            tuple(args.evidence),
            problems=args.problems,
            next_steps=args.next_steps,
            evidence_folder=settings.safekeeping.evidence_dir,
        )
        report = record_report(session, data, as_of=today)
        files = len(report.evidence)
    notes(said)
    line = strings.REPORT_RECORDED.format(
        unit=name,
        task=ref.label(),
        on=day,
        status=model_strings.REPORT_STATUS_NAMES[status],
        percent=args.percent,
    )
    print(line + (strings.REPORT_RECORDED_FILES.format(count=files) if files else ""))
    return 0
