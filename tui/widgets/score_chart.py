"""Scores as horizontal bars, one row per unit, Chinese names right-aligned by plotext 6.

A bar's colour is its rating's tone (the band's place in the rubric), as in the ranking.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from model.scoring.scorecards import ScoreBoard
from tui import display


def render_score_chart(board: ScoreBoard, width: int) -> str:
    # plotext ships no type information (no stubs, no py.typed).
    import plotext as plt  # type: ignore[import-untyped]

    cards = list(reversed(board.cards))  # plotext draws the first bar at the bottom
    fig = plt.figure
    fig.clear()
    plt.terminal.limit(False, False)
    fig.plot_size(max(width, 40), len(cards) + 3)
    fig.theme("simple")
    fig.legend(False)
    for tone in dict.fromkeys(board.tone(c.rating) for c in cards):
        marker = plt.marker("█", plt.pixel(display.TONE_COLORS[tone]))
        values = [c.score if board.tone(c.rating) is tone else 0 for c in cards]
        units = [c.unit for c in cards]
        # Thinner than 0.8: a wider bar spills into the next unit's row, where a later
        # series (another tone) overwrites that unit's own colour.
        fig.draw(fig.bar(units, values, orientation="horizontal", width=0.6, marker=marker))
    fig.ruler("x").lim(0, 100)
    fig.ruler("x").ticks([0, 20, 40, 60, 80, 100], ["0", "20", "40", "60", "80", "100"])
    return str(fig.build().string())


class ScoreChart(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.board: ScoreBoard | None = None

    def set_board(self, board: ScoreBoard) -> None:
        self.board = board
        self.styles.height = len(board.cards) + 3
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        if self.board is None or not self.board.cards or self.size.width < 30:
            return
        # Leave room for the scroll bar; the stylesheet crops rather than wraps (text-wrap).
        chart = Text.from_ansi(render_score_chart(self.board, self.size.width - 2))
        # One span per unit name, so SVG snapshots place each at its own cell (see MonthChart).
        chart.highlight_regex(r"[\u4e00-\u9fff]+", "bold")
        self.update(chart)
