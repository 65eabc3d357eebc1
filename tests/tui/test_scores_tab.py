"""考核: Chinese plan names only, points shown whole with their full marks, the chart
inside its box at 80 and 120 columns, the unit kept chosen after an adjustment, and the
score before the floor or cap said when it moved the score."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.widgets import Input, Label

from model.demo.generator import DEMO_AS_OF
from model.scoring.rubric import default_rubric
from model.scoring.scorecards import compute_scorecards
from tests.tui.conftest import settle
from tests.tui.screen_text import screen_lines, screen_text
from tests.tui.test_fitted_tables import drawn_rows
from tui.app import DubanApp
from tui.screens.adjustment_form import AdjustmentForm
from tui.widgets.fitted_table import FittedTable
from tui.widgets.score_chart import ScoreChart, render_score_chart, score_chart
from tui.widgets.score_pane import ScorePane, limited

SIZES = [(80, 24), (120, 36)]
PLAN_KEY = re.compile(r"\b(air|water|soil|groundwater)\b|[a-z]+:\d", re.IGNORECASE)
# 0.00 at the demo's as-of date when returns cost enough: the floor hides −2.64.
FLOORED = "古县乡"
# Returns missing or late cost enough to take 古县乡 below the floor as of DEMO_AS_OF.
HARSH_REPORTING = dataclasses.replace(default_rubric(), missed_report=6.0, late_report=3.0)


def cells(line: str, start: int, end: int) -> str:
    """The characters of a screen row between two cell columns."""
    out, x = [], 0
    for char in line:
        if start <= x < end:
            out.append(char)
        x += cell_len(char)
    return "".join(out)


async def open_scores(pilot) -> ScorePane:
    await settle(pilot)
    await pilot.press("9")
    await settle(pilot)
    return pilot.app.query_one(ScorePane)


async def choose(pilot, pane: ScorePane, unit: str) -> None:
    ranking = pane.query_one("#ranking", FittedTable)
    ranking.move_cursor(row=ranking.get_row_index(unit))
    await settle(pilot)


def heading(pane: ScorePane) -> str:
    return str(pane.query_one("#score-detail", Label).render())


async def test_no_plan_key_anywhere_on_the_tab(demo_app):
    # At 80×24: the narrowest draws the most in the detail line, and the rule does not
    # depend on the width (one size: choosing every card is slow).
    async with demo_app.run_test(size=(80, 24)) as pilot:
        pane = await open_scores(pilot)
        assert pane.data is not None
        lines = pane.query_one("#score-lines", FittedTable)
        seen_plans = set()
        for card in pane.data.cards:
            await choose(pilot, pane, card.unit)
            text = screen_text(demo_app)
            assert not PLAN_KEY.search(text), (card.unit, PLAN_KEY.search(text))
            for cells in lines.full_rows.values():
                whole = " ".join(cell.plain for cell in cells)
                assert not PLAN_KEY.search(whole), whole
                seen_plans.update(re.findall(r"(空气|水|土壤|地下水)第\d+项", whole))
        assert seen_plans == {"空气", "水", "土壤", "地下水"}


@pytest.mark.parametrize("size", SIZES)
async def test_points_show_whole_with_their_full_marks(demo_app, size):
    async with demo_app.run_test(size=size) as pilot:
        pane = await open_scores(pilot)
        lines = pane.query_one("#score-lines", FittedTable)
        for unit in ("交通运输局", "住建局", FLOORED):
            await choose(pilot, pane, unit)
            drawn = drawn_rows(lines)
            assert drawn
            for key, cells in drawn:
                shown = dict(cells)["points"]
                whole = lines.full_rows[key][3].plain
                assert shown == whole and not shown.endswith("…"), (unit, shown, whole)
            card = pane.data.card(unit)
            for line, cells in zip(card.lines, lines.full_rows.values(), strict=False):
                if line.kind == "task":
                    assert cells[3].plain == f"{line.points:+.2f}/{line.full:.2f}"
                    assert re.fullmatch(r"[+-]\d+\.\d\d/\d+\.\d\d", cells[3].plain)


@pytest.mark.parametrize("size", SIZES)
async def test_the_chart_stays_inside_its_box(demo_app, size):
    async with demo_app.run_test(size=size) as pilot:
        pane = await open_scores(pilot)
        chart = pane.query_one(ScoreChart)
        box = pane.query_one("#score-chart-box")
        assert chart.region.right <= box.region.right <= size[0]
        drawn = chart.render()
        assert isinstance(drawn, Content)
        widest = max(cell_len(line) for line in drawn.plain.split("\n"))
        assert widest <= chart.size.width
        # On screen: every unit's bar starts right of its name, and the names that are
        # shown are whole or end in "…".
        rows = [cells(line, chart.region.x, box.region.right) for line in screen_lines(demo_app)]
        bars = [row for row in rows if "┤" in row]
        assert bars
        names = {card.unit for card in pane.data.cards}
        for row in bars:
            name = row[: row.index("┤")].strip()
            assert name in names or (name.endswith("…") and name[:-1]), row


def test_the_chart_is_never_wider_than_asked(demo_db):
    with demo_db.read() as session:
        board = compute_scorecards(
            session, year=2023, as_of=dt.date(2023, 11, 15), rubric=default_rubric()
        )
    for width in range(12, 121):
        lines = score_chart(board, width).plain.split("\n")
        assert max(cell_len(line) for line in lines) <= width, width
        assert len(lines) == len(board.cards) + 2
        labelled = Text.from_ansi(render_score_chart(board, width)).plain.split("\n")
        assert max(cell_len(line) for line in labelled) <= width, width


@pytest.mark.parametrize("size", SIZES)
async def test_the_adjusted_unit_stays_chosen_and_the_floor_is_explained(demo_db, size):
    demo_app = DubanApp(demo_db, as_of=DEMO_AS_OF, actor="测试员", rubric=HARSH_REPORTING)
    async with demo_app.run_test(size=size) as pilot:
        pane = await open_scores(pilot)
        await choose(pilot, pane, FLOORED)
        card = pane.data.card(FLOORED)
        assert card.score == 0.0 and card.raw_score == -2.64
        assert heading(pane).startswith(f"{FLOORED}：0.00 分")
        assert "原始分 -2.64 → 保底 0.00" in heading(pane)
        lines = pane.query_one("#score-lines", FittedTable)
        details = [cells[2].plain for cells in lines.full_rows.values()]
        assert any(d.startswith("原始分 -2.64 → 保底 0.00") for d in details)
        ranking = pane.query_one("#ranking", FittedTable)
        before = ranking.cursor_row

        await pilot.press("a")
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, AdjustmentForm) and form.unit == FLOORED
        form.query_one("#points", Input).value = "5"
        form.query_one("#reason", Input).value = "补报材料"
        form.query_one("#approver", Input).value = "付国平"
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert ranking.highlighted_key() == FLOORED  # the unit, not the row it was on
        assert ranking.cursor_row < before  # its rank moved up
        assert heading(pane).startswith(f"{FLOORED}：2.36 分")  # −2.64 + 5, not 0 + 5
        assert "原始分" not in heading(pane)
        assert str(pane.query_one("#score-row-detail").render()).count(FLOORED) >= 1


def test_the_cap_is_explained_too(demo_db):
    with demo_db.read() as session:
        board = compute_scorecards(
            session, year=2023, as_of=dt.date(2023, 11, 15), rubric=default_rubric()
        )
    card = board.cards[0]
    assert limited(card) == ""  # neither floor nor cap
    capped = dataclasses.replace(card, score=100.0, limit=-3.2)
    assert limited(capped) == "原始分 103.20 → 封顶 100.00"
    floored = dataclasses.replace(card, score=0.0, limit=0.95)
    assert limited(floored) == "原始分 -0.95 → 保底 0.00"


async def test_the_bars_scroll_with_the_ranking(demo_app):
    from textual.containers import VerticalScroll

    async with demo_app.run_test(size=(120, 36)) as pilot:
        pane = await open_scores(pilot)
        ranking = pane.query_one("#ranking", FittedTable)
        box = pane.query_one("#score-chart-box", VerticalScroll)
        ranking.focus()
        for _ in range(20):
            await pilot.press("down")
        await settle(pilot)
        assert ranking.scroll_y > 0
        assert box.scroll_y == ranking.scroll_y  # each bar beside its unit's row
