"""The database file with the standard library only: where it is, and what it holds.

`model.store.db` opens it through SQLAlchemy (creating, backing up and migrating as
needed); `model.store.reader.open_reader` opens a current one read-only without it. Both
look at the file with `inspect_file` first, so they agree on what a usable file is.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from model.core import strings
from model.core.errors import DatabaseError
from model.store.backup import sqlite_uri
from model.store.schema_version import HEAD, KNOWN_REVISIONS

DB_ENV = "DUBAN_DB"
DEFAULT_BUSY_SECONDS = 5.0
_SQLITE_MAGIC = b"SQLite format 3\x00"


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("duban", appauthor=False) / "duban.sqlite3"


def resolve_database_path(option: str | None) -> tuple[Path, bool]:
    """The database file from --db, else DUBAN_DB, else the platform default.

    Returns the path and whether it is the default (whose folder we may create).
    """
    chosen = option or os.environ.get(DB_ENV)
    if not chosen:
        return default_database_path(), True
    if "://" in chosen:
        prefix = "sqlite:///"
        if not chosen.startswith(prefix):
            raise DatabaseError(strings.DB_UNSUPPORTED_URL.format(url=chosen))
        chosen = chosen[len(prefix) :]
    return Path(chosen).expanduser(), False


def _directory_is_writable(directory: Path) -> bool:
    # Root passes os.access everywhere; a folder with no write bits is read-only by intent.
    mode = directory.stat().st_mode
    return os.access(directory, os.W_OK) and bool(
        mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    )


@dataclass(frozen=True)
class FileState:
    exists: bool
    revision: str | None


def inspect_file(path: Path) -> FileState:
    """Look at the file without changing a byte: is it there, is it SQLite, which schema."""
    directory = path.parent
    if not directory.is_dir():
        raise DatabaseError(strings.DB_DIR_MISSING.format(dir=directory))
    if not _directory_is_writable(directory):
        raise DatabaseError(strings.DB_DIR_READONLY.format(dir=directory))
    if not path.exists():
        return FileState(exists=False, revision=None)
    if not path.is_file():
        raise DatabaseError(strings.DB_NOT_A_FILE.format(path=path))
    mode = path.stat().st_mode
    if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise DatabaseError(strings.DB_FILE_READONLY.format(path=path))
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_MAGIC))
    if not header:
        return FileState(exists=True, revision=None)
    if header != _SQLITE_MAGIC:
        raise DatabaseError(strings.DB_NOT_SQLITE.format(path=path))
    try:
        with contextlib.closing(sqlite3.connect(sqlite_uri(path), uri=True)) as conn:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            row = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if has_table
                else None
            )
    except sqlite3.DatabaseError as error:
        raise DatabaseError(strings.DB_CORRUPT.format(path=path, detail=error)) from error
    revision = row[0] if row else None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError(strings.DB_NEWER_SCHEMA.format(path=path, found=revision, known=HEAD))
    return FileState(exists=True, revision=revision)


def is_locked(error: BaseException) -> bool:
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text


def database_error(error: BaseException, path: Path, busy_seconds: float) -> DatabaseError:
    """A failed statement in the user's words: locked by another program, or what failed."""
    if is_locked(error):
        return DatabaseError(strings.DB_LOCKED.format(seconds=busy_seconds, path=path))
    detail = str(error) or type(error).__name__
    return DatabaseError(strings.DB_WRITE_FAILED.format(detail=detail))
