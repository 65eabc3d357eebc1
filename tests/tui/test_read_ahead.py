"""Hidden tabs are read ahead: a tab opened the first time shows what was read for it
without a read of its own, and nothing read before a change is shown after it."""

from __future__ import annotations

import datetime as dt

from model.core.lights import Light
from model.plans.task_refs import TaskRef
from model.work.progress import ReportInput, record_report
from tests.tui.conftest import settle
from tui.widgets.plan_pane import PlanPane

SOIL = "plan-soil-2023"


def held(app, tab: str) -> PlanPane:
    """The pane of a tab not shown yet (mounted after the first paint, not loaded)."""
    return app.query_one(f"#pane-{tab}", PlanPane)


async def read_ahead(pilot) -> None:
    await settle(pilot)
    await pilot.pause(0.1)  # the read-ahead timer (shortened below)
    await settle(pilot)


async def test_a_tab_opened_first_shows_what_was_read_ahead(app):
    app.READ_AHEAD_DELAY = 0.01
    async with app.run_test(size=(120, 36)) as pilot:
        await read_ahead(pilot)
        pane = held(app, SOIL)
        assert pane.data is None and pane.ahead is not None  # read, not shown
        reads: list[bool] = []
        pane.reload = lambda: reads.append(True)  # type: ignore[method-assign]
        app.show_tab(SOIL)
        await pilot.pause()
        assert reads == []
        assert pane.data is not None and [t.number for t in pane.data.tasks][:3] == [1, 2, 3]
        # Filled in the same frame: every task, under its section headings.
        assert pane.query_one("DataTable").row_count >= len(pane.data.tasks)


async def test_what_was_read_before_a_change_is_read_again(app):
    app.READ_AHEAD_DELAY = 60  # no second read ahead after the change: the tab reads itself
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.start_read_ahead()
        await settle(pilot)
        pane = held(app, SOIL)
        assert pane.ahead is not None
        before = pane.ahead[2].tasks[0].lights  # type: ignore[attr-defined]
        with app.database.write() as session:
            record_report(
                session,
                ReportInput(
                    TaskRef("soil", 1, 2023), "市生态环境局蒲县分局", app.as_of, "in_progress", 30
                ),
                as_of=app.as_of,
            )
        app.data_changed()
        app.show_tab(SOIL)
        await settle(pilot)
        after = pane.data.tasks[0].lights
        assert after[Light.GREEN] == before[Light.GREEN] + 1
        assert after[Light.YELLOW] == before[Light.YELLOW] - 1
        assert app.as_of == dt.date(2023, 9, 15)


async def test_a_read_ahead_due_while_the_app_closes_does_nothing(app):
    app.READ_AHEAD_DELAY = 60
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The app is closing: its tabs are gone, and the timer fires now.
        await app.query_one("#tabs").remove()
        app.start_read_ahead()
        await pilot.pause()
