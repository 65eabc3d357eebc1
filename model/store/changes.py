"""Noticing that the database file changed: another process wrote to it, or this one did.

SQLite's `PRAGMA data_version` answers, on one connection, a number that changes when any
*other* connection has committed to the file since the last time it was asked. A
`ChangeWatch` owns a connection of its own that never writes, so every commit counts: those
of another `duban` (or the command line) and those of this process's own sessions. A
caller that has just seen its own writes calls `absorb()`, so that they are not reported
again as someone else's.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

from model.core import strings
from model.core.errors import DatabaseError
from model.store.backup import sqlite_uri


class ChangeWatch:
    """Asks, as often as the caller likes, whether the file changed since the last look."""

    def __init__(self, path: Path, busy_seconds: float = 1.0) -> None:
        try:
            # Opened read-only: the watch never writes, and cannot create a missing file.
            self._connection = sqlite3.connect(
                sqlite_uri(path, "ro"),
                uri=True,
                timeout=busy_seconds,
                check_same_thread=False,  # asked from worker threads, one at a time (the lock)
                isolation_level=None,
            )
        except sqlite3.Error as error:
            raise DatabaseError(strings.DB_CORRUPT.format(path=path, detail=error)) from error
        self.path = path
        self._lock = threading.Lock()
        self._version = self._read()

    def _read(self) -> int:
        with self._lock:
            try:
                row = self._connection.execute("PRAGMA data_version").fetchone()
            except sqlite3.Error as error:
                detail = strings.DB_CORRUPT.format(path=self.path, detail=error)
                raise DatabaseError(detail) from error
        return int(row[0])

    def changed(self) -> bool:
        """True once for each look that finds commits made since the previous look."""
        version = self._read()
        if version == self._version:
            return False
        self._version = version
        return True

    def absorb(self) -> None:
        """Take everything committed so far as seen (the caller is about to read it all)."""
        self._version = self._read()

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._connection.close()
