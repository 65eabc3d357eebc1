"""The issued return (报送表) workbook against its contract (#14): what the writer puts
where, and that a reader with openpyxl gets back the very texts the keyed hash covers."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from exports.returns_workbook import (
    IssuedReturn,
    last_report_text,
    locked_cells,
    milestones_text,
    return_workbook,
)
from model.core import returns_sheet as contract
from model.core.periods import Period
from model.status.returns import Liaison, OwedReturn, ReturnTask
from model.store.returns_key import ReturnsKey

KEY = ReturnsKey("0f0e0d0c-0b0a-0908-0706-050403020100", bytes(range(32)))
OCTOBER = Period(2023, 10)


def task(task_id: int, **changes: object) -> ReturnTask:
    values: dict[str, object] = {
        "task_id": task_id,
        "plan_key": "air",
        "plan_year": 2023,
        "number": task_id,
        "title": f"任务{task_id}",
        "role": "lead",
        "milestones": (),
        "last_status": None,
        "last_percent": None,
        "last_report_on": None,
    }
    values.update(changes)
    return ReturnTask(**values)  # type: ignore[arg-type]


OWED = OwedReturn(
    unit_id=7,
    unit="住建局",
    period=OCTOBER,
    due_on=dt.date(2023, 11, 10),
    tasks=(
        task(
            3,
            title="=SUM(A1:A2) 不是公式",
            milestones=(dt.date(2023, 8, 31), dt.date(2023, 12, 31)),
            last_status="in_progress",
            last_percent=60,
            last_report_on=dt.date(2023, 9, 28),
        ),
        task(12, plan_key="groundwater", role="responsible", title="  前后有空格\r\n第二行\x07  "),
        task(40, plan_key="water", title="http://example.com/ 不是链接"),
    ),
)
ISSUED = IssuedReturn(OWED, Liaison("王芳", "0357-1234567", ""), dt.date(2023, 11, 1))


def open_book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def read_meta(book: openpyxl.Workbook) -> dict[str, str]:
    return {
        str(name): str(value)
        for name, value in book[contract.META_SHEET].iter_rows(max_col=2, values_only=True)
    }


def read_locked(book: openpyxl.Workbook, count: int) -> list[list[str]]:
    sheet = book[contract.SHEET]
    rows = sheet.iter_rows(
        min_row=contract.FIRST_ROW,
        max_row=contract.FIRST_ROW + count - 1,
        max_col=len(contract.LOCKED),
        values_only=True,
    )
    return contract.locked_texts(rows)


def identity_of(meta: dict[str, str]) -> contract.ReturnIdentity:
    return contract.ReturnIdentity(
        database=meta["database"],
        unit_id=int(meta["unit_id"]),
        unit=meta["unit"],
        period=meta["period"],
        issued_on=meta["issued_on"],
        due_on=meta["due_on"],
        task_ids=contract.parse_task_ids(meta["task_ids"]),
    )


def test_the_reader_gets_back_the_texts_the_writer_hashed():
    book = open_book(return_workbook(ISSUED, KEY))
    meta = read_meta(book)
    assert list(meta) == list(contract.META_KEYS)
    identity = identity_of(meta)
    assert identity.task_ids == (3, 12, 40)
    assert (identity.unit_id, identity.unit, identity.period) == (7, "住建局", "2023-10")
    assert (identity.issued_on, identity.due_on) == ("2023-11-01", "2023-11-10")
    assert identity.database == KEY.database
    read = read_locked(book, 3)
    assert read == contract.locked_texts(locked_cells(OWED))
    assert contract.digest_matches(KEY.key, identity, read, meta["digest"])
    # The key is the database's: another database's key does not vouch for the file.
    assert not contract.digest_matches(bytes(32), identity, read, meta["digest"])


def test_an_edited_locked_cell_a_moved_row_or_another_unit_no_longer_matches():
    book = open_book(return_workbook(ISSUED, KEY))
    meta = read_meta(book)
    identity = identity_of(meta)
    read = read_locked(book, 3)
    edited = [row[:] for row in read]
    edited[1][3] = "改过的任务"
    assert not contract.digest_matches(KEY.key, identity, edited, meta["digest"])
    moved = [read[1], read[0], read[2]]
    assert not contract.digest_matches(KEY.key, identity, moved, meta["digest"])
    other = contract.ReturnIdentity(**{**identity.__dict__, "unit_id": 8, "unit": "水利局"})
    assert not contract.digest_matches(KEY.key, other, read, meta["digest"])
    later = contract.ReturnIdentity(**{**identity.__dict__, "period": "2023-11"})
    assert not contract.digest_matches(KEY.key, later, read, meta["digest"])


def test_cell_text_reads_a_number_and_a_line_end_the_same_whoever_saved_the_file():
    assert contract.cell_text(5) == contract.cell_text(5.0) == "5"
    assert contract.cell_text(None) == ""
    assert contract.cell_text("a\r\nb\rc") == "a\nb\nc"
    assert contract.cell_text("a\x01b\tc\x7f") == "ab\tc"
    assert contract.cell_text(2.5) == "2.5"


def test_the_head_rows_header_and_task_rows_sit_where_the_contract_says():
    book = open_book(return_workbook(ISSUED, KEY))
    assert book.sheetnames == [contract.SHEET, contract.META_SHEET]
    sheet = book[contract.SHEET]
    head = " ".join(str(sheet.cell(row, 1).value) for row in range(1, contract.HEAD_ROWS + 1))
    for part in ("2023年10月", "住建局", "2023年11月10日", "王芳", "0357-1234567"):
        assert part in head
    headings = [sheet.cell(contract.HEADER_ROW, col).value for col in range(1, 14)]
    assert headings == [heading for heading, _ in contract.COLUMNS]
    first = [sheet.cell(contract.FIRST_ROW, col).value for col in range(1, 8)]
    assert first == [
        1,
        "空气",
        3,
        "=SUM(A1:A2) 不是公式",  # text stays text: never a formula
        "牵头单位",
        "2023年8月31日前\n2023年12月31日前",
        "推进中 60%\n2023年9月28日",
    ]
    second = [sheet.cell(contract.FIRST_ROW + 1, col).value for col in range(1, 8)]
    # One kind of line end, as the hash reads it; the spaces kept.
    assert second[1:5] == ["地下水", 12, "  前后有空格\n第二行  ", "责任单位"]
    assert second[5:] == ["无", "尚未报送"]
    assert sheet.cell(contract.FIRST_ROW + 2, 4).hyperlink is None
    # Nothing below the last task row.
    assert sheet.max_row == contract.FIRST_ROW + 2


def test_every_cell_but_the_inputs_is_locked_and_the_sheet_protected():
    sheet = open_book(return_workbook(ISSUED, KEY))[contract.SHEET]
    assert sheet.protection.sheet
    inputs = range(len(contract.LOCKED) + 1, len(contract.COLUMNS) + 1)
    for row in range(1, contract.FIRST_ROW + 5):
        for col in range(1, len(contract.COLUMNS) + 3):
            cell = sheet.cell(row, col)
            is_input = contract.FIRST_ROW <= row < contract.FIRST_ROW + 3 and col in inputs
            assert cell.protection.locked is not is_input, cell.coordinate
            if is_input:
                assert cell.fill.fgColor.rgb.endswith("FFF2CC")
                assert cell.alignment.wrap_text


def test_the_input_cells_are_validated():
    sheet = open_book(return_workbook(ISSUED, KEY))[contract.SHEET]
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert set(rules) == {f"{col}7:{col}9" for col in "HIJKLM"}
    percent = rules["I7:I9"]
    assert (percent.type, percent.formula1, percent.formula2) == ("whole", "0", "100")
    status = rules["J7:J9"]
    assert status.type == "list" and status.formula1 == '"未开始,推进中,已完成,受阻"'
    for col in "HKLM":
        assert rules[f"{col}7:{col}9"].type == "textLength"
        assert rules[f"{col}7:{col}9"].operator == "lessThanOrEqual"
    assert all(rule.showErrorMessage for rule in rules.values())


def test_the_meta_sheet_is_very_hidden_and_evidence_is_explained():
    book = open_book(return_workbook(ISSUED, KEY))
    assert book[contract.META_SHEET].sheet_state == "veryHidden"
    assert book.active.title == contract.SHEET
    sheet = book[contract.SHEET]
    note = sheet.cell(contract.HEADER_ROW, len(contract.COLUMNS)).comment
    assert note is not None and "文件名" in note.text


def test_print_setup_is_a4_landscape_with_the_header_row_repeated():
    sheet = open_book(return_workbook(ISSUED, KEY))[contract.SHEET]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == f"${contract.HEADER_ROW}:${contract.HEADER_ROW}"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the default, left out
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.freeze_panes == f"E{contract.FIRST_ROW}"


def test_the_same_return_gives_the_same_bytes_and_a_demo_says_so():
    assert return_workbook(ISSUED, KEY) == return_workbook(ISSUED, KEY)
    demo = IssuedReturn(OWED, None, dt.date(2023, 11, 1), demo=True)
    sheet = open_book(return_workbook(demo, KEY))[contract.SHEET]
    assert "演示" in sheet.cell(1, 1).value
    assert "未登记" in sheet.cell(contract.HEAD_ROWS, 1).value


@pytest.mark.parametrize(
    ("milestones", "text"),
    [((), "无"), ((dt.date(2023, 8, 31),), "2023年8月31日前")],
)
def test_milestones_in_chinese(milestones, text):
    assert milestones_text(task(1, milestones=milestones)) == text


def test_the_last_report_names_its_status_in_words():
    done = task(1, last_status="done", last_percent=100, last_report_on=dt.date(2023, 10, 3))
    assert last_report_text(done) == "已完成 100%\n2023年10月3日"
    assert last_report_text(task(1)) == "尚未报送"
