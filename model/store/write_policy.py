"""What happens around a write transaction: the day's first backup before it, and waiting
for a busy database at its BEGIN IMMEDIATE.

`model.store.db.Database.write` calls `before_write` and its `BEGIN` goes through `begin`;
the program (the command line, the dashboard) fills in the settings and how to say things.
Only the standard library is imported here at module level: `model.store.db` imports this
before the ORM is wanted.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from model.core import strings
from model.core.errors import DatabaseError, DubanError
from model.store.dbfile import is_locked

# A BEGIN IMMEDIATE that finds the database busy is retried in slices: SQLite's own busy
# handler backs off inside each slice (1 ms up to 100 ms between tries), and between slices
# the waiter is told how long it has waited. The slices grow so that a short lock costs
# little and a long one is reported about once a second.
FIRST_SLICE = 0.05
LAST_SLICE = 1.0

# The days a daily backup was made (or found, or failed and was said) per database, in this
# process: a later write that day costs one dictionary look-up.
_DONE: dict[Path, dt.date] = {}
_DONE_LOCK = threading.Lock()

Waiting = Callable[[float | None], None]  # seconds waited so far; None when the wait ends
Saying = Callable[[str], None]


def local_today() -> dt.date:
    return dt.date.today()


@dataclass
class WritePolicy:
    """How writes to one database behave; the defaults do nothing a library caller would not
    expect: no backups, and the busy wait of the database itself."""

    busy_seconds: float | None = None  # None: the database's own (open_database's) wait
    keep: int = 0  # daily backups kept in the backups folder; 0: none made
    on_wait: Waiting | None = None
    on_note: Saying | None = None
    today: Callable[[], dt.date] = local_today

    def before_write(self, path: Path) -> None:
        """The day's first write makes the day's backup first; a failure is said, never
        raised: losing a write to a backup problem would be worse than a day without one."""
        if self.keep <= 0:
            return
        day = self.today()
        key = path.absolute()
        with _DONE_LOCK:
            if _DONE.get(key) == day:
                return
            _DONE[key] = day  # also when it fails: said once a day, not at every write
        from model.store.safekeeping import daily_backup

        try:
            daily_backup(path, day, self.keep)
        except (DubanError, OSError, sqlite3.Error) as error:
            if self.on_note is not None:
                self.on_note(strings.DAILY_BACKUP_FAILED.format(detail=error))

    def begin(self, execute: Callable[[str], object], path: Path, own_seconds: float) -> None:
        """BEGIN IMMEDIATE, waiting up to the limit while another connection writes.

        `execute` runs a statement on the write's connection; its busy timeout is set back
        to `own_seconds` (what its reads wait) afterwards."""
        limit = own_seconds if self.busy_seconds is None else self.busy_seconds
        start = time.monotonic()
        step = FIRST_SLICE
        waited = False
        try:
            while True:
                left = max(limit - (time.monotonic() - start), 0.0)
                execute(f"PRAGMA busy_timeout = {int(min(step, left) * 1000)}")
                try:
                    execute("BEGIN IMMEDIATE")
                    return
                except Exception as error:
                    if not is_locked(error):
                        raise
                    elapsed = time.monotonic() - start
                    if elapsed >= limit:
                        raise DatabaseError(
                            strings.DB_STAYED_BUSY.format(seconds=f"{limit:g}", path=path)
                        ) from error
                waited = True
                if self.on_wait is not None:
                    self.on_wait(elapsed)
                step = min(step * 2, LAST_SLICE)
        finally:
            execute(f"PRAGMA busy_timeout = {int(own_seconds * 1000)}")
            if waited and self.on_wait is not None:
                self.on_wait(None)


def forget_daily_backups() -> None:
    """For tests: as if this process had made no daily backup yet."""
    with _DONE_LOCK:
        _DONE.clear()
