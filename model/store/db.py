"""Opening the database: checks before touching the file, migration with backup, sessions.

There is no module-level engine: `open_database()` returns a `Database` that owns one,
and every unit of work is one session from `Database.read()` or `Database.write()`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from model.core import strings
from model.core.errors import DatabaseError
from model.core.os_errors import describe_os_error
from model.store.audit_context import AuditContext
from model.store.backup import backup_database, backup_path_for, sqlite_uri
from model.store.dbfile import (
    DEFAULT_BUSY_SECONDS,
    create_private_file,
    inspect_file,
    is_locked,
)
from model.store.dbfile import default_database_path as default_database_path  # re-exported
from model.store.dbfile import resolve_database_path as resolve_database_path  # re-exported
from model.store.reader import Reader, ReadOnlyDatabase, connect
from model.store.schema_version import HEAD, schema_file_label
from model.store.write_policy import WritePolicy

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection
    from sqlalchemy.exc import SQLAlchemyError

    from model.store.audit import AuditedSession
    from model.store.chain_signing import HeadSigner
    from model.store.head_anchor import SignedHead

_WRITE_OPTION = "duban_write"


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
    write = connection.get_execution_options().get(_WRITE_OPTION)
    if isinstance(write, _Write):  # BEGIN IMMEDIATE, waiting for a busy database
        write.policy.begin(connection.exec_driver_sql, write.path, write.own_seconds)
    else:
        connection.exec_driver_sql("BEGIN")


@dataclass(frozen=True)
class _Write:
    policy: WritePolicy
    path: Path
    own_seconds: float


def _use_wal(path: Path, busy_seconds: float) -> None:
    """The journal mode of `_on_connect`, set with the standard library. A file that
    cannot take it (read-only, locked) is left as it is: its first session says why."""
    with (
        contextlib.suppress(sqlite3.Error),
        contextlib.closing(
            sqlite3.connect(sqlite_uri(path), uri=True, timeout=busy_seconds, isolation_level=None)
        ) as connection,
    ):
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode = WAL")


def make_engine(path: Path, busy_seconds: float = DEFAULT_BUSY_SECONDS) -> Engine:
    """An engine on the existing file `path`. SQLAlchemy never sees the path: in its URL a
    ? or # would start a query (sqlite+pysqlite:///a?b.db opens "a"), so every connection
    is made from `sqlite_uri`, which quotes them, and in mode rw (a file gone since is an
    error, not a new empty file). The pool is chosen here, as the URL names no file."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    uri = sqlite_uri(path, "rw")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=busy_seconds, check_same_thread=False)

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=QueuePool)
    busy_ms = int(busy_seconds * 1000)
    event.listen(engine, "connect", lambda c, r: _on_connect(c, r, busy_ms))
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """One open database: an engine, the audit context, and sessions for units of work.

    The engine (and with it SQLAlchemy, a quarter of a second to import) is made on first
    use: the dashboard paints its first screen from `reader()`, with the standard library
    only, and the ORM is loaded after that paint."""

    def __init__(
        self,
        path: Path,
        context: AuditContext,
        busy_seconds: float,
        engine: Engine | None = None,
    ) -> None:
        self.path = path
        self.context = context
        self.busy_seconds = busy_seconds
        self.backup: Path | None = None
        self.policy = WritePolicy()  # daily backup, busy wait: set by the program (#13)
        self._engine = engine
        self._making = threading.Lock()  # the dashboard warms the engine in a thread
        self._signer: HeadSigner | None = None

    @property
    def engine(self) -> Engine:
        with self._making:
            if self._engine is None:
                self._engine = make_engine(self.path, self.busy_seconds)
            return self._engine

    def _session(self, *, write: bool) -> AuditedSession:
        from model.store.audit import AuditedSession, bind_context

        options = {_WRITE_OPTION: _Write(self.policy, self.path, self.busy_seconds)}
        bind = self.engine.execution_options(**options) if write else self.engine
        session = AuditedSession(bind=bind, expire_on_commit=False)
        bind_context(session, self.context)
        return session

    @contextlib.contextmanager
    def read(self) -> Iterator[AuditedSession]:
        """A read-only unit of work (a deferred transaction, released when the block ends)."""
        from sqlalchemy import exc

        with self._session(write=False) as session:
            try:
                yield session
            except exc.OperationalError as error:
                raise self._translate(error) from error

    @contextlib.contextmanager
    def reader(self) -> Iterator[Reader]:
        """A read transaction with the standard library only, for the read models that take
        a `model.store.reader.Source`: the same snapshot for every statement in it."""
        try:
            # mode=rw: a file gone since it was opened is an error, not a new empty file.
            connection = connect(self.path, self.busy_seconds, "rw")
        except sqlite3.Error as error:
            if not self.path.exists():
                raise DatabaseError(strings.DB_GONE.format(path=self.path)) from error
            detail = strings.DB_CORRUPT.format(path=self.path, detail=error)
            raise DatabaseError(detail) from error
        # The read transaction of `duban status` (it closes the connection at the end).
        opened = ReadOnlyDatabase(self.path, connection, self.busy_seconds)
        with opened, opened.read() as reader:
            yield reader

    @contextlib.contextmanager
    def write(self) -> Iterator[AuditedSession]:
        """One write transaction (BEGIN IMMEDIATE): committed whole or not at all.

        A transaction that appended audit events has its new head signed just before the
        commit (model.store.chain_signing): one signature per transaction, in it. After the
        commit, this machine records that head (model.store.head_anchor)."""
        from sqlalchemy import exc

        self.policy.before_write(self.path)
        from model.store.audit import appended

        signed: SignedHead | None = None
        with self._session(write=True) as session:
            try:
                yield session
                if appended(session):
                    signed = self._sign_head(session)
                session.commit()
            except exc.SQLAlchemyError as error:
                session.rollback()
                raise self._translate(error) from error
            except BaseException:
                session.rollback()
                raise
        if signed is not None:
            # Only once committed: an anchor ahead of the database would read as a cut chain.
            self._anchor(signed)

    def _sign_head(self, session: AuditedSession) -> SignedHead | None:
        from model.store.chain_signing import HeadSigner

        if self._signer is None:
            self._signer = HeadSigner(self.path)
        return self._signer.sign(session)

    def _anchor(self, head: SignedHead) -> None:
        from model.store.head_anchor import record_quietly

        record_quietly(self.path, head, self.context.clock().astimezone(dt.UTC).isoformat())

    def _translate(self, error: SQLAlchemyError) -> DatabaseError:
        if is_locked(error):
            return DatabaseError(
                strings.DB_LOCKED.format(seconds=self.busy_seconds, path=self.path)
            )
        detail = str(getattr(error, "orig", error)) or type(error).__name__
        return DatabaseError(strings.DB_WRITE_FAILED.format(detail=detail))

    def is_empty(self) -> bool:
        """True for a database that has never been written to (no plans, no audit events)."""
        with self.reader() as reader:
            ((events, plans),) = reader.rows(
                "SELECT (SELECT count(*) FROM audit_event), (SELECT count(*) FROM plan)"
            )
        return not events and not plans

    def close(self) -> None:
        with self._making:
            if self._engine is not None:
                self._engine.dispose()

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
    if not state.exists:
        try:
            create_private_file(path)  # 0600 on POSIX; SQLite would make it world-readable
        except OSError as error:
            raise DatabaseError(
                strings.DB_PATH_BAD.format(path=path, detail=describe_os_error(error))
            ) from error
    backup: Path | None = None
    if state.exists and state.revision != HEAD and path.stat().st_size > 0:
        try:
            # Named by the schema's edition (v8), not Alembic's revision id.
            label = schema_file_label(state.revision)
            backup = backup_database(path, backup_path_for(path, label, context.clock()))
        except (OSError, sqlite3.Error) as error:
            detail = describe_os_error(error) if isinstance(error, OSError) else error
            raise DatabaseError(strings.BACKUP_FAILED.format(detail=detail)) from error
    if state.revision == HEAD:
        # A current schema: nothing to do before the first read, so no engine yet. The
        # journal mode its connections set is set now, though: switching it later is a
        # change of the file that the dashboard's watch would take for another's write.
        _use_wal(path, busy_seconds)
        return Database(path, context, busy_seconds)
    from sqlalchemy import exc

    engine = make_engine(path, busy_seconds)
    try:
        migrate(engine)
    except exc.OperationalError as error:
        engine.dispose()
        if is_locked(error):
            raise DatabaseError(
                strings.DB_LOCKED.format(seconds=busy_seconds, path=path)
            ) from error
        raise DatabaseError(strings.DB_CORRUPT.format(path=path, detail=error.orig)) from error
    if backup is not None:
        _check_nothing_lost(engine, backup, path)
    database = Database(path, context, busy_seconds, engine)
    database.backup = backup
    return database


def _check_nothing_lost(engine: Engine, backup: Path, path: Path) -> None:
    """A migration that lost rows (a table rebuilt with its children cascaded away) is
    undone: the verified backup is put back, and the user is told, rather than go on
    with a database that quietly misses records."""
    from model.store.backup import lost_rows

    try:
        lost = lost_rows(backup, path)
    except sqlite3.Error:
        return  # the check could not be made; the migration itself succeeded
    if not lost:
        return
    engine.dispose()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    restored = backup_database(backup, path.with_name(path.name + ".restoring"))
    os.replace(restored, path)
    tables = "、".join(
        f"{strings.TABLE_PLAIN_NAMES.get(name, strings.TABLE_OTHER)}（{was} → {now} 条）"
        for name, (was, now) in sorted(lost.items())
    )
    raise DatabaseError(strings.MIGRATION_LOST_ROWS.format(tables=tables, backup=backup))


if TYPE_CHECKING:
    # What callers outside model/ hold while a unit of work is open: they pass it to services.
    UnitOfWork: TypeAlias = AuditedSession
