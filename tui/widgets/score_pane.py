"""考核: the ranking of all units, a bar chart of scores, one unit's explained lines.

A rating is coloured by its band's place in the rubric (ScoreBoard.tone), so a rubric
that renames its bands or adds one still shows the best green and the worst red. A line's
points show whole with the most it could earn (9.71/13.33); a score the rubric's floor or
cap moved says so with the score before it (原始分 -0.95 → 保底 0.00). The unit chosen
stays chosen when the scores change (after an adjustment its rank moves, not the cursor).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import DataTable, Label
from textual.widgets.data_table import RowDoesNotExist

from model.core.strings import REVIEW_CHANGED, SCORE_KINDS
from tui import display, strings
from tui.widgets.data_pane import DataPane
from tui.widgets.fitted_table import Col, FittedTable, RowDetail
from tui.widgets.score_chart import ScoreChart

if TYPE_CHECKING:
    # The scoring (polars, the ORM) is imported when the tab first reads, not at start-up.
    from model.scoring.review import ReviewBoard, UnitReview
    from model.scoring.scorecards import ScoreBoard, Scorecard, ScoreLine
    from model.store.db import UnitOfWork as Session
    from model.store.reader import Source
    from tui.widgets.scores import Scores

# The rank, the unit, the score and the rating stay; the counts behind them go first.
RANKING_COLUMNS = (
    Col(strings.COL_RANK, "rank"),
    # Ranks restart in each category: the category outlasts the counts on a narrow screen.
    Col(strings.COL_CATEGORY, "category", least=4, ideal=8, priority=1, detail=True),
    Col(strings.COL_UNIT, "unit", least=8, ideal=14, detail=True),
    Col(strings.COL_SCORE, "score"),
    Col(strings.COL_RATING, "rating"),
    Col(strings.COL_ROLES_N, "roles", priority=3),
    Col(strings.COL_ON_TIME, "on-time", priority=2),
    Col(strings.COL_RED, "red", priority=2),
    Col(strings.COL_MISSED, "missed", priority=1),
    Col(strings.COL_NOTICE_N, "notices", priority=2),
    Col(strings.COL_ADJUST, "adjust", priority=3),
)
POINTS_WIDTH = 16  # wider than any line's points: +100.00/100.00
# A unit's assessment items through the year-end cycle (自评 → 复核 → 审定): the points stay,
# the notes and reasons go to the detail line first.
ITEM_COLUMNS = (
    Col(strings.COL_REVIEW_ITEM, "item"),
    Col(strings.COL_REVIEW_RANGE, "range", priority=3),
    Col(strings.COL_REVIEW_SYSTEM, "system"),
    Col(strings.COL_REVIEW_SELF, "self"),
    Col(strings.COL_REVIEW_SELF_NOTE, "self-note", least=6, ideal=16, priority=2, detail=True),
    Col(strings.COL_REVIEW_REVIEWED, "reviewed"),
    Col(strings.COL_REVIEW_REASON, "reason", least=6, ideal=24, priority=1, detail=True),
)
# A line's task, what it counts and its points stay; its kind and basis go first.
LINE_COLUMNS = (
    Col(strings.COL_KIND, "kind", priority=1),
    Col(strings.COL_TASK, "task", least=8, ideal=16, detail=True),
    Col(strings.COL_DETAIL, "detail", least=10, ideal=30, detail=True),
    Col(strings.COL_POINTS, "points", least=POINTS_WIDTH),  # never cut
    Col(strings.COL_BASIS, "basis", least=10, ideal=24, priority=2, detail=True),
)


def points(value: float) -> Text:
    return Text(f"{value:+.2f}", style="green" if value > 0 else "red" if value < 0 else "")


def line_points(line: ScoreLine) -> Text:
    """+9.71/13.33: the points and, for a task, the most it could earn."""
    cell = points(line.points)
    return cell.append(f"/{line.full:.2f}", style="dim") if line.full is not None else cell


def limited(card: Scorecard) -> str:
    """原始分 -0.95 → 保底 0.00 (or → 封顶 100.00) when the rubric's floor or cap moved the
    score; empty when it did not."""
    if not card.limit:
        return ""
    text = strings.SCORE_FLOORED if card.limit > 0 else strings.SCORE_CAPPED
    return text.format(raw=card.raw_score, score=card.score)


def line_detail(card: Scorecard, line: ScoreLine) -> str:
    """What a line counts; the floor or cap line says what it did to the score."""
    if line.kind == "limit":
        return strings.SCORE_LIMIT_DETAIL.format(moved=limited(card), rule=line.detail)
    return line.detail


def rank_cell(card: Scorecard) -> str:
    """3, 并列3 (equal scores share a rank), or a dash for a unit the rubric does not rank."""
    if card.rank is None:
        return strings.SCORE_UNRANKED_CELL
    return strings.SCORE_RANK_TIED_CELL.format(rank=card.rank) if card.tied else str(card.rank)


def rank_words(card: Scorecard) -> str:
    """乡镇第 3 名, 县直部门并列第 1 名, or 不参与排名（仅承担配合任务）."""
    if card.rank is None:
        return strings.SCORE_UNRANKED_WORDS.format(
            label=card.rank_label, reason=card.unranked_reason
        )
    rank = (strings.SCORE_RANK_TIED if card.tied else strings.SCORE_RANK).format(rank=card.rank)
    return f"{card.category or ''}{rank}"


def ranking_cells(board: ScoreBoard, card: Scorecard) -> list[object]:
    style = display.TONE_COLORS[board.tone(card.rating)]
    return [
        rank_cell(card),
        card.category or card.unranked_reason,
        card.unit,
        Text(f"{card.score:.2f}", style=style),
        Text(card.rating + ("*" if card.vetoed else ""), style=style),
        f"{card.lead + card.responsible}/{card.support}",
        str(card.done_on_time),
        str(card.missed),
        str(card.missed_reports),
        str(card.notices),
        f"{card.adjustments:g}",
    ]


def review_points(value: float | None) -> str:
    return strings.SCORE_UNRANKED_CELL if value is None else f"{value:.2f}"


def item_rows(unit: UnitReview) -> list[tuple[str, list[object]]]:
    """考核项目 | 分值 | 系统 | 自评 | 自评说明 | 复核 | 复核说明, a changed review marked."""
    rows: list[tuple[str, list[object]]] = []
    for item in unit.items:
        reviewed = Text(f"{item.reviewed:.2f}")
        if item.reviewed != item.computed:
            reviewed.stylize("bold")
        reason = (
            strings.REVIEW_REVIEWED_BY.format(
                reason=item.reason, by=item.reviewed_by, on=item.reviewed_on
            )
            if item.is_reviewed
            else ""
        )
        rows.append(
            (
                item.item,
                [
                    item.name,
                    item.range_label,
                    f"{item.computed:.2f}",
                    review_points(item.self_points),
                    item.self_note,
                    reviewed,
                    reason,
                ],
            )
        )
    return rows


def review_words(board: ReviewBoard, unit: UnitReview, card: Scorecard) -> str:
    """The unit's place in the cycle, and its reviewed (or approved) result when it is not
    the system's: · 已复核 · 复核 98.71 分（良好，第 5 名）."""
    state = board.state_label if board.frozen else unit.state_label
    words = strings.REVIEW_DETAIL_STATE.format(state=state)
    if (unit.total, unit.rating, unit.rank) != (card.score, card.rating, card.rank):
        if unit.rank is None:
            rank = unit.rank_label
        else:
            template = strings.SCORE_RANK_TIED if unit.tied else strings.SCORE_RANK
            rank = template.format(rank=unit.rank)
        words += strings.REVIEW_DETAIL_RESULT.format(
            what=strings.REVIEW_APPROVED_WORD if board.frozen else strings.REVIEW_REVIEWED_WORD,
            total=unit.total,
            rating=unit.rating,
            rank=rank,
        )
    return words


class ScorePane(DataPane["Scores"]):
    # The title ends in "…" when narrow; a unit's heading (its score, rank and limit) wraps.
    DEFAULT_CSS = """
    ScorePane #score-title {
        width: 100%;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ScorePane #score-detail {
        width: 100%;
    }
    ScorePane #score-items {
        height: auto;
        max-height: 7;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "adjust", strings.ADJUST_KEY, id="scores.adjust"),
        Binding("s", "self_score", strings.REVIEW_SELF_KEY, id="scores.self"),
        Binding("v", "review", strings.REVIEW_SET_KEY, id="scores.review"),
        Binding("h", "recorded", strings.RECORDED_KEY, id="scores.recorded"),
    ]
    # 按录入日重现: the cards exactly as the office could have printed them on this day (only
    # entries made by its end, model.store.rewind); None shows the live cards.
    recorded_on: reactive[dt.date | None] = reactive(None, init=False)

    def compose(self) -> ComposeResult:
        detail = RowDetail(id="score-row-detail", classes="row-detail")
        yield Label(id="score-title", classes="heading", markup=False)
        with Horizontal(id="score-top"):
            yield FittedTable(*RANKING_COLUMNS, detail=detail, id="ranking", zebra_stripes=True)
            with VerticalScroll(id="score-chart-box"):
                yield Label(strings.SCORE_CHART_TITLE, classes="muted", markup=False)
                yield ScoreChart(id="score-chart")
        yield Label(strings.SCORE_PICK, id="score-detail", classes="heading", markup=False)
        yield FittedTable(*ITEM_COLUMNS, detail=detail, id="score-items", zebra_stripes=True)
        yield FittedTable(*LINE_COLUMNS, detail=detail, id="score-lines", zebra_stripes=True)
        yield detail

    def on_mount(self) -> None:
        # The bars scroll with the ranking: its header and the chart's title are one line
        # each, so the same offset puts each unit's bar beside its row.
        ranking = self.query_one("#ranking", FittedTable)
        self.watch(ranking, "scroll_y", self.follow_ranking, init=False)

    def follow_ranking(self, offset: float) -> None:
        self.query_one("#score-chart-box", VerticalScroll).scroll_to(y=offset, animate=False)

    uses_orm = True  # the scorecards and their review are read through the ORM

    def fetch(self, session: Source) -> Scores:
        from model.scoring.review import reviewed_board
        from model.scoring.scorecards import compute_scorecards, report_period
        from tui.widgets.scores import Scores

        app = self.duban
        day = self.recorded_on
        if day is not None:
            from model.store.rewind import recorded_copy

            # As recorded on the day: as of that day too, read from the rewound copy.
            year, as_of = report_period(day, app.plan_years, app.year)
            with recorded_copy(app.database, day) as copy, copy.read() as recorded:
                board = compute_scorecards(
                    recorded, year=year, as_of=as_of, rubric=app.rubric, reporting=app.reporting
                )
                return Scores.of(board, reviewed_board(recorded, board, app.rubric), day)
        year, as_of = report_period(app.as_of, app.plan_years, app.year)
        orm = cast("Session", session)  # uses_orm: DataPane.load gave a session
        board = compute_scorecards(
            orm, year=year, as_of=as_of, rubric=app.rubric, reporting=app.reporting
        )
        return Scores.of(board, reviewed_board(orm, board, app.rubric))

    def watch_recorded_on(self) -> None:
        self.reload()

    def action_recorded(self) -> None:
        """h: the cards as recorded on a day; pressed again, back to the live cards."""
        if self.recorded_on is not None:
            self.recorded_on = None
            self.notify(strings.RECORDED_OFF)
            return
        self.duban.open_recorded_form(self)

    def refuse_in_recorded_view(self) -> bool:
        """Entries belong to today's cards, not to a reproduction of a past day's."""
        if self.recorded_on is None:
            return False
        self.notify(strings.RECORDED_READ_ONLY, severity="warning")
        return True

    def show(self, data: Scores) -> None:
        self.query_one("#score-title", Label).update(
            strings.SCORE_TITLE.format(
                year=data.year,
                provisional=strings.SCORE_PROVISIONAL if data.provisional else "",
                # The cycle's state before the rubric's name, which a narrow screen cuts.
                as_of=f"{data.as_of}{self.cycle_words(data)}",
                rubric=data.rubric,
            )
        )
        ranking = self.query_one("#ranking", FittedTable)
        chosen = ranking.highlighted_key()  # the unit, wherever its new rank puts it
        ranking.set_rows((card.unit, ranking_cells(data, card)) for card in data.cards)
        if chosen is not None:
            try:
                row = ranking.get_row_index(chosen)
            except RowDoesNotExist:
                pass
            else:
                ranking.move_cursor(row=row)
        self.query_one(ScoreChart).set_board(data)
        card = self.selected()
        if card is not None:
            self.show_card(card)

    @staticmethod
    def cycle_words(data: Scores) -> str:
        """· 考核流程：已复核 (or 已审定（李中煊，2024-01-12）), and 审定后数据有变化."""
        review = data.review
        if review is None:
            return ""
        recorded = data.recorded_on
        if recorded is not None:
            return strings.RECORDED_TITLE.format(day=recorded)
        words = strings.REVIEW_TITLE_STATE.format(state=review.state_label)
        changed = strings.REVIEW_TITLE_CHANGED.format(changed=REVIEW_CHANGED)
        return words + (changed if review.changed else "")

    def selected(self) -> Scorecard | None:
        ranking = self.query_one("#ranking", FittedTable)
        unit = ranking.highlighted_key()
        if self.data is None or unit is None:
            return None
        return next((c for c in self.data.cards if c.unit == unit), None)

    def show_card(self, card: Scorecard) -> None:
        detail = strings.SCORE_DETAIL.format(
            unit=card.unit,
            score=card.score,
            rating=card.rating,
            rank=rank_words(card),
            veto=strings.SCORE_VETOED if card.vetoed else "",
        )
        moved = limited(card)
        if moved:
            detail += strings.SCORE_LIMITED.format(moved=moved)
        review = None if self.data is None else self.data.review
        unit = None if review is None else review.find(card.unit)
        if review is not None and unit is not None:
            detail += review_words(review, unit, card)
        self.query_one("#score-detail", Label).update(detail)
        self.query_one("#score-items", FittedTable).set_rows(
            item_rows(unit) if unit is not None else []
        )
        self.query_one("#score-lines", FittedTable).set_rows(
            (
                None,
                [
                    SCORE_KINDS[line.kind],
                    line.task,
                    line_detail(card, line),
                    line_points(line),
                    line.basis,
                ],
            )
            for line in card.lines
        )

    @on(DataTable.RowHighlighted, "#ranking")
    def unit_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        card = self.selected()  # the cursor's unit now (a queued event may be stale)
        if card is not None:
            self.show_card(card)

    def action_adjust(self) -> None:
        if self.refuse_in_recorded_view():
            return
        card = self.selected()
        if card is not None and self.data is not None:
            self.duban.open_adjustment_form(card.unit, self.data.year)

    def action_self_score(self) -> None:
        self.open_review_form("self")

    def action_review(self) -> None:
        self.open_review_form("review")

    def open_review_form(self, stage: str) -> None:
        """自评 or 复核 of the chosen unit's items; refused at once when the year is approved."""
        if self.refuse_in_recorded_view():
            return
        card = self.selected()
        review = None if self.data is None else self.data.review
        unit = None if review is None or card is None else review.find(card.unit)
        if review is None or unit is None:
            return
        if review.approval is not None:
            approval = review.approval
            self.notify(
                strings.REVIEW_FROZEN_NOTE.format(year=review.year, by=approval.by, on=approval.on),
                severity="warning",
            )
            return
        self.duban.open_review_form(unit, review.year, stage)
