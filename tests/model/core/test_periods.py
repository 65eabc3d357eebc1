"""Reporting periods and the working-day calendar (#14): due dates move off weekends and
holidays by the official calendar, including adjusted working days (调休)."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core import strings
from model.core.errors import InputError
from model.core.periods import Period, ReportingRules, first_period, periods_between, periods_due
from model.core.workdays import Override, WorkCalendar, load_calendar

D = dt.date
CALENDAR = WorkCalendar()


def test_a_period_is_read_as_written_and_said_in_chinese():
    period = Period.parse("2023-09")
    assert (period.year, period.month, period.key, period.label) == (
        2023,
        9,
        "2023-09",
        "2023年9月",
    )
    assert (period.first_day, period.last_day) == (D(2023, 9, 1), D(2023, 9, 30))
    assert Period.parse("2023-12").next() == Period(2024, 1)
    assert Period.parse("2024-02").last_day == D(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["2023-9", "2023/09", "202309", "2023-13", "2023-00", "1999-12", "2101-01", ""]
)
def test_a_period_not_written_year_month_in_range_is_refused(text):
    with pytest.raises(InputError, match="报送期"):
        Period.parse(text)


def test_due_on_the_day_when_it_is_a_working_day():
    # 2023-09-10 is a Sunday; 2023-11-10 a Friday
    assert Period.parse("2023-10").due(10, CALENDAR) == D(2023, 11, 10)


def test_due_on_a_weekend_moves_to_monday():
    assert Period.parse("2023-08").due(10, CALENDAR) == D(2023, 9, 11)


def test_due_in_the_national_day_holiday_moves_past_it():
    # 2023-10-01..06 are holidays; 10-07 and 10-08 (weekend) are adjusted working days (调休)
    assert Period.parse("2023-09").due(1, CALENDAR) == D(2023, 10, 7)
    assert Period.parse("2023-09").due(3, CALENDAR) == D(2023, 10, 7)
    assert CALENDAR.is_workday(D(2023, 10, 8)) and not CALENDAR.is_workday(D(2023, 10, 6))


def test_working_days_are_counted_past_holidays():
    # 09-29..10-06 off (中秋、国庆); 10-07 and 10-08 worked (调休), then 10-09, 10-10, 10-11
    assert CALENDAR.add_workdays(D(2023, 9, 28), 5) == D(2023, 10, 11)
    assert CALENDAR.add_workdays(D(2023, 11, 13), 5) == D(2023, 11, 20)
    assert CALENDAR.add_workdays(D(2023, 11, 13), 0) == D(2023, 11, 13)


def test_a_year_the_package_does_not_know_uses_weekends_and_the_office_file(tmp_path):
    year = 2099
    assert not CALENDAR.known(year)
    assert CALENDAR.on_or_after(D(year, 1, 3)) == D(year, 1, 5)  # a Saturday → Monday
    path = tmp_path / "calendar.toml"
    path.write_text(
        f'[{year}]\nholidays = ["{year}-01-05"]\nworkdays = ["{year}-01-03"]\n', encoding="utf-8"
    )
    office = load_calendar(path)
    assert office.known(year)
    assert office.on_or_after(D(year, 1, 3)) == D(year, 1, 3)  # worked (调休)
    assert office.on_or_after(D(year, 1, 5)) == D(year, 1, 6)  # a holiday → the next day


def test_an_override_wins_over_the_package():
    calendar = WorkCalendar({2023: Override(holidays=frozenset({D(2023, 11, 10)}))})
    assert calendar.on_or_after(D(2023, 11, 10)) == D(2023, 11, 13)
    assert calendar.is_workday(D(2023, 10, 7))  # the package still says the rest


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[abc]\nholidays = []\n", ("CALENDAR_BAD_YEAR", {"key": "abc"})),
        ("[202]\nholidays = []\n", ("CALENDAR_BAD_YEAR", {"key": "202"})),
        ("2027 = 1\n", ("CALENDAR_BAD_YEAR", {"key": "2027"})),
        ('[2027]\nholiday = ["2027-01-01"]\n', ("CALENDAR_BAD_KEY", {"key": "2027.holiday"})),
        ('[2027]\nholidays = "2027-01-01"\n', ("CALENDAR_BAD_KEY", {"key": "2027.holidays"})),
        (
            '[2027]\nworkdays = ["2027-01-02", "2027-02-30"]\n',
            ("CALENDAR_BAD_DAY", {"key": "2027.workdays", "value": "2027-02-30"}),
        ),
        (
            '[2027]\nholidays = ["2026-01-01"]\n',
            ("CALENDAR_BAD_DAY", {"key": "2027.holidays", "value": "2026-01-01"}),
        ),
        (
            "[2027]\nholidays = [2026-12-31]\n",  # a TOML date, not text: still the year's
            ("CALENDAR_BAD_DAY", {"key": "2027.holidays", "value": "2026-12-31"}),
        ),
        (
            "[2027]\nholidays = [2027-01-05T09:00:00]\n",  # a moment, not a day
            ("CALENDAR_BAD_DAY", {"key": "2027.holidays", "value": "2027-01-05 09:00:00"}),
        ),
    ],
)
def test_a_bad_calendar_file_is_said_in_chinese(tmp_path, text, message):
    path = tmp_path / "calendar.toml"
    path.write_text(text, encoding="utf-8")
    name, fields = message
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    assert str(caught.value) == getattr(strings, name).format(path=path, **fields)


def test_a_calendar_file_that_is_not_toml_or_not_there_is_said(tmp_path):
    path = tmp_path / "calendar.toml"
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    # The system's reason and the parser's, said after the office's words.
    assert str(caught.value) == f"无法读取节假日日历文件 {path}（{caught.value.__cause__}）"
    path.write_text("[2027\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    assert str(caught.value) == f"节假日日历文件 {path} 不是有效的 TOML：{caught.value.__cause__}"
    assert str(caught.value.__cause__)


def test_a_calendar_file_reads_text_and_toml_dates_and_either_table_alone(tmp_path):
    path = tmp_path / "calendar.toml"
    path.write_text(
        '[2027]\nholidays = ["2027-01-05", 2027-01-06]\n[2028]\nworkdays = ["2028-01-08"]\n',
        encoding="utf-8",
    )
    calendar = load_calendar(path)
    assert calendar.overrides == {
        2027: Override(holidays=frozenset({D(2027, 1, 5), D(2027, 1, 6)})),
        2028: Override(workdays=frozenset({D(2028, 1, 8)})),
    }
    assert load_calendar(None) == WorkCalendar()


def test_periods_owed_start_after_the_issue_and_end_at_the_last_one_due():
    assert first_period(D(2023, 3, 15)) == Period(2023, 4)
    assert first_period(D(2023, 4, 1)) == Period(2023, 4)
    # April's return is due 2023-05-10 (a Wednesday): not yet on the 9th, due on the 10th
    assert periods_due(D(2023, 3, 15), D(2023, 5, 9), 10, CALENDAR) == []
    assert periods_due(D(2023, 3, 15), D(2023, 5, 10), 10, CALENDAR) == [Period(2023, 4)]
    assert list(periods_between(Period(2023, 11), Period(2024, 2))) == [
        Period(2023, 11),
        Period(2023, 12),
        Period(2024, 1),
        Period(2024, 2),
    ]


def test_reporting_rules_default_to_day_ten_and_lead_and_responsible_units():
    rules = ReportingRules()
    assert (rules.due_day, rules.roles) == (10, ("lead", "responsible"))
    assert rules.due(Period(2023, 8)) == D(2023, 9, 11)


def test_toml_errors_are_said_in_chinese():
    import tomllib

    from model.core.toml_errors import locate_toml_error

    cases = {
        'a = "x': "字符串缺少结束的引号",
        "[a": "节名后面缺少右方括号（]）",
        "a=1\na=2": "同一个键被重复赋值",
        "中文 = 1": "这一行不是有效的设置（应为 键 = 值，或 [节名]）",
        "a = x": "值无效（文字请加引号）",
    }
    for text, words in cases.items():
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            assert locate_toml_error(error, text).detail == words
        else:
            raise AssertionError(text)


@pytest.mark.parametrize("text", ["2000-01", "2100-12", "2023-01", "2023-12", " 2023-11 "])
def test_a_period_at_either_end_of_the_range_is_taken(text):
    assert Period.parse(text).key == text.strip()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("1999-12", "1999-12"),
        ("2101-01", "2101-01"),
        ("2023-00", "2023-00"),
        ("2023-13", "2023-13"),
        (" 2023-13 ", "2023-13"),
    ],
)
def test_a_period_out_of_range_is_refused_as_written(text, said):
    with pytest.raises(InputError) as caught:
        Period.parse(text)
    assert str(caught.value) == f"报送期「{said}」超出范围，应在 2000-01 至 2100-12 之间"


@pytest.mark.parametrize("text", ["2023-1", "23-11", "2023/11", "2023-11-01", "", "2023－11"])
def test_a_period_written_otherwise_is_refused(text):
    with pytest.raises(InputError) as caught:
        Period.parse(text)
    assert str(caught.value) == f"报送期「{text}」格式不对，应写作 年-月，如 2023-11"


# A year the package does not know (2099): weekends and the office's file decide.
UNKNOWN = 2099


def test_in_a_year_the_package_does_not_know_saturday_and_sunday_are_off():
    saturday, sunday, monday = D(UNKNOWN, 1, 3), D(UNKNOWN, 1, 4), D(UNKNOWN, 1, 5)
    with_file = WorkCalendar({UNKNOWN: Override(holidays=frozenset({D(UNKNOWN, 1, 1)}))})
    for calendar in (WorkCalendar(), with_file):
        assert [calendar.is_workday(d) for d in (saturday, sunday, monday)] == [
            False,
            False,
            True,
        ]
        assert calendar.on_or_after(saturday) == monday


def holidays(first: dt.date, count: int) -> WorkCalendar:
    days = frozenset(first + dt.timedelta(days=n) for n in range(count))
    return WorkCalendar({UNKNOWN: Override(holidays=days)})


def test_a_due_date_moves_past_at_most_a_month_of_holidays():
    first = D(UNKNOWN, 1, 31)
    # 31 days off (01-31 to 03-02): the due date moves to the Tuesday after them …
    assert holidays(first, 31).on_or_after(first) == D(UNKNOWN, 3, 3)
    # … 32 days off is a mistake in the file, said as such (03-04, a Wednesday, not taken).
    with pytest.raises(InputError) as caught:
        holidays(first, 32).on_or_after(first)
    assert str(caught.value) == (
        "2099-01-31 之后一个月内没有工作日：节假日日历有误，请检查日历文件"
    )
