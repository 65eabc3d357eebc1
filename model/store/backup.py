"""Verified copies of a SQLite database through the sqlite3 backup API."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"


def _table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    names = [row[0] for row in connection.execute(_TABLES)]
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
    }


def lost_rows(before: Path, after: Path) -> dict[str, tuple[int, int]]:
    """Tables of `before` with fewer rows in `after` (name → counts before and after): a
    migration adds tables, columns and rows, and never loses one."""
    with (
        # immutable: a backup nobody writes; no -wal or -shm is made beside it
        contextlib.closing(
            sqlite3.connect(sqlite_uri(before, "ro") + "&immutable=1", uri=True)
        ) as old,
        contextlib.closing(sqlite3.connect(sqlite_uri(after, "ro"), uri=True)) as new,
    ):
        was, now = _table_counts(old), _table_counts(new)
    # SQLite's own tables are not records: sqlite_stat1 loses a table's statistics when a
    # migration rebuilds the table (ANALYZE gathers them again), sqlite_sequence follows.
    return {
        name: (count, now.get(name, 0))
        for name, count in was.items()
        if now.get(name, 0) < count and name != "alembic_version" and not name.startswith("sqlite_")
    }


def sqlite_uri(path: Path, mode: str = "rw") -> str:
    """The one way duban names a database file to SQLite: a `file:` URI for
    sqlite3.connect(uri=True), built here so that the path is a path. `as_uri` percent-
    encodes every character a URI treats specially (? → %3F, # → %23, % → %25, space,
    Chinese as UTF-8) and writes a Windows drive as file:///C:/…; the only parameter is
    ours. Every open goes through it: the engine, the reader, the change watch, backups."""
    return f"{path.resolve().as_uri()}?mode={mode}"


def backup_path_for(source: Path, label: str, now: dt.datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%S")
    return source.with_name(f"{source.stem}.backup-{label}-{stamp}{source.suffix or '.sqlite3'}")


def backup_database(source: Path, destination: Path) -> Path:
    """Copy `source` to `destination` and prove the copy: integrity check and equal row counts.

    Raises OSError or sqlite3.Error; a failed copy is removed.
    """
    # Made here, owner-only on POSIX like the database (0600), and never over another file.
    os.close(os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        with (
            contextlib.closing(sqlite3.connect(sqlite_uri(source), uri=True)) as src,
            contextlib.closing(sqlite3.connect(sqlite_uri(destination), uri=True)) as dst,
        ):
            src.backup(dst)
            dst.commit()
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"integrity_check: {check}")
            if _table_counts(src) != _table_counts(dst):
                raise sqlite3.DatabaseError("row counts differ between source and copy")
    except BaseException:
        destination.unlink(missing_ok=True)
        raise
    return destination
