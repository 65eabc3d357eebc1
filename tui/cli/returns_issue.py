"""`duban returns issue --period 2023-10 [--unit U] [-o DIR] [--force]`: one return
(报送表) workbook per unit that owes one for the period (exports.returns_issue)."""

from __future__ import annotations

import argparse

from model.core.errors import InputError
from tui import strings
from tui.cli.common import as_of, notes, reading, reporting_rules

# Options of the other actions, refused here rather than silently ignored.
_NOT_FOR_ISSUE = (
    ("files", strings.RETURNS_ISSUE_FILES_OPTION),
    ("dry_run", "--dry-run"),
    ("replace", "--replace"),
    ("reason", "--reason"),
    ("received_on", "--received-on"),
)


def run(args: argparse.Namespace) -> int:
    from exports.report import chinese_date
    from exports.returns_issue import default_folder, issue_returns
    from model.core.periods import Period

    if not args.period:
        raise InputError(strings.RETURNS_ISSUE_NEEDS_PERIOD)
    period = Period.parse(args.period)
    for name, option in _NOT_FOR_ISSUE:
        if getattr(args, name, None):
            raise InputError(strings.RETURNS_ISSUE_OPTION.format(option=option))
    if getattr(args, "format", "table") != "table":
        raise InputError(strings.RETURNS_ISSUE_OPTION.format(option="--format"))
    with reading(args) as (source, settings):
        folder = args.output or default_folder(settings.export_dir, period)
        result = issue_returns(
            source,
            period,
            reporting_rules(settings),
            folder=folder,
            issued_on=as_of(args),
            unit=args.unit,
            force=args.force,
            # The default export folder is made on first use; a configured one must exist.
            make_parents=args.output is None and settings.export_dir is None,
        )
    notes(result.notes)
    for issued in result.files:
        print(
            strings.RETURNS_ISSUED_FILE.format(
                unit=issued.unit, tasks=issued.tasks, path=issued.path
            )
        )
    print(
        strings.RETURNS_ISSUED_SUMMARY.format(
            period=period.label,
            units=len(result.files),
            tasks=result.tasks,
            due=chinese_date(result.due_on),
            folder=result.folder,
        )
    )
    return 0
