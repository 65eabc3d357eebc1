"""Small core rules: input checks and the display of audit times."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.checks import NotADate, iso_date, not_after, required_text
from model.core.errors import InputError
from model.core.times import local_time

BEIJING = dt.timezone(dt.timedelta(hours=8))


def test_local_time_converts_the_stored_utc_stamp():
    assert local_time("2023-09-15T16:30:05+00:00", tz=BEIJING) == "2023-09-16 00:30"
    assert local_time("2023-09-15T16:30:05+00:00", tz=dt.UTC, seconds=True) == (
        "2023-09-15 16:30:05"
    )
    # A naive stamp is UTC (older events), and text that is not a time is shown as it is.
    assert local_time("2023-09-15T16:30:05", tz=BEIJING) == "2023-09-16 00:30"
    assert local_time("昨天", tz=BEIJING) == "昨天"


def test_not_after_allows_the_as_of_day_and_refuses_the_next():
    day = dt.date(2023, 11, 15)
    not_after(day, day, "报送日期")
    with pytest.raises(InputError, match="报送日期"):
        not_after(day + dt.timedelta(days=1), day, "报送日期")


def test_required_text_strips_and_refuses_blank():
    assert required_text("  核验人  ", "核验人") == "核验人"
    with pytest.raises(InputError, match="核验人不能为空"):
        required_text(" \u3000 ".strip(), "核验人")


@pytest.mark.parametrize("text", ["2023-11-15", "2024-02-29"])
def test_iso_date_accepts_real_days(text):
    assert iso_date(text).isoformat() == text


@pytest.mark.parametrize(
    ("text", "impossible"),
    [("2023-02-29", True), ("2023-13-01", True), ("20231115", False), ("2023-W46-3", False)],
)
def test_iso_date_refuses_other_spellings_and_impossible_days(text, impossible):
    with pytest.raises(NotADate) as error:
        iso_date(text)
    assert error.value.impossible is impossible
