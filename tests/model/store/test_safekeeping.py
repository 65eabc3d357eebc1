"""Backups and restores (#13): every copy proven, every refusal leaving both files as they were."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from model.core.errors import DatabaseError, InputError
from model.store.audit import record
from model.store.changes import ChangeWatch
from model.store.db import Database, open_database
from model.store.safekeeping import (
    backups_folder,
    make_backup,
    prune_migration_backups,
    restore,
)
from tests.conftest import FIXED_NOW, file_digest

LATER = FIXED_NOW + dt.timedelta(hours=1)


def events(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_event").fetchone()[0])


def add_event(database: Database) -> None:
    with database.write() as session:
        record(session, action="t", entity="t")


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.rglob("*")}


def test_backup_is_a_private_single_file_proven_copy(seeded: Database):
    add_event(seeded)  # in the WAL, not yet in the main file: the copy must have it
    made = make_backup(seeded.path, None, FIXED_NOW)
    assert made.path.parent == backups_folder(seeded.path)
    assert made.path.name == "duban-20230915-093000.sqlite3"
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    # The seed, the event, and signing.start (the template's first signed write).
    assert made.checked.events == 3 == events(made.path)
    with contextlib.closing(sqlite3.connect(made.path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert listing(made.path.parent) == {made.path.name}  # no temporary file left


def test_backup_while_another_connection_writes(seeded: Database, tmp_path: Path):
    holder = sqlite3.connect(seeded.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        made = make_backup(seeded.path, tmp_path / "copy.sqlite3", FIXED_NOW)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert made.path == tmp_path / "copy.sqlite3" and made.checked.events == 1


def test_backup_refuses_an_existing_file(seeded: Database, tmp_path: Path):
    target = tmp_path / "there.sqlite3"
    target.write_bytes(b"mine")
    with pytest.raises(InputError, match="已存在"):
        make_backup(seeded.path, target, FIXED_NOW)
    assert target.read_bytes() == b"mine"


def plain_sqlite(path: Path) -> Path:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
        conn.commit()
    return path


def broken_chain(seeded: Database, path: Path) -> Path:
    shutil.copy(seeded.path, path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP TRIGGER audit_event_no_update")  # as an outside tool could
        conn.execute("UPDATE audit_event SET actor = '别人' WHERE id = 1")
        conn.commit()
    return path


def corrupt(seeded: Database, path: Path) -> Path:
    """A file whose header is intact and whose pages after the first are noise."""
    seeded.close()
    shutil.copy(seeded.path, path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page * 2, len(data) - page, page * 3):
        data[offset : offset + page] = bytes([0x5A]) * page
    path.write_bytes(bytes(data))
    return path


def newer(seeded: Database, path: Path) -> Path:
    shutil.copy(seeded.path, path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda seeded, path: plain_sqlite(path), "不是督办数据库"),
        (broken_chain, "审计链在第 1 条事件处断开"),
        (corrupt, "未通过检查|无法读取"),
    ],
)
def test_backup_of_an_unusable_database_is_refused_and_leaves_nothing(
    seeded: Database, tmp_path: Path, make, message
):
    source = make(seeded, tmp_path / "bad.sqlite3")
    before = file_digest(source)
    with pytest.raises(DatabaseError, match=message):
        make_backup(source, None, FIXED_NOW)
    assert not backups_folder(source).exists()
    (tmp_path / "out").mkdir()
    with pytest.raises(DatabaseError, match=message):
        make_backup(source, tmp_path / "out" / "copy.sqlite3", FIXED_NOW)
    assert not list((tmp_path / "out").iterdir())
    assert file_digest(source) == before


def test_backup_of_a_missing_database(tmp_path: Path):
    with pytest.raises(DatabaseError, match="找不到要备份的数据库"):
        make_backup(tmp_path / "none.sqlite3", None, FIXED_NOW)
    assert not backups_folder(tmp_path / "none.sqlite3").exists()


def test_restore_puts_the_backup_back_and_keeps_the_current(seeded: Database, tmp_path: Path):
    backup = make_backup(seeded.path, tmp_path / "b.sqlite3", FIXED_NOW).path
    add_event(seeded)
    seeded.close()
    mode = stat.S_IMODE(seeded.path.stat().st_mode)
    done = restore(seeded.path, backup, LATER)
    assert events(seeded.path) == 1 and done.checked.events == 1
    assert done.kept is not None and events(done.kept) == 3  # with signing.start
    assert done.kept.name == "duban-before-restore-20230915-103000.sqlite3"
    assert not done.needs_migration
    assert not Path(f"{seeded.path}-wal").exists() and not Path(f"{seeded.path}-shm").exists()
    assert stat.S_IMODE(seeded.path.stat().st_mode) == mode
    assert {p.name for p in seeded.path.parent.iterdir()} >= {"duban.sqlite3", "b.sqlite3"}
    assert not [p for p in seeded.path.parent.iterdir() if p.name.endswith(".tmp")]
    with open_database(seeded.path, seeded.context) as reopened:  # usable as it was
        add_event(reopened)
    assert events(seeded.path) == 3  # the restored seed, the event, signing.start


def test_restore_of_an_older_schema_says_it_will_be_migrated(seeded: Database, tmp_path: Path):
    from model.store.migrations.runner import downgrade_to

    old = tmp_path / "old.sqlite3"
    shutil.copy(seeded.path, old)
    with open_database(old, seeded.context) as database:
        downgrade_to(database.engine, "0006_score_review")
    assert restore(seeded.path, old, LATER).needs_migration


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda seeded, path: plain_sqlite(path), "不是督办数据库"),
        (lambda seeded, path: path.write_bytes(b"not a database at all") and path, "不是 SQLite"),
        (broken_chain, "审计链在第 1 条事件处断开"),
        (corrupt, "未通过检查|无法读取"),
        (newer, "更新版本"),
    ],
)
def test_restore_refusals_leave_both_files_as_they_were(
    seeded_template: Path, tmp_path: Path, context, make, message
):
    current = tmp_path / "db" / "duban.sqlite3"
    current.parent.mkdir()
    shutil.copy(seeded_template, current)
    with open_database(current, context) as helper:
        source = make(helper, tmp_path / "source.sqlite3")
    before = (file_digest(current), file_digest(source))
    files = listing(tmp_path)
    with pytest.raises(DatabaseError, match=message) as caught:
        restore(current, source, LATER)
    assert (file_digest(current), file_digest(source)) == before
    assert listing(tmp_path) == files
    # The refusal names the user's file, never the temporary copy it checked.
    assert str(source) in str(caught.value) and ".tmp" not in str(caught.value)


@pytest.mark.parametrize("holder", ["dashboard", "change watch"])
def test_restore_is_refused_while_another_connection_has_the_database(
    seeded: Database, tmp_path: Path, holder: str
):
    backup = make_backup(seeded.path, tmp_path / "b.sqlite3", FIXED_NOW).path
    add_event(seeded)
    watch = None
    if holder == "change watch":
        seeded.close()  # only the dashboard's watch (a read-only connection) is left
        watch = ChangeWatch(seeded.path)
        watch.changed()
    else:
        with seeded.read():  # the engine keeps its connection, idle, as the dashboard's does
            pass
    before = (file_digest(seeded.path), file_digest(backup))
    files = listing(tmp_path)
    try:
        with pytest.raises(DatabaseError, match="正被其他程序使用"):
            restore(seeded.path, backup, LATER)
    finally:
        if watch is not None:
            watch.close()
    assert (file_digest(seeded.path), file_digest(backup)) == before
    assert listing(tmp_path) == files


def test_restore_of_a_missing_file(seeded: Database, tmp_path: Path):
    with pytest.raises(InputError, match="找不到要恢复的文件"):
        restore(seeded.path, tmp_path / "none.sqlite3", LATER)


def test_migration_backups_are_pruned_to_the_newest(tmp_path: Path):
    database = tmp_path / "duban.sqlite3"
    names = [
        "duban.backup-0005_group_member_dates-20230101T000000.sqlite3",
        "duban.backup-0006_score_review-20230301T000000.sqlite3",
        "duban.backup-0001_initial-20230201T000000.sqlite3",
        "duban.backup-base-20230401T000000.sqlite3",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "other.backup-base-20220101T000000.sqlite3").write_bytes(b"x")
    assert prune_migration_backups(database, 0) == []
    removed = prune_migration_backups(database, 2)
    assert sorted(p.name for p in removed) == sorted(names[:1] + names[2:3])
    assert {p.name for p in tmp_path.iterdir()} == {
        names[1],
        names[3],
        "other.backup-base-20220101T000000.sqlite3",
    }
