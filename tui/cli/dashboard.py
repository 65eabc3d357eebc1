"""`duban` without a subcommand: the dashboard on the chosen database."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from model.core.errors import InputError
from tui import strings
from tui.cli.common import as_of, open_database, reporting_rules

if TYPE_CHECKING:
    from model.core.settings import Settings
    from model.store.db import Database


def on_terminal() -> bool:
    """Whether the user can see the dashboard and type into it: it reads the keys from
    stdin and draws on stderr, and stdout should not be a pipe a script waits on."""
    streams = (sys.stdin, sys.stdout, sys.stderr)
    return all(stream is not None and stream.isatty() for stream in streams)


def require_terminal() -> None:
    """Refuse to start the dashboard from a script (it would wait for keys forever),
    before any database is opened or created."""
    if not on_terminal():
        raise InputError(strings.NEEDS_TERMINAL)


def run_dashboard(
    database: Database,
    settings: Settings,
    as_of: dt.date,
    *,
    startup_notice: str | None = None,
) -> None:
    """Run the app until it quits; the database is closed afterwards. `startup_notice`
    (a database just created, a backup made) is shown inside the app, not behind it."""
    from model.scoring.rubric import effective_rubric
    from tui.app import DubanApp

    rubric, _ = effective_rubric()
    with database:
        app = DubanApp(
            database,
            as_of=as_of,
            rules=settings.rules,
            actor=settings.actor,
            rubric=rubric,
            reporting=reporting_rules(settings, rubric),
            export_dir=settings.export_dir,
            startup_notice=startup_notice,
        )
        app.evidence_dir = settings.safekeeping.evidence_dir  # report forms name files by it
        app.reporting = reporting_rules(settings)  # as `duban returns` reads them
        app.office = settings.office  # who signs the reminders (催报)
        app.run()


def run(args: argparse.Namespace) -> int:
    require_terminal()
    held: list[str] = []
    database, settings = open_database(args, held=held)
    # Looked up on the module at call time, so tests can replace the app.
    run_dashboard(database, settings, as_of(args), startup_notice="\n".join(held) or None)
    return 0
