"""One vocabulary: reply states and rating colours come from the model, not from wording."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable, Static

from model.demo.generator import DEMO_AS_OF
from model.scoring.rubric import default_rubric_text, parse_rubric
from model.status.notices import ReplyState
from tests.tui.conftest import settle
from tui import display
from tui.app import DubanApp
from tui.widgets.notices_pane import NoticesPane
from tui.widgets.score_chart import render_score_chart
from tui.widgets.score_pane import ScorePane

RENAMED = {"优秀": "甲等", "良好": "乙等", "合格": "丙等", "不合格": "丁等"}


def renamed_rubric():
    text = default_rubric_text()
    for old, new in RENAMED.items():
        text = text.replace(f'"{old}"', f'"{new}"')  # the bands and the veto's band
    return parse_rubric(text, "rubric.toml")


def cell_style(cell: object) -> str:
    assert isinstance(cell, Text)
    return str(cell.style)


async def test_renamed_bands_keep_their_colours(demo_db):
    rubric = renamed_rubric()
    assert [b.name for b in rubric.bands] == ["甲等", "乙等", "丙等", "丁等"]
    app = DubanApp(demo_db, as_of=DEMO_AS_OF, actor="测试员", rubric=rubric)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        board = app.query_one(ScorePane).data
        assert board is not None
        ranking = app.query_one("#ranking", DataTable)
        expected = {"甲等": "green", "乙等": "yellow", "丙等": "yellow", "丁等": "red"}
        seen = set()
        for index, card in enumerate(board.cards):
            rating = ranking.get_row_at(index)[4]
            assert str(rating).rstrip("*") == card.rating
            assert cell_style(rating) == expected[card.rating]
            seen.add(board.tone(card.rating))
        assert len(seen) >= 2  # the demo year spreads units over more than one band

    # The chart: every unit's bar in the colour of its rating's place in the rubric
    # (plotext draws the bright variant of a colour: compare the colour, not its shade).
    chart = Text.from_ansi(render_score_chart(board, 100))
    bars = 0
    for line in chart.split("\n"):
        plain = line.plain
        card = next((c for c in board.cards if plain.lstrip().startswith(c.unit + "┤")), None)
        if card is None:
            continue
        if "█" not in plain:
            assert card.score < 1, card  # a score under one point draws no whole block
            continue
        bar = plain.index("█")
        colours = [
            span.style.color.number % 8
            for span in line.spans
            if span.start <= bar < span.end
            and isinstance(span.style, Style)
            and span.style.color is not None
            and span.style.color.number is not None
        ]
        assert colours == [standard(display.TONE_COLORS[board.tone(card.rating)])], card.unit
        bars += 1
    assert bars == len([c for c in board.cards if c.score >= 1])


def standard(name: str) -> int:
    colour = Style.parse(name).color
    assert colour is not None and colour.number is not None
    return colour.number


async def test_reply_states_are_named_and_coloured_by_the_model(demo_app):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        pane = demo_app.query_one(NoticesPane)
        table = pane.query_one("#notice-table", DataTable)
        assert pane.data and pane.data.notices
        states = set()
        for notice in pane.data.notices:
            cell = table.get_row(notice.number)[5]
            state = notice.state(DEMO_AS_OF)
            states.add(state)
            assert str(cell) == notice.describe(DEMO_AS_OF)
            assert str(cell).startswith(state.label)
            assert cell_style(cell) == display.REPLY_STYLES[state]
        assert {ReplyState.ANSWERED, ReplyState.OVERDUE} <= states


async def test_unit_check_lists_notices_with_their_reply_state(demo_app):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"kcz", "enter")
        await settle(pilot)
        line = str(demo_app.query_one("#unit-notices", Static).render())
        assert line.startswith("督办单：督办〔2023〕")
        assert any(state.label in line for state in ReplyState)
        assert "（已答复，" not in line and "，未答复）" not in line  # the old local wording
