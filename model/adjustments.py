"""Manual ± adjustments to a unit's year-end score: reason and approver are mandatory."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from model import messages
from model.audit import record
from model.errors import InputError
from model.progress import next_id, required_text
from model.schema import ScoreAdjustment
from model.unit_names import UnitResolver


def add_adjustment(
    session: Session,
    *,
    unit: str,
    year: int,
    points: float,
    reason: str,
    approver: str,
    decided_on: dt.date,
    as_of: dt.date,
) -> ScoreAdjustment:
    if not -100 <= points <= 100 or points == 0:
        raise InputError(messages.ADJUST_POINTS.format(value=points))
    reason = required_text(reason, "调整原因")
    approver = required_text(approver, "批准人")
    if decided_on > as_of:
        raise InputError(
            messages.DATE_AFTER_AS_OF.format(what="决定日期", date=decided_on, as_of=as_of)
        )
    notes: list[str] = []
    target = UnitResolver(session).resolve(unit, "考核调整", notes)
    if target.kind == "group":
        raise InputError(messages.ADJUST_UNIT_KIND.format(name=target.name))
    row = ScoreAdjustment(
        id=next_id(session, ScoreAdjustment),
        unit_id=target.id,
        year=year,
        decided_on=decided_on,
        points=float(points),
        reason=reason,
        approver=approver,
    )
    session.add(row)
    record(
        session,
        action="adjustment.create",
        entity="score_adjustment",
        entity_id=row.id,
        after=adjustment_snapshot(row),
        reason=reason,
    )
    session.flush()
    return row


def adjustment_snapshot(row: ScoreAdjustment) -> dict[str, object]:
    return {
        "id": row.id,
        "unit_id": row.unit_id,
        "year": row.year,
        "decided_on": row.decided_on,
        "points": row.points,
        "reason": row.reason,
        "approver": row.approver,
    }
