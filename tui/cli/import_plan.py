"""`duban import-plan FILE`: next year's plans from the document, shown or loaded.

The import itself is seed.import_service, shared with the dashboard's import screen.
"""

from __future__ import annotations

import argparse

from tui.cli.common import (
    check_output,
    database_path,
    note,
    notes,
    open_database,
    write_output,
)


def run(args: argparse.Namespace) -> int:
    from exports.plans import render_plans
    from seed.import_service import (
        ImportOptions,
        UnitChoices,
        imported_message,
        known_units,
        load_import,
        preview_import,
    )

    choices = UnitChoices.from_arguments(args.map, args.new_unit)
    options = ImportOptions(
        year=args.year, key=args.key, number=args.number, issued_on=args.issued_on
    )
    # No database yet: the names are checked against the embedded seed and nothing is
    # created unless the load goes ahead.
    path, _ = database_path(args)
    database = open_database(args)[0] if path.exists() else None
    try:
        preview = preview_import(args.file, known_units(database), options=options, choices=choices)
        notes(preview.notes)
        note(preview.summary())
        if args.dry_run:
            message = preview.unknown_message()
            if message is not None:
                note(message)
            check_output(args.output, force=args.force)
            text = render_plans(preview.document, args.format)
            write_output(text.encode("utf-8"), args.output, force=args.force)
            return 0
        if database is None:
            preview.refuse_unknown()
            database = open_database(args)[0]
        result = load_import(database, preview)
    finally:
        if database is not None:
            database.close()
    notes(result.notes)
    print(imported_message(args.file.name, result))
    return 0
