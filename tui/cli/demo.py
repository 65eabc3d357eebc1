"""`duban demo`: the dashboard on a separate database with a synthetic year.

A demo database holds the records dated up to one day and opens as of that day (see
model.demo.generator): 2023-11-15 unless `--as-of` says otherwise when it is created.
"""

from __future__ import annotations

import argparse

from tui import strings
from tui.cli import dashboard
from tui.cli.common import open_database


def run(args: argparse.Namespace) -> int:
    from model.demo.generator import DEMO_AS_OF, ensure_demo
    from model.store.db import default_database_path

    if not args.no_open:
        dashboard.require_terminal()
    requested = getattr(args, "as_of", None)
    held: list[str] = []
    database, settings = open_database(
        args,
        default_path=default_database_path().with_name("duban-demo.sqlite3"),
        held=None if args.no_open else held,
    )
    try:
        with database.write() as session:
            demo = ensure_demo(session, database.path, until=requested or DEMO_AS_OF)
    except BaseException:
        database.close()
        raise
    where = (strings.DEMO_READY if demo.generated else strings.DEMO_EXISTING).format(
        path=database.path, until=demo.until.isoformat()
    )
    if args.no_open:
        database.close()
        print(where)
        return 0
    if demo.generated:
        held.append(where)
    # Looked up on the module at call time, so tests can replace the app.
    dashboard.run_dashboard(
        database, settings, requested or demo.until, startup_notice="\n".join(held) or None
    )
    return 0
