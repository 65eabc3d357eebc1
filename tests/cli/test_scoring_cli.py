"""`duban rubric`, `duban audit`, `duban export scorecards`."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import file_digest, run_cli

run = run_cli


@pytest.fixture
def demo_path(demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


def test_rubric_show_writes_the_editable_copy_once(capsys):
    copy = Path(os.environ["DUBAN_CONFIG"]).with_name("rubric.toml")
    assert not copy.exists()
    code, out, _ = run(capsys, "rubric", "show")
    assert code == 0 and copy.exists()
    assert "[weights]" in out and "优秀" in out
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("min = 90.0", "min = 85.0"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "rubric", "check")
    assert code == 0 and out.startswith("考核细则有效：") and "优秀≥85" in out


def test_rubric_check_rejects_a_bad_file(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[weights]\nlead = -1\n", encoding="utf-8")
    code, _, err = run(capsys, "rubric", "check", str(bad))
    assert code == 2 and "考核细则" in err and str(bad) in err


def test_audit_verify_clean_then_tampered(capsys, demo_path):
    code, out, _ = run(capsys, "audit", "verify", "--db", str(demo_path))
    assert code == 0 and out.startswith("审计链完整")
    connection = sqlite3.connect(demo_path)
    connection.execute("UPDATE progress_report SET percent = 100 WHERE id = 5")
    connection.commit()
    connection.close()
    before = file_digest(demo_path)
    code, _, err = run(capsys, "audit", "verify", "--db", str(demo_path))
    assert code == 4
    assert "进展报送 #5 与审计记录不符" in err and "progress_report" not in err
    assert file_digest(demo_path) == before


def test_audit_log_filters(capsys, demo_path):
    db = ("--db", str(demo_path))
    code, out, _ = run(capsys, "audit", "log", *db, "--task", "地下水 2", "--limit", "50")
    assert code == 0
    assert out.splitlines()[0].split() == ["编号", "时间", "操作人", "操作", "内容", "原因"]
    assert "progress_report" not in out and "登记报送" in out
    code, out, _ = run(capsys, "audit", "log", *db, "--unit", "克城镇", "--since", "2023-11-01")
    rows = out.splitlines()[1:]
    assert rows and all(row.split()[1] >= "2023-11-01" for row in rows)
    code, _, err = run(capsys, "audit", "log", *db, "--task", "天空 9")
    assert code == 2 and "没有任务" in err


def test_export_scorecards_csv_with_bom(capsys, demo_path, tmp_path):
    out_file = tmp_path / "评分表.csv"
    scope = ("--year", "2023", "--format", "csv", "--as-of", "2023-12-31", "--db", str(demo_path))
    args = ("export", "scorecards", *scope)
    code, _, err = run(capsys, *args, "-o", str(out_file))
    assert code == 0 and "已写出" in err
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert lines[0] == ["年终考核评分汇总表"]  # then each unit's lines, under its caption
    summary = lines[1 : lines.index([])]
    rows = [dict(zip(summary[0], row, strict=True)) for row in summary[1:]]
    assert {"单位", "得分", "等次", "任务得分", "扣分（事由）", "加分（事由）"} <= set(rows[0])
    assert len(rows) == 29 and rows[0]["排名"] == "1"
    assert all(0 <= float(r["得分"]) <= 100 for r in rows)
    assert lines[len(summary) + 2] == [f"{rows[0]['单位']}评分明细"]
    again = tmp_path / "again.csv"
    assert run(capsys, *args, "-o", str(again))[0] == 0
    assert again.read_bytes() == raw  # same data, same date: identical bytes


def test_export_format_must_fit_the_kind(capsys, demo_path):
    code, _, err = run(capsys, "export", "scorecards", "--format", "toml", "--db", str(demo_path))
    assert code == 2 and "格式 toml 不适用于 scorecards" in err
