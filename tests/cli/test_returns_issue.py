"""`duban returns issue` (#14): one 报送表 per unit that owes one, from the demo database,
and every refusal with nothing written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from model.core import returns_sheet as contract
from model.core.periods import Period, ReportingRules
from model.core.strings import PLAN_SHORT_NAMES, ROLE_NAMES
from model.status.returns import owed_returns
from model.store.reader import open_read_only
from tests.conftest import run_cli, sqlite_file

OCTOBER = Period(2023, 10)
AS_OF = ("--as-of", "2023-11-01")


@pytest.fixture
def demo_path(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("demo")
    path = tmp_path / "demo.sqlite3"  # not in the tmp_path the files go to
    shutil.copy(demo_template, path)
    return path


def issue(capsys, demo_path: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "returns", "issue", "--db", str(demo_path), *AS_OF, *args)


def owed(demo_path: Path):
    database = open_read_only(demo_path)
    assert database is not None
    with database, database.read() as reader:
        return owed_returns(reader, OCTOBER, ReportingRules())


def returns_key(demo_path: Path) -> bytes:
    with sqlite_file(demo_path) as connection:
        (text,) = connection.execute("SELECT returns_key FROM database_identity").fetchone()
    return bytes.fromhex(text)


def test_the_demo_october_issue_writes_one_workbook_per_unit_that_owes_one(
    capsys, demo_path, tmp_path
):
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, err = issue(capsys, demo_path, "--period", "2023-10", "-o", str(out))
    assert code == 0, err
    expected = owed(demo_path)
    assert len(expected) > 10
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"报送表_2023-10_{o.unit}.xlsx" for o in expected)
    lines = stdout.splitlines()
    assert len(lines) == len(expected) + 1
    assert lines[0].startswith(f"{expected[0].unit}：{len(expected[0].tasks)} 项任务 → ")
    tasks = sum(len(o.tasks) for o in expected)
    assert f"{len(expected)} 个单位、{tasks} 项任务、截止 2023年11月10日" in lines[-1]
    key = returns_key(demo_path)
    for item in expected:
        book = openpyxl.load_workbook(out / f"报送表_2023-10_{item.unit}.xlsx")
        sheet = book[contract.SHEET]
        meta = {
            name: value
            for name, value in book[contract.META_SHEET].iter_rows(max_col=2, values_only=True)
        }
        assert book[contract.META_SHEET].sheet_state == "veryHidden"
        assert meta["unit"] == item.unit and meta["unit_id"] == str(item.unit_id)
        assert meta["period"] == "2023-10" and meta["issued_on"] == "2023-11-01"
        assert meta["due_on"] == "2023-11-10"
        ids = contract.parse_task_ids(meta["task_ids"])
        assert ids == tuple(t.task_id for t in item.tasks)
        rows = list(
            sheet.iter_rows(
                min_row=contract.FIRST_ROW,
                max_row=contract.FIRST_ROW + len(ids) - 1,
                max_col=len(contract.COLUMNS),
                values_only=True,
            )
        )
        assert sheet.max_row == contract.FIRST_ROW + len(ids) - 1
        for number, (row, owed_task) in enumerate(zip(rows, item.tasks, strict=True), start=1):
            assert row[:5] == (
                number,
                PLAN_SHORT_NAMES[owed_task.plan_key],
                owed_task.number,
                owed_task.title,
                ROLE_NAMES[owed_task.role],
            )
            assert row[len(contract.LOCKED) :] == (None,) * len(contract.INPUTS)
        identity = contract.ReturnIdentity(
            database=meta["database"],
            unit_id=item.unit_id,
            unit=item.unit,
            period="2023-10",
            issued_on="2023-11-01",
            due_on="2023-11-10",
            task_ids=ids,
        )
        assert contract.digest_matches(key, identity, contract.locked_texts(rows), meta["digest"])
        assert sheet.protection.sheet
        assert {cell.protection.locked for row in sheet.iter_rows() for cell in row[:7]} == {True}
        inputs = sheet.iter_rows(min_row=contract.FIRST_ROW, min_col=8, max_col=13)
        assert {cell.protection.locked for row in inputs for cell in row} == {False}
        assert len(sheet.data_validations.dataValidation) == len(contract.INPUTS)


def test_one_unit_by_its_alias_or_pinyin(capsys, demo_path, tmp_path):
    code, stdout, err = issue(
        capsys, demo_path, "--period", "2023-10", "--unit", "zjj", "-o", str(tmp_path)
    )
    assert code == 0, err
    assert [p.name for p in tmp_path.glob("*.xlsx")] == ["报送表_2023-10_住建局.xlsx"]
    assert "1 个单位" in stdout
    assert "住建局" in err  # how the name was found


@pytest.mark.parametrize("unit", ["应急管理局", "各乡镇"])
def test_a_unit_that_owes_no_return_is_told_so_and_nothing_is_written(
    capsys, demo_path, tmp_path, unit
):
    assert unit not in {o.unit for o in owed(demo_path)}
    code, stdout, err = issue(
        capsys, demo_path, "--period", "2023-10", "--unit", unit, "-o", str(tmp_path)
    )
    assert code == 2
    assert f"{unit}在2023年10月没有需要报送的任务" in err and "牵头单位、责任单位" in err
    assert stdout == "" and list(tmp_path.glob("*.xlsx")) == []


def test_an_unknown_unit_is_refused(capsys, demo_path, tmp_path):
    code, _, err = issue(
        capsys, demo_path, "--period", "2023-10", "--unit", "没有这个局", "-o", str(tmp_path)
    )
    assert code == 2 and "没有这个局" in err
    assert list(tmp_path.glob("*.xlsx")) == []


def test_an_existing_file_without_force_refuses_them_all(capsys, demo_path, tmp_path):
    names = sorted(f"报送表_2023-10_{o.unit}.xlsx" for o in owed(demo_path))
    existing = tmp_path / names[-1]
    existing.write_bytes(b"the office's own copy")
    code, stdout, err = issue(capsys, demo_path, "--period", "2023-10", "-o", str(tmp_path))
    assert code == 2 and "已存在" in err and "--force" in err
    assert stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == [existing.name]  # nothing else written
    assert existing.read_bytes() == b"the office's own copy"
    code, _, err = issue(capsys, demo_path, "--period", "2023-10", "-o", str(tmp_path), "--force")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert existing.read_bytes().startswith(b"PK")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_the_way_is_refused_even_with_force(capsys, demo_path, tmp_path):
    os.mkfifo(tmp_path / "报送表_2023-10_住建局.xlsx")
    code, _, err = issue(capsys, demo_path, "--period", "2023-10", "-o", str(tmp_path), "--force")
    assert code == 2 and "不是普通文件" in err
    assert list(tmp_path.glob("*.xlsx")) == [tmp_path / "报送表_2023-10_住建局.xlsx"]


@pytest.mark.parametrize("period", ["2023-13", "2023/10", "十月", "1999-12"])
def test_a_bad_period_is_refused(capsys, demo_path, tmp_path, period):
    code, stdout, err = issue(capsys, demo_path, "--period", period, "-o", str(tmp_path))
    assert code == 2 and "报送期" in err and "Traceback" not in err
    assert stdout == "" and list(tmp_path.iterdir()) == []


def test_the_period_is_required_and_collect_options_are_refused(capsys, demo_path, tmp_path):
    code, _, err = issue(capsys, demo_path, "-o", str(tmp_path))
    assert code == 2 and "--period" in err
    code, _, err = issue(capsys, demo_path, "--period", "2023-10", "--dry-run")
    assert code == 2 and "--dry-run" in err
    assert list(tmp_path.iterdir()) == []


def test_a_period_nobody_owes_is_said(capsys, demo_path, tmp_path):
    code, _, err = issue(capsys, demo_path, "--period", "2024-03", "-o", str(tmp_path))
    assert code == 2 and "2024年3月没有需要报送的单位" in err


def test_the_output_folder_is_made_but_not_its_missing_parent(capsys, demo_path, tmp_path):
    code, _, err = issue(
        capsys, demo_path, "--period", "2023-10", "--unit", "住建局", "-o", str(tmp_path / "新")
    )
    assert code == 0, err
    assert (tmp_path / "新" / "报送表_2023-10_住建局.xlsx").is_file()
    code, _, err = issue(
        capsys, demo_path, "--period", "2023-10", "-o", str(tmp_path / "无" / "新")
    )
    assert code == 2 and "不存在" in err
    assert not (tmp_path / "无").exists()
    a_file = tmp_path / "a.txt"
    a_file.write_text("x")
    code, _, err = issue(capsys, demo_path, "--period", "2023-10", "-o", str(a_file))
    assert code == 2 and "不是文件夹" in err


def test_by_default_into_the_export_folder(capsys, demo_path, tmp_path, monkeypatch):
    exports = tmp_path / "导出"
    exports.mkdir()
    config = Path(os.environ["DUBAN_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[export]\nfolder = "{exports.as_posix()}"\n', encoding="utf-8")
    code, stdout, err = issue(capsys, demo_path, "--period", "2023-10", "--unit", "住建局")
    assert code == 0, err
    assert (exports / "报送表 2023-10" / "报送表_2023-10_住建局.xlsx").is_file()
    assert str(exports / "报送表 2023-10") in stdout
