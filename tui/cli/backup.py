"""`duban backup [-o FILE]` and `duban restore FILE`: an online, verified copy of the
database, and putting one back (model.store.safekeeping does both)."""

from __future__ import annotations

import argparse
import datetime as dt

from tui import strings
from tui.cli.common import database_path, note


def run_backup(args: argparse.Namespace) -> int:
    from model.store.safekeeping import make_backup
    from model.store.schema_version import schema_label

    path, _ = database_path(args)
    made = make_backup(path, args.output, dt.datetime.now(dt.UTC))
    print(
        strings.BACKUP_DONE.format(
            path=made.path,
            database=path,
            revision=schema_label(made.checked.revision),
            events=made.checked.events,
            signatures=made.signatures,
        )
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from model.store.safekeeping import restore
    from model.store.schema_version import schema_label

    path, _ = database_path(args)
    done = restore(path, args.file, dt.datetime.now(dt.UTC), force=args.force)
    print(
        strings.RESTORE_DONE.format(
            source=done.source,
            database=done.database,
            revision=schema_label(done.checked.revision),
            events=done.checked.events,
            signatures=done.signatures,
        )
    )
    if done.kept is not None:
        print(strings.RESTORE_KEPT.format(path=done.kept))
    if done.needs_migration:
        note(strings.RESTORE_OLDER_SCHEMA)
    return 0
