"""A bar chart of milestones due and overdue per month, drawn by plotext 6.

plotext 6 measures labels by display width, so Chinese month labels line up under their
bars (a snapshot test holds it to that). Its figure is module-global state, so drawing
happens on the UI thread only. The legend is ours, above the chart, where it hides no bar.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from model.status.timeline import MonthCount
from tui import strings

DUE_COLOR = "cyan"
OVERDUE_COLOR = "red"


def month_labels(months: list[MonthCount]) -> list[str]:
    """11月, with the year at the first month and where a new year starts (2023年9月 … 12月
    2024年1月): the months of two plan years never read alike."""
    labels = []
    year = None
    for m in months:
        this, month = m.month[:4], int(m.month[5:])
        labels.append(
            strings.TL_MONTH_WITH_YEAR.format(year=this, month=month)
            if this != year
            else strings.TL_MONTH.format(month=month)
        )
        year = this
    return labels


def render_month_chart(months: list[MonthCount], width: int, height: int) -> str:
    # plotext ships no type information (no stubs, no py.typed).
    import plotext as plt  # type: ignore[import-untyped]

    fig = plt.figure
    fig.clear()
    plt.terminal.limit(False, False)
    fig.plot_size(max(width, 30), max(height, 6))
    fig.theme("simple")
    fig.legend(False)
    labels = month_labels(months)
    top = max((m.due for m in months), default=0)
    # Overdue bars are drawn over the due bars: the red part of a month is what was missed.
    fig.draw(
        fig.bar(
            labels, [m.due for m in months], marker=plt.marker("█", plt.pixel(DUE_COLOR)), width=0.6
        )
    )
    fig.draw(
        fig.bar(
            labels,
            [m.overdue for m in months],
            marker=plt.marker("█", plt.pixel(OVERDUE_COLOR)),
            width=0.6,
        )
    )
    step = max(1, (top + 4) // 5)
    ticks = list(range(0, top + 1, step))
    fig.ruler("y").ticks(ticks, [str(t) for t in ticks])
    return str(fig.build().string())


def legend() -> Text:
    text = Text(strings.TL_CHART_TITLE + "    ", style="bold")
    text.append("█ ", style=DUE_COLOR).append(strings.TL_DUE + "  ")
    text.append("█ ", style=OVERDUE_COLOR).append(strings.TL_OVERDUE)
    return text


class MonthChart(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.months: list[MonthCount] = []

    def compose(self) -> ComposeResult:
        yield Static(legend(), classes="chart-legend", markup=False)
        yield Static(id="chart-body", markup=False)

    def set_months(self, months: list[MonthCount]) -> None:
        self.months = months
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        body = self.query_one("#chart-body", Static)
        width, height = body.size.width, body.size.height
        if not self.months or width < 20 or height < 5:
            return
        chart = Text.from_ansi(render_month_chart(self.months, width, height))
        # One span per month label: SVG snapshots place each span at its own cell, so a
        # viewer whose CJK glyphs are narrower than two cells cannot drift the axis.
        chart.highlight_regex(r"\d+月", "bold")
        body.update(chart)
