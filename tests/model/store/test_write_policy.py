"""Around a write (#13): the day's first backup, and waiting for a busy database."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from model.core.errors import DatabaseError
from model.store import safekeeping
from model.store.audit import record
from model.store.db import Database
from model.store.safekeeping import backups_folder
from model.store.write_policy import WritePolicy, forget_daily_backups
from tests.conftest import sqlite_file

DAY = dt.date(2023, 9, 15)


@pytest.fixture(autouse=True)
def fresh_process() -> None:
    forget_daily_backups()


def write(database: Database) -> None:
    with database.write() as session:
        record(session, action="t", entity="t")


def held(path: Path) -> sqlite3.Connection:
    # check_same_thread off: the test releases it from a timer thread.
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_write_waits_for_a_busy_database_and_succeeds_when_released(seeded: Database):
    waits: list[float | None] = []
    seeded.policy = WritePolicy(busy_seconds=10, on_wait=waits.append)
    holder = held(seeded.path)
    timer = threading.Timer(0.6, lambda: holder.execute("COMMIT"))
    timer.start()
    try:
        write(seeded)
    finally:
        timer.join()
        holder.close()
    assert waits[-1] is None  # the wait was said to be over
    seconds = [w for w in waits if w is not None]
    assert seconds and seconds == sorted(seconds) and 0 < seconds[-1] < 10
    with seeded.reader() as reader:
        # The seed, the write and signing.start (the template's first signed write).
        assert reader.rows("SELECT count(*) FROM audit_event") == [(3,)]


def test_a_write_gives_up_after_the_limit_and_names_it(seeded: Database):
    waits: list[float | None] = []
    seeded.policy = WritePolicy(busy_seconds=0.4, on_wait=waits.append)
    holder = held(seeded.path)
    try:
        with pytest.raises(DatabaseError, match=r"已等待 0\.4 秒") as caught:
            write(seeded)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "busy_seconds" in str(caught.value) and "本次未写入任何内容" in str(caught.value)
    assert waits[-1] is None
    write(seeded)  # the connection is usable again, with its own busy timeout back
    with seeded.read() as session:
        from sqlalchemy import text

        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def daily(database: Database, day: dt.date, keep: int = 2) -> list[str]:
    notes: list[str] = []
    database.policy = WritePolicy(keep=keep, today=lambda: day, on_note=notes.append)
    return notes


def names(database: Database) -> list[str]:
    folder = backups_folder(database.path)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_the_first_write_of_a_day_backs_up_first_and_once(seeded: Database, monkeypatch):
    daily(seeded, DAY)
    copies: list[Path] = []
    original = safekeeping.copy_verified

    def counted(source: Path, destination: Path) -> safekeeping.CopyCheck:
        copies.append(destination)
        return original(source, destination)

    monkeypatch.setattr(safekeeping, "copy_verified", counted)
    write(seeded)
    assert names(seeded) == ["duban-daily-2023-09-15.sqlite3"]
    # Made before the write: it holds the seed's event only.
    with sqlite_file(copies[0]) as conn:
        assert conn.execute("SELECT count(*) FROM audit_event").fetchone() == (1,)
    write(seeded)
    write(seeded)
    assert len(copies) == 1
    forget_daily_backups()  # another process the same day: the folder has today's
    write(seeded)
    assert len(copies) == 1


def test_daily_backups_are_pruned_to_the_number_kept(seeded: Database):
    for offset in range(4):
        daily(seeded, DAY + dt.timedelta(days=offset))
        write(seeded)
    assert names(seeded) == ["duban-daily-2023-09-17.sqlite3", "duban-daily-2023-09-18.sqlite3"]


def test_keep_zero_makes_no_daily_backup(seeded: Database):
    daily(seeded, DAY, keep=0)
    write(seeded)
    assert not backups_folder(seeded.path).exists()


def test_a_failed_daily_backup_is_said_and_never_blocks_the_write(seeded: Database):
    backups_folder(seeded.path).write_text("a file where the folder should be")
    notes = daily(seeded, DAY)
    write(seeded)
    write(seeded)
    assert len(notes) == 1 and "今日自动备份未能完成" in notes[0]
    with seeded.reader() as reader:
        assert reader.rows("SELECT count(*) FROM audit_event") == [(4,)]  # + signing.start
