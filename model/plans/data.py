"""The plan document as plain data: what a seed file holds and `export plans` writes.

The shape is the plan data contract (docs/ARCHITECTURE.md); `to_contract()` spells it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

ROLE_KEYS = ("lead", "support", "responsible")


@dataclass(frozen=True)
class MilestoneData:
    due: dt.date
    text: str
    start: dt.date | None = None


@dataclass(frozen=True)
class TaskData:
    number: int
    section: str
    title: str
    text: str
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    milestones: tuple[MilestoneData, ...] = ()

    def units_by_role(self) -> dict[str, tuple[str, ...]]:
        return {"lead": self.lead, "support": self.support, "responsible": self.responsible}


@dataclass(frozen=True)
class PlanData:
    key: str
    title: str
    year: int
    goals: tuple[str, ...]
    tasks: tuple[TaskData, ...]

    def sections(self) -> list[str]:
        """Section headings in the order the tasks first use them."""
        return list(dict.fromkeys(task.section for task in self.tasks))


@dataclass(frozen=True)
class UnitData:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class MemberData:
    name: str
    title: str
    role: str
    unit: str | None = None


@dataclass(frozen=True)
class LeadingGroupData:
    name: str
    office_unit: str
    members: tuple[MemberData, ...]


@dataclass(frozen=True)
class DocumentData:
    number: str
    issuer: str
    issued_on: dt.date
    title: str = ""  # 蒲县人民政府办公室关于印发…的通知; empty when not known


@dataclass(frozen=True)
class PlanDocument:
    document: DocumentData
    plans: tuple[PlanData, ...]
    units: tuple[UnitData, ...] = ()
    leading_group: LeadingGroupData | None = None


def _milestone(m: MilestoneData, dates: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"due": m.due if dates else m.due.isoformat()}
    if m.start is not None:
        out["start"] = m.start if dates else m.start.isoformat()
    out["text"] = m.text
    return out


def to_contract(doc: PlanDocument, *, native_dates: bool = False) -> dict[str, Any]:
    """The documented dump; dates are ISO strings (JSON) or date objects (TOML)."""

    def date(value: dt.date) -> Any:
        return value if native_dates else value.isoformat()

    out: dict[str, Any] = {
        "document": {
            "number": doc.document.number,
            "issuer": doc.document.issuer,
            "issued_on": date(doc.document.issued_on),
            **({"title": doc.document.title} if doc.document.title else {}),
        },
        "plans": [
            {
                "key": plan.key,
                "title": plan.title,
                "year": plan.year,
                "goals": list(plan.goals),
                "tasks": [
                    {
                        "number": task.number,
                        "section": task.section,
                        "title": task.title,
                        "text": task.text,
                        "lead": list(task.lead),
                        "support": list(task.support),
                        "responsible": list(task.responsible),
                        "milestones": [_milestone(m, native_dates) for m in task.milestones],
                    }
                    for task in plan.tasks
                ],
            }
            for plan in doc.plans
        ],
        "units": [
            {
                "name": unit.name,
                "kind": unit.kind,
                "aliases": list(unit.aliases),
                **({"members": list(unit.members)} if unit.kind == "group" else {}),
            }
            for unit in doc.units
        ],
    }
    if doc.leading_group is not None:
        group = doc.leading_group
        out["leading_group"] = {
            "name": group.name,
            "office_unit": group.office_unit,
            "members": [
                {
                    "name": m.name,
                    "title": m.title,
                    **({"unit": m.unit} if m.unit is not None else {}),
                    "role": m.role,
                }
                for m in group.members
            ],
        }
    return out
