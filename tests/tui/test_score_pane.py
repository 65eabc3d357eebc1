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
            session, year=2023, as_of=dt.date(2023, 12, 31), rubric=default_rubric()
        )
    first, tied, unranked = (
        board.card("黑龙关镇"),
        board.card("林业局"),
        board.card("中石化蒲县分公司"),
    )
    assert (rank_cell(first), rank_words(first)) == ("1", "乡镇第 1 名")
    assert (rank_cell(tied), rank_words(tied)) == ("并列1", "县直部门并列第 1 名")
    assert (rank_cell(unranked), rank_words(unranked)) == ("—", "不参与排名（企业类单位）")
    support = board.card("应急管理局")
    assert rank_words(support) == "不参与排名（仅承担配合任务）"
    alone = dataclasses.replace(tied, tied=False)
    assert (rank_cell(alone), rank_words(alone)) == ("1", "县直部门第 1 名")
