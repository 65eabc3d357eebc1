"""Opening the database: checks before touching the file, migration with backup, sessions.

There is no module-level engine: `open_database()` returns a `Database` that owns one,
and every unit of work is one session from `Database.read()` or `Database.write()`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, func, select
from sqlalchemy.engine import Connection

from model.core import strings
from model.core.errors import DatabaseError
from model.store.audit import AuditContext, AuditedSession, bind_context
from model.store.backup import backup_database, backup_path_for, sqlite_uri
from model.store.schema import AuditEvent, Plan
from model.store.schema_version import HEAD, KNOWN_REVISIONS

DB_ENV = "DUBAN_DB"
DEFAULT_BUSY_SECONDS = 5.0
_SQLITE_MAGIC = b"SQLite format 3\x00"
_WRITE_OPTION = "duban_write"


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


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object, busy_ms: int) -> None:
    # The driver's own transaction handling is off so that `begin` below decides
    # between a deferred read and an IMMEDIATE write (SQLAlchemy's pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(path: Path, busy_seconds: float = DEFAULT_BUSY_SECONDS) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": busy_seconds, "check_same_thread": False},
    )
    busy_ms = int(busy_seconds * 1000)
    event.listen(engine, "connect", lambda c, r: _on_connect(c, r, busy_ms))
    event.listen(engine, "begin", _on_begin)
    return engine


def _is_locked(error: BaseException) -> bool:
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text


class Database:
    """One open database: an engine, the audit context, and sessions for units of work."""

    def __init__(
        self, path: Path, engine: Engine, context: AuditContext, busy_seconds: float
    ) -> None:
        self.path = path
        self.engine = engine
        self.context = context
        self.busy_seconds = busy_seconds
        self.backup: Path | None = None

    def _session(self, *, write: bool) -> AuditedSession:
        bind = self.engine.execution_options(**{_WRITE_OPTION: True}) if write else self.engine
        session = AuditedSession(bind=bind, expire_on_commit=False)
        bind_context(session, self.context)
        return session

    @contextlib.contextmanager
    def read(self) -> Iterator[AuditedSession]:
        """A read-only unit of work (a deferred transaction, released when the block ends)."""
        with self._session(write=False) as session:
            try:
                yield session
            except exc.OperationalError as error:
                raise self._translate(error) from error

    @contextlib.contextmanager
    def write(self) -> Iterator[AuditedSession]:
        """One write transaction (BEGIN IMMEDIATE): committed whole or not at all."""
        with self._session(write=True) as session:
            try:
                yield session
                session.commit()
            except exc.SQLAlchemyError as error:
                session.rollback()
                raise self._translate(error) from error
            except BaseException:
                session.rollback()
                raise

    def _translate(self, error: exc.SQLAlchemyError) -> DatabaseError:
        if _is_locked(error):
            return DatabaseError(
                strings.DB_LOCKED.format(seconds=self.busy_seconds, path=self.path)
            )
        detail = str(getattr(error, "orig", error)) or type(error).__name__
        return DatabaseError(strings.DB_WRITE_FAILED.format(detail=detail))

    def is_empty(self) -> bool:
        """True for a database that has never been written to (no plans, no audit events)."""
        with self.read() as session:
            events = session.scalar(select(func.count()).select_from(AuditEvent))
            plans = session.scalar(select(func.count()).select_from(Plan))
        return not events and not plans

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to HEAD (Alembic is imported only when there is work to do)."""
    from model.store.migrations.runner import upgrade_to_head

    upgrade_to_head(engine)


def open_database(
    path: Path,
    context: AuditContext,
    *,
    create_directory: bool = False,
    busy_seconds: float = DEFAULT_BUSY_SECONDS,
) -> Database:
    """Open (creating and migrating if needed) the database at `path`.

    Nothing is written unless every check passes; an existing file is backed up and the
    backup verified before its schema is migrated.
    """
    if create_directory:
        path.parent.mkdir(parents=True, exist_ok=True)
    state = inspect_file(path)
    backup: Path | None = None
    if state.exists and state.revision != HEAD and path.stat().st_size > 0:
        try:
            backup = backup_database(
                path, backup_path_for(path, state.revision or "base", context.clock())
            )
        except (OSError, sqlite3.Error) as error:
            raise DatabaseError(strings.BACKUP_FAILED.format(detail=error)) from error
    engine = make_engine(path, busy_seconds)
    try:
        if state.revision != HEAD:
            migrate(engine)
    except exc.OperationalError as error:
        engine.dispose()
        if _is_locked(error):
            raise DatabaseError(
                strings.DB_LOCKED.format(seconds=busy_seconds, path=path)
            ) from error
        raise DatabaseError(strings.DB_CORRUPT.format(path=path, detail=error.orig)) from error
    database = Database(path, engine, context, busy_seconds)
    database.backup = backup
    return database


# What callers outside model/ hold while a unit of work is open: they pass it to services.
UnitOfWork = AuditedSession
