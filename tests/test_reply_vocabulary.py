"""A notice's reply state reads the same everywhere: `duban status`, the 督办 tab, the unit
check and every report format. The expected words are written out here by hand, not
computed with the model's function, so a surface that words a state its own way fails."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from textual.widgets import DataTable, Static

from model.demo.generator import DEMO_AS_OF
from tests.conftest import run_cli
from tests.tui.conftest import settle
from tui.app import DubanApp

# As of 2023-12-05 the demo year has a notice in each of the four states.
LATER = "2023-12-05"
AT_LATER = {
    "督办〔2023〕1号": ("克城镇", "逾期未答复"),
    "督办〔2023〕2号": ("古县乡", "逾期答复（2023-11-14）"),
    "督办〔2023〕3号": ("太林乡", "已答复（2023-11-12）"),
    "督办〔2023〕5号": ("古县乡", "未答复"),
}
# The bulletin lists the notices issued in its month: 1–4 as of 11-15, 5–8 as of 12-05.
IN_BULLETIN = {
    DEMO_AS_OF.isoformat(): {
        "督办〔2023〕1号": "逾期未答复",
        "督办〔2023〕2号": "逾期答复（2023-11-14）",
        "督办〔2023〕3号": "已答复（2023-11-12）",
        "督办〔2023〕4号": "逾期未答复",
    },
    LATER: {"督办〔2023〕5号": "未答复", "督办〔2023〕6号": "未答复"},
}


@pytest.fixture
def demo_path(demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


@pytest.mark.parametrize("number", list(AT_LATER))
def test_duban_status(capsys, demo_path, number):
    unit, words = AT_LATER[number]
    code, out, _ = run_cli(capsys, "status", unit, "--as-of", LATER, "--db", str(demo_path))
    assert code == 0
    [line] = [line for line in out.splitlines() if line.startswith(number)]
    assert line.endswith(f"  {words}")


async def test_notices_tab_and_unit_check(demo_db):
    app = DubanApp(demo_db, as_of=dt.date.fromisoformat(LATER), actor="测试员")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        table = app.query_one("#notice-table", DataTable)
        for number, (_, words) in AT_LATER.items():
            assert str(table.get_row(number)[5]) == words
        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"gxx", "enter")  # 古县乡 by its pinyin initials
        await settle(pilot)
        line = str(app.query_one("#unit-notices", Static).render())
        assert "督办〔2023〕2号" in line and "逾期答复（2023-11-14）" in line
        assert "督办〔2023〕5号" in line and line.endswith("未答复")


def _bulletin_cells(path, fmt) -> list[list[str]]:
    if fmt == "md":
        return [
            [cell.strip() for cell in line.strip("|").split("|")]
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("|")
        ]
    if fmt == "csv":
        return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    if fmt == "xlsx":
        book = load_workbook(path)
        return [
            ["" if v is None else str(v) for v in row]
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        ]
    document = WordDocument(str(path))
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


# Not csv: a csv file is one table, and the bulletin's is its figures per plan.
@pytest.mark.parametrize("fmt", ["md", "xlsx", "docx"])
@pytest.mark.parametrize("as_of", list(IN_BULLETIN))
def test_monthly_bulletin(capsys, demo_path, tmp_path, fmt, as_of):
    out = tmp_path / f"bulletin.{fmt}"
    argv = ["export", "bulletin", "--format", fmt, "--as-of", as_of]
    code, _, err = run_cli(capsys, *argv, "--db", str(demo_path), "-o", str(out), "--unsigned")
    assert code == 0, err
    wanted = IN_BULLETIN[as_of]
    rows = {row[0]: row for row in _bulletin_cells(out, fmt) if row and row[0] in wanted}
    for number, words in wanted.items():
        assert rows[number][-1] == words, (number, rows.get(number))
