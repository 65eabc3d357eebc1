"""`duban seed --from FILE`: load a plan file (the data contract) into the database."""

from __future__ import annotations

import argparse

from tui.cli.common import notes, open_database


def run(args: argparse.Namespace) -> int:
    from seed.bootstrap import import_file
    from seed.import_service import imported_message
    from seed.loader import load_plan_file

    loaded = load_plan_file(args.source)  # validated before the database is touched
    database, _ = open_database(args)
    with database:
        result = import_file(database, loaded)
    notes(result.notes)
    print(imported_message(loaded.name, result))
    return 0
