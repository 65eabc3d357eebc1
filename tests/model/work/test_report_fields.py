"""A progress report's fields, checked before any database is read: each refusal in full,
both sides of each limit."""

from __future__ import annotations

import pytest

from model.core import strings
from model.core.errors import InputError
from model.work.progress import NOTE_LIMIT, validate_report_fields

CHOICES = "未开始、推进中、已完成、受阻"


def refusal(*fields: object) -> str:
    with pytest.raises(InputError) as caught:
        validate_report_fields(*fields)  # type: ignore[arg-type]
    return str(caught.value)


def test_an_unknown_status_lists_the_four():
    assert refusal("进行中", 50, "", "", "") == strings.BAD_REPORT_STATUS.format(
        value="进行中", choices=CHOICES
    )


@pytest.mark.parametrize("percent", [-1, 101, True, 50.0, "50"])
def test_a_percent_outside_0_to_100_or_not_whole_is_refused(percent):
    assert refusal("in_progress", percent, "", "", "") == strings.PERCENT_RANGE.format(
        value=percent
    )


@pytest.mark.parametrize("percent", [0, 100])
def test_both_ends_of_the_percent_range_are_taken(percent):
    validate_report_fields("in_progress", percent, "", "", "")


@pytest.mark.parametrize(
    ("field", "what"),
    [(2, strings.NOTE_WHAT), (3, strings.PROBLEMS_WHAT), (4, strings.NEXT_STEPS_WHAT)],
)
def test_each_text_may_hold_the_limit_and_not_a_character_more(field, what):
    fields: list[object] = ["in_progress", 50, "", "", ""]
    fields[field] = "字" * NOTE_LIMIT
    validate_report_fields(*fields)  # type: ignore[arg-type]
    fields[field] = "字" * (NOTE_LIMIT + 1)
    assert refusal(*fields) == strings.TEXT_TOO_LONG.format(
        what=what, length=NOTE_LIMIT + 1, limit=NOTE_LIMIT
    )
