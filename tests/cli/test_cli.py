from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w

from tests.conftest import file_digest, run_cli
from tui.cli import main

CONTRACT_TASK_KEYS = [
    "number",
    "section",
    "title",
    "text",
    "lead",
    "support",
    "responsible",
    "milestones",
]


run = run_cli


@pytest.fixture
def made_db(tmp_path, capsys) -> Path:
    path = tmp_path / "office.sqlite3"
    code, _, _ = run(capsys, "--db", str(path), "export", "plans")
    assert code == 0
    return path


def test_export_plans_json_on_a_new_database(tmp_path, capsys):
    path = tmp_path / "new.sqlite3"
    code, out, err = run(capsys, "export", "plans", "--format", "json", "--db", str(path))
    assert code == 0
    assert "已创建并初始化数据库" in err
    data = json.loads(out)
    assert list(data) == ["document", "plans", "units", "leading_group"]
    assert data["document"] == {
        "number": "蒲政办发〔2023〕23号",
        "issuer": "蒲县人民政府办公室",
        "issued_on": "2023-07-21",
        "title": "蒲县人民政府办公室关于印发我县2023年空气质量提升、水环境质量再提升和土壤、"
        "地下水污染防治行动计划的通知",
    }
    tasks = [t for p in data["plans"] for t in p["tasks"]]
    assert len(tasks) == 68
    assert all(list(t) == CONTRACT_TASK_KEYS for t in tasks)
    first = data["plans"][0]["tasks"][0]
    assert first["lead"] == ["发改局"]
    assert first["support"] == ["市生态环境局蒲县分局", "工信局", "能源局", "自然资源局"]
    dates = sorted(m["due"] for t in tasks for m in t["milestones"])
    assert len(dates) == 13 and dates[0] == "2023-06-30"
    assert {"name": "市场监管局", "kind": "department", "aliases": ["市场监督管理局"]} in data[
        "units"
    ]
    assert data["leading_group"]["members"][0] == {
        "name": "李中煊",
        "title": "副县长",
        "role": "组长",
    }
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT action FROM audit_event").fetchall() == [("seed.import",)]
    connection.close()


def test_db_option_before_or_after_and_environment(tmp_path, capsys, monkeypatch):
    a, b, c = (tmp_path / f"{n}.sqlite3" for n in "abc")
    assert run(capsys, "--db", str(a), "export", "plans")[0] == 0
    assert run(capsys, "export", "plans", "--db", str(b))[0] == 0
    monkeypatch.setenv("DUBAN_DB", str(c))
    assert run(capsys, "export", "plans")[0] == 0
    assert a.exists() and b.exists() and c.exists()


def test_default_database_lives_in_the_user_data_dir(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert run(capsys, "export", "plans")[0] == 0
    assert (tmp_path / "xdg" / "duban" / "duban.sqlite3").exists()


def test_export_toml_to_a_file_round_trips_through_seed(tmp_path, capsys, made_db):
    out = tmp_path / "plans.toml"
    code, _, err = run(
        capsys, "--db", str(made_db), "export", "plans", "--format", "toml", "-o", str(out)
    )
    assert code == 0 and "已写出" in err
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert len(data["plans"]) == 4
    code, _, err = run(
        capsys, "--db", str(made_db), "export", "plans", "--format", "toml", "-o", str(out)
    )
    assert code == 2 and "输出文件已存在" in err and "--force" in err
    assert run(capsys, "--db", str(made_db), "export", "plans", "-o", str(out), "--force")[0] == 0
    code, _, err = run(
        capsys, "--db", str(made_db), "export", "plans", "-o", str(tmp_path / "no" / "x.json")
    )
    assert code == 2 and "输出目录不存在" in err


def next_year_plan(unit: str = "发改局") -> dict:
    return {
        "document": {
            "number": "蒲政办发〔2024〕5号",
            "issuer": "蒲县人民政府办公室",
            "issued_on": "2024-03-01",
        },
        "plans": [
            {
                "key": "air",
                "title": "蒲县空气质量提升2024年行动计划",
                "year": 2024,
                "goals": ["持续改善"],
                "tasks": [
                    {
                        "number": 1,
                        "section": "一节",
                        "title": "甲",
                        "text": "甲。",
                        "lead": [unit],
                        "milestones": [{"due": "2024-08-31", "text": "8月底前完成"}],
                    },
                ],
            }
        ],
    }


def test_seed_from_next_years_file(tmp_path, capsys, made_db):
    source = tmp_path / "2024.toml"
    source.write_text(tomli_w.dumps(next_year_plan("市场监督管理局")), encoding="utf-8")
    code, out, err = run(capsys, "--db", str(made_db), "seed", "--from", str(source))
    assert code == 0
    assert "已导入 2024.toml：1 个计划、1 项任务、1 个时间节点" in out
    assert "按别名解析为「市场监管局」" in err
    connection = sqlite3.connect(made_db)
    events = connection.execute("SELECT action, after_json FROM audit_event ORDER BY id").fetchall()
    connection.close()
    assert [e[0] for e in events] == ["seed.import", "seed.import"]
    assert '"file":"2024.toml"' in events[1][1]


def _bad_seed_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    files = {}
    malformed = tmp_path / "malformed.toml"
    malformed.write_text('[document]\nnumber = "x\n', encoding="utf-8")
    files["malformed"] = (malformed, f"TOML 格式错误：{malformed} 第 2 行")
    unknown = tmp_path / "unknown.toml"
    unknown.write_text(tomli_w.dumps(next_year_plan("宣传部")), encoding="utf-8")
    files["unknown unit"] = (unknown, "未知单位「宣传部」")
    data = next_year_plan()
    data["plans"][0]["tasks"].append(dict(data["plans"][0]["tasks"][0]))
    duplicate = tmp_path / "duplicate.toml"
    duplicate.write_text(tomli_w.dumps(data), encoding="utf-8")
    files["duplicate"] = (duplicate, "任务编号 1 重复")
    impossible = tmp_path / "impossible.toml"
    impossible.write_text(
        tomli_w.dumps(next_year_plan()).replace('"2024-08-31"', "2023-02-30"), encoding="utf-8"
    )
    files["impossible date"] = (impossible, "日期或时间无效（例如 2023-02-30 不存在）")
    existing = tmp_path / "existing.toml"
    existing.write_text(
        tomli_w.dumps(next_year_plan())
        .replace("2024,", "2023,")
        .replace("year = 2024", "year = 2023"),
        encoding="utf-8",
    )
    files["plan exists"] = (existing, "已在数据库中")
    return files


@pytest.mark.parametrize(
    "case", ["malformed", "unknown unit", "duplicate", "impossible date", "plan exists"]
)
def test_bad_seed_files_leave_the_database_byte_for_byte(tmp_path, capsys, made_db, case):
    source, expected = _bad_seed_files(tmp_path)[case]
    before = file_digest(made_db)
    code, out, err = run(capsys, "--db", str(made_db), "seed", "--from", str(source))
    assert code == 2
    assert err.startswith("错误：") and expected in err, err
    assert out == ""
    assert file_digest(made_db) == before


def test_database_problems_are_reported_in_chinese(tmp_path, capsys, made_db):
    code, _, err = run(capsys, "--db", str(tmp_path / "missing" / "x.sqlite3"), "export", "plans")
    assert code == 3 and "数据库目录不存在" in err
    readonly = tmp_path / "ro"
    readonly.mkdir()
    readonly.chmod(0o555)
    try:
        code, _, err = run(capsys, "--db", str(readonly / "x.sqlite3"), "export", "plans")
        assert code == 3 and "数据库目录不可写" in err
    finally:
        readonly.chmod(0o755)
    fake = tmp_path / "fake.sqlite3"
    fake.write_bytes(b"PK\x03\x04 not a database at all")
    before = file_digest(fake)
    code, _, err = run(capsys, "--db", str(fake), "export", "plans")
    assert code == 3 and "不是 SQLite 数据库" in err
    assert file_digest(fake) == before
    connection = sqlite3.connect(made_db)
    connection.execute("UPDATE alembic_version SET version_num = '0042_from_the_future'")
    connection.commit()
    connection.close()
    before = file_digest(made_db)
    code, _, err = run(capsys, "--db", str(made_db), "export", "plans")
    assert code == 3 and "更新版本的 duban" in err and "0042_from_the_future" not in err
    assert file_digest(made_db) == before


def test_argument_errors_are_in_chinese(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "nonsense"])
    assert exit_info.value.code == 2
    assert "参数 kind 的值「nonsense」无效" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--as-of", "2023-02-30", "export", "plans"])
    assert "日期「2023-02-30」无效" in capsys.readouterr().err


def test_config_name_is_the_audit_actor(tmp_path, capsys, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[user]\nname = "督办办公室王主任"\n', encoding="utf-8")
    monkeypatch.setenv("DUBAN_CONFIG", str(config))
    path = tmp_path / "a.sqlite3"
    assert run(capsys, "--db", str(path), "export", "plans")[0] == 0
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT actor FROM audit_event").fetchone() == ("督办办公室王主任",)
    connection.close()
    config.write_text('[user]\nname = "unterminated\n', encoding="utf-8")
    code, _, err = run(capsys, "--db", str(path), "export", "plans")
    assert code == 2 and f"配置文件格式错误：{config} 第 2 行" in err


def test_console_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--help"], capture_output=True, text=True, check=True
    )
    assert "用法：" in result.stdout and "export" in result.stdout


def test_group_members_are_edited_with_an_audit_event(capsys, made_db):
    db = ("--db", str(made_db), "--as-of", "2023-09-15")
    code, out, _ = run(capsys, *db, "group", "大气办有关成员单位")
    assert code == 0 and out.strip() == "大气办有关成员单位（2023-09-15，0 个成员）：无"
    code, out, err = run(
        capsys,
        *db,
        "group",
        "大气办有关成员单位",
        "--add",
        "工信局",
        "--add",
        "市场监督管理局",
        "--on",
        "2023-08-01",
        "--reason",
        "大气办2023年成员调整",
    )
    assert code == 0
    assert out.strip() == "大气办有关成员单位（2023-08-01，2 个成员）：工信局、市场监管局"
    assert "按别名解析为「市场监管局」" in err
    code, out, _ = run(capsys, *db, "group", "大气办有关成员单位", "--remove", "工信局")
    assert out.splitlines() == [
        "大气办有关成员单位（2023-09-15，1 个成员）：市场监管局",
        "已退出：工信局（2023-08-01 至 2023-09-14）",
    ]
    connection = sqlite3.connect(made_db)
    rows = connection.execute(
        "SELECT action, entity_id, before_json, after_json, reason FROM audit_event WHERE id > 1"
    ).fetchall()
    connection.close()

    def spell(member: str, valid_to: str | None) -> dict[str, str | None]:
        return {"member": member, "valid_from": "2023-08-01", "valid_to": valid_to}

    both = [spell("工信局", None), spell("市场监管局", None)]
    assert [(a, e, json.loads(b), json.loads(f), r) for a, e, b, f, r in rows] == [
        (
            "group.members",
            "大气办有关成员单位",
            {"members": [], "spells": []},
            {"members": ["工信局", "市场监管局"], "spells": both},
            "大气办2023年成员调整",
        ),
        (
            "group.members",
            "大气办有关成员单位",
            {"members": ["工信局", "市场监管局"], "spells": both},
            {
                "members": ["市场监管局"],
                "spells": [spell("工信局", "2023-09-14"), spell("市场监管局", None)],
            },
            None,
        ),
    ]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("发改局", "--add", "工信局"), "单位「发改局」不是单位组"),
        (("大气办有关成员单位", "--add", "宣传部"), "未知单位「宣传部」"),
        (("大气办有关成员单位", "--add", "各乡镇"), "不能是另一个单位组"),
        (("大气办有关成员单位", "--remove", "工信局"), "不是单位组「大气办有关成员单位」的成员"),
        (("各乡镇", "--add", "蒲城镇"), "已经是单位组「各乡镇」的成员"),
        (
            ("大气办成员", "--add", "工信局"),
            "未知单位「大气办成员」。相近的单位有：大气办有关成员单位",
        ),
    ],
)
def test_bad_group_edits_change_nothing(capsys, made_db, argv, expected):
    before = file_digest(made_db)
    code, _, err = run(capsys, "--db", str(made_db), "group", *argv)
    assert code == 2 and expected in err, err
    assert file_digest(made_db) == before
