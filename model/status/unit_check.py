"""The pre-meeting check of one unit: every task it holds, its lights, its notices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from model.core.lights import LIGHT_ORDER, Light, LightRules
from model.status.chasing import Chasing, status_label
from model.status.holders import HolderState, holder_states
from model.status.notices import NoticeView, list_notices
from model.store.reader import reader_of
from model.units.lookup import group_members_map, unit_name_map
from model.units.resolver import find_unit

if TYPE_CHECKING:
    from model.store.reader import Source


@dataclass(frozen=True)
class UnitCheck:
    unit_id: int
    unit: str
    kind: str
    as_of: dt.date
    members: tuple[str, ...]
    items: tuple[HolderState, ...]
    notices: tuple[NoticeView, ...]
    notes: tuple[str, ...] = ()
    # Per item: months of reports owed by a holder that never reported (0: none owed), and
    # the status word shown for it (model.status.chasing.status_label).
    owed: tuple[int, ...] = ()
    labels: tuple[str, ...] = ()

    def count(self, light: Light) -> int:
        return sum(1 for item in self.items if item.light is light)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `duban status --format json` (dates as ISO strings)."""

        def iso(value: dt.date | None) -> str | None:
            return None if value is None else value.isoformat()

        return {
            "unit": self.unit,
            "kind": self.kind,
            "as_of": self.as_of.isoformat(),
            "members": list(self.members),
            "counts": {light.value: self.count(light) for light in Light},
            "tasks": [
                {
                    "plan": i.plan_key,
                    "year": i.plan_year,
                    "number": i.task_number,
                    "title": i.task_title,
                    "role": i.role,
                    "via_group": i.via_group,
                    "status": i.status.value,
                    "light": i.light.value,
                    "next_due": iso(i.next_due),
                    "overdue_since": iso(i.overdue_since),
                    "last_report_on": iso(i.last_report_on),
                    "percent": i.percent,
                    "unreported_months": owed,
                }
                for i, owed in zip(self.items, self.owed, strict=True)
            ],
            "notices": [
                {
                    "number": n.number,
                    "unit": n.unit,
                    "level": n.level,
                    "issued_on": iso(n.issued_on),
                    "reply_due": iso(n.reply_due),
                    "answered": n.answered,
                    "reply_on": iso(n.reply_on),
                    "overdue": n.overdue(self.as_of),
                    # open | answered | overdue | late (model.status.notices.ReplyState)
                    "reply_state": n.state(self.as_of).value,
                    "tasks": list(n.tasks),
                }
                for n in self.notices
            ],
        }


def sort_items(items: list[HolderState]) -> list[HolderState]:
    """Newest plan year first, then plans in document order, tasks by number."""
    return sorted(items, key=lambda i: (-i.plan_year, i.plan_id, i.task_number, i.unit_id))


def aggregate_group(items: list[HolderState], group: str) -> list[HolderState]:
    """One row per task for a group: the worst member's status, the latest report."""
    by_task: dict[int, list[HolderState]] = {}
    for item in items:
        by_task.setdefault(item.task_id, []).append(item)
    rows = []
    for members in by_task.values():
        worst_member = min(members, key=lambda m: LIGHT_ORDER[m.light])
        reports = [m.last_report_on for m in members if m.last_report_on is not None]
        dues = [m.next_due for m in members if m.next_due is not None]
        rows.append(
            replace(
                worst_member,
                unit=group,
                via_group=None,
                next_due=min(dues, default=None),
                last_report_on=max(reports, default=None),
                percent=min((m.percent for m in members if m.percent is not None), default=None),
            )
        )
    return rows


def unit_check(
    source: Source, name: str, as_of: dt.date, rules: LightRules, *, year: int | None = None
) -> UnitCheck:
    """One unit across all plans (of one plan year, `year`). A group lists its members
    and their items on its tasks.

    Costs what the unit holds, not what the database holds: every query is by unit.
    """
    unit, notes = find_unit(source, name)
    reader = reader_of(source)
    members = group_members_map(reader, as_of).get(unit.id, [])
    if members:
        per_member = holder_states(reader, as_of, rules, unit_ids=members)
        items = aggregate_group([s for s in per_member if s.via_group == unit.name], unit.name)
        names = unit_name_map(reader, members)
        member_names = tuple(names[m] for m in members)
        notice_units = [unit.id, *members]
    else:
        items = holder_states(reader, as_of, rules, unit_ids=[unit.id])
        member_names = ()
        notice_units = [unit.id]
    ordered = sort_items([i for i in items if year in (None, i.plan_year)])
    chasing = Chasing(reader, as_of, ordered)
    chases = [chasing.of(item) for item in ordered]
    return UnitCheck(
        unit_id=unit.id,
        unit=unit.name,
        kind=unit.kind,
        as_of=as_of,
        members=member_names,
        items=tuple(ordered),
        notices=tuple(list_notices(reader, as_of, unit_ids=notice_units, year=year)),
        notes=tuple(notes),
        owed=tuple(c.owed for c in chases),
        labels=tuple(status_label(i, c) for i, c in zip(ordered, chases, strict=True)),
    )
