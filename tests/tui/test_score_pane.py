"""The 考核 tab's words for a rank: shared ranks and units the rubric does not rank."""

from __future__ import annotations

import dataclasses
import datetime as dt

from model.scoring.rubric import default_rubric
from model.scoring.scorecards import compute_scorecards
from tui.widgets.score_pane import rank_cell, rank_words


def test_rank_cells_and_words(demo_db):
    with demo_db.read() as session:
        board = compute_scorecards(
            session, year=2023, as_of=dt.date(2023, 11, 15), rubric=default_rubric()
        )
    first, tied, unranked = board.cards[0], board.card("克城镇"), board.card("中石化蒲县分公司")
    assert (rank_cell(first), rank_words(first)) == ("1", "第 1 名")
    assert (rank_cell(tied), rank_words(tied)) == ("并列26", "并列第 26 名")
    assert (rank_cell(unranked), rank_words(unranked)) == ("—", "不参与排名")
    alone = dataclasses.replace(tied, tied=False)
    assert (rank_cell(alone), rank_words(alone)) == ("26", "第 26 名")
