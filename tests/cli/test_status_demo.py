"""`duban status` (the unit check without the app) and `duban demo`."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from tests.conftest import file_digest, run_cli

run = run_cli


@pytest.fixture
def demo_path(demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


def test_status_json(capsys, demo_path):
    code, out, err = run(
        capsys,
        "status",
        "住建局",
        "--db",
        str(demo_path),
        "--as-of",
        "2023-11-15",
        "--format",
        "json",
    )
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["unit", "kind", "as_of", "members", "counts", "tasks", "notices"]
    assert (data["unit"], data["as_of"]) == ("住建局", "2023-11-15")
    first = data["tasks"][0]
    assert set(first) >= {
        "plan",
        "number",
        "title",
        "role",
        "status",
        "light",
        "next_due",
        "last_report_on",
    }
    assert (first["plan"], first["number"], first["role"]) == ("air", 5, "lead")
    assert {t["role"] for t in data["tasks"]} == {"lead", "support", "responsible"}
    assert sum(data["counts"].values()) == len(data["tasks"]) == 21


def test_status_of_a_township_carries_the_groups_role(capsys, demo_path):
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
    data = json.loads(out)
    air8 = next(t for t in data["tasks"] if (t["plan"], t["number"]) == ("air", 8))
    assert (air8["role"], air8["via_group"]) == ("responsible", "各乡镇")
    assert data["counts"]["red"] == 2
    assert data["notices"][0]["number"] == "督办〔2023〕1号"
    assert data["notices"][0]["overdue"] is True
    assert data["notices"][0]["reply_state"] == "overdue"


def test_status_table_is_aligned_chinese_text(capsys, demo_path):
    code, out, _ = run(capsys, "status", "各乡镇", "--db", str(demo_path), "--as-of", "2023-11-15")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "各乡镇（单位组）· 截至 2023-11-15"
    assert lines[1].startswith("成员：蒲城镇、克城镇")
    header = next(line for line in lines if line.startswith("计划"))
    assert header.split() == ["计划", "序号", "任务", "角色", "状态", "灯", "下一节点", "最近报送"]


def test_status_by_pinyin_says_what_it_matched(capsys, demo_path):
    code, out, err = run(capsys, "status", "zjj", "--db", str(demo_path), "--as-of", "2023-11-15")
    assert code == 0
    assert "提示：「zjj」匹配到单位「住建局」。" in err
    assert out.startswith("住建局（部门）")


def test_unknown_unit_suggests_and_fails(capsys, demo_path):
    before = file_digest(demo_path)
    code, out, err = run(capsys, "status", "住房局", "--db", str(demo_path))
    assert code == 2 and out == ""
    assert "未知单位「住房局」" in err and "住建局" in err
    assert file_digest(demo_path) == before


def test_demo_builds_a_separate_database_and_opens_it(capsys, tmp_path, monkeypatch, opened):
    seen = opened
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    code, _, err = run(capsys, "demo")
    assert code == 0
    assert seen["path"] == tmp_path / "xdg" / "duban" / "duban-demo.sqlite3"
    assert str(seen["as_of"]) == "2023-11-15"
    # Said inside the app, not on stderr behind it.
    assert err == ""
    assert seen["notice"].splitlines() == [
        f"已创建并初始化数据库：{seen['path']}（导入 4 个计划、68 项任务）",
        f"演示数据库已生成：{seen['path']}（合成数据截至 2023-11-15）",
    ]
    connection = sqlite3.connect(seen["path"])
    actions = {row[0] for row in connection.execute("SELECT DISTINCT action FROM audit_event")}
    reports = connection.execute("SELECT count(*) FROM progress_report").fetchone()[0]
    connection.close()
    assert {
        "seed.import",
        "report.create",
        "closure.close",
        "notice.issue",
        "demo.generate",
    } <= actions
    assert reports > 1000
    assert not (tmp_path / "xdg" / "duban" / "duban.sqlite3").exists()
    before = file_digest(seen["path"])
    assert run(capsys, "demo")[0] == 0  # an existing demo database is opened, not regenerated
    assert file_digest(seen["path"]) == before
    assert seen["notice"] is None and str(seen["as_of"]) == "2023-11-15"


def test_demo_refuses_a_database_with_real_work(capsys, tmp_path, opened):
    real = tmp_path / "office.sqlite3"
    assert run(capsys, "--db", str(real), "group", "大气办有关成员单位", "--add", "工信局")[0] == 0
    before = file_digest(real)
    code, _, err = run(capsys, "demo", "--db", str(real))
    assert code == 2 and "已有非演示数据" in err
    assert file_digest(real) == before


def test_demo_is_deterministic(demo_template, tmp_path, context):
    from model.demo.generator import generate_demo
    from seed.bootstrap import open_seeded

    database, _ = open_seeded(tmp_path / "again.sqlite3", context)
    with database, database.write() as session:
        generate_demo(session)
    query = "SELECT task_id, unit_id, reported_on, status, percent, note FROM progress_report"
    a = sqlite3.connect(demo_template).execute(query).fetchall()
    b = sqlite3.connect(tmp_path / "again.sqlite3").execute(query).fetchall()
    assert a == b


@pytest.mark.parametrize(
    ("unit", "as_of", "state"),
    [
        ("山中乡", "2023-11-10", "未答复"),
        ("太林乡", "2023-11-15", "已答复（2023-11-12）"),
        ("克城镇", "2023-11-15", "逾期未答复"),
        ("古县乡", "2023-11-15", "逾期答复（2023-11-14）"),
    ],
)
def test_status_table_states_replies_in_the_products_words(capsys, demo_path, unit, as_of, state):
    """The reply states of model.status.notices, as in the dashboard and the reports."""
    code, out, _ = run(capsys, "status", unit, "--db", str(demo_path), "--as-of", as_of)
    assert code == 0
    lines = out.splitlines()
    notice = lines[lines.index("督办单（1）") + 1 :]
    assert len(notice) == 1 and notice[0].startswith("督办〔2023〕")
    assert notice[0].endswith(f"  督办  下发 2023-11-06  答复期限 2023-11-13  {state}")
