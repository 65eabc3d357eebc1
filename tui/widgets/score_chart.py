"""Scores as horizontal bars, one row per unit in the ranking's order, drawn to the width
the chart has: the names right-aligned by display width up to the axis (cut with "…" when
the chart is narrow), the bars in eighths of a cell, an axis from 0 to 100 under them.

A bar's colour is its rating's tone (the band's place in the rubric), as in the ranking.
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.widgets import Static

from tui import display
from tui.text import ellipsize

if TYPE_CHECKING:
    from model.scoring.scorecards import ScoreBoard

FULL_SCALE = 100.0
EIGHTHS = " ▏▎▍▌▋▊▉"
LEAST_LABEL = 6  # cells: a name cut shorter than this says nothing
LEAST_BAR = 10  # cells of bar the names always leave


def label_width(board: ScoreBoard, width: int) -> int:
    """The names' column: as wide as the widest name, leaving the bars a third of the
    width (at least LEAST_BAR cells) and the axis one."""
    widest = max((cell_len(card.unit) for card in board.cards), default=0)
    room = width - 1 - max(LEAST_BAR, width // 3)
    return max(min(widest, room), min(LEAST_LABEL, widest))


def bar(score: float, cells: int) -> str:
    """A bar of score/100 of `cells`, to an eighth of a cell."""
    eighths = round(max(0.0, min(score, FULL_SCALE)) / FULL_SCALE * cells * 8)
    whole, part = divmod(eighths, 8)
    return "█" * whole + (EIGHTHS[part] if part else "")


def axis(label: int, cells: int) -> tuple[str, str]:
    """The axis line under the bars and its numbers (0, 50 and 100 where they fit)."""
    line = " " * label + "└" + "─" * cells
    numbers = [" "] * (label + 1 + cells)
    marks = [(0.0, "0"), (FULL_SCALE, "100")]
    if cells >= 12:
        marks.insert(1, (FULL_SCALE / 2, "50"))
    for value, text in marks:
        at = label + round(value / FULL_SCALE * cells)
        at = min(at, len(numbers) - len(text))
        if all(c == " " for c in numbers[max(at - 1, 0) : at + len(text) + 1]):
            numbers[at : at + len(text)] = list(text)
    return line, "".join(numbers).rstrip()


def score_chart(board: ScoreBoard, width: int) -> Text:
    """The chart as text, no line wider than `width` cells."""
    label = label_width(board, width)
    cells = max(width - label - 1, 1)
    lines = []
    for card in board.cards:
        name = ellipsize(Text(card.unit), label)
        pad = " " * (label - cell_len(name.plain))
        style = display.TONE_COLORS[board.tone(card.rating)]
        lines.append(Text.assemble(pad, name, "┤", (bar(card.score, cells), style)))
    line, numbers = axis(label, cells)
    lines += [Text(line), Text(numbers)]
    return Text("\n").join(lines)


def render_score_chart(board: ScoreBoard, width: int) -> str:
    """The chart with ANSI colours (as plotext drew it before: tests read it back)."""
    out = StringIO()
    console = Console(file=out, width=width, color_system="256", force_terminal=True)
    console.print(score_chart(board, width), no_wrap=True, overflow="crop", soft_wrap=False)
    return out.getvalue().rstrip("\n")


class ScoreChart(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.board: ScoreBoard | None = None

    def set_board(self, board: ScoreBoard) -> None:
        self.board = board
        self.styles.height = len(board.cards) + 2
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        if self.board is None or not self.board.cards or self.size.width < LEAST_BAR + 2:
            return
        chart = score_chart(self.board, self.size.width)
        # One span per unit name, so SVG snapshots place each at its own cell (see MonthChart).
        chart.highlight_regex(r"[\u4e00-\u9fff]+", "bold")
        self.update(chart)
