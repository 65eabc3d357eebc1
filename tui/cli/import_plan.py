"""`duban import-plan FILE`: next year's plans from the document, shown or loaded."""

from __future__ import annotations

import argparse

from model.core.errors import InputError
from tui.cli.common import (
    check_output,
    database_path,
    note,
    notes,
    open_database,
    write_output,
)


def _known_units(args: argparse.Namespace) -> dict[str, str]:
    """Names and aliases of the database's units; the embedded seed's when there is no
    database yet, so a dry run creates nothing."""
    from model.units.resolver import known_unit_names
    from seed.loader import load_default_seed

    path, _ = database_path(args)
    if not path.exists():
        known = {}
        for unit in load_default_seed().document.units:
            known.update({name: unit.name for name in (unit.name, *unit.aliases)})
        return known
    database, _ = open_database(args)
    with database, database.read() as session:
        return known_unit_names(session)


def run(args: argparse.Namespace) -> int:
    from exports.plans import render_plans
    from model.plans.load import import_plan_document
    from seed import strings as seed_strings
    from seed.plan_import_file import (
        apply_mapping,
        parse_file,
        parse_mapping,
        summary,
        unknown_message,
    )

    mapping = parse_mapping(args.map)
    known = _known_units(args)
    parsed, digest, _ = parse_file(
        args.file, known, year=args.year, key=args.key, number=args.number, issued_on=args.issued_on
    )
    document, unknown = apply_mapping(parsed, known, mapping, args.new_unit)
    notes(parsed.notes)
    note(summary(document))
    if args.dry_run:
        if unknown:
            note(unknown_message(unknown))
        check_output(args.output, force=args.force)
        write_output(
            render_plans(document, args.format).encode("utf-8"), args.output, force=args.force
        )
        return 0
    if unknown:
        raise InputError(unknown_message(unknown))
    database, _ = open_database(args)
    with database, database.write() as session:
        result = import_plan_document(
            session, document, source_name=args.file.name, source_sha256=digest
        )
    notes(result.notes)
    print(
        seed_strings.IMPORTED.format(
            file=args.file.name,
            plans=len(result.plans),
            tasks=result.tasks,
            milestones=result.milestones,
            units=len(result.units),
        )
    )
    return 0
