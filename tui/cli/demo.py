"""`duban demo`: the dashboard on a separate database with a synthetic year."""

from __future__ import annotations

import argparse

from tui.cli import dashboard
from tui.cli.common import as_of, open_database


def run(args: argparse.Namespace) -> int:
    from model.demo.generator import DEMO_AS_OF, ensure_demo
    from model.store.db import default_database_path

    database, settings = open_database(
        args, default_path=default_database_path().with_name("duban-demo.sqlite3")
    )
    try:
        with database.write() as session:
            ensure_demo(session, database.path)
    except BaseException:
        database.close()
        raise
    # Looked up on the module at call time, so tests can replace the app.
    dashboard.run_dashboard(database, settings, as_of(args, DEMO_AS_OF))
    return 0
