"""One plan year at a time: the 2023 plans imported again for 2024 do not mix on screen."""

from __future__ import annotations

import datetime as dt

from textual.widgets import TabbedContent

from tests.tui.conftest import settle
from tui.app import DubanApp
from tui.widgets.month_chart import month_labels
from tui.widgets.overview_pane import OverviewPane
from tui.widgets.timeline_pane import TimelinePane

NOV_2024 = dt.date(2024, 11, 15)


def shown_plan_tabs(app: DubanApp) -> list[str]:
    tabs = app.query_one("#tabs", TabbedContent)
    return [
        tab for tab, _ in app.tab_labels() if tab.startswith("plan-") and tabs.get_tab(tab).display
    ]


async def test_the_as_of_year_is_shown_and_y_switches(two_years):
    app = DubanApp(two_years, as_of=NOV_2024, actor="测试员")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.year == 2024
        assert "2024年度 · 蒲政办发〔2024〕5号" in app.sub_title
        assert shown_plan_tabs(app) == [
            f"plan-{k}-2024" for k in ("air", "water", "soil", "groundwater")
        ]
        assert app.tab_label("plan-air-2024") == "空气"  # no year needed: one year shown
        overview = app.query_one(OverviewPane)
        assert {p.year for p in overview.data.plans} == {2024}
        await pilot.press("2")
        assert app.query_one("#tabs", TabbedContent).active == "plan-air-2024"

        await pilot.press("y")  # 2024 → every year
        await settle(pilot)
        assert app.year is None and "全部年度" in app.sub_title
        assert len(shown_plan_tabs(app)) == 8
        assert app.tab_label("plan-air-2023") == "空气2023"  # two years shown: named by year
        await pilot.press("y")  # → 2023: the open 空气 tab follows the year
        await settle(pilot)
        assert app.year == 2023 and "2023年度 · 蒲政办发〔2023〕23号" in app.sub_title
        assert app.query_one("#tabs", TabbedContent).active == "plan-air-2023"
        await pilot.press("1")
        await settle(pilot)
        assert {p.year for p in overview.data.plans} == {2023}
        await pilot.press("7")
        await settle(pilot)
        timeline = app.query_one(TimelinePane)
        assert {r.plan_year for r in timeline.data.rows} == {2023}


async def test_the_palette_switches_the_year(two_years):
    app = DubanApp(two_years, as_of=NOV_2024, actor="测试员")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"查看2023年度", "查看2024年度", "查看全部年度"} <= set(titles)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "查看2023年度")
        command.callback()
        await settle(pilot)
        assert app.year == 2023


async def test_one_year_needs_no_switch(demo_app):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert demo_app.year == 2023
        assert not [c for c in demo_app.get_system_commands(demo_app.screen) if "年度" in c.title]


def test_timeline_months_carry_their_year():
    from model.status.timeline import MonthCount

    months = [MonthCount(m, 1, 0) for m in ("2023-11", "2023-12", "2024-01", "2024-02")]
    assert month_labels(months) == ["2023年11月", "12月", "2024年1月", "2月"]


async def test_the_unit_check_and_the_scores_follow_the_year(two_years):
    from textual.widgets import DataTable

    from tui.widgets.score_pane import ScorePane

    app = DubanApp(two_years, as_of=NOV_2024, actor="测试员")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await app.open_unit("住建局")
        await settle(pilot)
        items = app.query_one("#unit-items", DataTable)
        one_year = items.row_count
        assert one_year > 0
        await pilot.press("y")  # every year: the same tasks twice
        await settle(pilot)
        await app.open_unit("住建局")
        await settle(pilot)
        assert items.row_count == 2 * one_year
        app.set_year(2023)
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        assert app.query_one(ScorePane).data.year == 2023


async def test_an_as_of_date_in_another_year_looks_at_that_year(two_years):
    app = DubanApp(two_years, as_of=NOV_2024, actor="测试员")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.set_as_of(dt.date(2023, 12, 31))
        await settle(pilot)
        assert app.year == 2023 and "截至 2023-12-31 · 2023年度" in app.sub_title
        assert {p.year for p in app.query_one(OverviewPane).data.plans} == {2023}
        app.set_year(None)  # every year shown: a new date keeps showing every year
        await settle(pilot)
        app.set_as_of(dt.date(2024, 6, 30))
        await settle(pilot)
        assert app.year is None
