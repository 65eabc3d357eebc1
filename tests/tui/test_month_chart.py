"""The month chart's Chinese labels sit under their bars."""

from __future__ import annotations

import re

from rich.text import Text

from model.status.timeline import MonthCount
from tui.text import display_width
from tui.widgets.month_chart import render_month_chart


def columns_of_labels(line: str) -> dict[int, float]:
    """Month → display-column centre of its "N月" label on the axis line."""
    centres = {}
    for match in re.finditer(r"(\d+)月", line):
        start = display_width(line[: match.start()])
        centres[int(match.group(1))] = start + display_width(match.group()) / 2 - 0.5
    return centres


def bar_centres(line: str) -> list[float]:
    return [
        display_width(line[: m.start()]) + (m.end() - m.start() - 1) / 2
        for m in re.finditer(r"█+", line)
    ]


def test_labels_line_up_with_their_bars():
    heights = [0, 0, 0, 0, 0, 1, 0, 2, 1, 3, 3, 3]
    months = [MonthCount(f"2023-{i:02d}", h, 0) for i, h in enumerate(heights, 1)]
    for width in (60, 90, 116):
        lines = Text.from_ansi(render_month_chart(months, width, 12)).plain.split("\n")
        labels = columns_of_labels(lines[-1] if "月" in lines[-1] else lines[-2])
        assert len(labels) >= 6  # plotext may thin labels on a narrow chart
        bottom = next(line for line in reversed(lines) if "█" in line)
        bars = dict(
            zip([m for m, h in enumerate(heights, 1) if h], bar_centres(bottom), strict=True)
        )
        checked = [m for m in bars if m in labels]
        assert len(checked) >= 3
        for month in checked:
            assert abs(labels[month] - bars[month]) <= 1.5, (width, month, labels, bars)


def test_score_chart_labels_end_at_the_axis(demo_db):
    import datetime as dt

    from model.scoring.rubric import default_rubric
    from model.scoring.scorecards import compute_scorecards
    from tui.widgets.score_chart import render_score_chart

    with demo_db.read() as session:
        board = compute_scorecards(
            session, year=2023, as_of=dt.date(2023, 12, 31), rubric=default_rubric()
        )
    lines = Text.from_ansi(render_score_chart(board, 70)).plain.split("\n")
    labelled = [line for line in lines if "┤" in line and re.search(r"[\u4e00-\u9fff]", line)]
    assert len(labelled) == len(board.cards)
    axis_columns = {display_width(line[: line.index("┤")]) for line in labelled}
    assert len(axis_columns) == 1  # every name, whatever its width, ends at the same column
    order = [re.search(r"([\u4e00-\u9fff]+)┤", line).group(1) for line in labelled]
    assert order == [card.unit for card in board.cards]  # the ranking, top to bottom
