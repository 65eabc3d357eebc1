"""`duban seed --from FILE`: load a plan file (the data contract) into the database."""

from __future__ import annotations

import argparse

from tui.cli.common import notes, open_database


def run(args: argparse.Namespace) -> int:
    from seed import strings as seed_strings
    from seed.bootstrap import import_file
    from seed.loader import load_plan_file

    loaded = load_plan_file(args.source)  # validated before the database is touched
    database, _ = open_database(args)
    with database:
        result = import_file(database, loaded)
    notes(result.notes)
    print(
        seed_strings.IMPORTED.format(
            file=loaded.name,
            plans=len(result.plans),
            tasks=result.tasks,
            milestones=result.milestones,
            units=len(result.units),
        )
    )
    return 0
