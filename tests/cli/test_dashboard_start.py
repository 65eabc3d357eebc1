"""Starting the dashboard: only in a terminal; `duban demo --no-open` for scripts; what is
said before the app starts is shown inside it."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import file_digest, run_cli
from tui.cli import dashboard

run = run_cli
REFUSAL = "仪表盘须在终端中打开"


def duban(*argv: str) -> subprocess.CompletedProcess[str]:
    """`duban` as a script runs it: no terminal on stdin, stdout or stderr."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,  # the dashboard waiting for keys fails the test instead of hanging it
    )


@pytest.mark.parametrize("argv", [(), ("demo",)], ids=["dashboard", "demo"])
def test_a_script_is_refused_the_dashboard_and_nothing_is_created(tmp_path, argv):
    path = tmp_path / "new.sqlite3"
    result = duban("--db", str(path), *argv)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"错误：{REFUSAL}") and "duban demo --no-open" in result.stderr
    assert not path.exists()


@pytest.mark.parametrize("argv", [(), ("demo",)], ids=["dashboard", "demo"])
def test_an_existing_database_is_left_untouched(capsys, demo_template, tmp_path, argv):
    path = tmp_path / "demo.sqlite3"
    path.write_bytes(demo_template.read_bytes())
    before = file_digest(path)
    code, out, err = run(capsys, "--db", str(path), *argv)  # captured: not a terminal
    assert code == 2 and out == "" and REFUSAL in err
    assert file_digest(path) == before


@pytest.mark.parametrize("plain", range(3), ids=["stdin", "stdout", "stderr"])
def test_every_stream_must_be_a_terminal(monkeypatch, plain):
    class Stream(io.StringIO):
        def __init__(self, tty: bool) -> None:
            super().__init__()
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    for index, name in enumerate(("stdin", "stdout", "stderr")):
        monkeypatch.setattr(sys, name, Stream(index != plain))
    assert not dashboard.on_terminal()
    monkeypatch.setattr(sys, ("stdin", "stdout", "stderr")[plain], Stream(True))
    assert dashboard.on_terminal()


def test_no_open_builds_the_demo_and_says_where(tmp_path):
    path = tmp_path / "演示.sqlite3"
    result = duban("demo", "--db", str(path), "--no-open")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"演示数据库已生成：{path}（合成数据截至 2023-11-15）\n"
    connection = sqlite3.connect(path)
    reports, last = connection.execute(
        "SELECT count(*), max(reported_on) FROM progress_report"
    ).fetchone()
    connection.close()
    assert reports > 1000 and last <= "2023-11-15"
    before = file_digest(path)
    again = duban("demo", "--db", str(path), "--no-open")
    assert again.returncode == 0
    assert again.stdout == f"演示数据库已存在：{path}（合成数据截至 2023-11-15，未重新生成）\n"
    assert file_digest(path) == before


def test_no_open_refuses_a_database_with_real_work(capsys, tmp_path):
    real = tmp_path / "office.sqlite3"
    assert run(capsys, "--db", str(real), "group", "大气办有关成员单位", "--add", "工信局")[0] == 0
    before = file_digest(real)
    code, out, err = run(capsys, "demo", "--db", str(real), "--no-open")
    assert code == 2 and out == "" and "已有非演示数据" in err
    assert file_digest(real) == before


def test_the_first_run_notice_goes_to_the_app_not_behind_it(capsys, tmp_path, opened):
    path = tmp_path / "first.sqlite3"
    code, out, err = run(capsys, "--db", str(path), "--as-of", "2023-09-15")
    assert code == 0 and out == "" and err == ""
    assert opened["notice"] == f"已创建并初始化数据库：{path}（导入 4 个计划、68 项任务）"
    assert opened["as_of"] == dt.date(2023, 9, 15)
    assert run(capsys, "--db", str(path))[0] == 0
    assert opened["notice"] is None  # nothing to say the second time


def test_a_demo_made_as_of_another_day_holds_that_day_and_opens_as_of_it(capsys, tmp_path, opened):
    path = tmp_path / "year.sqlite3"
    code, _, _ = run(capsys, "demo", "--db", str(path), "--as-of", "2023-12-31")
    assert code == 0 and opened["as_of"] == dt.date(2023, 12, 31)
    assert "合成数据截至 2023-12-31" in opened["notice"]
    connection = sqlite3.connect(path)
    last = connection.execute("SELECT max(reported_on) FROM progress_report").fetchone()[0]
    connection.close()
    assert last > "2023-11-15"
    # Opened again without --as-of: as of the last day of its data, not DEMO_AS_OF.
    assert run(capsys, "demo", "--db", str(path))[0] == 0
    assert opened["as_of"] == dt.date(2023, 12, 31)
