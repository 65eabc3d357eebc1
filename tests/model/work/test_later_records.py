"""Looking back (an as-of date before records already made): a refusal says the record is
dated after the as-of date, so it does not contradict the light or list shown as of it."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.errors import InputError
from model.core.lights import Light, LightRules
from model.plans.task_refs import TaskRef
from model.status.holders import holder_states
from model.status.notices import list_notices
from model.work.notices import issue_notice, record_reply
from model.work.progress import mark_milestone_done

GW9 = TaskRef("groundwater", 9)
UNIT = "市生态环境局蒲县分局"
EARLY = dt.date(2023, 9, 15)
LATE = dt.date(2023, 10, 20)


def test_a_milestone_done_after_the_as_of_date_is_refused_in_as_of_words(seeded):
    with seeded.write() as session:
        mark_milestone_done(session, GW9, UNIT, 1, LATE, as_of=LATE)
    with seeded.read() as session:
        [shown] = [
            s
            for s in holder_states(session, EARLY, LightRules())
            if (s.plan_key, s.task_number, s.unit) == ("groundwater", 9, UNIT)
        ]
    assert shown.light is Light.RED  # as of EARLY it is still overdue
    message = "已记录为 2023-10-20 完成，晚于截至日期 2023-09-15，所以截至该日仍显示未完成"
    with pytest.raises(InputError, match=message), seeded.write() as session:
        mark_milestone_done(session, GW9, UNIT, 1, EARLY, as_of=EARLY)
    with pytest.raises(InputError, match="已于 2023-10-20 完成"), seeded.write() as session:
        mark_milestone_done(session, GW9, UNIT, 1, LATE, as_of=LATE)


def test_a_reply_after_the_as_of_date_is_refused_in_as_of_words(seeded):
    with seeded.write() as session:
        notice = issue_notice(
            session,
            unit="水利局",
            tasks=[GW9],
            level="督办",
            issued_on=dt.date(2023, 9, 4),
            reply_due=dt.date(2023, 9, 11),
            body="请说明",
            as_of=EARLY,
        )
        record_reply(session, notice.number, reply_on=LATE, text="已整改", as_of=LATE)
    with seeded.read() as session:
        assert not list_notices(session, EARLY)[0].answered
    message = "已记录于 2023-10-20 答复，晚于截至日期 2023-09-15，所以截至该日仍显示未答复"
    with pytest.raises(InputError, match=message), seeded.write() as session:
        record_reply(session, notice.number, reply_on=EARLY, text="再答", as_of=EARLY)
