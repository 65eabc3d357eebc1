from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import select, text

from model.core.errors import DatabaseError
from model.store.audit import record
from model.store.db import Database, open_database
from model.store.migrations.runner import downgrade_to
from model.store.schema import Unit
from model.store.schema_version import HEAD
from tests.conftest import file_digest


def test_connection_pragmas(seeded):
    with seeded.read() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_foreign_keys_are_enforced(seeded):
    with pytest.raises(DatabaseError, match="FOREIGN KEY"), seeded.write() as session:
        record(session, action="t", entity="t")
        session.execute(text("INSERT INTO unit_alias (unit_id, alias) VALUES (9999, '幽灵')"))


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO progress_report (task_id, unit_id, reported_on, status, percent, note)"
        " VALUES (1, 1, '2023-09-01', 'in_progress', 101, '')",
        "INSERT INTO progress_report (task_id, unit_id, reported_on, status, percent, note)"
        " VALUES (1, 1, '2023-09-01', 'finished', 50, '')",
        "INSERT INTO assignment (task_id, unit_id, role, position) VALUES (1, 1, 'boss', 99)",
        "INSERT INTO task (plan_id, section_id, number, title, text) VALUES (1, 1, 1, 'dup', '')",
        "INSERT INTO notice (number, unit_id, level, issued_on, reply_due, body)"
        " VALUES ('督办〔2023〕1号', 1, '督办', '2023-09-01', '2023-08-01', '')",
        "INSERT INTO score_adjustment (unit_id, year, points, reason, approver)"
        " VALUES (1, 2023, 2, ' ', '主任')",
    ],
)
def test_schema_checks_reject_bad_rows(seeded, statement):
    with pytest.raises(DatabaseError, match="写入数据库失败"), seeded.write() as session:
        record(session, action="t", entity="t")
        session.execute(text(statement))


def test_write_waits_then_reports_a_locked_database(db_path, context):
    database, _ = open_database(db_path, context, busy_seconds=0.2), None
    with database:
        holder = sqlite3.connect(db_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DatabaseError, match="被其他程序占用"), database.write() as session:
                record(session, action="t", entity="t")
        finally:
            holder.execute("ROLLBACK")
            holder.close()


def test_write_transactions_begin_immediate(db_path, context):
    """A second writer blocks at BEGIN, not at its first write: no lost upgrade races."""
    with open_database(db_path, context, busy_seconds=0.2) as database:
        started = threading.Event()
        release = threading.Event()

        def first() -> None:
            with database.write() as session:
                session.execute(text("SELECT 1"))
                started.set()
                release.wait(5)

        thread = threading.Thread(target=first)
        thread.start()
        started.wait(5)
        try:
            with pytest.raises(DatabaseError, match="被其他程序占用"), database.write() as session:
                session.execute(text("SELECT 1"))
            with database.read() as session:  # readers are not blocked
                assert session.execute(text("SELECT 1")).scalar() == 1
        finally:
            release.set()
            thread.join()


def test_missing_directory(tmp_path, context):
    with pytest.raises(DatabaseError, match="数据库目录不存在"):
        open_database(tmp_path / "nope" / "x.sqlite3", context)
    assert not (tmp_path / "nope").exists()


def test_read_only_directory(tmp_path, context):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(DatabaseError, match="数据库目录不可写"):
            open_database(folder / "x.sqlite3", context)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_not_sqlite_file_is_left_alone(tmp_path, context):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes("这不是数据库\n".encode() * 100)
    before = file_digest(path)
    with pytest.raises(DatabaseError, match="不是 SQLite 数据库"):
        open_database(path, context)
    assert file_digest(path) == before


def test_newer_schema_is_refused_unchanged(seeded, context):
    path = seeded.path
    seeded.close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    connection.commit()
    connection.close()
    before = file_digest(path)
    with pytest.raises(DatabaseError, match="更新版本的 duban"):
        open_database(path, context)
    assert file_digest(path) == before


def test_migrating_an_existing_file_makes_a_verified_backup_first(seeded, context):
    path = seeded.path
    downgrade_to(seeded.engine, "0001_initial")
    seeded.close()
    with open_database(path, context) as database:
        assert database.backup is not None
        assert database.backup.name == "duban.backup-v1-20230915T093000.sqlite3"
        copy = sqlite3.connect(database.backup)
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_initial",
        )
        assert copy.execute("SELECT count(*) FROM task").fetchone() == (68,)
        copy.close()
        with database.read() as session:
            assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            assert len(session.scalars(select(Unit)).all()) == 33


def test_backup_failure_stops_the_migration(seeded, context, monkeypatch):
    path = seeded.path
    downgrade_to(seeded.engine, "0001_initial")
    seeded.close()
    before = file_digest(path)

    def broken(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("model.store.db.backup_database", broken)
    with pytest.raises(DatabaseError, match="迁移前备份数据库失败"):
        open_database(path, context)
    assert file_digest(path) == before


def test_fresh_database_needs_no_backup(db_path, context):
    with open_database(db_path, context) as database:
        assert database.backup is None
        assert isinstance(database, Database)
        assert database.is_empty()


def test_read_only_database_file_is_refused_unchanged(seeded, context):
    path = seeded.path
    seeded.close()
    path.chmod(0o444)
    try:
        before = file_digest(path)
        with pytest.raises(DatabaseError, match="数据库文件只读"):
            open_database(path, context)
        assert file_digest(path) == before
    finally:
        path.chmod(0o644)


def test_paths_with_spaces_and_uri_characters(tmp_path, context):
    folder = tmp_path / "办公室 数据#1"
    folder.mkdir()
    path = folder / "督办?.sqlite3"
    with open_database(path, context) as database, database.write() as session:
        record(session, action="t", entity="t")
    # Reopened through the sqlite3 URI check of an existing file.
    with open_database(path, context) as database, database.read() as session:
        assert session.execute(text("SELECT count(*) FROM audit_event")).scalar() == 1


def test_a_database_file_gone_since_it_was_opened_is_said_and_not_recreated(seeded):
    from model.core.errors import DatabaseError

    with seeded.reader() as reader:
        assert reader.rows("SELECT count(*) FROM plan") == [(4,)]
    seeded.path.unlink()
    with pytest.raises(DatabaseError, match="找不到数据库文件"), seeded.reader():
        pass
    assert not seeded.path.exists()


def test_a_backup_is_named_by_the_schema_edition_never_a_revision_id():
    from model.store.schema_version import KNOWN_REVISIONS, schema_file_label, schema_label

    assert schema_file_label(None) == "v0"
    for number, revision in enumerate(KNOWN_REVISIONS, start=1):
        assert schema_file_label(revision) == f"v{number}"
        assert schema_label(revision) == f"第 {number} 版"
