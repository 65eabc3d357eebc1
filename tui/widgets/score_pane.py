"""考核: the ranking of all units, a bar chart of scores, one unit's explained lines.

A rating is coloured by its band's place in the rubric (ScoreBoard.tone), so a rubric
that renames its bands or adds one still shows the best green and the worst red.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Label

from model.core.strings import SCORE_KINDS
from model.scoring.scorecards import ScoreBoard, Scorecard, compute_scorecards, report_period
from tui import display, strings
from tui.widgets.data_pane import DataPane
from tui.widgets.score_chart import ScoreChart

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session

RANKING_COLUMNS = [
    (strings.COL_RANK, 6),
    (strings.COL_UNIT, 14),
    (strings.COL_SCORE, 5),
    (strings.COL_RATING, 6),
    (strings.COL_ROLES_N, 7),
    (strings.COL_ON_TIME, 4),
    (strings.COL_RED, 4),
    (strings.COL_MISSED, 4),
    (strings.COL_NOTICE_N, 4),
    (strings.COL_ADJUST, 4),
]


def rank_cell(card: Scorecard) -> str:
    """3, 并列3 (equal scores share a rank), or a dash for a unit the rubric does not rank."""
    if card.rank is None:
        return strings.SCORE_UNRANKED_CELL
    return strings.SCORE_RANK_TIED_CELL.format(rank=card.rank) if card.tied else str(card.rank)


def rank_words(card: Scorecard) -> str:
    if card.rank is None:
        return card.rank_label
    return (strings.SCORE_RANK_TIED if card.tied else strings.SCORE_RANK).format(rank=card.rank)


def ranking_cells(board: ScoreBoard, card: Scorecard) -> list[object]:
    style = display.TONE_COLORS[board.tone(card.rating)]
    return [
        rank_cell(card),
        card.unit,
        Text(f"{card.score:.2f}", style=style),
        Text(card.rating + ("*" if card.vetoed else ""), style=style),
        f"{card.lead + card.responsible}/{card.support}",
        str(card.on_time),
        str(card.red),
        str(card.missed_reports),
        str(card.notices),
        f"{card.adjustments:g}",
    ]


class ScorePane(DataPane[ScoreBoard]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "adjust", strings.ADJUST_KEY, id="scores.adjust"),
    ]

    def compose(self) -> ComposeResult:
        yield Label(id="score-title", classes="heading")
        with Horizontal(id="score-top"):
            yield DataTable(id="ranking", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="score-chart-box"):
                yield Label(strings.SCORE_CHART_TITLE, classes="muted")
                yield ScoreChart(id="score-chart")
        yield Label(strings.SCORE_PICK, id="score-detail", classes="heading")
        yield DataTable(id="score-lines", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        ranking = self.query_one("#ranking", DataTable)
        for title, width in RANKING_COLUMNS:
            ranking.add_column(title, width=width)
        lines = self.query_one("#score-lines", DataTable)
        display.add_columns(
            lines,
            (strings.COL_KIND, 8),
            (strings.COL_TASK, 20),
            (strings.COL_DETAIL, 40),
            (strings.COL_POINTS, 7),
            (strings.COL_BASIS, 32),
        )

    def fetch(self, session: Session) -> ScoreBoard:
        app = self.duban
        year, as_of = report_period(app.as_of, app.plan_years)
        return compute_scorecards(session, year=year, as_of=as_of, rubric=app.rubric)

    def show(self, data: ScoreBoard) -> None:
        self.query_one("#score-title", Label).update(
            strings.SCORE_TITLE.format(
                year=data.year,
                provisional=strings.SCORE_PROVISIONAL if data.provisional else "",
                as_of=data.as_of,
                rubric=data.rubric,
                digest=data.rubric_digest,
            )
        )
        ranking = self.query_one("#ranking", DataTable)
        cursor = ranking.cursor_row
        ranking.clear()
        for card in data.cards:
            ranking.add_row(*ranking_cells(data, card), key=card.unit)
        if data.cards:
            ranking.move_cursor(row=min(cursor, ranking.row_count - 1))
        self.query_one(ScoreChart).set_board(data)
        chosen = self.selected()
        if chosen is not None:
            self.show_card(chosen)

    def selected(self) -> Scorecard | None:
        ranking = self.query_one("#ranking", DataTable)
        if self.data is None or not self.data.cards or ranking.row_count == 0:
            return None
        unit = ranking.coordinate_to_cell_key(ranking.cursor_coordinate).row_key.value
        return self.data.card(str(unit))

    def show_card(self, card: Scorecard) -> None:
        detail = strings.SCORE_DETAIL.format(
            unit=card.unit,
            score=card.score,
            rating=card.rating,
            rank=rank_words(card),
            veto=strings.SCORE_VETOED if card.vetoed else "",
        )
        self.query_one("#score-detail", Label).update(detail)
        table = self.query_one("#score-lines", DataTable)
        table.clear()
        for line in card.lines:
            style = "green" if line.points > 0 else "red" if line.points < 0 else ""
            points = Text(f"{line.points:+.2f}", style=style)
            table.add_row(SCORE_KINDS[line.kind], line.task, line.detail, points, line.basis)

    @on(DataTable.RowHighlighted, "#ranking")
    def unit_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self.data is not None:
            self.show_card(self.data.card(str(event.row_key.value)))

    def action_adjust(self) -> None:
        card = self.selected()
        if card is not None and self.data is not None:
            self.duban.open_adjustment_form(card.unit, self.data.year)
