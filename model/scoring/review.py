"""The reviewed board: the year's scorecards as the year-end cycle (自评 → 复核 → 审定) left
them.

Each card is split into its assessment items (考核项目) — 任务完成, 进展报送, 督办落实, 加分 —
each with its 分值 (the points it can take), the system's points (系统计分, the card's
total of that part), the unit's self-assessment (自评得分 and 说明) and the office's
reviewed points (复核得分 and the reason of the change; the system's points when nobody
reviewed the item). The reviewed total is the sum of the reviewed items and the office's
adjustments (人工调整, as they are), within the rubric's floor and cap; its band follows
`Rubric.rate` (the bonus lifts no band unless the rubric says so) and the card's veto (a
unit with a missed task drops out of the veto band); ranks are recomputed within each
category as the scorecards rank (equal scores share a rank).

Once the year is approved (审定), the board is read from the cards frozen at approval; it
says when a computation from today's records differs (审定后数据有变化). Entries and
approvals count when dated on or before the board's date; on a final board (as of the
year's end) every one counts, since the cycle runs after the year is over.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.canonical import canonical_json
from model.core.periods import ReportingRules
from model.scoring.rubric import Rubric
from model.scoring.scorecards import ScoreBoard, Scorecard, cents, rank_cards
from model.store.schema import REVIEW_ITEMS, ScoreApproval, ScoreEntry, Unit
from model.work.reviews import ItemRange

# Which part of a card each item is: the card's total of that part is the item's points.
_CARD_PARTS = {
    "task": "task_points",
    "reporting": "reporting",
    "notice": "notice_points",
    "bonus": "bonus",
}
STATES = ("none", "self", "reviewed", "approved")


def item_ranges(rubric: Rubric) -> dict[str, ItemRange]:
    """The points each item can take under the rubric."""
    return {
        "task": ItemRange(0.0, rubric.base),
        "reporting": ItemRange(-rubric.reporting_max, 0.0),
        "notice": ItemRange(-rubric.notices_max, 0.0),
        "bonus": ItemRange(0.0, rubric.bonus_max),
    }


def _money(value: int) -> float:
    return value / 100 + 0.0


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class ReviewItem:
    item: str  # one of REVIEW_ITEMS
    low: float  # the item's range (分值)
    high: float
    computed: float  # 系统计分
    self_points: float | None  # 自评得分; None: not self-assessed
    self_note: str
    self_on: dt.date | None
    reviewed: float  # 复核得分: the system's points unless reviewed
    reason: str  # 复核说明; "" when not reviewed
    reviewed_by: str
    reviewed_on: dt.date | None

    @property
    def name(self) -> str:
        return strings.REVIEW_ITEM_NAMES[self.item]

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_on is not None

    @property
    def full(self) -> float:
        """The item's most (a deduction item's: its most negative)."""
        return self.high if self.high > 0 else self.low

    @property
    def range_label(self) -> str:
        """分值 as every output shows it: 0～100, -10～0, 0～5."""
        return strings.REVIEW_RANGE.format(low=self.low + 0.0, high=self.high + 0.0)

    def data(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "low": self.low,
            "high": self.high,
            "computed": self.computed,
            "self": self.self_points,
            "self_note": self.self_note,
            "self_on": None if self.self_on is None else self.self_on.isoformat(),
            "reviewed": self.reviewed,
            "reason": self.reason,
            "reviewed_by": self.reviewed_by,
            "reviewed_on": None if self.reviewed_on is None else self.reviewed_on.isoformat(),
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ReviewItem:
        return cls(
            item=data["item"],
            low=float(data["low"]),
            high=float(data["high"]),
            computed=float(data["computed"]),
            self_points=None if data["self"] is None else float(data["self"]),
            self_note=data["self_note"],
            self_on=_date(data["self_on"]),
            reviewed=float(data["reviewed"]),
            reason=data["reason"],
            reviewed_by=data["reviewed_by"],
            reviewed_on=_date(data["reviewed_on"]),
        )


@dataclass(frozen=True)
class UnitReview:
    unit: str
    kind: str
    category: str | None
    rank: int | None  # within its category, by the reviewed total
    tied: bool
    items: tuple[ReviewItem, ...]  # in REVIEW_ITEMS order
    adjustments: float  # the office's 人工调整, as on the card
    computed_total: float  # the system's score (the card's)
    self_total: float | None  # with every item self-assessed: Σ self + adjustments, limited
    limit: float  # the floor/cap correction of the reviewed total
    total: float  # 复核得分: Σ reviewed + adjustments + limit
    rating: str
    vetoed: bool
    state: str  # one of STATES

    @property
    def rank_label(self) -> str:
        if self.rank is None:
            return strings.SCORE_RANK_NONE
        return strings.SCORE_RANK_TIED.format(rank=self.rank) if self.tied else str(self.rank)

    @property
    def state_label(self) -> str:
        if self.state == "self" and self.self_total is None:
            done = sum(1 for i in self.items if i.self_points is not None)
            return strings.REVIEW_SELF_PARTIAL.format(done=done, total=len(self.items))
        return strings.REVIEW_STATE_NAMES[self.state]

    def item(self, key: str) -> ReviewItem:
        return next(i for i in self.items if i.item == key)

    def data(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "kind": self.kind,
            "category": self.category,
            "rank": self.rank,
            "tied": self.tied,
            "items": [i.data() for i in self.items],
            "adjustments": self.adjustments,
            "computed_total": self.computed_total,
            "self_total": self.self_total,
            "limit": self.limit,
            "total": self.total,
            "rating": self.rating,
            "vetoed": self.vetoed,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any], state: str) -> UnitReview:
        return cls(
            unit=data["unit"],
            kind=data["kind"],
            category=data["category"],
            rank=data["rank"],
            tied=bool(data["tied"]),
            items=tuple(ReviewItem.from_data(i) for i in data["items"]),
            adjustments=float(data["adjustments"]),
            computed_total=float(data["computed_total"]),
            self_total=None if data["self_total"] is None else float(data["self_total"]),
            limit=float(data["limit"]),
            total=float(data["total"]),
            rating=data["rating"],
            vetoed=bool(data["vetoed"]),
            state=state,
        )


@dataclass(frozen=True)
class Decision:
    """An approval (审定) or a reopening (重新复核) of the year's cards."""

    action: str  # approve | reopen
    by: str
    on: dt.date
    reason: str


@dataclass(frozen=True)
class ReviewBoard:
    year: int
    as_of: dt.date  # the date the cards were computed as of
    rubric: str
    provisional: bool
    units: tuple[UnitReview, ...]  # by category and reviewed rank, then unranked units
    state: str  # one of STATES: the furthest any unit has come (approved: the whole year)
    approval: Decision | None  # when the cards are frozen
    reopened: Decision | None  # the latest reopening, when it is the latest decision
    changed: bool  # frozen cards that a computation from today's records would change

    @property
    def frozen(self) -> bool:
        return self.approval is not None

    def unit(self, name: str) -> UnitReview:
        return next(u for u in self.units if u.unit == name)

    def find(self, name: str) -> UnitReview | None:
        return next((u for u in self.units if u.unit == name), None)

    @property
    def state_label(self) -> str:
        """未自评 / 已自评 / 已复核, or 已审定（李中煊，2024-01-20）."""
        if self.approval is not None:
            return strings.REVIEW_APPROVED.format(by=self.approval.by, on=self.approval.on)
        return strings.REVIEW_STATE_NAMES[self.state]

    @property
    def notes(self) -> tuple[str, ...]:
        """What a reader must be told beside the state: a reopening, a change since approval."""
        out = []
        if self.reopened is not None:
            r = self.reopened
            out.append(strings.REVIEW_REOPENED.format(reason=r.reason, by=r.by, on=r.on))
        if self.changed:
            out.append(strings.REVIEW_CHANGED_DETAIL)
        return tuple(out)

    def frozen_data(self) -> dict[str, Any]:
        """What an approval stores (as canonical JSON): the cards as approved."""
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "rubric": self.rubric,
            "units": [u.data() for u in self.units],
        }


def _latest_entries(
    session: Session, year: int, until: dt.date | None
) -> dict[tuple[str, str, str], ScoreEntry]:
    """The latest entry (by entry order) per unit name, stage and item."""
    query = (
        select(ScoreEntry, Unit.name)
        .join(Unit, Unit.id == ScoreEntry.unit_id)
        .where(ScoreEntry.year == year)
        .order_by(ScoreEntry.id)
    )
    if until is not None:
        query = query.where(ScoreEntry.entered_on <= until)
    return {(name, e.stage, e.item): e for e, name in session.execute(query)}


def _decisions(session: Session, year: int, until: dt.date | None) -> list[ScoreApproval]:
    query = select(ScoreApproval).where(ScoreApproval.year == year).order_by(ScoreApproval.id)
    if until is not None:
        query = query.where(ScoreApproval.decided_on <= until)
    return list(session.scalars(query))


def _limited(raw: int, rubric: Rubric) -> int:
    return min(max(raw, cents(rubric.floor)), cents(rubric.cap))


def _unit_review(
    card: Scorecard,
    entries: dict[tuple[str, str, str], ScoreEntry],
    ranges: dict[str, ItemRange],
    rubric: Rubric,
) -> UnitReview:
    items = []
    for key in REVIEW_ITEMS:
        computed = float(getattr(card, _CARD_PARTS[key]))
        own = entries.get((card.unit, "self", key))
        review = entries.get((card.unit, "review", key))
        items.append(
            ReviewItem(
                item=key,
                low=ranges[key].low,
                high=ranges[key].high,
                computed=computed,
                self_points=None if own is None else own.points,
                self_note="" if own is None else own.note,
                self_on=None if own is None else own.entered_on,
                reviewed=computed if review is None else review.points,
                reason="" if review is None else review.note,
                reviewed_by="" if review is None else review.entered_by,
                reviewed_on=None if review is None else review.entered_on,
            )
        )
    adjustments = cents(card.adjustments)
    raw = sum(cents(i.reviewed) for i in items) + adjustments
    total = _limited(raw, rubric)
    bonus = _money(cents(next(i.reviewed for i in items if i.item == "bonus")))
    rating = rubric.rate(_money(total), bonus)
    # The card's veto, on the reviewed band: a missed task bars the veto band.
    vetoed = card.missed > 0 and rubric.veto_bars is not None and rating == rubric.veto_bars
    if vetoed and rubric.veto_bars is not None:
        rating = rubric.below(rubric.veto_bars)
    self_total = None
    if all(i.self_points is not None for i in items):
        self_total = _money(
            _limited(sum(cents(i.self_points or 0.0) for i in items) + adjustments, rubric)
        )
    if any(i.is_reviewed for i in items):
        state = "reviewed"
    elif any(i.self_points is not None for i in items):
        state = "self"
    else:
        state = "none"
    return UnitReview(
        unit=card.unit,
        kind=card.kind,
        category=card.category,
        rank=None,
        tied=False,
        items=tuple(items),
        adjustments=_money(adjustments),
        computed_total=card.score,
        self_total=self_total,
        limit=_money(total - raw),
        total=_money(total),
        rating=rating,
        vetoed=vetoed,
        state=state,
    )


def _ranked_reviews(
    board: ScoreBoard, reviews: list[UnitReview], rubric: Rubric
) -> tuple[UnitReview, ...]:
    """The scorecards' ranking (model.scoring.scorecards) on the reviewed totals."""
    by_unit = {r.unit: r for r in reviews}
    rescored = [replace(c, score=by_unit[c.unit].total) for c in board.cards]
    return tuple(
        replace(by_unit[c.unit], rank=c.rank, tied=c.tied) for c in rank_cards(rescored, rubric)
    )


def _state(units: tuple[UnitReview, ...]) -> str:
    states = {u.state for u in units}
    return next((s for s in ("reviewed", "self") if s in states), "none")


def _decision(row: ScoreApproval) -> Decision:
    return Decision(row.action, row.decided_by, row.decided_on, row.reason)


def reviewed_board(session: Session, board: ScoreBoard, rubric: Rubric) -> ReviewBoard:
    """The year's cards through the cycle, from the scorecards `board` (computed under the
    same rubric): frozen when approved, else live."""
    until = board.as_of if board.provisional else None
    entries = _latest_entries(session, board.year, until)
    ranges = item_ranges(rubric)
    units = _ranked_reviews(
        board, [_unit_review(c, entries, ranges, rubric) for c in board.cards], rubric
    )
    decisions = _decisions(session, board.year, until)
    latest = decisions[-1] if decisions else None
    live = ReviewBoard(
        year=board.year,
        as_of=board.as_of,
        rubric=board.rubric,
        provisional=board.provisional,
        units=units,
        state=_state(units),
        approval=None,
        reopened=_decision(latest) if latest is not None and latest.action == "reopen" else None,
        changed=False,
    )
    if latest is None or latest.action != "approve" or latest.cards is None:
        return live
    frozen: dict[str, Any] = json.loads(latest.cards)
    frozen_units = tuple(UnitReview.from_data(u, "approved") for u in frozen["units"])
    changed = (
        canonical_json(frozen["units"]) != canonical_json(live.frozen_data()["units"])
        or frozen["as_of"] != board.as_of.isoformat()
    )
    return ReviewBoard(
        year=board.year,
        as_of=dt.date.fromisoformat(frozen["as_of"]),
        rubric=frozen["rubric"],
        provisional=False,
        units=frozen_units,
        state="approved",
        approval=_decision(latest),
        reopened=None,
        changed=changed,
    )


def compute_reviewed_board(
    session: Session,
    *,
    year: int,
    as_of: dt.date,
    rubric: Rubric,
    reporting: ReportingRules | None = None,
) -> ReviewBoard:
    """The scorecards as of `as_of` (never past the year's end) through the cycle."""
    from model.scoring.scorecards import compute_scorecards

    board = compute_scorecards(
        session,
        year=year,
        as_of=min(as_of, dt.date(year, 12, 31)),
        rubric=rubric,
        reporting=reporting,
    )
    return reviewed_board(session, board, rubric)
