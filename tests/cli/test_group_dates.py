"""`duban group … --on D`: listing the members of a day, dated edits, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import file_digest, run_cli

run = run_cli


def test_a_removal_takes_effect_from_its_day(capsys, office):
    code, out, err = run(
        capsys, *office, "--as-of", "2026-11-28", "group", "各乡镇", "--remove", "克城镇"
    )
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "各乡镇（2026-11-28，7 个成员）：蒲城镇、薛关镇、黑龙关镇、山中乡、古县乡、红道乡、太林乡",
        "已退出：克城镇（至 2026-11-27）",
    ]
    # The day before, 克城镇 was still a member; --on chooses the day over --as-of.
    code, out, _ = run(
        capsys, *office, "--as-of", "2026-11-28", "group", "各乡镇", "--on", "2026-11-27"
    )
    assert code == 0 and out.splitlines() == [
        "各乡镇（2026-11-27，8 个成员）：蒲城镇、克城镇、薛关镇、黑龙关镇、山中乡、古县乡、红道乡、太林乡"
    ]
    code, out, _ = run(
        capsys,
        *office,
        "group",
        "各乡镇",
        "--add",
        "克城镇",
        "--on",
        "2027-03-01",
        "--reason",
        "恢复",
    )
    assert code == 0
    code, out, _ = run(capsys, *office, "group", "各乡镇", "--on", "2027-01-01")
    assert out.splitlines()[1:] == [
        "已退出：克城镇（至 2026-11-27）",
        "2027-01-01 之后加入：克城镇（2027-03-01 起）",
    ]
    code, out, _ = run(capsys, *office, "group", "各乡镇", "--on", "2027-03-02")
    assert out.splitlines()[1:] == ["已退出：克城镇（至 2026-11-27）"]
    code, out, _ = run(
        capsys, *office, "group", "各乡镇", "--remove", "克城镇", "--on", "2027-06-01"
    )
    assert out.splitlines()[1:] == [
        "已退出：克城镇（至 2026-11-27）、克城镇（2027-03-01 至 2027-05-31）"
    ]


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "20261128", "明天"])
def test_an_impossible_date_is_refused_before_the_database_is_opened(capsys, office, value):
    path = Path(office[1])
    before = file_digest(path)
    with pytest.raises(SystemExit) as exit_:
        run(capsys, *office, "group", "各乡镇", "--remove", "克城镇", "--on", value)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and f"日期「{value}」无效" in err and "Traceback" not in err
    assert file_digest(path) == before


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("各乡镇", "--remove", "宣传部", "--on", "2026-11-28"), "未知单位「宣传部」"),
        (
            ("各乡镇", "--add", "克城镇", "--on", "2026-11-28"),
            "在 2026-11-28 已经是单位组「各乡镇」的成员",
        ),
        (("各乡镇", "--add", "克城镇", "--remove", "克城镇"), "既添加又移除"),
        (
            ("各乡镇", "--remove", "发改局", "--on", "2026-11-28"),
            "及以后都不是单位组「各乡镇」的成员",
        ),
    ],
)
def test_refusals_leave_the_database_as_it_was(capsys, office, argv, expected):
    path = Path(office[1])
    before = file_digest(path)
    code, out, err = run(capsys, *office, "group", *argv)
    assert code == 2 and expected in err, err
    assert out == "" and "Traceback" not in err and "Error" not in err
    assert file_digest(path) == before
