"""`duban backup` and `duban restore` (#13): what they say, exit codes, files left."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

from model.store.changes import ChangeWatch
from tests.conftest import file_digest, run_cli


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
    with sqlite3.connect(db) as other:
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
