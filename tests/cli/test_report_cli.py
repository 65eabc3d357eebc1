"""`duban report UNIT TASK …`: one progress report through the report form's service and
checks; every bad input exits 2 with nothing written."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import file_digest, run_cli

run = run_cli
AS_OF = ("--as-of", "2023-11-15")
UNIT = "市生态环境局蒲县分局"  # lead unit of 空气 3


def reports(office: tuple[str, ...]) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(office[1])) as connection:
        return connection.execute(
            "SELECT u.name, p.key, t.number, r.reported_on, r.status, r.percent, r.note,"
            " r.problems, r.next_steps, (SELECT count(*) FROM evidence e WHERE e.report_id = r.id)"
            " FROM progress_report r JOIN unit u ON u.id = r.unit_id"
            " JOIN task t ON t.id = r.task_id JOIN plan p ON p.id = t.plan_id ORDER BY r.id"
        ).fetchall()


def test_a_report_in_chinese_words_with_evidence(capsys, office, tmp_path):
    photo, ledger = tmp_path / "照片.jpg", tmp_path / "台账.pdf"
    photo.write_bytes(b"jpg")
    ledger.write_bytes(b"pdf")
    code, out, err = run(
        capsys,
        *office,
        *AS_OF,
        "report",
        "环保局",
        "空气",
        "3",
        "--status",
        "推进中",
        "--percent",
        "60",
        "--note",
        "已完成排查",
        "--problems",
        "资金缺口",
        "--next-steps",
        "按月调度",
        "--evidence",
        str(photo),
        str(ledger),
    )
    assert code == 0
    assert "单位「环保局」按别名解析为「市生态环境局蒲县分局」" in err
    assert out == (
        "已登记市生态环境局蒲县分局对空气 第 3 项任务的进展报送："
        "2023-11-15 推进中 60%（佐证材料 2 份）\n"
    )
    assert reports(office) == [
        (UNIT, "air", 3, "2023-11-15", "in_progress", 60, "已完成排查", "资金缺口", "按月调度", 2)
    ]
    assert run(capsys, *office, "audit", "verify")[0] == 0


@pytest.mark.parametrize(
    ("task", "status", "date"),
    [
        (["kq3"], "done", "2023-11-14"),
        (["空气第3项"], "已完成", "2023-11-15"),
        (["air:3"], " 已完成 ", None),
    ],
)
def test_the_ways_a_task_status_and_date_are_typed(capsys, office, task, status, date):
    extra = [] if date is None else ["--date", date]
    code, out, _ = run(
        capsys,
        *office,
        *AS_OF,
        "report",
        UNIT,
        *task,
        "--status",
        status,
        "--percent",
        "100",
        *extra,
    )
    assert code == 0 and "已完成 100%" in out
    assert reports(office)[0][3] == (date or "2023-11-15")


def test_the_date_is_the_as_of_date_at_most(capsys, office):
    base = ("report", UNIT, "kq3", "--status", "推进中", "--percent", "10")
    assert run(capsys, *office, *AS_OF, *base, "--date", "2023-11-15")[0] == 0
    code, out, err = run(capsys, *office, *AS_OF, *base, "--date", "2023-11-16")
    assert code == 2 and out == ""
    assert "报送日期「2023-11-16」晚于截至日期 2023-11-15。" in err
    assert len(reports(office)) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["没有这个局", "kq3", "--status", "推进中", "--percent", "1"], "没有这个局"),
        (
            [UNIT, "kq999", "--status", "推进中", "--percent", "1"],
            "没有任务「空气 第 999 项任务」。",
        ),
        ([UNIT, "xyz", "--status", "推进中", "--percent", "1"], "无法识别任务「xyz」"),
        (
            ["住建局", "kq3", "--status", "推进中", "--percent", "1"],
            "单位「住建局」不承担 空气 第 3 项任务。",
        ),
        (
            [UNIT, "kq3", "--status", "推进中", "--percent", "101"],
            "进度应为 0 到 100 之间的整数，收到「101」。",
        ),
        ([UNIT, "kq3", "--status", "推进中", "--percent", "-1"], "收到「-1」"),
        (
            [UNIT, "kq3", "--status", "推进中", "--percent", "六十"],
            "完成百分比「六十」应为 0 到 100 之间的整数",
        ),
        ([UNIT, "kq3", "--status", "已完成", "--percent", "99"], "状态为“已完成”时进度应为 100%。"),
        (
            [UNIT, "kq3", "--status", "完成", "--percent", "100"],
            "报送状态「完成」无效，应为 未开始、推进中、已完成、受阻 之一。",
        ),
        ([UNIT, "kq3", "--percent", "10"], "缺少必需的参数：--status"),
        (
            [UNIT, "kq3", "--status", "推进中", "--percent", "1", "--date", "2023-11-16"],
            "晚于截至日期 2023-11-15",
        ),
        (
            [UNIT, "kq3", "--status", "推进中", "--percent", "1", "--date", "1999-12-31"],
            "超出范围",
        ),
        (
            [UNIT, "kq3", "--status", "推进中", "--percent", "1", "--date", "2023-02-30"],
            "2023-02-30",
        ),
        (
            [UNIT, "kq3", "--status", "推进中", "--percent", "1", "--evidence", "MISSING"],
            "佐证材料文件不存在：",
        ),
        (
            [UNIT, "kq3", "--status", "推进中", "--percent", "1", "--evidence", "."],
            "佐证材料不是普通文件：",
        ),
        (
            [UNIT, "kq3", "--status", "推进中", "--percent", "1", "--note", "长" * 2001],
            "说明过长（2001字），最多2000字。",
        ),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(capsys, office, tmp_path, argv, message):
    os.chdir(tmp_path)
    before = file_digest(Path(office[1]))
    try:
        code, out, err = run(capsys, *office, *AS_OF, "report", *argv)
    except SystemExit as refused:  # argparse's own refusal of an argument
        code, (out, err) = int(refused.code or 0), capsys.readouterr()
    assert code == 2 and out == "" and message in err, err
    assert file_digest(Path(office[1])) == before


def test_a_unit_holds_a_task_on_the_day_of_its_report(capsys, office):
    # 克城镇 holds 空气 8 through 各乡镇: once it has left the group, not on later days.
    leave = ("group", "各乡镇", "--remove", "克城镇", "--on", "2023-10-01")
    assert run(capsys, *office, *AS_OF, *leave)[0] == 0
    base = ("report", "克城镇", "kq8", "--status", "推进中", "--percent", "10")
    assert run(capsys, *office, *AS_OF, *base, "--date", "2023-09-30")[0] == 0
    code, _, err = run(capsys, *office, *AS_OF, *base, "--date", "2023-10-01")
    assert code == 2 and "单位「克城镇」不承担 空气 第 8 项任务。" in err
    assert len(reports(office)) == 1
