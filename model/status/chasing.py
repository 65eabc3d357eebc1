"""Whom the reports chase: the holders who never reported although reports were owed, and
the placeholder groups no one can be chased for.

A holder owes a report for each month from the first whole month after the plan's
document was issued, a month being owed once it has ended — the calendar the scorecards
count missed reports by (model.scoring.scorecards: the reporting lines) and the lights turn
a never-reported holder yellow by (model.core.lights.months_owed). So a unit the
scorecard charges with missed reports and no report at all is the unit the progress
table, the notice sheet and the bulletin list as 未报送.

A placeholder group is a group unit whose members the office has not set yet (大气办有关
成员单位): it holds its tasks itself, cannot report, and is never named as a culprit; the
reports say its members are not set yet (the office sets them with `duban group`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.core import strings
from model.core.lights import Status, months_owed
from model.core.lights import first_owed_on as first_owed_on  # the calendar, re-exported
from model.core.lights import first_report_month as first_report_month
from model.status.holders import HolderState
from model.store.reader import iso_date, reader_of
from model.units.lookup import member_on

if TYPE_CHECKING:
    from model.store.reader import Source


def plan_starts(source: Source, plan_ids: Collection[int]) -> dict[int, dt.date]:
    """Each plan's start: the issue date of its document (as the lights and scores use)."""
    rows = reader_of(source).rows_in(
        "SELECT plan.id, document.issued_on FROM plan"
        " JOIN document ON document.id = plan.document_id WHERE plan.id IN ({ids})",
        plan_ids,
    )
    return {plan_id: iso_date(start) for plan_id, start in rows}


def placeholder_groups(source: Source, on: dt.date) -> dict[int, str]:
    """Group units with no members on the day `on`, by id (大气办有关成员单位 in the 2023
    plans): they hold their tasks themselves that day."""
    covers, params = member_on(on)
    rows = reader_of(source).rows(
        "SELECT id, name FROM unit WHERE kind = 'group'"
        f" AND id NOT IN (SELECT group_id FROM group_member WHERE {covers})",
        params,
    )
    return {unit_id: name for unit_id, name in rows}


@dataclass(frozen=True)
class Chase:
    """What the reports hold against a holder beside its status."""

    owed: int  # months of reports owed by a holder that never reported (0: reported, or none owed)
    placeholder: bool  # a group with no members: never a culprit

    @property
    def unreported(self) -> bool:
        return self.owed > 0


def status_label(state: HolderState, chase: Chase) -> str:
    """The status word of a holder in the unit check: 未报送 for one that never reported
    although reports are owed (as the scorecard counts it) unless it is already 逾期."""
    if chase.unreported and state.status is not Status.OVERDUE:
        return strings.UNREPORTED_NAME
    return strings.STATUS_NAMES[state.status.value]


class Chasing:
    """The chase of each holder as of a date: `of(state)`."""

    def __init__(self, source: Source, as_of: dt.date, states: Iterable[HolderState]) -> None:
        held = list(states)
        reader = reader_of(source)
        self.as_of = as_of
        self.starts = plan_starts(reader, {s.plan_id for s in held}) if held else {}
        self.placeholders = placeholder_groups(reader, as_of)

    def of(self, state: HolderState) -> Chase:
        placeholder = state.unit_id in self.placeholders
        # A finished part (model.core.lights.finished) owes nothing and is never chased.
        never = state.last_report_on is None and not state.status.finished
        owed = months_owed(self.starts[state.plan_id], self.as_of) if never else 0
        return Chase(owed=0 if placeholder else owed, placeholder=placeholder)
