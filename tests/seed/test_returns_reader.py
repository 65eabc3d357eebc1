"""Reading a returned sheet (报送表) filled in as a unit would (#14): every problem, with
its row and column heading, or the rows to record."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from model.core import strings as model_strings
from model.core.errors import InputError
from model.core.periods import Period
from model.core.returns_sheet import FIRST_ROW, META_SHEET, SHEET, cell_text, locked_texts
from model.work.progress import NOTE_LIMIT
from model.work.returns import ReturnRefused
from seed import returns_reader, strings
from seed.input_files import zip_sizes
from seed.returns_reader import read_return
from tests.seed.returns_workbooks import INPUT_COLUMN, edit, fill, filled, issue

OCTOBER = Period(2023, 10)
RECEIVED = dt.date(2023, 11, 6)


def problems(database, path, received_on=RECEIVED) -> tuple[str, ...]:
    with database.read() as session, pytest.raises(ReturnRefused) as refused:
        read_return(session, path, received_on)
    return refused.value.problems


def test_a_filled_sheet_reads_back_every_row(seeded, tmp_path):
    path, item = filled(
        seeded,
        tmp_path,
        "住建局",
        OCTOBER,
        [
            {"status": "已完成", "percent": 100},
            {"status": "未开始", "percent": 0, "note": None, "evidence": None},
            {"percent": "45%"},
        ],
    )
    with seeded.read() as session:
        sheet = read_return(session, path, RECEIVED)
    assert sheet.identity.unit == "住建局" and sheet.period == OCTOBER
    assert [r.task_id for r in sheet.rows] == [t.task_id for t in item.tasks]
    first, second, third = sheet.rows[:3]
    assert (first.status, first.percent, first.row) == ("done", 100, FIRST_ROW)
    assert first.problems == "资金尚未到位。" and first.next_steps == "11月底前完成招标。"
    assert first.evidence == ("整改方案.pdf", "现场照片.zip")
    assert (second.status, second.note, second.evidence) == ("not_started", "", ())
    assert third.percent == 45
    assert sheet.summary() == (
        f"住建局，2023年10月，{len(item.tasks)} 项："
        f"未开始 1 项、推进中 {len(item.tasks) - 2} 项、已完成 1 项"
    )


def test_every_bad_cell_is_listed_with_its_row_and_heading(seeded, tmp_path):
    path, _ = filled(
        seeded,
        tmp_path,
        "住建局",
        OCTOBER,
        [
            {"percent": 120},
            {"status": "已完成", "percent": 80},
            {"note": None},
            {"status": "进行中"},
            {"percent": None, "status": None},
            {"percent": 60.5},
            {"percent": "六十"},
            {"problems": "很" * 2001},
            {"note": "=A1"},
        ],
    )
    found = problems(seeded, path)
    assert found == (
        "第 7 行「完成百分比」：应为 0 到 100 之间的整数，填的是「120」",
        "第 8 行「完成百分比」：状态为“已完成”时应为 100，填的是「80」",
        "第 9 行「进展情况」：状态不是“未开始”时必须填写",
        "第 10 行「状态」：「进行中」不是可选的状态，应为 未开始、推进中、已完成、受阻 之一",
        "第 11 行「状态」：必须填写",
        "第 11 行「完成百分比」：必须填写",
        "第 12 行「完成百分比」：应为 0 到 100 之间的整数，填的是「60.5」",
        "第 13 行「完成百分比」：应为 0 到 100 之间的整数，填的是「六十」",
        "第 14 行「存在问题」：过长（2001 字），最多 2000 字",
        "第 15 行「进展情况」：是公式，请直接填写内容",
    )


def test_a_percentage_typed_into_a_percent_cell_is_read_as_the_unit_meant(seeded, tmp_path):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER, [{"percent": 0.6}])
    book = openpyxl.load_workbook(path)
    book[SHEET].cell(FIRST_ROW, INPUT_COLUMN["percent"]).number_format = "0%"
    book.save(path)
    with seeded.read() as session:
        assert read_return(session, path, RECEIVED).rows[0].percent == 60


def test_a_boundary_percent_is_accepted_and_one_past_it_refused(seeded, tmp_path):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER, [{"percent": 0}, {"percent": 100}])
    with seeded.read() as session:
        assert [r.percent for r in read_return(session, path, RECEIVED).rows[:2]] == [0, 100]
    fill(path, [{"percent": -1}, {"percent": 101}], count=2)
    assert [p.split("：")[0] for p in problems(seeded, path)] == [
        "第 7 行「完成百分比」",
        "第 8 行「完成百分比」",
    ]


def test_an_edited_locked_cell_breaks_the_digest(seeded, tmp_path):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    edit(path, SHEET, FIRST_ROW + 1, 4, "另一项任务")
    assert problems(seeded, path) == (
        "报送表中锁定的内容（单位、报送期、任务及其顺序）与下发时不一致：锁定单元格被改动、"
        "行被移动，或这份表不是下发给该单位、该报送期的；请在下发的原表上填报",
    )


def test_rows_swapped_break_the_digest(seeded, tmp_path):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    for column in range(1, 14):
        a, b = sheet.cell(FIRST_ROW, column), sheet.cell(FIRST_ROW + 1, column)
        a.value, b.value = b.value, a.value
    book.save(path)
    assert any("锁定的内容" in p for p in problems(seeded, path))


@pytest.mark.parametrize(("key_row", "value"), [(5, "2023-09"), (3, "1"), (4, "克城镇")])
def test_a_sheet_passed_off_as_another_period_or_unit_is_refused(seeded, tmp_path, key_row, value):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    edit(path, META_SHEET, key_row, 2, value)
    assert any("锁定的内容" in p for p in problems(seeded, path))


def test_a_sheet_of_another_database_is_refused(seeded, tmp_path):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    edit(path, META_SHEET, 2, 2, "00000000-0000-0000-0000-000000000000")
    assert problems(seeded, path) == ("这份报送表不是本数据库下发的（来自另一个督办数据库）",)


def test_files_that_are_not_returns(seeded, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("不是工作簿", encoding="utf-8")
    assert problems(seeded, text) == ("不是 Excel 工作簿（.xlsx），或文件已损坏",)
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    assert problems(seeded, plain) == ("不是本系统下发的报送表（缺少报送表的识别信息）",)
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    edit(path, META_SHEET, 8, 2, "abc")
    assert problems(seeded, path)[0].startswith("报送表的识别信息（隐藏页）不完整或被改动")


def test_input_below_the_last_task_row_is_refused(seeded, tmp_path):
    path, item = filled(seeded, tmp_path, "住建局", OCTOBER)
    below = FIRST_ROW + len(item.tasks) + 1
    edit(path, SHEET, below, INPUT_COLUMN["note"], "另加的一项")
    assert problems(seeded, path) == (
        f"第 {below} 行：下发的任务行之后填写了内容；报送表只收下发的任务，请删去",
    )


def test_the_locked_text_the_reader_sees_is_the_text_the_writer_digested(seeded, tmp_path):
    path, item = issue(seeded, tmp_path, "住建局", OCTOBER)
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    read = [
        [cell_text(sheet.cell(FIRST_ROW + i, c).value) for c in range(1, 8)]
        for i in range(len(item.tasks))
    ]
    from exports.returns_workbook import locked_cells

    assert read == locked_texts(locked_cells(item))


def test_a_task_the_unit_no_longer_holds_on_the_day_received(seeded, tmp_path):
    from model.work.groups import edit_group_members

    path, _ = filled(seeded, tmp_path, "克城镇", OCTOBER)
    with seeded.write() as session:
        edit_group_members(
            session, "各乡镇", remove=["克城镇"], on=dt.date(2023, 11, 2), reason="区划调整"
        )
    found = problems(seeded, path)
    assert found and all("克城镇在 2023-11-06 已不承担" in p for p in found)
    assert found[0].startswith(f"第 {FIRST_ROW}")
    # The day before the change it still held them.
    with seeded.read() as session:
        assert read_return(session, path, dt.date(2023, 11, 1)).rows


def test_only_the_first_two_columns_and_hundred_rows_of_the_meta_sheet_are_read(seeded, tmp_path):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    edit(path, META_SHEET, 1, 3, "单位在旁边写的说明")
    edit(path, META_SHEET, 101, 1, "format")
    edit(path, META_SHEET, 101, 2, "另一种格式")
    with seeded.read() as session:
        assert read_return(session, path, RECEIVED).identity.unit == "住建局"
    edit(path, META_SHEET, 100, 1, "format")
    edit(path, META_SHEET, 100, 2, "另一种格式")
    assert problems(seeded, path) == (strings.RETURN_NOT_A_RETURN,)


@pytest.mark.parametrize("sheet", [META_SHEET, SHEET])
def test_a_return_missing_either_sheet_is_no_return(seeded, tmp_path, sheet):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    book = openpyxl.load_workbook(path)
    book[sheet].title = "Sheet1"
    book.save(path)
    assert problems(seeded, path) == (strings.RETURN_NOT_A_RETURN,)


@pytest.mark.parametrize(("count", "refused"), [(10_000, False), (10_001, True)])
def test_a_return_lists_at_most_ten_thousand_tasks(seeded, tmp_path, count, refused):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    book = openpyxl.load_workbook(path)
    meta = book[META_SHEET]
    row = next(r for r in range(1, 20) if meta.cell(r, 1).value == "task_ids")
    meta.cell(row, 2, ",".join(["1"] * count))  # a cell holds at most 32,767 characters
    book.save(path)
    found = problems(seeded, path)
    assert (found == (strings.RETURN_META_BROKEN,)) is refused


def test_a_formula_in_a_cell_is_said_once_and_nothing_else_about_that_cell(seeded, tmp_path):
    path, _ = filled(
        seeded,
        tmp_path,
        "住建局",
        OCTOBER,
        [{"status": "=B1"}, {"percent": "=1+1"}, {"evidence": "=C1", "problems": "=D1"}],
    )
    assert problems(seeded, path) == (
        f"第 {FIRST_ROW} 行「状态」：是公式，请直接填写内容",
        f"第 {FIRST_ROW + 1} 行「完成百分比」：是公式，请直接填写内容",
        f"第 {FIRST_ROW + 2} 行「存在问题」：是公式，请直接填写内容",
        f"第 {FIRST_ROW + 2} 行「佐证材料」：是公式，请直接填写内容",
    )


def test_evidence_names_are_split_on_either_list_mark(seeded, tmp_path):
    path, _ = filled(
        seeded, tmp_path, "住建局", OCTOBER, [{"evidence": "方案.pdf；照片.zip、 台账.xlsx ；"}]
    )
    with seeded.read() as session:
        row = read_return(session, path, RECEIVED).rows[0]
    assert row.evidence == ("方案.pdf", "照片.zip", "台账.xlsx")


def test_the_note_with_its_evidence_names_is_held_to_the_reports_limit(seeded, tmp_path):
    note = "进" * NOTE_LIMIT
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER, [{"note": note, "evidence": "a.pdf"}])
    length = len(f"{note}\n" + model_strings.RETURN_EVIDENCE_NOTE.format(names="a.pdf"))
    assert problems(seeded, path) == (
        f"第 {FIRST_ROW} 行「进展情况」：过长（{length} 字），最多 {NOTE_LIMIT} 字",
    )
    fill(path, [{"note": note, "evidence": ""}], count=1)
    with seeded.read() as session:
        assert read_return(session, path, RECEIVED).rows[0].note == note


def test_a_file_past_the_size_limit_is_refused_unread(seeded, tmp_path, monkeypatch):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    monkeypatch.setattr(returns_reader, "MAX_RETURN_BYTES", 2 * 1024 * 1024)
    path.write_bytes(path.read_bytes() + b"\0" * (2 * 1024 * 1024))
    with seeded.read() as session, pytest.raises(InputError) as caught:
        read_return(session, path, RECEIVED)
    assert str(caught.value) == strings.RETURN_TOO_LARGE.format(path=path, most=2)


def test_a_workbook_inflating_past_the_limit_is_refused_before_it_is_opened(
    seeded, tmp_path, monkeypatch
):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    inflated, _ = zip_sizes(path)
    monkeypatch.setattr(returns_reader, "MAX_RETURN_INFLATED_BYTES", inflated)
    with seeded.read() as session:
        assert read_return(session, path, RECEIVED).identity.unit == "住建局"
    monkeypatch.setattr(returns_reader, "MAX_RETURN_INFLATED_BYTES", 3 * 1024 * 1024 - 1)
    monkeypatch.setattr(returns_reader, "zip_sizes", lambda raw: (3 * 1024 * 1024, 0))
    assert problems(seeded, path) == (strings.RETURN_INFLATES.format(most=2),)


@pytest.mark.parametrize(
    ("typed", "read"),
    [("60％", 60), ("60 %", 60), (" 60% ", 60), ("６０", None), ("60％％", None), (True, None)],
)
def test_each_way_of_typing_a_percent(seeded, tmp_path, typed, read):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER, [{"percent": typed}])
    if read is None:
        shown = "TRUE" if typed is True else typed
        assert problems(seeded, path) == (
            f"第 {FIRST_ROW} 行「完成百分比」：应为 0 到 100 之间的整数，填的是「{shown}」",
        )
    else:
        with seeded.read() as session:
            assert read_return(session, path, RECEIVED).rows[0].percent == read


@pytest.mark.parametrize(("after_last", "read"), [(1, True), (10_000, True), (10_001, False)])
def test_input_is_looked_for_in_ten_thousand_rows_below_the_last_task(
    seeded, tmp_path, after_last, read
):
    path, item = filled(seeded, tmp_path, "住建局", OCTOBER)
    row = FIRST_ROW + len(item.tasks) - 1 + after_last
    edit(path, SHEET, row, INPUT_COLUMN["status"], "已完成")
    if read:
        assert problems(seeded, path) == (
            f"第 {row} 行：下发的任务行之后填写了内容；报送表只收下发的任务，请删去",
        )
    else:
        with seeded.read() as session:
            assert len(read_return(session, path, RECEIVED).rows) == len(item.tasks)


def test_the_inflated_limit_is_said_in_whole_megabytes(seeded, tmp_path, monkeypatch):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    monkeypatch.setattr(returns_reader, "MAX_RETURN_INFLATED_BYTES", 1000 * 2**20)
    monkeypatch.setattr(returns_reader, "zip_sizes", lambda raw: (1001 * 2**20, 0))
    assert problems(seeded, path) == (strings.RETURN_INFLATES.format(most=1000),)
