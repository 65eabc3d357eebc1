"""`duban import-plan`: dry run, mapping unknown units, loading in one audited transaction."""

from __future__ import annotations

import json
import sqlite3
import tomllib
from pathlib import Path

from tests.conftest import file_digest
from tests.conftest import run_cli as run

FIXTURE = Path(__file__).parent.parent / "seed" / "fixtures" / "plan-2024.txt"


def test_dry_run_prints_and_writes_nothing(capsys, tmp_path):
    db = tmp_path / "none.sqlite3"
    code, out, err = run(capsys, "import-plan", str(FIXTURE), "--dry-run", "--db", str(db))
    assert code == 0 and not db.exists()
    data = json.loads(out)
    assert [t["number"] for t in data["plans"][0]["tasks"]] == list(range(1, 15))
    assert "解析出 1 个计划、14 项任务、7 个时间节点" in err
    assert "各县市区人民政府" in err  # unknown units are listed even in a dry run
    code, out, _ = run(
        capsys, "import-plan", str(FIXTURE), "--dry-run", "--format", "toml", "--db", str(db)
    )
    assert tomllib.loads(out)["plans"][0]["year"] == 2024


def test_unknown_units_stop_the_load(capsys, tmp_path):
    db = tmp_path / "office.sqlite3"
    run(capsys, "--db", str(db), "export", "plans")
    before = file_digest(db)
    code, _out, err = run(capsys, "import-plan", str(FIXTURE), "--db", str(db))
    assert code == 2 and "「各县市区人民政府」（《蒲县空气质量提升2024年行动计划》 第 7 项）" in err
    assert "--map" in err and file_digest(db) == before


def test_mapped_load_is_one_audited_event(capsys, tmp_path):
    db = tmp_path / "office.sqlite3"
    run(capsys, "--db", str(db), "export", "plans")
    code, out, err = run(
        capsys, "import-plan", str(FIXTURE), "--db", str(db), "--map", "各县市区人民政府=各乡镇"
    )
    assert code == 0 and "已导入 plan-2024.txt：1 个计划、14 项任务、7 个时间节点" in out
    connection = sqlite3.connect(db)
    events = connection.execute("SELECT action, after_json FROM audit_event ORDER BY id").fetchall()
    plans = connection.execute("SELECT key, year FROM plan ORDER BY id").fetchall()
    connection.close()
    assert [e[0] for e in events] == ["seed.import", "seed.import"]
    assert '"file":"plan-2024.txt"' in events[1][1]
    assert plans[-1] == ("air", 2024)
    code, _, err = run(
        capsys, "import-plan", str(FIXTURE), "--db", str(db), "--map", "各县市区人民政府=各乡镇"
    )
    assert code == 2 and "已在数据库中" in err


def test_new_unit_is_created_on_request(capsys, tmp_path):
    db = tmp_path / "office.sqlite3"
    code, _out, _ = run(
        capsys, "import-plan", str(FIXTURE), "--db", str(db), "--new-unit", "各县市区人民政府"
    )
    assert code == 0
    connection = sqlite3.connect(db)
    assert connection.execute(
        "SELECT kind FROM unit WHERE name = '各县市区人民政府'"
    ).fetchone() == ("department",)
    connection.close()


def test_bad_map_and_bad_file(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "import-plan",
        str(FIXTURE),
        "--dry-run",
        "--map",
        "缺等号",
        "--db",
        str(tmp_path / "x.db"),
    )
    assert code == 2 and "--map 的格式应为" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run(
        capsys, "import-plan", str(empty), "--dry-run", "--db", str(tmp_path / "x.db")
    )
    assert code == 2 and "是空文件" in err


def test_unknown_units_on_a_new_database_create_nothing(capsys, tmp_path):
    db = tmp_path / "new.sqlite3"
    code, out, err = run(capsys, "import-plan", str(FIXTURE), "--db", str(db))
    assert code == 2 and out == "" and "各县市区人民政府" in err
    assert not db.exists()


def test_dry_run_to_a_file(capsys, tmp_path):
    db, output = tmp_path / "none.sqlite3", tmp_path / "plans.toml"
    argv = ("import-plan", str(FIXTURE), "--dry-run", "--format", "toml", "-o", str(output))
    code, out, err = run(capsys, *argv, "--db", str(db))
    assert code == 0 and out == "" and f"已写出：{output}" in err
    assert tomllib.loads(output.read_text(encoding="utf-8"))["plans"][0]["key"] == "air"
    code, _, err = run(capsys, *argv, "--db", str(db))
    assert code == 2 and "已存在" in err
    assert run(capsys, *argv, "--force", "--db", str(db))[0] == 0
    assert not db.exists()


def test_a_title_without_a_year_asks_for_one(capsys, tmp_path):
    fixture = FIXTURE.with_name("plan-no-year.txt")
    db = tmp_path / "none.sqlite3"
    code, out, err = run(capsys, "import-plan", str(fixture), "--dry-run", "--db", str(db))
    assert (code, out) == (2, "")
    assert "无法从标题「蒲县空气质量提升行动计划」判断年度，请用 --year 指定。" in err
    argv = ("import-plan", str(fixture), "--dry-run", "--year", "2025", "--db", str(db))
    code, out, err = run(capsys, *argv)
    [plan] = json.loads(out)["plans"]
    assert code == 0 and (plan["year"], plan["title"]) == (2025, "蒲县空气质量提升行动计划")
    assert "解析出 1 个计划、3 项任务、2 个时间节点" in err and not db.exists()
