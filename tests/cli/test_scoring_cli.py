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
    assert "[[ranking.categories]]" in out and 'name = "乡镇"' in out
    code, out, _ = run(capsys, "rubric", "check")
    assert code == 0 and "参与排名：县直部门（部门）；乡镇（乡镇）" in out
    assert "（环境行动计划年度目标责任考核细则；" in out
    text = copy.read_text(encoding="utf-8").replace("min = 90.0", "min = 85.0")
    copy.write_text(text.replace('"township",', '"enterprise",'), encoding="utf-8")
    code, out, _ = run(capsys, "rubric", "check")
    assert code == 0 and out.startswith("考核细则有效：") and "优秀≥85" in out
    assert "参与排名：县直部门（部门）；乡镇（企业）" in out


def test_rubric_check_names_an_unknown_ranking_kind(capsys, tmp_path):
    from model.scoring.rubric import default_rubric_text

    bad = tmp_path / "bad.toml"
    text = default_rubric_text().replace('["township"]', '["company"]')
    bad.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "rubric", "check", str(bad))
    assert code == 2 and "ranking.categories[2].kinds" in err and "未知的单位类别「company」" in err


def test_rubric_check_rejects_a_bad_file(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[weights]\nlead = -1\n", encoding="utf-8")
    code, _, err = run(capsys, "rubric", "check", str(bad))
    assert code == 2 and "考核细则" in err and str(bad) in err


def test_audit_verify_clean_then_tampered(capsys, demo_path):
    from model.store.audit import AuditContext
    from model.store.db import open_database
    from tests.model.store.test_chain_signing import writes

    # The template is from before signing: the office's first signed write starts it.
    with open_database(demo_path, AuditContext(actor="测试员")) as database:
        writes(database, 1)
    code, out, _ = run(capsys, "audit", "verify", "--db", str(demo_path))
    assert code == 0 and out.startswith("审计链完整")
    connection = sqlite3.connect(demo_path)
    connection.execute("UPDATE progress_report SET percent = 100 WHERE id = 5")
    connection.commit()
    connection.close()
    before = file_digest(demo_path)
    code, _, err = run(capsys, "audit", "verify", "--db", str(demo_path))
    assert code == 4
    assert err.splitlines() == [
        "审计校验发现 1 处问题：",
        "  应急管理局 2023-08-03 对空气第22项的进展报送与审计记录不符"
        "（完成百分比：审计为 24，数据库为 100）：在 duban 之外被改动。",
    ]
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


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_export_scorecards_csv_is_one_table(capsys, demo_path, tmp_path):
    out_file = tmp_path / "评分表.csv"
    scope = ("--year", "2023", "--format", "csv", "--as-of", "2023-12-31", "--db", str(demo_path))
    args = ("export", "scorecards", *scope)
    code, _, err = run(capsys, *args, "-o", str(out_file))
    assert code == 0 and "已写出" in err
    header, *lines = read_csv(out_file)
    rows = [dict(zip(header, row, strict=True)) for row in lines]  # one header, no captions
    assert {"排名", "单位", "任务得分", "报送扣分", "督办扣分", "得分", "等次"} <= set(header)
    assert len(rows) == 29 and rows[0]["排名"] == "1"
    assert all(0 <= float(r["得分"]) <= 100 for r in rows)
    assert any(r["报送扣分"].startswith("-") for r in rows)  # a negative number, not '-0.50
    assert not (tmp_path / "评分表_明细.csv").exists()  # only with --detail
    again = tmp_path / "again.csv"
    assert run(capsys, *args, "-o", str(again))[0] == 0
    assert again.read_bytes() == out_file.read_bytes()  # same data, same date: same bytes


def test_export_scorecards_detail_writes_a_second_signed_csv(capsys, demo_path, tmp_path):
    out_file = tmp_path / "评分表.csv"
    scope = ("--format", "csv", "--as-of", "2023-12-31", "--db", str(demo_path))
    code, _, err = run(capsys, "export", "scorecards", *scope, "--detail", "-o", str(out_file))
    detail = tmp_path / "评分表_明细.csv"
    assert code == 0 and f"已写出：{detail}" in err
    header, *summary = read_csv(out_file)
    assert header[0] == "排名" and len(summary) == 29
    header, *lines = read_csv(detail)
    assert header == ["单位", "类别", "任务", "说明", "分值", "依据"]
    for unit_row in (dict(zip(read_csv(out_file)[0], r, strict=True)) for r in summary):
        mine = [row for row in lines if row[0] == unit_row["单位"]]
        total = sum(round(float(row[4]) * 100) for row in mine)
        assert total == round(float(unit_row["得分"]) * 100), unit_row["单位"]
    for path in (out_file, detail):
        code, out, _ = run(capsys, "verify", str(path), "--db", str(demo_path))
        assert code == 0 and out.startswith("校验通过"), out


def test_export_detail_refused_unless_scorecards_csv(capsys, demo_path, tmp_path):
    out_file = tmp_path / "评分表.xlsx"
    db = ("--db", str(demo_path))
    code, _, err = run(capsys, "export", "scorecards", *db, "--detail", "-o", str(out_file))
    assert code == 2 and "--detail 只用于年终考核评分表的 csv 格式" in err
    code, _, err = run(capsys, "export", "progress", "--format", "csv", *db, "--detail")
    assert code == 2 and "--detail" in err
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.csv"))


def test_export_detail_writes_both_files_or_neither(capsys, demo_path, tmp_path):
    out_file = tmp_path / "评分表.csv"
    (tmp_path / "评分表_明细.csv").write_text("已有", encoding="utf-8")
    scope = ("--format", "csv", "--db", str(demo_path), "--detail", "-o", str(out_file))
    code, _, err = run(capsys, "export", "scorecards", *scope)
    assert code == 2 and "已存在" in err
    assert not out_file.exists()  # refused before anything was written


def test_export_format_must_fit_the_kind(capsys, demo_path):
    code, _, err = run(capsys, "export", "scorecards", "--format", "toml", "--db", str(demo_path))
    assert code == 2 and "格式 toml 不适用于 scorecards" in err
