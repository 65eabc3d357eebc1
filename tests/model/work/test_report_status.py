"""A report's status as a person types it (`duban report --status`): the screens' word or
the stored value, trimmed; anything else refused with the four words to choose from."""

from __future__ import annotations

import pytest

from model.core.errors import InputError
from model.work.progress import parse_report_status


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("未开始", "not_started"),
        ("推进中", "in_progress"),
        ("已完成", "done"),
        ("受阻", "blocked"),
        (" 推进中 ", "in_progress"),
        ("in_progress", "in_progress"),
        ("DONE", "done"),
        (" Blocked\t", "blocked"),
    ],
)
def test_a_status_is_read_from_its_word_or_its_stored_value(typed, status):
    assert parse_report_status(typed) == status


@pytest.mark.parametrize("typed", ["", "完成", "进行中", "finished", "未 开始"])
def test_anything_else_is_refused_with_the_four_words(typed):
    with pytest.raises(InputError) as caught:
        parse_report_status(typed)
    assert str(caught.value) == (
        f"报送状态「{typed.strip()}」无效，应为 未开始、推进中、已完成、受阻 之一。"
    )
