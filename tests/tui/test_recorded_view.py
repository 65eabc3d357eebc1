"""考核, h: the cards as recorded on a day — a report entered later but dated earlier changes
the live cards, not the reproduction; entries are refused in the reproduction."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Label

from model.core.lights import LightRules
from model.demo.generator import DEMO_AS_OF
from model.plans.task_refs import TaskRef
from model.scoring.rubric import default_rubric
from model.scoring.scorecards import compute_scorecards
from model.status.holders import holder_states
from model.store.audit import AuditContext
from model.store.db import open_database
from model.work.progress import ReportInput, record_report
from tests.tui.conftest import settle
from tui.app import DubanApp
from tui.screens.adjustment_form import AdjustmentForm
from tui.screens.recorded_form import RecordedForm
from tui.widgets.score_pane import ScorePane

UNIT = "公安局"


def scores(database, as_of=DEMO_AS_OF) -> dict[str, float]:
    with database.read() as session:
        board = compute_scorecards(session, year=2023, as_of=as_of, rubric=default_rubric())
    return {c.unit: c.score for c in board.cards}


async def test_h_reproduces_the_cards_as_recorded_on_a_day(demo_db):
    before = scores(demo_db)
    # On 11-20 the office enters a report the unit made on 11-10: the card as of 11-15 moves.
    with demo_db.read() as session:
        state = next(s for s in holder_states(session, DEMO_AS_OF, LightRules()) if s.unit == UNIT)
    later = AuditContext(actor="测试员", clock=lambda: dt.datetime(2023, 11, 20, 9, tzinfo=dt.UTC))
    with open_database(demo_db.path, later) as other, other.write() as session:
        ref = TaskRef(state.plan_key, state.task_number, state.plan_year)
        entry = ReportInput(ref, UNIT, dt.date(2023, 11, 10), "in_progress", 90)
        record_report(session, entry, as_of=dt.date(2023, 11, 20))
    live = scores(demo_db)
    assert live[UNIT] != before[UNIT]

    app = DubanApp(demo_db, as_of=DEMO_AS_OF, actor="测试员")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        pane = app.query_one(ScorePane)
        assert {c.unit: c.score for c in pane.data.cards} == live

        await pilot.press("h")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordedForm)
        form.query_one("#as-of", Input).value = "2099-01-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "录入日不能晚于今天" in str(form.query_one("#form-error", Label).render())
        form.query_one("#as-of", Input).value = "2023-11-15"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        assert {c.unit: c.score for c in pane.data.cards} == before  # as printed on 11-15
        title = str(pane.query_one("#score-title", Label).render())
        assert "按 2023-11-15 的录入重现" in title

        await pilot.press("a")  # no entries in a reproduction of a past day
        await settle(pilot)
        assert not isinstance(app.screen, AdjustmentForm)
        assert any("不能在此登记" in str(n.message) for n in app._notifications)

        await pilot.press("h")
        await settle(pilot)
        assert {c.unit: c.score for c in pane.data.cards} == live
        assert "录入重现" not in str(pane.query_one("#score-title", Label).render())
