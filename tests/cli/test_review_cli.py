"""`duban review`: the year-end cycle from the command line, on the demo database."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import file_digest, run_cli


@pytest.fixture
def demo(demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


def review(capsys, db, *argv, as_of="2024-01-10"):
    return run_cli(capsys, "review", *argv, "--db", str(db), "--as-of", as_of)


def test_self_review_approve_reopen(capsys, demo):
    code, out, err = review(capsys, demo, "self", "zjj", "--item", "任务完成", "--points", "99")
    assert code == 0, err
    assert "提示：「zjj」匹配到单位「住建局」。" in err
    assert "已登记「住建局」2023 年度「任务完成」自评得分 99.00（2024-01-10）" in err
    assert out.startswith("住建局（部门）· 2023 年度年终考核 · 自评未完成（1/4 项）")
    code, out, err = review(
        capsys,
        demo,
        "set",
        "住建局",
        "--item",
        "进展报送",
        "--points",
        "-1",
        "--reason",
        "12月报送内容不实",
        "--by",
        "王主任",
    )
    assert code == 0, err
    assert "已复核「住建局」2023 年度「进展报送」：-1.00 分（系统计分 0.00）" in err
    (row,) = [line for line in out.splitlines() if line.startswith("进展报送")]
    assert row.split()[1:] == [
        "-10～0",
        "0.00",
        "—",
        "-1.00",
        "12月报送内容不实（王主任，2024-01-10）",
    ]
    assert "已复核" in out.splitlines()[0]

    code, out, err = review(capsys, demo, "approve", "--by", "李中煊", as_of="2024-01-12")
    assert code == 0, err
    assert "已审定 2023 年度考核结果（李中煊，2024-01-12）" in err
    assert out.startswith("2023 年度年终考核 · 截至 2023-12-31 · 已审定（李中煊，2024-01-12）")

    before = file_digest(demo)
    refusals = [
        (("self", "住建局", "--item", "加分", "--points", "1"), "已于 2024-01-12 由 李中煊 审定"),
        (("reopen", "--by", "王主任"), "review reopen 需要 --reason（理由）"),
        (("reopen", "--reason", " ", "--by", "王主任"), "重新复核的理由不能为空"),
        (("approve", "--by", "李中煊"), "不能重复审定"),
    ]
    for argv, message in refusals:
        code, out, err = review(capsys, demo, *argv, as_of="2024-01-13")
        assert (code, out) == (2, "") and message in err, err
    assert file_digest(demo) == before

    code, _, err = review(
        capsys, demo, "reopen", "--reason", "县长要求复查", "--by", "王主任", as_of="2024-01-13"
    )
    assert code == 0 and "已重新复核 2023 年度考核结果（王主任，2024-01-13）" in err
    code, out, _ = review(capsys, demo, "show", "住建局", "--format", "json", as_of="2024-01-13")
    data = json.loads(out)
    assert data["state"] == "reviewed" and data["approved"] is None
    assert data["reopened"] == {"by": "王主任", "on": "2024-01-13", "reason": "县长要求复查"}
    (unit,) = data["units"]
    assert (
        unit["items"][1] | {"name": "进展报送", "reviewed": -1.0, "reviewed_by": "王主任"}
        == (unit["items"][1])
    )


REFUSED = (
    (("self", "--item", "任务完成", "--points", "90"), "review self 需要单位"),
    (("self", "住建局", "--item", "任务完成", "--points", "101"), "应在 0 到 100 分之间"),
    (("self", "住建局", "--item", "总分", "--points", "1"), "考核项目「总分」不存在"),
    (("self", "住建局", "--item", "加分", "--points", "1", "--by", "王"), "不接受 --by"),
    (("set", "住建局", "--item", "加分", "--points", "1", "--by", "王"), "需要 --reason"),
    (
        ("set", "住建局", "--item", "加分", "--points", "1", "--reason", "好", "--by", " "),
        "复核人不能为空",
    ),
    (
        ("set", "各乡镇", "--item", "加分", "--points", "1", "--reason", "好", "--by", "王"),
        "单位组「各乡镇」不单独考核",
    ),
    (("approve", "--by", "李中煊"), "2023 年度尚未结束（审定日期 2023-12-20）"),
    (("show", "不存在的局"), "未知单位"),
)


def test_bad_input_is_refused_in_chinese_and_writes_nothing(capsys, demo):
    before = file_digest(demo)
    for argv, message in REFUSED:
        code, out, err = review(capsys, demo, *argv, as_of="2023-12-20")
        assert code == 2 and out == "" and message in err, err
        assert "Traceback" not in err and "review_" not in err
    with pytest.raises(SystemExit) as exit_:
        review(capsys, demo, "self", "住建局", "--item", "任务完成", "--points", "abc")
    assert exit_.value.code == 2
    assert "参数 --points：得分应为数字，收到「abc」" in capsys.readouterr().err
    assert file_digest(demo) == before
