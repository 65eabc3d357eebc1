"""What the commands share: the database they open, notes on stderr, the as-of date, output."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tui import strings

if TYPE_CHECKING:
    from model.core.periods import ReportingRules
    from model.core.settings import Settings
    from model.scoring.rubric import Rubric
    from model.store.db import Database
    from model.store.reader import Source


def note(text: str) -> None:
    print(f"{strings.NOTE_PREFIX}{text}", file=sys.stderr)


def notes(texts: Iterable[str]) -> None:
    for text in texts:
        note(text)


def as_of(args: argparse.Namespace, default: dt.date | None = None) -> dt.date:
    # The one place the wall clock enters: the as-of date defaults to today.
    chosen: dt.date | None = getattr(args, "as_of", None)
    return chosen or default or dt.date.today()


def database_path(args: argparse.Namespace) -> tuple[Path, bool]:
    """The file `--db`, `DUBAN_DB` or the default names, and whether it is the default."""
    from model.store.dbfile import resolve_database_path

    return resolve_database_path(getattr(args, "db", None))


def open_database(
    args: argparse.Namespace,
    default_path: Path | None = None,
    *,
    held: list[str] | None = None,
    existing: bool = False,
) -> tuple[Database, Settings]:
    """The database the command works on, created and seeded on first use.

    A command that checks a record (`existing`: `duban audit`) never creates a database at
    a path the user named: a typo in `--db` would otherwise make, seed and sign a new file
    and report it intact. Other commands create and seed one on first use, as documented.

    What it has to say (a backup made, a database created) goes to stderr, or into `held`
    for a caller that shows it itself: the dashboard, whose screen would hide stderr.
    """
    from model.core.settings import load_settings
    from model.store.audit_context import AuditContext
    from seed import strings as seed_strings
    from seed.bootstrap import open_seeded

    settings = load_settings()
    path, is_default = database_path(args)
    if is_default and default_path is not None:
        path = default_path
    if existing and not is_default and not path.exists():
        from model.core.errors import DatabaseError

        raise DatabaseError(strings.DB_NOT_FOUND_FOR_READING.format(path=path))
    context = AuditContext(actor=settings.actor)
    database, seeded = open_seeded(path, context, create_directory=is_default)
    keep_safe(database, settings)
    said: list[str] = []
    if database.backup is not None:
        said.append(strings.DB_BACKED_UP.format(path=database.backup))
    if seeded is not None:
        said.append(
            seed_strings.SEEDED.format(path=path, plans=len(seeded.plans), tasks=seeded.tasks)
        )
        said.extend(seeded.notes)
    if held is None:
        notes(said)
    else:
        held.extend(said)
    return database, settings


@contextlib.contextmanager
def reading(args: argparse.Namespace) -> Iterator[tuple[Source, Settings]]:
    """One read of the database, and the settings, for a command that only reads.

    A current database is opened read-only without SQLAlchemy (start-up time matters for
    `duban status`); any other file — missing, of an older schema, or one the checks
    refuse — takes the full open, which creates, migrates or says why in its words.
    """
    from model.core.settings import load_settings
    from model.store.reader import open_read_only

    settings = load_settings()  # first, as open_database reads it: a bad file is said first
    path, _ = database_path(args)
    read_only = open_read_only(path)
    if read_only is None:
        database, settings = open_database(args)
        with database, database.read() as session:
            yield session, settings
        return
    with read_only, read_only.read() as reader:
        yield reader, settings


# `-o -`: standard output, as Unix tools read it (not a file named "-").
STDOUT = Path("-")


def write_output(data: bytes, output: Path | None, *, force: bool) -> None:
    """To stdout, or whole to a file (temporary name, then rename)."""
    from exports import strings as export_strings
    from exports.files import write_atomically

    if output is None or output == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomically(output, data, force=force)
        note(export_strings.WROTE.format(path=output))


def check_output(output: Path | None, *, force: bool) -> None:
    """Refuse an output file before any work is done (missing folder, existing file)."""
    if output is not None and output != STDOUT:
        from exports.files import check_output_path

        check_output_path(output, force=force)


# --- backup, busy waiting (#13) ---
def keep_safe(database: Database, settings: Settings) -> None:
    """The settings' daily backup and busy wait for this database's writes; the migration
    backups beyond the number kept go. The dashboard replaces how waiting and notes are said."""
    from model.store.safekeeping import prune_migration_backups
    from model.store.write_policy import WritePolicy

    kept = settings.safekeeping
    told: list[bool] = []

    def waiting(seconds: float | None) -> None:
        if seconds is not None and not told:  # said once: stderr is not a status line
            told.append(True)
            note(strings.BUSY_WAITING_CLI.format(limit=f"{kept.busy_seconds:g}"))

    database.policy = WritePolicy(
        busy_seconds=kept.busy_seconds, keep=kept.backup_keep, on_wait=waiting, on_note=note
    )
    prune_migration_backups(database.path, kept.backup_keep)


def reporting_rules(settings: Settings, rubric: Rubric | None = None) -> ReportingRules:
    """The rules returns are due by and notices answered by: the user's rubric (or the one
    given, already loaded) and the working-day calendar with the office's override file
    (`[calendar] file` of the settings). The one place the command line and the dashboard
    build them."""
    from model.core.workdays import load_calendar
    from model.scoring.rubric import effective_rubric
    from model.scoring.rubric import reporting_rules as rules_of

    chosen = rubric if rubric is not None else effective_rubric()[0]
    return rules_of(chosen, load_calendar(settings.calendar_file))
