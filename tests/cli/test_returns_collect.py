"""`duban returns collect` (#14): returned sheets filled in as units would, collected from
the command line — each file all or nothing, every problem said, the database untouched by
a refused file."""

from __future__ import annotations

import shutil

import pytest

from model.core.periods import Period
from model.store.audit import AuditContext
from model.store.db import open_database
from tests.conftest import FIXED_NOW, file_digest, run_cli, sqlite_file
from tests.seed.returns_workbooks import filled

OCTOBER = Period(2023, 10)


@pytest.fixture
def db(seeded_template, tmp_path):
    path = tmp_path / "duban.sqlite3"
    shutil.copy(seeded_template, path)
    return path


def sheets(db, folder, *specs):
    """(unit, rows) → a filled sheet each, issued by the database at `db`."""
    database = open_database(db, AuditContext(actor="测试员", clock=lambda: FIXED_NOW))
    with database:
        paths = [filled(database, folder, unit, OCTOBER, rows)[0] for unit, rows in specs]
    return paths


def collect(capsys, db, *argv, as_of="2023-11-10"):
    return run_cli(capsys, "returns", "collect", *map(str, argv), "--db", str(db), "--as-of", as_of)


def count(db, table):
    with sqlite_file(db) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_folder_is_collected_file_by_file(capsys, db, tmp_path):
    folder = tmp_path / "returns"
    sheets(db, folder, ("住建局", None), ("克城镇", None), ("交通运输局", [{}, {"percent": 120}]))
    (folder / "~$报送表-住建局-2023-10.xlsx").write_bytes(b"lock file")  # Excel's, left out
    code, out, err = collect(capsys, db, folder)
    assert code == 2, err
    assert "报送表-交通运输局-2023-10.xlsx\n  未收取，发现 1 个问题（整份文件均未记录）：\n" in out
    assert "    第 8 行「完成百分比」：应为 0 到 100 之间的整数，填的是「120」" in out
    assert (
        "报送表-住建局-2023-10.xlsx\n  住建局，2023年10月，15 项：推进中 15 项\n  已记录。" in out
    )
    assert out.endswith("共 3 份：已记录 2 份，未收取 1 份。\n")
    assert count(db, "return_submission") == 2
    code, out, _ = run_cli(capsys, "audit", "verify", "--db", str(db))
    assert code == 0, out


def test_one_bad_percent_refuses_the_file_and_leaves_the_database_unchanged(capsys, db, tmp_path):
    [path] = sheets(db, tmp_path, ("住建局", [{}, {}, {"percent": 101}]))
    before = file_digest(db)
    code, out, _ = collect(capsys, db, path)
    assert code == 2
    assert "第 9 行「完成百分比」：应为 0 到 100 之间的整数，填的是「101」" in out
    assert file_digest(db) == before


def test_a_dry_run_previews_and_writes_nothing(capsys, db, tmp_path):
    [path] = sheets(db, tmp_path, ("住建局", [{"status": "已完成", "percent": 100}]))
    before = file_digest(db)
    code, out, _ = collect(capsys, db, path, "--dry-run")
    assert code == 0
    assert (
        "住建局，2023年10月，15 项：推进中 14 项、已完成 1 项\n  可以记录（预览，未写入）。" in out
    )
    assert "预览（未写入）：共 1 份，可记录 1 份，将被拒收 0 份。" in out
    assert file_digest(db) == before


def test_the_same_workbook_twice_is_refused(capsys, db, tmp_path):
    [path] = sheets(db, tmp_path, ("住建局", None))
    assert collect(capsys, db, path)[0] == 0
    copy = tmp_path / "copy" / "again.xlsx"
    copy.parent.mkdir()
    shutil.copy(path, copy)
    code, out, _ = collect(capsys, db, path, copy)
    assert code == 2
    assert out.count("同一文件不能重复收取") == 2
    assert count(db, "return_submission") == 1


def test_a_second_return_needs_replace_and_a_reason(capsys, db, tmp_path):
    [first] = sheets(db, tmp_path / "a", ("住建局", None))
    [second] = sheets(db, tmp_path / "b", ("住建局", [{"percent": 75}]))
    assert collect(capsys, db, first)[0] == 0
    code, out, _ = collect(capsys, db, second)
    assert code == 2 and "住建局2023年10月的报送表已于 2023-11-10 收取" in out
    code, _, err = collect(capsys, db, second, "--replace")
    assert code == 2 and "替换已收取的报送表须用 --reason 说明原因。" in err
    code, out, _ = collect(capsys, db, second, "--replace", "--reason", "更正进度")
    assert code == 0 and "已记录，替换了该单位本期之前收取的报送表。" in out
    with sqlite_file(db) as connection:
        assert connection.execute(
            "SELECT replaces_id, reason FROM return_submission WHERE id = 2"
        ).fetchone() == (1, "更正进度")
        assert connection.execute(
            "SELECT reason FROM audit_event WHERE action = 'return.replace'"
        ).fetchone() == ("更正进度",)


def test_the_received_day_is_checked_on_both_sides(capsys, db, tmp_path):
    [path] = sheets(db, tmp_path, ("住建局", None))
    code, out, _ = collect(capsys, db, path, "--received-on", "2023-10-30")
    assert code == 2 and "早于报送期 2023年10月 的最后一天 2023-10-31" in out
    code, out, _ = collect(capsys, db, path, "--received-on", "2023-11-11")
    assert code == 2 and "收取日期「2023-11-11」晚于截至日期 2023-11-10" in out
    assert collect(capsys, db, path, "--received-on", "2023-10-31")[0] == 0


def test_missing_files_and_empty_folders_are_said(capsys, db, tmp_path):
    (tmp_path / "empty").mkdir()
    code, out, _ = collect(capsys, db, tmp_path / "nope.xlsx", tmp_path / "empty")
    assert code == 2
    assert f"找不到文件：{tmp_path / 'nope.xlsx'}" in out
    assert "文件夹中没有 .xlsx 文件" in out
    code, _, err = run_cli(capsys, "returns", "collect", "--db", str(db))
    assert code == 2 and "请给出要收取的报送表文件或文件夹。" in err
