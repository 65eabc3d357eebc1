"""`duban` without a subcommand: the dashboard on the chosen database."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from tui.cli.common import as_of, open_database

if TYPE_CHECKING:
    from model.core.settings import Settings
    from model.store.db import Database


def run_dashboard(database: Database, settings: Settings, as_of: dt.date) -> None:
    """Run the app until it quits; the database is closed afterwards."""
    from model.scoring.rubric import effective_rubric
    from tui.app import DubanApp

    rubric, _ = effective_rubric()
    with database:
        DubanApp(
            database,
            as_of=as_of,
            rules=settings.rules,
            actor=settings.actor,
            rubric=rubric,
            export_dir=settings.export_dir,
        ).run()


def run(args: argparse.Namespace) -> int:
    database, settings = open_database(args)
    run_dashboard(database, settings, as_of(args))
    return 0
