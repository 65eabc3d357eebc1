"""`duban unit UNIT`: a unit's card, and its liaison named, changed and cleared (audited);
bad input exits 2 with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import file_digest, run_cli

run = run_cli


def test_the_card_of_a_unit_and_of_a_group(capsys, office):
    code, out, err = run(capsys, *office, "--as-of", "2023-11-15", "unit", "kcz")
    assert code == 0 and "「kcz」匹配到单位「克城镇」" in err
    assert out.splitlines() == [
        "克城镇（乡镇）",
        "所属单位组（2023-11-15）：各乡镇",
        "联络人：未确定",
    ]
    code, out, _ = run(capsys, *office, "--as-of", "2023-11-15", "unit", "环保局")
    assert code == 0 and out.splitlines() == [
        "市生态环境局蒲县分局（部门）",
        "别名：生态环境局、环保局",
        "所属单位组（2023-11-15）：无",
        "联络人：未确定",
    ]
    code, out, _ = run(capsys, *office, "unit", "各乡镇", "--as-of", "2023-11-15")
    assert code == 0 and out.splitlines() == [
        "各乡镇（单位组）",
        "别名：各乡镇政府、各乡镇人民政府",
        "成员（2023-11-15，8 个）：蒲城镇、克城镇、薛关镇、黑龙关镇、山中乡、古县乡、红道乡、太林乡",
        "联络人：单位组不设联络人，由成员单位各自确定",
    ]


def test_the_groups_are_those_of_the_as_of_date(capsys, office):
    assert (
        run(capsys, *office, "group", "各乡镇", "--remove", "克城镇", "--on", "2023-10-01")[0] == 0
    )
    _, out, _ = run(capsys, *office, "unit", "克城镇", "--as-of", "2023-09-30")
    assert "所属单位组（2023-09-30）：各乡镇" in out.splitlines()
    _, out, _ = run(capsys, *office, "unit", "克城镇", "--as-of", "2023-10-01")
    assert "所属单位组（2023-10-01）：无" in out.splitlines()


def test_a_liaison_named_changed_and_cleared(capsys, office):
    code, out, err = run(
        capsys,
        *office,
        "unit",
        "住房和城乡建设局",
        "--liaison",
        " 王丽 ",
        "--phone",
        "0357-5521234",
        "--note",
        "环保股",
    )
    assert code == 0 and "即「住建局」" in err
    assert out.splitlines()[0] == "已确定住建局的联络人：王丽 0357-5521234（环保股）"
    assert "联络人：王丽 0357-5521234（环保股）" in out.splitlines()
    code, out, _ = run(capsys, *office, "unit", "住建局", "--note", "", "--reason", "调岗")
    assert code == 0 and out.splitlines()[0] == "已更改住建局的联络人：王丽 0357-5521234"
    code, out, _ = run(capsys, *office, "unit", "住建局", "--liaison", "王丽")
    assert code == 0 and out.splitlines()[0] == "住建局的联络人未改变：王丽 0357-5521234"
    code, out, _ = run(capsys, *office, "unit", "住建局", "--clear-liaison")
    assert code == 0 and out.splitlines()[0] == "已清除住建局的联络人（原为 王丽 0357-5521234）"
    _, out, _ = run(capsys, *office, "audit", "log", "--limit", "3")
    lines = out.splitlines()
    assert "清除联络人" in lines[1] and "更改联络人" in lines[2] and "调岗" in lines[2]
    assert "确定联络人" in lines[3] and "王丽 0357-5521234 环保股" in lines[3]
    assert run(capsys, *office, "audit", "verify")[0] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["住建局", "--liaison", "王丽", "--phone", "110"], "联系电话「110」不是电话号码"),
        (["住建局", "--liaison", "王丽"], "联系电话不能为空。"),
        (["住建局", "--phone", "0357-5521234"], "单位「住建局」还没有联络人"),
        (["住建局", "--liaison", "  ", "--phone", "0357-5521234"], "联络人姓名不能为空。"),
        (["住建局", "--liaison", "王" * 41, "--phone", "0357-5521234"], "联络人姓名过长"),
        (["各乡镇", "--liaison", "王丽", "--phone", "0357-5521234"], "是单位组，不能确定联络人"),
        (["没有这个局", "--liaison", "王丽", "--phone", "0357-5521234"], "没有这个局"),
        (["住建局", "--clear-liaison"], "单位「住建局」没有登记联络人，无需清除。"),
        (
            ["住建局", "--clear-liaison", "--liaison", "王丽"],
            "--clear-liaison 不能与 --liaison、--phone、--note 同时使用。",
        ),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(capsys, office, argv, message):
    before = file_digest(Path(office[1]))
    code, out, err = run(capsys, *office, "unit", *argv)
    assert code == 2 and out == "" and message in err
    assert file_digest(Path(office[1])) == before
