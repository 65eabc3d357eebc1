"""The year-end cycle's writes: self-assessment (自评), review (复核), approval (审定) and
reopening (重新复核).

Each function is one audited change inside the caller's write transaction; every input is
checked first and a problem raises InputError before anything is added. The ranges of the
items and the cards an approval freezes come from the caller (`model.scoring.review`
computes both), because scoring sits above this layer.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.canonical import canonical_json, sha256_text
from model.core.checks import not_after, required_text
from model.core.errors import InputError
from model.status.holders import holdings
from model.status.plan_view import plan_years
from model.store.audit import record
from model.store.queries import next_id
from model.store.schema import REVIEW_ITEMS, Plan, ScoreApproval, ScoreEntry, Task, Unit
from model.store.snapshots import score_approval_snapshot, score_entry_snapshot
from model.units.resolver import resolve_unit

TEXT_LIMIT = 2000


@dataclass(frozen=True)
class ItemRange:
    """The points an item can take: 任务完成 0..base, 进展报送 −max..0, 督办落实 −max..0,
    加分 0..max (the rubric's figures)."""

    low: float
    high: float

    def __contains__(self, points: float) -> bool:
        return self.low <= points <= self.high


def item_key(name: str) -> str:
    """The item named in Chinese (任务完成, 进展报送, 督办落实, 加分)."""
    text = name.strip()
    for key, label in strings.REVIEW_ITEM_NAMES.items():
        if text == label:
            return key
    choices = "、".join(strings.REVIEW_ITEM_NAMES[k] for k in REVIEW_ITEMS)
    raise InputError(strings.REVIEW_ITEM_UNKNOWN.format(value=name, choices=choices))


def latest_approval(session: Session, year: int) -> ScoreApproval | None:
    """The year's latest approval event (审定 or 重新复核), whatever its date."""
    return session.scalars(
        select(ScoreApproval)
        .where(ScoreApproval.year == year)
        .order_by(ScoreApproval.id.desc())
        .limit(1)
    ).first()


def _approved(session: Session, year: int) -> ScoreApproval | None:
    latest = latest_approval(session, year)
    return latest if latest is not None and latest.action == "approve" else None


def _checked_points(points: float, item: str, ranges: Mapping[str, ItemRange]) -> float:
    if not math.isfinite(points):
        raise InputError(strings.REVIEW_POINTS_CENTS.format(value=f"{points:g}"))
    rounded = round(points, 2)
    if abs(rounded - points) > 1e-9:
        raise InputError(strings.REVIEW_POINTS_CENTS.format(value=points))
    span = ranges[item]
    if rounded not in span:
        raise InputError(
            strings.REVIEW_POINTS_RANGE.format(
                item=strings.REVIEW_ITEM_NAMES[item],
                low=span.low,
                high=span.high,
                value=f"{points:g}",
            )
        )
    return rounded + 0.0  # never -0.0


def _limited(text: str, what: str) -> str:
    text = text.strip()
    if len(text) > TEXT_LIMIT:
        raise InputError(
            strings.REVIEW_TEXT_TOO_LONG.format(what=what, length=len(text), limit=TEXT_LIMIT)
        )
    return text


def _dated(on: dt.date, as_of: dt.date, year: int, what: str) -> None:
    not_after(on, as_of, what)
    if on < dt.date(year, 1, 1):
        raise InputError(strings.REVIEW_BEFORE_YEAR.format(what=what, date=on, year=year))


def _year_with_plans(session: Session, year: int) -> None:
    years = plan_years(session)
    if year not in years:
        listed = "、".join(map(str, years)) or strings.SUMMARY_NONE
        raise InputError(strings.PLAN_YEAR_EMPTY.format(year=year, years=listed))


def _not_frozen(session: Session, year: int) -> None:
    approved = _approved(session, year)
    if approved is not None:
        raise InputError(
            strings.REVIEW_FROZEN.format(year=year, on=approved.decided_on, by=approved.decided_by)
        )


def _carded_unit(session: Session, name: str, year: int, on: dt.date) -> Unit:
    """The unit, refused when it gets no card for the year: a group, or a unit that holds
    none of the year's tasks (itself or through a group) at the year's end or on `on`."""
    notes: list[str] = []
    unit = resolve_unit(session, name, strings.REVIEW_WHERE, notes)
    if unit.kind == "group":
        raise InputError(strings.REVIEW_UNIT_GROUP.format(name=unit.name))
    year_tasks = set(
        session.scalars(
            select(Task.id).join(Plan, Plan.id == Task.plan_id).where(Plan.year == year)
        )
    )
    for day in sorted({min(on, dt.date(year, 12, 31)), dt.date(year, 12, 31)}):
        held = holdings(session, on=day, unit_ids=[unit.id])
        if any(h.unit_id == unit.id and h.task_id in year_tasks for h in held):
            return unit
    raise InputError(strings.REVIEW_UNIT_NO_CARD.format(name=unit.name, year=year))


def _add_entry(
    session: Session,
    *,
    stage: str,
    unit: str,
    year: int,
    item: str,
    points: float,
    note: str,
    by: str,
    on: dt.date,
    as_of: dt.date,
    ranges: Mapping[str, ItemRange],
) -> ScoreEntry:
    key = item_key(item)
    value = _checked_points(points, key, ranges)
    what = "self_on" if stage == "self" else "review_on"
    _dated(on, as_of, year, strings.REVIEW_FIELD_NAMES[what])
    _year_with_plans(session, year)
    target = _carded_unit(session, unit, year, on)
    _not_frozen(session, year)
    row = ScoreEntry(
        id=next_id(session, ScoreEntry),
        unit_id=target.id,
        year=year,
        stage=stage,
        item=key,
        points=value,
        note=note,
        entered_by=by,
        entered_on=on,
    )
    session.add(row)
    record(
        session,
        action="review.self" if stage == "self" else "review.set",
        entity="score_entry",
        entity_id=row.id,
        after=score_entry_snapshot(row),
        reason=note if stage == "review" else None,
    )
    return row


def enter_self_score(
    session: Session,
    *,
    unit: str,
    year: int,
    item: str,
    points: float,
    note: str = "",
    on: dt.date,
    as_of: dt.date,
    ranges: Mapping[str, ItemRange],
) -> ScoreEntry:
    """A unit's self-assessed points for one item (自评), with its note; entered by the
    office. A later entry for the same item replaces it (the history stays)."""
    return _add_entry(
        session,
        stage="self",
        unit=unit,
        year=year,
        item=item,
        points=points,
        note=_limited(note, strings.REVIEW_FIELD_NAMES["self_note"]),
        by="",
        on=on,
        as_of=as_of,
        ranges=ranges,
    )


def set_review(
    session: Session,
    *,
    unit: str,
    year: int,
    item: str,
    points: float,
    reason: str,
    by: str,
    on: dt.date,
    as_of: dt.date,
    ranges: Mapping[str, ItemRange],
) -> ScoreEntry:
    """The office's reviewed points for one item (复核); every change needs its reason and
    who reviewed it. Without a review an item's reviewed points are the system's."""
    reason = _limited(
        required_text(reason, strings.REVIEW_FIELD_NAMES["reason"]),
        strings.REVIEW_FIELD_NAMES["reason"],
    )
    by = _limited(
        required_text(by, strings.REVIEW_FIELD_NAMES["by"]), strings.REVIEW_FIELD_NAMES["by"]
    )
    return _add_entry(
        session,
        stage="review",
        unit=unit,
        year=year,
        item=item,
        points=points,
        note=reason,
        by=by,
        on=on,
        as_of=as_of,
        ranges=ranges,
    )


def approve(
    session: Session,
    *,
    year: int,
    by: str,
    on: dt.date,
    as_of: dt.date,
    cards: Mapping[str, Any],
) -> ScoreApproval:
    """The leader's approval (审定) of the year's cards: `cards` (the reviewed board's
    `frozen_data()`, computed in the same transaction) is stored as canonical JSON, and
    from now on the year's cards are read from it and entries are refused."""
    by = required_text(by, strings.REVIEW_FIELD_NAMES["approver"])
    _dated(on, as_of, year, strings.REVIEW_FIELD_NAMES["approve_on"])
    if on < dt.date(year, 12, 31):
        raise InputError(strings.REVIEW_APPROVE_PROVISIONAL.format(year=year, on=on))
    _year_with_plans(session, year)
    approved = _approved(session, year)
    if approved is not None:
        raise InputError(
            strings.REVIEW_ALREADY_APPROVED.format(
                year=year, on=approved.decided_on, by=approved.decided_by
            )
        )
    if not cards.get("units"):
        raise InputError(strings.REVIEW_APPROVE_EMPTY.format(year=year))
    frozen = canonical_json(cards)
    row = ScoreApproval(
        id=next_id(session, ScoreApproval),
        year=year,
        action="approve",
        decided_on=on,
        decided_by=by,
        reason="",
        cards=frozen,
        cards_sha256=sha256_text(frozen),
    )
    session.add(row)
    record(
        session,
        action="review.approve",
        entity="score_approval",
        entity_id=row.id,
        after=score_approval_snapshot(row),
    )
    return row


def reopen(
    session: Session, *, year: int, reason: str, by: str, on: dt.date, as_of: dt.date
) -> ScoreApproval:
    """Reopening approved cards for a new review (重新复核): the reason is mandatory; entries
    are allowed again and a new approval freezes the cards again."""
    reason = _limited(
        required_text(reason, strings.REVIEW_FIELD_NAMES["reopen_reason"]),
        strings.REVIEW_FIELD_NAMES["reopen_reason"],
    )
    by = required_text(by, strings.REVIEW_FIELD_NAMES["reopener"])
    _dated(on, as_of, year, strings.REVIEW_FIELD_NAMES["reopen_on"])
    approved = _approved(session, year)
    if approved is None:
        raise InputError(strings.REVIEW_NOT_APPROVED.format(year=year))
    if on < approved.decided_on:
        raise InputError(
            strings.REVIEW_REOPEN_BEFORE.format(on=on, approved_on=approved.decided_on)
        )
    row = ScoreApproval(
        id=next_id(session, ScoreApproval),
        year=year,
        action="reopen",
        decided_on=on,
        decided_by=by,
        reason=reason,
        cards=None,
        cards_sha256=None,
    )
    session.add(row)
    record(
        session,
        action="review.reopen",
        entity="score_approval",
        entity_id=row.id,
        after=score_approval_snapshot(row),
        reason=reason,
    )
    return row
