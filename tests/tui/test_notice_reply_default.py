"""The notice form's default reply date: the rubric's working days after the issue (#14),
by the app's reporting rules (the calendar the command built)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from textual.widgets import Input

from model.core.periods import ReportingRules
from model.scoring.rubric import default_rubric, reporting_rules
from tests.tui.conftest import settle
from tui.app import DubanApp

ISSUED = dt.date(2023, 9, 28)  # the day before the National Day holiday (29 Sep – 6 Oct)


async def reply_default(app: DubanApp) -> str:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_notice_form(units=["克城镇"], unit="克城镇")
        await settle(pilot)
        value = app.screen.query_one("#reply-due", Input).value
        assert app.screen.query_one("#issued", Input).value == ISSUED.isoformat()
        return value


async def test_the_reply_date_skips_the_national_day_holiday(demo_db):
    app = DubanApp(demo_db, as_of=ISSUED, actor="测试员")
    assert app.reporting == reporting_rules(default_rubric())
    # 5 working days: the holiday skipped, the adjusted Saturday and Sunday (7, 8 Oct) worked.
    assert await reply_default(app) == "2023-10-11"


async def test_the_reply_date_follows_the_rubric_and_the_apps_rules(demo_db):
    rubric = dataclasses.replace(default_rubric(), reply_workdays=1)
    assert await reply_default(DubanApp(demo_db, as_of=ISSUED, rubric=rubric)) == "2023-10-07"
    rules = ReportingRules(reply_workdays=3)
    assert await reply_default(DubanApp(demo_db, as_of=ISSUED, reporting=rules)) == "2023-10-09"
