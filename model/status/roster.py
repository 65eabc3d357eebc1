"""The leading group: its members, its office and the office director."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from model.store.schema import LeadingGroup, LeadingGroupMember


@dataclass(frozen=True)
class RosterMember:
    name: str
    title: str
    unit: str | None
    role: str


@dataclass(frozen=True)
class Roster:
    name: str
    office_unit: str
    director: str | None
    members: tuple[RosterMember, ...]


def rosters(session: Session) -> list[Roster]:
    groups = session.scalars(
        select(LeadingGroup)
        .order_by(LeadingGroup.id)
        .options(
            selectinload(LeadingGroup.members).selectinload(LeadingGroupMember.unit),
            selectinload(LeadingGroup.office_unit),
        )
    )
    out = []
    for group in groups:
        members = tuple(
            RosterMember(m.name, m.title, None if m.unit is None else m.unit.name, m.role)
            for m in group.members
        )
        director = next((m.name for m in members if m.role == "办公室主任"), None)
        out.append(Roster(group.name, group.office_unit.name, director, members))
    return out
