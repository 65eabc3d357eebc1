"""Issue #13: each reviewer input that ended in a traceback, or in a wrong file, now ends
in a Chinese message and a documented exit code, with nothing written."""

from __future__ import annotations

import errno
import io
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

from exports.files import NAME_BYTES, fit_file_name
from model.store.db import open_database
from model.store.migrations.runner import downgrade_to
from model.store.schema_version import HEAD
from tests.conftest import file_digest, run_cli, sqlite_file
from tui.cli import main

# ?, #, %, a space and Chinese: plain characters of a file name, never a URL's.
ODD = "办公 室?a=1#frag%20%41.sqlite3"


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """An argument refused by argparse: its exit code and stderr."""
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return int(exit_.value.code or 0), err


@pytest.fixture
def odd_db(seeded_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "数据 #1"
    folder.mkdir()
    path = folder / ODD
    shutil.copy(seeded_template, path)
    return path


# --- 1. --db: a path is a path ---


def test_an_odd_name_is_opened_as_that_file_and_no_other(tmp_path, capsys):
    folder = tmp_path / "新 目录"
    folder.mkdir()
    path = folder / ODD
    code, out, _ = run_cli(capsys, "--db", str(path), "export", "plans")
    assert code == 0 and out.startswith("{")
    assert sorted(p.name for p in folder.iterdir()) == [ODD]  # no stray "办公 室" file
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the office's records: owner-only
    code, out, _ = run_cli(capsys, "--db", str(path), "status", "蒲城镇", "--as-of", "2023-09-15")
    assert code == 0 and "蒲城镇" in out


def test_not_sqlite_under_an_odd_name_is_refused_unchanged(tmp_path, capsys):
    path = tmp_path / ODD
    path.write_bytes(b"a spreadsheet, not a database" * 10)
    before = file_digest(path)
    code, _, err = run_cli(capsys, "--db", str(path), "status", "蒲城镇")
    assert code == 3 and "SQLite" in err
    assert file_digest(path) == before


def test_newer_schema_under_an_odd_name_is_refused_unchanged(odd_db, capsys):
    with sqlite_file(odd_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    before = file_digest(odd_db)
    for argv in (("status", "蒲城镇"), ("export", "plans"), ("audit", "verify")):
        code, _, err = run_cli(capsys, "--db", str(odd_db), *argv)
        assert code == 3 and "更新版本的 duban" in err and "0099_future" not in err, err
    assert file_digest(odd_db) == before


def test_read_only_file_under_an_odd_name_is_refused_unchanged(odd_db, capsys):
    odd_db.chmod(0o444)
    before = file_digest(odd_db)
    code, _, err = run_cli(capsys, "--db", str(odd_db), "export", "plans")
    assert code == 3 and "只读" in err, err
    assert file_digest(odd_db) == before


def test_an_older_schema_under_an_odd_name_is_backed_up_before_migration(odd_db, context, capsys):
    database = open_database(odd_db, context)
    downgrade_to(database.engine, "0001_initial")
    database.close()
    code, _, err = run_cli(capsys, "--db", str(odd_db), "export", "plans")
    assert code == 0 and "备份" in err, err
    backups = [p for p in odd_db.parent.iterdir() if ".backup-v1-" in p.name]
    assert len(backups) == 1 and backups[0].name.startswith("办公 室?a=1#frag%20%41.backup")
    with sqlite_file(backups[0]) as conn:  # the file as it was before the migration
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            "0001_initial"
        )
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    with sqlite_file(odd_db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD


@pytest.mark.parametrize("as_url", [False, True])
def test_a_foreign_sqlite_file_is_refused_and_left_byte_identical(tmp_path, capsys, as_url):
    path = tmp_path / ODD
    with sqlite_file(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('x')")
    before = file_digest(path)
    given = "sqlite:///" + quote(str(path)) if as_url else str(path)
    for argv in (("status", "蒲城镇"), ("export", "plans"), ("group", "各乡镇", "--add", "x")):
        code, out, err = run_cli(capsys, "--db", given, *argv)
        assert code == 3 and "其他程序" in err and "customers" in err, err
        assert out == ""
    assert file_digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [ODD]


def test_another_programs_alembic_table_is_foreign_not_newer(tmp_path, capsys):
    path = tmp_path / "other.db"
    with sqlite_file(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('abc123')")
        conn.execute("CREATE TABLE orders (id INTEGER)")
    code, _, err = run_cli(capsys, "--db", str(path), "status", "蒲城镇")
    assert code == 3 and "其他程序" in err


def test_an_empty_sqlite_file_is_taken_as_new(tmp_path, capsys):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    code, _, _ = run_cli(capsys, "--db", str(path), "export", "plans")
    assert code == 0


def test_a_sqlite_url_is_decoded_and_checked_the_same(tmp_path, capsys):
    path = tmp_path / ODD
    url = "sqlite:///" + quote(str(path))
    code, _, _ = run_cli(capsys, "--db", url, "export", "plans")
    assert code == 0 and path.exists()
    code, _, err = run_cli(capsys, "--db", f"sqlite:///{tmp_path}/a?mode=ro", "export", "plans")
    assert code == 3 and "? 或 #" in err
    code, _, err = run_cli(capsys, "--db", "postgresql://host/db", "export", "plans")
    assert code == 3 and "不支持的数据库地址" in err


def test_duban_db_environment_variable_follows_the_same_rules(tmp_path, capsys, monkeypatch):
    path = tmp_path / ODD
    path.write_bytes(b"not a database at all")
    monkeypatch.setenv("DUBAN_DB", str(path))
    code, _, err = run_cli(capsys, "status", "蒲城镇")
    assert code == 3 and "SQLite" in err
    assert path.read_bytes() == b"not a database at all"


# --- 2. never a traceback ---


@pytest.mark.parametrize(
    "argv",
    [
        ("status", "蒲城镇", "--as-of", "0001-01-01"),
        ("export", "progress", "--as-of", "0001-01-01"),
        ("--as-of", "9999-12-31", "audit", "log"),
        ("review", "show", "--as-of", "0001-01-01"),
        ("--as-of", "0001-01-01"),
        ("audit", "log", "--since", "0001-01-01"),
        ("group", "各乡镇", "--remove", "克城镇", "--on", "0001-01-01"),
        ("import-plan", "x.txt", "--issued-on", "9999-01-01"),
        ("export", "scorecards", "--as-recorded", "1999-12-31"),
    ],
)
def test_dates_out_of_range_are_refused_naming_the_flag(capsys, tmp_path, argv):
    code, err = refused(capsys, "--db", str(tmp_path / "d.sqlite3"), *argv)
    flag = next(a for a in argv if a.startswith("--") and a != "--remove")
    assert code == 2 and f"参数 {flag}" in err and "2000 年至 2100 年" in err, err
    assert not (tmp_path / "d.sqlite3").exists()


@pytest.mark.parametrize("value", ["99999", "-5", "1999", "2101", "abc", "2023.0", "１２"])
@pytest.mark.parametrize(
    "command", [("export", "progress"), ("review", "show"), ("import-plan", "x")]
)
def test_years_out_of_range_are_refused(capsys, command, value):
    code, err = refused(capsys, *command, "--year", value)
    assert code == 2 and "参数 --year" in err and f"年度「{value}」无效" in err


def test_impossible_and_garbage_dates_keep_their_message(capsys):
    code, err = refused(capsys, "status", "x", "--as-of", "2023-02-30")
    assert code == 2 and "日期「2023-02-30」无效" in err


def test_audit_limit_is_checked(capsys):
    code, err = refused(capsys, "audit", "log", "--limit", "99999999999999999999")
    assert code == 2 and "参数 --limit" in err


def test_a_long_unit_name_makes_a_default_name_that_fits(seeded, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "单" * 10_000
    code, _, err = run_cli(
        capsys,
        "--db",
        str(seeded.path),
        "export",
        "progress",
        "--unit",
        name,
        "--as-of",
        "2023-09-15",
        "--format",
        "md",
    )
    assert code == 0, err
    written = [p for p in (Path.home() / "Documents" / "督办导出").iterdir() if p.suffix == ".md"]
    assert len(written) == 1
    assert len(written[0].name.encode()) <= NAME_BYTES and written[0].name.endswith("….md")


def test_fit_file_name_cuts_on_a_character_and_keeps_the_extension():
    assert fit_file_name("短.xlsx") == "短.xlsx"
    fitted = fit_file_name("进展" * 200 + ".xlsx")
    assert fitted.endswith("….xlsx") and len(fitted.encode()) <= 255
    assert len(fitted.encode()) > 250  # cut as late as a whole character allows
    assert fit_file_name("x" * 300).endswith("…") and len(fit_file_name("x" * 300).encode()) <= 255


@pytest.mark.parametrize("name", ["n" * 256 + ".md", "名" * 90 + ".md"])
def test_an_output_name_too_long_is_said(made_db_path, capsys, tmp_path, name):
    code, _, err = run_cli(
        capsys, "--db", str(made_db_path), "export", "plans", "-o", str(tmp_path / name)
    )
    assert code == 2 and "输出文件名过长" in err


@pytest.fixture
def made_db_path(seeded_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite3"
    shutil.copy(seeded_template, path)
    return path


class _ClosedPipe(io.TextIOWrapper):
    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


@pytest.mark.parametrize("argv", [("audit", "log"), ("export", "plans"), ("--help",)])
def test_a_closed_pipe_stops_quietly_in_process(made_db_path, capsys, monkeypatch, argv):
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    if argv == ("--help",):  # argparse exits itself (0); the closed pipe is not said
        with pytest.raises(SystemExit) as exit_:
            main(["--db", str(made_db_path), *argv])
        assert exit_.value.code == 0
    else:
        assert main(["--db", str(made_db_path), *argv]) == 141
    assert capsys.readouterr().err == ""


def test_a_closed_pipe_stops_quietly_as_with_head(made_db_path):
    # `duban audit log | head -2` with head gone: the read end closed before duban writes.
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--db", str(made_db_path), "audit", "log"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert err == ""


def test_a_zip_bomb_docx_is_refused_from_its_directory(tmp_path, capsys):
    bomb = tmp_path / "plan.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", "<w:document>" + " " * (21 * 1024 * 1024) + "</w:document>"
        )
    assert bomb.stat().st_size < 1024 * 1024
    code, _, err = run_cli(capsys, "import-plan", str(bomb), "--dry-run")
    assert code == 2 and "解压后太大" in err, err


def test_a_broken_docx_is_said_in_chinese(tmp_path, capsys):
    broken = tmp_path / "plan.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    code, _, err = run_cli(capsys, "import-plan", str(broken), "--dry-run")
    assert code == 2 and "不是有效的 .docx" in err
    assert "Package" not in err and "Error" not in err


def test_a_text_plan_above_the_limit_is_refused_at_once(tmp_path, capsys):
    big = tmp_path / "plan.txt"
    big.write_bytes("蒲县2024年大气污染防治行动计划\n".encode() + b"x" * (2 * 1024 * 1024))
    code, _, err = run_cli(capsys, "import-plan", str(big), "--dry-run")
    assert code == 2 and "太大" in err and "2.0 MB" in err


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n"),
        ("deep.json", "[" * 100_000 + "]" * 100_000),
    ],
)
def test_deeply_nested_plan_files_are_said_not_raised(tmp_path, capsys, name, text):
    path = tmp_path / name
    path.write_text(text)
    code, _, err = run_cli(capsys, "--db", str(tmp_path / "d.sqlite3"), "seed", "--from", str(path))
    assert code == 2 and "嵌套层次过深" in err
    assert not (tmp_path / "d.sqlite3").exists()


@pytest.mark.parametrize(
    ("raised", "code", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), 1, "磁盘空间不足"),
        (OSError(errno.EACCES, "Permission denied"), 1, "没有权限"),
        (OSError(errno.EROFS, "Read-only file system"), 1, "只读"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), 2, "过长"),
        (ValueError("year 0 is out of range"), 2, "输入的值无法处理"),
        (OverflowError("date value out of range"), 2, "输入的值无法处理"),
        (RecursionError("maximum recursion depth exceeded"), 2, "嵌套过深"),
        (MemoryError(), 1, "内存不足"),
        (UnicodeEncodeError("gbk", "\u2022", 0, 1, "illegal"), 2, "字符"),
        (RuntimeError("a bug"), 1, "程序内部出错"),
    ],
)
def test_main_maps_what_reaches_it(capsys, monkeypatch, raised, code, words):
    def fail(_args):
        raise raised

    monkeypatch.setitem(__import__("tui.cli", fromlist=["COMMANDS"]).COMMANDS, "status", fail)
    assert main(["status", "x"]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not any(english in err for english in ("No space", "Permission", "out of range", "bug"))


# --- 3. exports write only to regular files, with the user's umask ---


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("device", ["/dev/full", "/dev/null"])
def test_a_device_is_never_replaced(made_db_path, capsys, device):
    before = os.stat(device)
    code, _, err = run_cli(
        capsys, "--db", str(made_db_path), "export", "plans", "-o", device, "--force"
    )
    assert code == 2 and "不是普通文件" in err
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


@pytest.mark.parametrize("kind", ["fifo", "folder"])
@pytest.mark.parametrize(
    "export", [("plans",), ("progress", "--as-of", "2023-09-15", "--unsigned")]
)
def test_a_fifo_or_a_folder_is_refused_even_with_force(
    made_db_path, capsys, tmp_path, kind, export
):
    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    code, _, err = run_cli(
        capsys, "--db", str(made_db_path), "export", *export, "-o", str(target), "--force"
    )
    assert code == 2 and "不是普通文件" in err
    assert stat.S_ISFIFO(target.stat().st_mode) if kind == "fifo" else target.is_dir()


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_export_follows_the_umask(made_db_path, capsys, tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        out = tmp_path / "plans.json"
        code, _, _ = run_cli(capsys, "--db", str(made_db_path), "export", "plans", "-o", str(out))
    finally:
        os.umask(old)
    assert code == 0 and stat.S_IMODE(out.stat().st_mode) == mode


def test_a_replaced_export_keeps_its_mode(made_db_path, capsys, tmp_path):
    out = tmp_path / "plans.json"
    out.write_text("old")
    out.chmod(0o640)
    code, _, _ = run_cli(
        capsys, "--db", str(made_db_path), "export", "plans", "-o", str(out), "--force"
    )
    assert code == 0 and out.read_text() != "old" and stat.S_IMODE(out.stat().st_mode) == 0o640


def test_an_existing_database_keeps_its_mode(made_db_path, capsys):
    made_db_path.chmod(0o640)
    code, _, _ = run_cli(capsys, "--db", str(made_db_path), "export", "plans")
    assert code == 0 and stat.S_IMODE(made_db_path.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (("import-plan", "{fifo}", "--dry-run"), 2),
        (("seed", "--from", "{fifo}"), 2),
        (("rubric", "check", "{fifo}"), 2),
        (("import-plan", "/dev/zero", "--dry-run"), 2),
    ],
)
def test_a_fifo_or_a_device_as_input_is_refused_not_waited_on(tmp_path, capsys, argv, code):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    given = [a.format(fifo=fifo) for a in argv]
    got, _, err = run_cli(capsys, "--db", str(tmp_path / "d.sqlite3"), *given)
    assert got == code and "不是普通文件" in err, err
