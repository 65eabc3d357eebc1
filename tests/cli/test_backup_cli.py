"""`duban backup` and `duban restore` (#13): what they say, exit codes, files left."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

from model.store.changes import ChangeWatch
from tests.conftest import file_digest, run_cli, sqlite_file


def test_backup_to_the_default_folder_then_restore(seeded_template: Path, tmp_path, capsys):
    db = tmp_path / "office.sqlite3"
    shutil.copy(seeded_template, db)
    code, out, err = run_cli(capsys, "--db", str(db), "backup")
    assert code == 0, err
    (made,) = (tmp_path / "backups").iterdir()
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert f"已备份到 {made}" in out and "完整性检查通过" in out and "审计链 1 条事件" in out
    code, out, err = run_cli(capsys, "--db", str(db), "restore", str(made))
    assert code == 0, err
    assert f"已用 {made} 恢复数据库 {db}" in out and "原数据库已另存为" in out
    assert len(list((tmp_path / "backups").iterdir())) == 2


def test_backup_to_a_named_file_and_refusals(seeded_template: Path, tmp_path, capsys):
    db = tmp_path / "office.sqlite3"
    shutil.copy(seeded_template, db)
    out_file = tmp_path / "copy.sqlite3"
    assert run_cli(capsys, "--db", str(db), "backup", "-o", str(out_file))[0] == 0
    code, _, err = run_cli(capsys, "--db", str(db), "backup", "-o", str(out_file))
    assert code == 2 and "已存在" in err
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"junk")
    code, _, err = run_cli(capsys, "--db", str(junk), "backup")
    assert code == 3 and "不是 SQLite" in err and "Traceback" not in err
    assert not (tmp_path / "backups").exists()
    code, _, err = run_cli(capsys, "--db", str(db), "restore", str(junk))
    assert code == 3 and "不是 SQLite" in err


def test_restore_is_refused_while_the_dashboard_has_the_database(
    seeded_template: Path, tmp_path, capsys
):
    db = tmp_path / "office.sqlite3"
    shutil.copy(seeded_template, db)
    copy = tmp_path / "copy.sqlite3"
    assert run_cli(capsys, "--db", str(db), "backup", "-o", str(copy))[0] == 0
    with sqlite_file(db) as other:
        other.execute("UPDATE unit SET name = name")  # something in the WAL
    watch = ChangeWatch(db)  # what an open dashboard keeps
    watch.changed()
    before = file_digest(db), file_digest(copy)
    try:
        code, out, err = run_cli(capsys, "--db", str(db), "restore", str(copy))
    finally:
        watch.close()
    assert code == 3 and "正被其他程序使用" in err and "关闭督办看板" in err and not out
    assert (file_digest(db), file_digest(copy)) == before


def test_a_command_line_write_makes_the_days_backup_as_configured(
    seeded_template: Path, tmp_path, capsys, monkeypatch
):
    from model.store.write_policy import forget_daily_backups

    forget_daily_backups()
    db = tmp_path / "office.sqlite3"
    shutil.copy(seeded_template, db)
    config = tmp_path / "config.toml"
    config.write_text("[backup]\nkeep = 3\n[database]\nbusy_seconds = 12\n", encoding="utf-8")
    monkeypatch.setenv("DUBAN_CONFIG", str(config))
    code, _, err = run_cli(
        capsys, "--db", str(db), "--as-of", "2023-09-15", "group", "各乡镇", "--remove", "克城镇"
    )
    # A backup that worked is not worth a line; the template's first signed write is.
    assert code == 0 and "backup" not in err and "备份" not in err.replace("从备份恢复", "")
    (daily,) = (tmp_path / "backups").iterdir()
    assert "-daily-" in daily.name
    config.write_text("[backup]\nkeep = -1\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "--db", str(db), "group", "各乡镇")
    assert code == 2 and "backup.keep" in err


# --- review fixes (#13) ---


def signed_office(seeded_template: Path, tmp_path: Path, uuid: str | None = None) -> Path:
    from model.store.audit import AuditContext
    from model.store.db import open_database
    from tests.model.store.test_chain_signing import writes

    db = tmp_path / "office.sqlite3"
    shutil.copy(seeded_template, db)
    if uuid is not None:  # another database (copies of the template share its identity)
        connection = sqlite3.connect(db)
        connection.execute("UPDATE database_identity SET uuid = ?", (uuid,))
        connection.commit()
        connection.close()
    with open_database(db, AuditContext(actor="测试员")) as database:
        writes(database, 2)
    connection = sqlite3.connect(db)  # one file, as a backup is (a restore copies no -wal)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    return db


def test_backup_and_restore_say_what_was_checked_and_check_the_signatures(
    seeded_template: Path, tmp_path, capsys
):
    from tests.model.store.test_chain_signing import rewrite_from

    db = signed_office(seeded_template, tmp_path)
    copy = tmp_path / "copy.sqlite3"
    code, out, err = run_cli(capsys, "--db", str(db), "backup", "-o", str(copy))
    assert code == 0, err
    assert "逐条相连（哈希无误）" in out and "未被改动" not in out
    assert "  签名：签名担保第 1 至第 4 条事件；其中前 1 条写于启用签名之前、未经签名担保" in out
    rewrite_from(copy, 2)  # recomputed hashes: the links alone still hold
    before = file_digest(db), file_digest(copy)
    code, out, err = run_cli(capsys, "--db", str(db), "restore", str(copy))
    assert code == 3 and "未通过签名核对" in err and "--force" in err and not out
    assert (file_digest(db), file_digest(copy)) == before
    code, out, err = run_cli(capsys, "--db", str(db), "restore", str(copy), "--force")
    assert code == 0, err
    assert "  签名：签名核对发现" in out


def test_restore_refuses_another_database_unless_forced(seeded_template: Path, tmp_path, capsys):
    db = signed_office(seeded_template, tmp_path)
    (tmp_path / "other").mkdir()
    other = signed_office(
        seeded_template, tmp_path / "other", "0" * 8 + "-aaaa-4aaa-8aaa-" + "a" * 12
    )
    code, out, err = run_cli(capsys, "--db", str(db), "restore", str(other))
    assert code == 3 and "恢复的文件是另一个数据库，不是当前数据库的备份" in err and not out
    code, out, err = run_cli(capsys, "--db", str(db), "restore", str(other), "--force")
    assert code == 0, err


def test_not_regular_files_are_said_as_such(seeded_template: Path, tmp_path, capsys):
    import os

    db = tmp_path / "office.sqlite3"
    shutil.copy(seeded_template, db)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for source in (fifo, Path("/dev/zero")):
        code, _, err = run_cli(capsys, "--db", str(db), "restore", str(source))
        assert code == 2 and "不是普通文件" in err and "找不到" not in err, err
    code, _, err = run_cli(capsys, "--db", str(db), "backup", "-o", str(tmp_path))
    assert code == 2 and "是文件夹" in err and "已存在" not in err, err
    code, _, err = run_cli(capsys, "--db", str(db), "backup", "-o", "/dev/null")
    assert code == 2 and "不是普通文件" in err and "已存在" not in err, err
