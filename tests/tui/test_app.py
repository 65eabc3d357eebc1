from __future__ import annotations

from textual.widgets import TabbedContent

from tests.tui.conftest import settle
from tui.widgets.plan_table import PlanTable


async def test_a_tab_per_plan_with_every_task(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tabs = app.query_one("#plans", TabbedContent)
        assert tabs.active == "plan-air"
        assert app.sub_title == "蒲政办发〔2023〕23号 · 截至 2023-09-15"
        rows = {t.plan.key: t.row_count for t in app.query(PlanTable)}
        assert rows == {"air": 23, "water": 16, "soil": 14, "groundwater": 15}


async def test_switching_tabs_by_keyboard_shows_that_plan(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tabs = app.query_one("#plans", TabbedContent)
        await pilot.press("shift+tab")  # focus the tab strip
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert tabs.active == "plan-groundwater"
        table = app.query_one("#table-groundwater", PlanTable)
        assert table.get_row("groundwater:9")[4] == "06-30"


def test_plans_screen_snapshot(app, snap_compare):
    assert snap_compare(app, terminal_size=(120, 36), run_before=settle)
