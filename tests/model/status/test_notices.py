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


def test_a_notice_names_its_tasks_as_a_person_writes_them(demo_db):
    from model.demo.generator import DEMO_AS_OF
    from model.status.notices import list_notices

    with demo_db.read() as session:
        notices = list_notices(session, DEMO_AS_OF)
    notice = next(n for n in notices if n.number == "督办〔2023〕4号")
    assert notice.task_names == "空气 20、地下水 2"  # never air:20
    assert [(r.plan_key, r.number, r.year) for r in notice.refs] == [
        ("air", 20, 2023),
        ("groundwater", 2, 2023),
    ]


def test_notice_detail_has_the_units_state_on_each_task(demo_db):
    from model.core.lights import Light, LightRules
    from model.demo.generator import DEMO_AS_OF
    from model.status.notices import notice_detail

    with demo_db.read() as session:
        detail = notice_detail(session, "督办〔2023〕4号", DEMO_AS_OF, LightRules())
        too_early = notice_detail(session, "督办〔2023〕4号", dt.date(2023, 11, 1), LightRules())
        missing = notice_detail(session, "督办〔2099〕1号", DEMO_AS_OF, LightRules())
    assert detail is not None and too_early is None and missing is None
    assert detail.notice.unit == "山中乡" and detail.as_of == DEMO_AS_OF
    assert [t.ref.short() for t in detail.tasks] == ["空气 20", "地下水 2"]
    held = [t.holder for t in detail.tasks]
    assert all(h is not None and h.unit == "山中乡" for h in held)
    assert held[0] is not None and held[0].light is Light.RED  # the overdue task
