"""What the 考核 tab shows: the scorecards with the year-end cycle's review of them.

A module of its own so that the scoring is imported when the tab first reads its data
(tui.widgets.score_pane), not when the dashboard starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from model.scoring.review import ReviewBoard
from model.scoring.scorecards import ScoreBoard


@dataclass(frozen=True)
class Scores(ScoreBoard):
    """The scorecards and the year-end cycle's review of them (model.scoring.review)."""

    review: ReviewBoard | None = None
    recorded_on: dt.date | None = None  # reproduced as recorded on this day

    @classmethod
    def of(
        cls, board: ScoreBoard, review: ReviewBoard, recorded_on: dt.date | None = None
    ) -> Scores:
        values = {f.name: getattr(board, f.name) for f in fields(board)}
        return cls(**values, review=review, recorded_on=recorded_on)
