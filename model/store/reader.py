"""Reading with SQL text on a plain sqlite3 connection: the read models' queries, without
the ORM on the path.

A `Reader` runs a statement and returns its rows as the driver gives them: dates are ISO
text (`YYYY-MM-DD`), converted with `iso_date` where a value is used as a date, and dates
are passed as ISO text too (as SQLAlchemy stores them, so comparisons agree).

The read models take a `Source`: a SQLAlchemy session (the dashboard, the exports, the
scoring, the write services) or a `Reader` (`duban status`, which opens the file read-only
with `open_read_only` and never imports SQLAlchemy). `reader_of` gives the Reader of either;
on a session it reads through the session's own connection after flushing what is
pending, so a read inside a write transaction sees the rows the transaction added.

Only the standard library is imported here at run time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from model.core.errors import DatabaseError
from model.store.backup import sqlite_uri
from model.store.dbfile import DEFAULT_BUSY_SECONDS, database_error, inspect_file
from model.store.schema_version import HEAD

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")
CHUNK = 5000  # SQLite allows 32766 bound parameters; stay well below it


class Reader:
    """SQL text on one sqlite3 connection; rows come back as tuples."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self.connection.cursor()
        try:
            return cursor.execute(sql, params).fetchall()
        finally:
            cursor.close()

    def rows_in(
        self, sql: str, values: Collection[Any], params: Sequence[Any] = ()
    ) -> list[tuple[Any, ...]]:
        """`sql` with `{ids}` replaced by placeholders for `values`, run in chunks; `params`
        are bound before the values (so `{ids}` comes after every other placeholder)."""
        out: list[tuple[Any, ...]] = []
        for part in chunks(values):
            marks = ",".join("?" * len(part))
            out.extend(self.rows(sql.format(ids=marks), [*params, *part]))
        return out


if TYPE_CHECKING:
    # What the read models accept: a session of the dashboard or a service, or a Reader.
    Source: TypeAlias = Session | Reader


def reader_of(source: Source) -> Reader:
    """The Reader of a session (its own connection, pending rows flushed first, as an ORM
    query would) or the Reader itself."""
    if isinstance(source, Reader):
        return source
    if source.autoflush:
        source.flush()  # returns at once when nothing is pending
    driver = source.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return Reader(driver)


def iso_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def optional_date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def chunks(values: Collection[T]) -> Iterator[list[T]]:
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class ReadOnlyDatabase:
    """A current duban database opened read-only with the standard library: what
    `duban status` reads, where nothing may be written and SQLAlchemy is not wanted."""

    def __init__(self, path: Path, connection: sqlite3.Connection, busy_seconds: float) -> None:
        self.path = path
        self.connection = connection
        self.busy_seconds = busy_seconds

    @contextlib.contextmanager
    def read(self) -> Iterator[Reader]:
        """One read transaction: every statement in it sees the same database, as a
        session's read does. A failure is said as `model.store.db.Database` says it."""
        try:
            self.connection.execute("BEGIN")
            try:
                yield Reader(self.connection)
            finally:
                self.connection.execute("ROLLBACK")
        except sqlite3.OperationalError as error:
            raise database_error(error, self.path, self.busy_seconds) from error

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> ReadOnlyDatabase:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_read_only(
    path: Path, busy_seconds: float = DEFAULT_BUSY_SECONDS
) -> ReadOnlyDatabase | None:
    """The database at `path` opened read-only when it is a current duban database; None
    when it needs the full open (`model.store.db.open_database`): missing (created and
    seeded), an older schema (backed up and migrated), or anything the checks refuse,
    which the full open says in its words."""
    try:
        state = inspect_file(path)
    except DatabaseError:
        return None
    if not state.exists or state.revision != HEAD:
        return None
    try:
        connection = connect(path, busy_seconds, "ro")
    except sqlite3.Error:
        return None
    return ReadOnlyDatabase(path, connection, busy_seconds)


def connect(path: Path, busy_seconds: float, mode: str) -> sqlite3.Connection:
    """A standard-library connection that reads in transactions of its own (`ro`, or `rw`:
    never `rwc`, which would make a new empty file of a missing one)."""
    connection = sqlite3.connect(
        sqlite_uri(path, mode), uri=True, timeout=busy_seconds, isolation_level=None
    )
    connection.execute(f"PRAGMA busy_timeout = {int(busy_seconds * 1000)}")
    return connection
