"""A notice's reply state: one rule, both sides of every date boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from model.status.notices import NoticeView, ReplyState, reply_state

DUE = dt.date(2023, 11, 13)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("reply_on", "as_of", "state"),
    [
        (None, DUE - DAY, ReplyState.OPEN),
        (None, DUE, ReplyState.OPEN),  # the reply date itself is still in time
        (None, DUE + DAY, ReplyState.OVERDUE),
        (DUE, DUE + DAY, ReplyState.ANSWERED),
        (DUE - DAY, DUE, ReplyState.ANSWERED),
        (DUE + DAY, DUE + DAY, ReplyState.LATE),
        (DUE + DAY, DUE + 2 * DAY, ReplyState.LATE),
        # a reply dated after the as-of date has not happened yet
        (DUE + DAY, DUE, ReplyState.OPEN),
        (DUE + 2 * DAY, DUE + DAY, ReplyState.OVERDUE),
    ],
)
def test_reply_state(reply_on, as_of, state):
    assert reply_state(DUE, reply_on, as_of) is state


def test_the_four_words_and_which_count_against_the_unit():
    assert [s.label for s in ReplyState] == ["未答复", "已答复", "逾期未答复", "逾期答复"]
    assert [s for s in ReplyState if s.faulted] == [ReplyState.OVERDUE, ReplyState.LATE]


def test_describe_adds_the_reply_date():
    view = NoticeView(
        number="督办〔2023〕1号",
        unit="克城镇",
        level="督办",
        issued_on=DUE - 7 * DAY,
        reply_due=DUE,
        body="",
        tasks=(),
        reply_on=DUE + DAY,
        reply_text="已整改",
    )
    assert view.describe(DUE + DAY) == "逾期答复（2023-11-14）"
    assert view.overdue(DUE + DAY) is False
