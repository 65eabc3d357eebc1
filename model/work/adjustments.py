"""Manual ± adjustments to a unit's year-end score: reason and approver are mandatory."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from model.core import strings
from model.core.checks import not_after, required_text
from model.core.errors import InputError
from model.store.audit import record
from model.store.queries import next_id
from model.store.schema import ScoreAdjustment
from model.store.snapshots import adjustment_snapshot
from model.units.resolver import resolve_unit


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
        raise InputError(strings.ADJUST_POINTS.format(value=points))
    reason = required_text(reason, strings.FIELD_NAMES["reason"])
    approver = required_text(approver, strings.FIELD_NAMES["approver"])
    not_after(decided_on, as_of, strings.FIELD_NAMES["decided_on"])
    notes: list[str] = []
    target = resolve_unit(session, unit, strings.ADJUST_WHERE, notes)
    if target.kind == "group":
        raise InputError(strings.ADJUST_UNIT_KIND.format(name=target.name))
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
    return row
