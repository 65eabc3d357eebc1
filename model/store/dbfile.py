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
from urllib.parse import unquote

from model.core import strings
from model.core.errors import DatabaseError, InputError
from model.core.os_errors import describe_os_error
from model.store.backup import sqlite_uri
from model.store.schema_version import HEAD, KNOWN_REVISIONS, schema_label

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
    if option is not None and not option.strip():
        # `--db "$DB"` with DB unset: the user meant a file, not the default database.
        raise InputError(strings.DB_OPTION_EMPTY)
    chosen = option or os.environ.get(DB_ENV)
    if not chosen:
        return default_database_path(), True
    return database_path_of(chosen), False


_URL_SCHEMES = ("sqlite", "sqlite+pysqlite")


def database_path_of(chosen: str) -> Path:
    """The file a --db value names. A path is a path: ?, #, %, spaces, Chinese and a drive
    letter are plain characters in it (the file is only ever opened through `sqlite_uri`,
    which quotes them). A `sqlite:///…` URL is a URL: its path is percent-decoded, and a
    ? or # in it (SQLAlchemy's query, a URI's fragment) is refused rather than guessed."""
    if "\x00" in chosen:
        raise DatabaseError(strings.DB_PATH_BAD.format(path=repr(chosen), detail="NUL"))
    if "://" in chosen:
        scheme, _, rest = chosen.partition("://")
        # sqlite:///relative.db and sqlite:////absolute.db; sqlite:// alone is in memory.
        if scheme.lower() not in _URL_SCHEMES or not rest.startswith("/") or len(rest) < 2:
            raise DatabaseError(strings.DB_UNSUPPORTED_URL.format(url=chosen))
        rest = rest[1:]
        if "?" in rest or "#" in rest:
            raise DatabaseError(strings.DB_URL_QUERY.format(url=chosen))
        chosen = unquote(rest, errors="strict")
    return Path(chosen).expanduser()


def create_private_file(path: Path) -> bool:
    """Create `path` empty, readable by its owner only on POSIX (0600: a database holds the
    office's records); an existing file is left as it is. True when it was created."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    os.close(handle)
    return True


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
    """Look at the file without changing a byte: is it there, is it SQLite, is it duban's,
    which schema. A file of another program (tables, none of them duban's) is refused; an
    SQLite file without tables is taken as new."""
    try:
        return _inspect(path)
    except OSError as error:  # a name too long, a folder we may not look into…
        detail = describe_os_error(error)
        raise DatabaseError(strings.DB_PATH_BAD.format(path=path, detail=detail)) from error


def _inspect(path: Path) -> FileState:
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
            tables = {row[0] for row in conn.execute(_TABLES)}
            row = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
    except sqlite3.DatabaseError as error:
        raise DatabaseError(strings.DB_CORRUPT.format(path=path, detail=error)) from error
    revision = row[0] if row else None
    # Another program's tables: migrating would add duban's beside them, so refuse. Another
    # program's Alembic table names a revision duban does not know and has no audit chain.
    unknown = revision is not None and revision not in KNOWN_REVISIONS
    foreign = (tables and "alembic_version" not in tables) or (
        unknown and _DUBAN_TABLE not in tables
    )
    if foreign:
        names = "、".join(sorted(tables)[:5]) + ("…" if len(tables) > 5 else "")
        raise DatabaseError(strings.DB_FOREIGN.format(path=path, tables=names))
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError(
            strings.DB_NEWER_SCHEMA.format(
                path=path, found=schema_label(revision), known=schema_label(HEAD)
            )
        )
    return FileState(exists=True, revision=revision)


# SQLite's own tables (sqlite_sequence, sqlite_stat1) say nothing about whose file it is.
_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) != 'sqlite_'"
_DUBAN_TABLE = "audit_event"  # in every revision since the first


def is_locked(error: BaseException) -> bool:
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text


def database_error(error: BaseException, path: Path, busy_seconds: float) -> DatabaseError:
    """A failed statement in the user's words: locked by another program, or what failed."""
    if is_locked(error):
        return DatabaseError(strings.DB_LOCKED.format(seconds=busy_seconds, path=path))
    detail = str(error) or type(error).__name__
    return DatabaseError(strings.DB_WRITE_FAILED.format(detail=detail))
