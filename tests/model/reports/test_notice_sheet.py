"""督办通知单: a draft lists every late or never-reported item; an issued notice prints as
it was issued, whatever the date it is printed on."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.errors import InputError
from model.core.lights import LightRules
from model.reports.notice_sheet import notice_sheet
from model.reports.progress_table import Progress

RULES = LightRules()
DEMO = dt.date(2023, 11, 15)
ISSUED = dt.date(2023, 11, 6)  # 督办〔2023〕1号 to 克城镇, reply due 2023-11-13


def sheet(database, unit, as_of, **kw):
    with database.read() as session:
        return notice_sheet(session, unit, as_of=as_of, rules=RULES, **kw)


def test_the_draft_includes_the_tasks_never_reported_on(demo_db):
    draft = sheet(demo_db, "克城镇", DEMO)
    assert draft.number is None and draft.reply_due == dt.date(2023, 11, 22)
    # 14 overdue or behind, and 12 never reported on. 地下水 9 is chased: 克城镇 met its only
    # milestone (建立清单, 08-01) but reported 8% after it (08-23), so its part is not done.
    assert len(draft.items) == 26
    assert ("groundwater", 9) in {(i.state.plan_key, i.state.task_number) for i in draft.items}
    never = [i for i in draft.items if i.chase.unreported]
    assert len(never) == 12 and all(i.chase.owed == 3 for i in never)
    assert sum(1 for i in never if i.state.last_report_on is None) == 12
    refs = {(i.state.plan_key, i.state.task_number) for i in never}
    assert {("soil", 1), ("groundwater", 4), ("groundwater", 15)} <= refs
    assert {i.progress for i in draft.items} == {Progress.OVERDUE, Progress.BEHIND}


@pytest.mark.parametrize("printed_on", [ISSUED, DEMO, dt.date(2023, 12, 31)])
def test_an_issued_notice_is_the_notice_as_issued(demo_db, printed_on):
    issued = sheet(demo_db, "克城镇", printed_on, number="督办〔2023〕1号")
    assert issued.number == "督办〔2023〕1号" and issued.level == "督办"
    assert issued.as_of == issued.issued_on == ISSUED
    assert issued.reply_due == dt.date(2023, 11, 13)
    assert [(i.state.plan_key, i.state.task_number) for i in issued.items] == [
        ("air", 20),
        ("groundwater", 2),
    ]
    # Overdue since 2023-10-31 as of the issue date: six days, however late it is printed.
    assert all(i.state.overdue_since == dt.date(2023, 10, 31) for i in issued.items)
    assert {i.progress for i in issued.items} == {Progress.OVERDUE}


def test_an_issued_notice_before_its_issue_date_is_refused(demo_db):
    with pytest.raises(InputError, match="早于下发日期") as error:
        sheet(demo_db, "克城镇", ISSUED - dt.timedelta(days=1), number="督办〔2023〕1号")
    assert "督办〔2023〕1号" in str(error.value) and "2023-11-06" in str(error.value)


def test_an_issued_notice_needs_no_unit(demo_db):
    issued = sheet(demo_db, "", DEMO, number="督办〔2023〕2号")
    assert issued.unit == "古县乡"
    with pytest.raises(InputError, match="不是「克城镇」"):
        sheet(demo_db, "克城镇", DEMO, number="督办〔2023〕2号")
    with pytest.raises(InputError, match="没有督办单"):
        sheet(demo_db, "", DEMO, number="督办〔2023〕99号")


def test_groups_are_refused_and_say_why(demo_db):
    with pytest.raises(InputError, match=r"成员单位未确定.*duban group"):
        sheet(demo_db, "大气办有关成员单位", DEMO)
    with pytest.raises(InputError, match=r"单位组.*蒲城镇、克城镇"):
        sheet(demo_db, "各乡镇", DEMO)


def test_nothing_late_is_refused(demo_db):
    with pytest.raises(InputError, match="截至2023-11-15没有逾期、滞后或未报送的事项"):
        sheet(demo_db, "交警大队", DEMO)
