"""`duban status` reads a current database read-only without SQLAlchemy, and takes the
full open (create and seed, back up and migrate, refuse in words) for any other file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model.store.db import open_database
from model.store.migrations.runner import downgrade_to
from tests.conftest import file_digest, run_cli

run = run_cli

# Runs the command in a fresh interpreter and says which heavy modules it imported.
_PROBE = """
import sys
from tui.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
heavy = sorted(
    m for m in sys.modules
    if m.split(".")[0] in ("sqlalchemy", "alembic", "cryptography") or m.split(".")[:3] == ["model", "store", "schema"]
)
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


def probe(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "argv",
    [
        ("住建局",),
        ("各乡镇", "--format", "json"),
        ("zjj",),
        ("宣传部",),  # unknown: the refusal too
    ],
    ids=["unit", "group-json", "pinyin", "unknown"],
)
def test_status_imports_no_sqlalchemy(demo_path: Path, argv: tuple[str, ...]):
    result = probe("status", "--db", str(demo_path), "--as-of", "2023-11-15", *argv)
    assert result.returncode == (2 if argv[0] == "宣传部" else 0), result.stderr
    assert result.stderr.splitlines()[-1] == "HEAVY:"


def test_status_writes_nothing(capsys, demo_path: Path):
    before = file_digest(demo_path)
    assert run(capsys, "status", "各乡镇", "--db", str(demo_path), "--as-of", "2023-11-15")[0] == 0
    assert file_digest(demo_path) == before


@pytest.mark.parametrize(
    "unit", ["住建局", "zjj", "各乡镇", "克城镇", "环保局", "大气办有关成员单位"]
)
@pytest.mark.parametrize("as_of", ["2023-11-13", "2023-11-14", "2023-12-31"])
def test_read_only_and_full_open_print_the_same(capsys, monkeypatch, demo_path, unit, as_of):
    argv = ("status", unit, "--db", str(demo_path), "--as-of", as_of)
    read_only = [run(capsys, *argv), run(capsys, *argv, "--format", "json")]
    monkeypatch.setattr("model.store.reader.open_read_only", lambda *_: None)
    full = [run(capsys, *argv), run(capsys, *argv, "--format", "json")]
    assert read_only == full
    assert read_only[0][0] == 0


def test_a_missing_database_is_created_and_seeded(capsys, tmp_path: Path):
    path = tmp_path / "new.sqlite3"
    code, out, err = run(capsys, "status", "住建局", "--db", str(path), "--as-of", "2023-11-15")
    assert code == 0
    assert f"已创建并初始化数据库：{path}" in err
    assert out.startswith("住建局（部门）· 截至 2023-11-15")


def test_an_older_schema_is_backed_up_and_migrated(capsys, tmp_path, demo_path, context):
    current = run(capsys, "status", "克城镇", "--db", str(demo_path), "--as-of", "2023-11-15")
    older = tmp_path / "older.sqlite3"
    shutil.copy(demo_path, older)
    database = open_database(older, context)
    downgrade_to(database.engine, "0005_group_member_dates")
    database.close()
    code, out, err = run(capsys, "status", "克城镇", "--db", str(older), "--as-of", "2023-11-15")
    assert code == 0 and "迁移前已备份数据库" in err
    assert out == current[1]
    # Migrated: the next run reads it read-only, with nothing more to say.
    assert run(capsys, "status", "克城镇", "--db", str(older), "--as-of", "2023-11-15") == current


def test_a_file_that_is_no_database_is_refused_in_words(capsys, tmp_path: Path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"not a database")
    code, out, err = run(capsys, "status", "住建局", "--db", str(path))
    assert code == 3 and out == ""
    assert "文件不是 SQLite 数据库" in err


def test_json_of_the_read_only_path(capsys, demo_path: Path):
    code, out, _ = run(
        capsys,
        "status",
        "克城镇",
        "--db",
        str(demo_path),
        "--as-of",
        "2023-11-15",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)["notices"][0]["reply_state"] == "overdue"
