"""`duban returns status | remind` on October 2023 (due 2023-11-10), returns put in directly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.returns_data import october_returns
from tui.cli.returns_status import render_status


@pytest.fixture
def october(seeded) -> str:
    october_returns(seeded.path)
    return str(seeded.path)


def test_status_lists_the_units_that_did_not_return_first(capsys, october):
    code, out, err = run_cli(capsys, "returns", "status", "--db", october, "--as-of", "2023-11-20")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "2023年10月报送表　截止 2023年11月10日（星期五）　应报 27 个单位：已报 2，迟报 2，未报 23"
    )
    assert lines[2].split() == ["单位", "状态", "收到日期", "迟报天数", "任务数", "联络人", "电话"]
    rows = [line.split() for line in lines[3:]]
    assert len(rows) == 27
    assert [row[1] for row in rows] == ["未报送"] * 23 + ["迟报"] * 2 + ["已报送"] * 2
    assert rows[0] == ["交警大队", "未报送", "—", "10", "2", "张敏", "13903570001"]
    assert ["克城镇", "迟报", "2023-11-13", "3", "24", "未登记", "—"] in rows
    # Columns aligned for Chinese widths: every 状态 starts in the same display column.
    from model.core.text_width import display_width

    starts = {
        display_width(line[: line.index(row[1])]) for line, row in zip(lines[3:], rows, strict=True)
    }
    assert len(starts) == 1


def test_status_before_the_due_date_is_waiting_not_missing(capsys, october):
    code, out, _ = run_cli(
        capsys, "returns", "status", "--db", october, "--as-of", "2023-11-10", "--period", "2023-10"
    )
    assert code == 0
    assert out.splitlines()[0].endswith("应报 27 个单位：已报 2，待报 25")
    assert "未报送" not in out and "待报送" in out


def test_status_defaults_to_last_month(capsys, october):
    _, out, _ = run_cli(capsys, "returns", "status", "--db", october, "--as-of", "2023-12-05")
    assert out.startswith("2023年11月报送表　截止 2023年12月11日（星期一）")  # the 10th: a Sunday


def test_status_as_json(capsys, october):
    code, out, _ = run_cli(
        capsys, "returns", "status", "--db", october, "--as-of", "2023-11-20", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["period"] == "2023-10" and data["due_on"] == "2023-11-10"
    assert data["counts"] == {"owed": 27, "missing": 23, "not_due": 0, "late": 2, "returned": 2}
    states = {unit["unit"]: unit["state"] for unit in data["units"]}
    assert states["住建局"] == "已报送" and states["林业局"] == "迟报"
    # No English state word reaches a value (the counts' keys are English, as JSON keys are).
    assert {unit["state"] for unit in data["units"]} == {"未报送", "迟报", "已报送"}


def test_status_of_one_unit(capsys, october):
    # A unit is named with --unit; a positional is a file and is refused.
    assert run_cli(capsys, "returns", "status", "zjj", "--db", october)[0] == 2
    code, out, err = run_cli(
        capsys, "returns", "status", "--unit", "zjj", "--db", october, "--as-of", "2023-11-20"
    )
    assert code == 0
    assert "住建局" in err  # how zjj was found
    assert out.splitlines()[0].endswith("应报 1 个单位：已报 1，迟报 0，未报 0")
    assert out.splitlines()[3].split()[:3] == ["住建局", "已报送", "2023-11-08"]


def test_a_unit_that_owes_no_return(capsys, october):
    code, out, _ = run_cli(
        capsys,
        "returns",
        "status",
        "--unit",
        "应急管理局",
        "--db",
        october,
        "--as-of",
        "2023-11-20",
    )
    assert code == 0
    assert out.splitlines()[0].endswith("应急管理局本期无需报送")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--period", "2023-13"], "报送期「2023-13」"),
        (["--period", "十月"], "格式不对"),
        (["--unit", "不存在的局"], "不存在的局"),
        (["a.xlsx"], "不接受文件参数"),
        (["--reason", "x"], "不接受参数 --reason"),
        (["-o", "out"], "不接受参数 -o/--output"),
    ],
)
def test_bad_input_is_said_with_exit_2(capsys, october, argv, said):
    for action in ("status", "remind"):
        code, out, err = run_cli(capsys, "returns", action, *argv, "--db", october)
        assert (code, out) == (2, "")
        assert said in err and "Traceback" not in err


def test_remind_names_missing_units_liaisons_and_the_office(capsys, october, tmp_path):
    Path(os.environ["DUBAN_CONFIG"]).write_text(
        '[office]\ncontact = "赵磊"\nphone = "0357-5522123"\n', encoding="utf-8"
    )
    code, out, err = run_cli(capsys, "returns", "remind", "--db", october, "--as-of", "2023-11-20")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "【催报】2023年10月报送表"
    assert "以下23个单位尚未报送，已逾期10天：" in lines[1]
    assert lines[2] == "1. 交警大队（联络人：张敏，电话：13903570001）"
    assert "公安局（联络人：李强）" in out and "交通运输局（未登记联络人）" in out
    assert "住建局" not in out and "克城镇" not in out
    assert lines[-3].startswith("联系人：赵磊，电话：0357-5522123")
    assert lines[-2].endswith("领导小组办公室")
    assert lines[-1] == "2023年11月20日"


def test_remind_before_the_due_date(capsys, october):
    _, out, _ = run_cli(capsys, "returns", "remind", "--db", october, "--as-of", "2023-11-06")
    assert out.startswith("【报送提醒】2023年10月报送表\n")
    assert "（还有4天）" in out and "请以上单位于2023年11月10日前报送。" in out


def test_remind_with_nothing_missing(capsys, october):
    code, out, _ = run_cli(
        capsys, "returns", "remind", "--unit", "住建局", "--db", october, "--as-of", "2023-11-20"
    )
    assert (code, out) == (0, "2023年10月报送表应报的1个单位均已报送，无需催报。\n")


def test_render_status_with_nobody_owing(seeded):
    import datetime as dt

    from model.core.periods import Period, ReportingRules
    from model.status.returns_view import returns_view

    with seeded.reader() as reader:
        view = returns_view(reader, ReportingRules(), dt.date(2023, 3, 20), Period(2023, 2))
    assert render_status(view) == "2023年2月报送表　截止 2023年3月10日（星期五）　无应报单位\n"
