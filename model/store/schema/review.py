"""The year-end cycle (年终考核): self-assessment (自评), review (复核) and approval (审定).

Both tables are append-only histories: the latest entry of a unit's item at a stage wins,
and the latest approval event of a year says whether the year's cards are frozen.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from model.store.schema.base import Base, sql_in

# The stages of an entry: the unit's own score, the office's reviewed score.
REVIEW_STAGES: Final = ("self", "review")
# The assessment items (考核项目), one per part of a scorecard: 任务完成, 进展报送, 督办落实, 加分.
REVIEW_ITEMS: Final = ("task", "reporting", "notice", "bonus")
# What an approval event does: freeze the year's cards (审定), or reopen them (重新复核).
APPROVAL_ACTIONS: Final = ("approve", "reopen")


class ScoreEntry(Base):
    """One self-assessed (自评) or reviewed (复核) score of one item of a unit's card."""

    __tablename__ = "score_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(10))
    item: Mapped[str] = mapped_column(String(20))
    points: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")  # 自评说明, or the reason of a review
    entered_by: Mapped[str] = mapped_column(String(100), default="")  # the reviewer
    entered_on: Mapped[dt.date] = mapped_column(Date)

    __table_args__ = (
        Index("ix_score_entry_year_unit", "year", "unit_id", "stage", "item"),
        CheckConstraint(sql_in("stage", REVIEW_STAGES), name="stage"),
        CheckConstraint(sql_in("item", REVIEW_ITEMS), name="item"),
        CheckConstraint("points BETWEEN -1000 AND 1000", name="points_range"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
        CheckConstraint(
            "stage <> 'review' OR (length(trim(note)) > 0 AND length(trim(entered_by)) > 0)",
            name="review_reasoned",
        ),
    )


class ScoreApproval(Base):
    """The leader's approval (审定) of a year's cards, with the cards as approved, or the
    reopening (重新复核) of approved cards with its reason; the latest event wins."""

    __tablename__ = "score_approval"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(10))
    decided_on: Mapped[dt.date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    cards: Mapped[str | None] = mapped_column(Text)  # canonical JSON of the approved cards
    cards_sha256: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        CheckConstraint(sql_in("action", APPROVAL_ACTIONS), name="action"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
        CheckConstraint("length(trim(decided_by)) > 0", name="decided_by_not_empty"),
        CheckConstraint(
            "(action = 'approve') = (cards IS NOT NULL AND cards_sha256 IS NOT NULL)",
            name="approval_holds_cards",
        ),
        CheckConstraint("action <> 'reopen' OR length(trim(reason)) > 0", name="reopen_reasoned"),
    )
