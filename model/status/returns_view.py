"""The returns of a period as the office chases them: one table, one headline and one
reminder (催报) for `duban returns status | remind` and the 督办 tab alike.

The period looked at by default is the one in collection (`period_in_collection`): the
month before the as-of date's month, whose return falls due in the as-of month — before its
due date the units that have not returned are 待报送 (and a reminder says how many days are
left), after it 未报送. Rows are ordered for chasing: missing, then not yet due, then late,
then returned on time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from model.core import strings
from model.core.periods import Period, ReportingRules
from model.core.returns_sheet import INPUTS
from model.core.settings import OfficeContact
from model.status.returns import ReturnState, ReturnStatus, return_statuses
from model.store.reader import reader_of
from model.units.lookup import group_members_map
from model.units.resolver import find_unit

if TYPE_CHECKING:
    from model.store.reader import Source

# Chasing order: who is to be called first.
STATE_ORDER: tuple[ReturnState, ...] = (
    ReturnState.MISSING,
    ReturnState.NOT_DUE,
    ReturnState.LATE,
    ReturnState.RETURNED,
)
# Not yet received, and so to be reminded: missing after the due date, not due before it.
UNRETURNED = frozenset({ReturnState.MISSING, ReturnState.NOT_DUE})


def previous_period(period: Period) -> Period:
    return (
        Period(period.year - 1, 12) if period.month == 1 else Period(period.year, period.month - 1)
    )


def period_in_collection(as_of: dt.date) -> Period:
    """The period looked at by default: last month, whose return is collected this month.
    On 5 November that is October, 待报送 until its due date; on 20 November still October,
    with the units that did not return 未报送."""
    return previous_period(Period.of(as_of))


def chinese_date(day: dt.date) -> str:
    return strings.CHINESE_DATE.format(year=day.year, month=day.month, day=day.day)


def due_text(day: dt.date) -> str:
    """2023年11月10日（星期五）: a deadline as a message says it."""
    return strings.RETURNS_DUE_DATE.format(
        date=chinese_date(day), weekday=strings.WEEKDAY_NAMES[day.weekday()]
    )


@dataclass(frozen=True)
class ReturnsView:
    period: Period
    due_on: dt.date
    as_of: dt.date
    rows: tuple[ReturnStatus, ...]  # in chasing order
    unit: str | None = None  # the unit (or group) asked about, None for every unit
    notes: tuple[str, ...] = field(default=())  # how the unit asked about was found

    @property
    def overdue(self) -> bool:
        return self.as_of > self.due_on

    def count(self, state: ReturnState) -> int:
        return sum(1 for row in self.rows if row.state is state)

    @property
    def unreturned(self) -> list[ReturnStatus]:
        return [row for row in self.rows if row.state in UNRETURNED]

    def headline(self) -> str:
        """2023年10月报送表　截止 2023年11月10日（星期五）　应报 27 个单位：已报 20，迟报 3，未报 4
        — before the due date: 已报 N，待报 M."""
        return strings.RETURNS_HEADLINE_SEP.join(self.headline_parts())

    def headline_parts(self) -> tuple[str, str, str]:
        """The headline's period, due date and counts (a narrow screen puts them on lines
        of their own)."""
        if not self.rows:
            counts = (
                strings.RETURNS_HEADLINE_NONE
                if self.unit is None
                else strings.RETURNS_HEADLINE_NONE_UNIT.format(unit=self.unit)
            )
        else:
            shown = (
                (ReturnState.RETURNED, ReturnState.LATE, ReturnState.MISSING)
                if self.overdue
                else (ReturnState.RETURNED, ReturnState.NOT_DUE)
            )
            parts = "，".join(
                strings.RETURNS_HEADLINE_PART[state.value].format(n=self.count(state))
                for state in shown
            )
            counts = strings.RETURNS_HEADLINE_COUNTS.format(owed=len(self.rows), parts=parts)
        return (
            strings.RETURNS_HEADLINE_TITLE.format(period=self.period.label),
            strings.RETURNS_HEADLINE_DUE.format(due=due_text(self.due_on)),
            counts,
        )

    def as_dict(self) -> dict[str, Any]:
        """For `--format json`: English keys, Chinese words, ISO dates."""
        return {
            "period": self.period.key,
            "period_label": self.period.label,
            "due_on": self.due_on.isoformat(),
            "as_of": self.as_of.isoformat(),
            "headline": self.headline(),
            "counts": {
                "owed": len(self.rows),
                **{state.value: self.count(state) for state in STATE_ORDER},
            },
            "units": [
                {
                    "unit": row.unit,
                    "state": strings.RETURN_STATE_NAMES[row.state.value],
                    "received_on": row.received_on.isoformat() if row.received_on else None,
                    "days_late": row.days_late,
                    "tasks": row.tasks,
                    "liaison": row.liaison.name if row.liaison else None,
                    "phone": (row.liaison.phone or None) if row.liaison else None,
                }
                for row in self.rows
            ],
        }


def row_cells(row: ReturnStatus) -> list[str]:
    """单位、状态、收到日期、迟报天数、任务数、联络人、电话 — the table of the command line and
    of the 督办 tab. 迟报天数: days after the due date it came, or (missing) has been owed."""
    blank = strings.RETURNS_BLANK
    days = str(row.days_late) if row.state in (ReturnState.LATE, ReturnState.MISSING) else blank
    return [
        row.unit,
        strings.RETURN_STATE_NAMES[row.state.value],
        row.received_on.isoformat() if row.received_on else blank,
        days,
        str(row.tasks),
        row.liaison.name if row.liaison else strings.RETURNS_NO_LIAISON,
        (row.liaison.phone or blank) if row.liaison else blank,
    ]


def returns_view(
    source: Source,
    rules: ReportingRules,
    as_of: dt.date,
    period: Period | None = None,
    *,
    unit: str | None = None,
) -> ReturnsView:
    """The returns of `period` (default: the one in collection) as of `as_of`; with `unit`,
    that unit's alone — or a group's members' (各乡镇) on the period's last day."""
    reader = reader_of(source)
    chosen = period or period_in_collection(as_of)
    unit_ids: set[int] | None = None
    name: str | None = None
    notes: list[str] = []
    if unit is not None:
        found, notes = find_unit(reader, unit)
        name = found.name
        unit_ids = {found.id}
        if found.kind == "group":
            unit_ids |= set(group_members_map(reader, chosen.last_day).get(found.id, []))
    statuses = return_statuses(reader, chosen, rules, as_of, unit_ids=unit_ids)
    if unit_ids is not None:
        statuses = [s for s in statuses if s.unit_id in unit_ids]
    rank = {state: index for index, state in enumerate(STATE_ORDER)}
    ordered = sorted(statuses, key=lambda s: rank[s.state])  # stable: the units' order within
    return ReturnsView(chosen, rules.due(chosen), as_of, tuple(ordered), name, tuple(notes))


def reminder(view: ReturnsView, office: str, contact: OfficeContact) -> tuple[str, bool]:
    """The message for the office's work group (催报), ready to paste, and whether anyone is
    reminded. It is dated the as-of date and never asks for a date already past: after the
    due date it says how many days overdue and asks for the return at once. With nobody to
    remind it says so in a line (False)."""
    label = view.period.label
    waiting = view.unreturned
    if not view.rows:
        if view.unit is not None:
            return strings.REMIND_NOTHING_OWED_UNIT.format(unit=view.unit, period=label), False
        return strings.REMIND_NOTHING_OWED.format(period=label), False
    if not waiting:
        return strings.REMIND_NOTHING_MISSING.format(period=label, owed=len(view.rows)), False
    due = due_text(view.due_on)
    days = (view.as_of - view.due_on).days
    if days > 0:
        title = strings.REMIND_TITLE_OVERDUE.format(period=label)
        opening = strings.REMIND_OVERDUE.format(
            period=label, due=due, as_of=chinese_date(view.as_of), count=len(waiting), days=days
        )
        ask = strings.REMIND_ASK_OVERDUE
    elif days == 0:
        title = strings.REMIND_TITLE_UPCOMING.format(period=label)
        opening = strings.REMIND_TODAY.format(period=label, due=due, count=len(waiting))
        ask = strings.REMIND_ASK_TODAY
    else:
        title = strings.REMIND_TITLE_UPCOMING.format(period=label)
        opening = strings.REMIND_UPCOMING.format(
            period=label, due=due, days=-days, count=len(waiting)
        )
        ask = strings.REMIND_ASK_UPCOMING.format(due=chinese_date(view.due_on))
    lines = [title, opening]
    for index, row in enumerate(waiting, start=1):
        if row.liaison is None:
            lines.append(strings.REMIND_UNIT_NO_LIAISON.format(index=index, unit=row.unit))
        else:
            phone = (
                strings.REMIND_UNIT_PHONE.format(phone=row.liaison.phone)
                if row.liaison.phone
                else ""
            )
            lines.append(
                strings.REMIND_UNIT.format(
                    index=index, unit=row.unit, name=row.liaison.name, phone=phone
                )
            )
    lines.append(ask)
    lines.append(strings.REMIND_WHAT.format(first=INPUTS[0][0], last=INPUTS[-1][0], period=label))
    signature = _contact_line(contact)
    if signature:
        lines.append(signature)
    if office:
        lines.append(office)
    lines.append(chinese_date(view.as_of))
    return "\n".join(lines) + "\n", True


def _contact_line(contact: OfficeContact) -> str:
    if contact.contact and contact.phone:
        return strings.REMIND_CONTACT.format(contact=contact.contact, phone=contact.phone)
    if contact.contact:
        return strings.REMIND_CONTACT_NAME.format(contact=contact.contact)
    if contact.phone:
        return strings.REMIND_CONTACT_PHONE.format(phone=contact.phone)
    return ""
