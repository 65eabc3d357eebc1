"""考核: a unit's items with 自评 and 复核 beside the system's points, and the cycle's state."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Label, Select

from model.scoring.review import compute_reviewed_board, item_ranges
from model.scoring.rubric import default_rubric
from model.work.reviews import approve, enter_self_score, set_review
from tests.tui.conftest import settle
from tui.app import DubanApp
from tui.screens.review_form import ReviewForm
from tui.widgets.fitted_table import FittedTable
from tui.widgets.score_pane import ScorePane

DAY = dt.date(2024, 1, 10)


async def test_a_units_items_show_self_and_reviewed_points_and_the_approval(demo_db):
    rubric = default_rubric()
    ranges = item_ranges(rubric)
    with demo_db.write() as session:
        enter_self_score(
            session,
            unit="住建局",
            year=2023,
            item="任务完成",
            points=100,
            note="全部完成",
            on=DAY,
            as_of=DAY,
            ranges=ranges,
        )
        set_review(
            session,
            unit="住建局",
            year=2023,
            item="进展报送",
            points=-1,
            reason="12月报送内容不实",
            by="王主任",
            on=DAY,
            as_of=DAY,
            ranges=ranges,
        )
        cards = compute_reviewed_board(session, year=2023, as_of=DAY, rubric=rubric)
        approve(session, year=2023, by="李中煊", on=DAY, as_of=DAY, cards=cards.frozen_data())
    app = DubanApp(demo_db, as_of=DAY, actor="测试员", rubric=rubric)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        pane = app.query_one(ScorePane)
        title = str(pane.query_one("#score-title", Label).render())
        assert "截至 2023-12-31 · 考核流程：已审定（李中煊，2024-01-10）" in title
        ranking = pane.query_one("#ranking", FittedTable)
        ranking.move_cursor(row=ranking.get_row_index("住建局"))
        await settle(pilot)
        heading = str(pane.query_one("#score-detail", Label).render())
        assert heading.startswith("住建局：99.71 分 · 良好")
        assert heading.endswith(" · 已审定（李中煊，2024-01-10） · 审定 98.71 分（良好，第 4 名）")
        items = pane.query_one("#score-items", FittedTable)
        rows = {key: [c.plain for c in cells] for key, cells in items.full_rows.items()}
        assert rows["task"][:6] == ["任务完成", "0～100", "98.21", "100.00", "全部完成", "98.21"]
        assert rows["reporting"] == [
            "进展报送",
            "-10～0",
            "0.00",
            "—",
            "",
            "-1.00",
            "12月报送内容不实（王主任，2024-01-10）",
        ]


async def test_review_from_the_dashboard_needs_its_reason_and_shows_at_once(demo_db):
    app = DubanApp(demo_db, as_of=DAY, actor="测试员", rubric=default_rubric())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        pane = app.query_one(ScorePane)
        ranking = pane.query_one("#ranking", FittedTable)
        ranking.move_cursor(row=ranking.get_row_index("住建局"))
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ReviewForm) and form.title_text == "复核 · 住建局 · 2023 年度"
        assert form.query_one("#points", Input).value == "98.21"  # 任务完成: the system's
        form.query_one("#item", Select).value = "进展报送"
        await pilot.pause()
        assert form.query_one("#points", Input).value == "0"
        form.query_one("#points", Input).value = "-1"
        form.query_one("#by", Input).value = "王主任"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "复核理由不能为空" in str(form.query_one("#form-error", Label).render())
        form.query_one("#note", Input).value = "12月报送内容不实"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        items = pane.query_one("#score-items", FittedTable)
        reporting = [c.plain for c in items.full_rows["reporting"]]
        assert reporting[5:] == ["-1.00", "12月报送内容不实（王主任，2024-01-10）"]
        assert " · 已复核 · 复核 98.71 分" in str(pane.query_one("#score-detail", Label).render())
