"""The returns of a period as the office chases them: the default period, the order, the
headline and the reminder, on both sides of the due date (2023-11-10 for October)."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.periods import Period, ReportingRules
from model.core.settings import OfficeContact
from model.status.returns import ReturnState
from model.status.returns_view import period_in_collection, reminder, returns_view, row_cells
from tests.returns_data import OCTOBER_DUE, add_liaison, october_returns

OCTOBER = Period(2023, 10)
RULES = ReportingRules()
DAY = dt.timedelta(days=1)


@pytest.fixture
def october(seeded):
    october_returns(seeded.path)
    return seeded


def view_of(database, as_of, period=OCTOBER, **options):
    with database.reader() as reader:
        return returns_view(reader, RULES, as_of, period, **options)


@pytest.mark.parametrize(
    ("as_of", "period"),
    [
        (dt.date(2023, 11, 1), Period(2023, 10)),
        (dt.date(2023, 11, 10), Period(2023, 10)),
        (dt.date(2023, 11, 30), Period(2023, 10)),
        (dt.date(2023, 12, 1), Period(2023, 11)),
        (dt.date(2024, 1, 5), Period(2023, 12)),
    ],
)
def test_the_period_in_collection_is_last_month(as_of, period):
    assert period_in_collection(as_of) == period


def test_after_the_due_date_missing_first_then_late_then_returned(october):
    view = view_of(october, OCTOBER_DUE + 10 * DAY)
    states = [row.state for row in view.rows]
    assert len(states) == 27
    assert states == sorted(
        states, key=[ReturnState.MISSING, ReturnState.LATE, ReturnState.RETURNED].index
    )
    by_unit = {row.unit: row for row in view.rows}
    assert by_unit["住建局"].state is ReturnState.RETURNED
    assert by_unit["水利局"].state is ReturnState.RETURNED  # on the due date itself: on time
    assert (by_unit["克城镇"].state, by_unit["克城镇"].days_late) == (ReturnState.LATE, 3)
    assert (by_unit["林业局"].state, by_unit["林业局"].days_late) == (ReturnState.LATE, 5)
    assert (by_unit["交警大队"].state, by_unit["交警大队"].days_late) == (ReturnState.MISSING, 10)
    assert view.headline() == (
        "2023年10月报送表　截止 2023年11月10日（星期五）　应报 27 个单位：已报 2，迟报 2，未报 23"
    )
    assert row_cells(by_unit["克城镇"])[:4] == ["克城镇", "迟报", "2023-11-13", "3"]
    assert row_cells(by_unit["交警大队"]) == [
        "交警大队",
        "未报送",
        "—",
        "10",
        "2",
        "张敏",
        "13903570001",
    ]
    assert row_cells(by_unit["公安局"])[5:] == ["李强", "—"]
    assert row_cells(by_unit["住建局"])[1:4] == ["已报送", "2023-11-08", "—"]


def test_on_the_due_date_nobody_is_missing_yet(october):
    view = view_of(october, OCTOBER_DUE)
    assert {row.state for row in view.rows} == {ReturnState.NOT_DUE, ReturnState.RETURNED}
    assert view.rows[0].state is ReturnState.NOT_DUE
    assert view.headline().endswith("应报 27 个单位：已报 2，待报 25")
    # The day after, the 25 not received are missing (克城镇's and 林业局's come later).
    assert view_of(october, OCTOBER_DUE + DAY).count(ReturnState.MISSING) == 25


def test_a_return_received_after_the_as_of_date_has_not_come_yet(october):
    view = view_of(october, dt.date(2023, 11, 12))
    by_unit = {row.unit: row for row in view.rows}
    assert by_unit["克城镇"].state is ReturnState.MISSING  # it comes on the 13th
    assert view_of(october, dt.date(2023, 11, 13)).count(ReturnState.LATE) == 1


def test_a_unit_or_a_group_filters_the_rows(october):
    one = view_of(october, OCTOBER_DUE + DAY, unit="zjj")
    assert [row.unit for row in one.rows] == ["住建局"]
    assert one.notes  # how 「zjj」 was found is said
    towns = view_of(october, OCTOBER_DUE + 10 * DAY, unit="各乡镇")
    assert len(towns.rows) == 8 and towns.rows[-1].unit == "克城镇"  # late, after the missing
    assert towns.headline().endswith("应报 8 个单位：已报 0，迟报 1，未报 7")


def test_a_period_nobody_owes(october):
    view = view_of(october, dt.date(2023, 3, 20), Period(2023, 2))
    assert view.rows == ()
    assert view.headline().endswith("无应报单位")
    text, anyone = reminder(view, "办公室", OfficeContact())
    assert (text, anyone) == ("2023年2月没有应报送报送表的单位，无需催报。", False)


def test_json_keys_are_stable_and_values_chinese(october):
    data = view_of(october, OCTOBER_DUE + 10 * DAY).as_dict()
    assert list(data) == [
        "period",
        "period_label",
        "due_on",
        "as_of",
        "headline",
        "counts",
        "units",
    ]
    assert data["counts"] == {"owed": 27, "missing": 23, "not_due": 0, "late": 2, "returned": 2}
    assert data["units"][0] == {
        "unit": "交警大队",
        "state": "未报送",
        "received_on": None,
        "days_late": 10,
        "tasks": 2,
        "liaison": "张敏",
        "phone": "13903570001",
    }


def test_the_reminder_after_the_due_date_says_overdue(october):
    view = view_of(october, OCTOBER_DUE + 10 * DAY, unit="各乡镇")
    contact = OfficeContact(contact="赵磊", phone="0357-5522123")
    text, anyone = reminder(view, "蒲县生态环境保护领导小组办公室", contact)
    assert anyone
    lines = text.splitlines()
    assert lines[0] == "【催报】2023年10月报送表"
    assert lines[1] == (
        "2023年10月报送表已于2023年11月10日（星期五）截止，截至2023年11月20日，"
        "以下7个单位尚未报送，已逾期10天："
    )
    assert "克城镇" not in text  # returned, late
    assert "请以上单位立即报送。" in lines
    assert "前报送" not in text  # never asks for a day already past
    assert lines[-3:] == [
        "联系人：赵磊，电话：0357-5522123",
        "蒲县生态环境保护领导小组办公室",
        "2023年11月20日",
    ]


def test_the_reminder_names_liaisons_when_known(october):
    add_liaison(october.path, "古县乡", "周洁", "13803570002")
    view = view_of(october, OCTOBER_DUE + DAY)
    text, _ = reminder(view, "", OfficeContact())
    assert "1. 交警大队（联络人：张敏，电话：13903570001）" in text
    assert "公安局（联络人：李强）" in text
    assert "古县乡（联络人：周洁，电话：13803570002）" in text
    assert "交通运输局（未登记联络人）" in text
    assert "住建局" not in text and "联系人" not in text  # no [office] contact configured


def test_the_reminder_before_the_due_date_counts_the_days_left(october):
    # 住建局's return comes on the 8th: on the 6th all 27 are waited for.
    text, anyone = reminder(view_of(october, dt.date(2023, 11, 6)), "", OfficeContact())
    assert anyone
    assert text.splitlines()[:2] == [
        "【报送提醒】2023年10月报送表",
        "2023年10月报送表将于2023年11月10日（星期五）截止（还有4天），以下27个单位尚未报送：",
    ]
    assert "请以上单位于2023年11月10日前报送。" in text
    assert text.rstrip().endswith("2023年11月6日")


def test_the_reminder_on_the_due_date_asks_for_today(october):
    text, _ = reminder(view_of(october, OCTOBER_DUE), "", OfficeContact(phone="0357-5522123"))
    assert "2023年10月报送表今天（2023年11月10日（星期五））截止" in text
    assert "请以上单位于今天下班前报送。" in text
    assert "联系电话：0357-5522123" in text


def test_nothing_missing_is_said_plainly(october):
    text, anyone = reminder(
        view_of(october, OCTOBER_DUE + DAY, unit="住建局"), "办公室", OfficeContact()
    )
    assert (text, anyone) == ("2023年10月报送表应报的1个单位均已报送，无需催报。", False)
