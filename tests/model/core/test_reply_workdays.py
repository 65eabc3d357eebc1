"""A notice's default reply date in working days (#14), and the office's calendar file."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.errors import InputError
from model.core.periods import ReportingRules
from model.core.settings import load_settings
from model.core.workdays import load_calendar


@pytest.mark.parametrize(
    ("issued", "due"),
    [
        (dt.date(2023, 9, 22), dt.date(2023, 10, 7)),  # Fri: 25, 26, 27, 28, then 7 Oct (调休)
        (dt.date(2023, 9, 27), dt.date(2023, 10, 10)),  # 28, 7 Oct, 8 Oct (调休), 9, 10
        (dt.date(2023, 9, 28), dt.date(2023, 10, 11)),  # the holiday 29 Sep – 6 Oct skipped
        (dt.date(2023, 10, 9), dt.date(2023, 10, 16)),  # an ordinary week: Mon → next Mon
    ],
)
def test_the_reply_date_is_five_working_days_across_the_national_day_holiday(issued, due):
    assert ReportingRules().reply_due(issued) == due


def test_the_reply_workdays_come_from_the_rules():
    assert ReportingRules(reply_workdays=1).reply_due(dt.date(2023, 9, 28)) == dt.date(2023, 10, 7)


def test_the_calendar_file_is_a_setting(tmp_path):
    holidays = tmp_path / "节假日.toml"
    holidays.write_text('[2023]\nholidays = ["2023-10-09"]\n', encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[calendar]\nfile = "{holidays}"\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.calendar_file == holidays
    rules = ReportingRules(calendar=load_calendar(settings.calendar_file))
    # 9 October a day off too: five working days from 28 September end on the 12th.
    assert rules.reply_due(dt.date(2023, 9, 28)) == dt.date(2023, 10, 12)
    assert load_settings(tmp_path / "none.toml").calendar_file is None


@pytest.mark.parametrize("value", ['""', "3", "[]"])
def test_a_bad_calendar_setting_is_refused_in_words(tmp_path, value):
    config = tmp_path / "config.toml"
    config.write_text(f"[calendar]\nfile = {value}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"calendar\.file"):
        load_settings(config)
