"""The leading group: its members, its office and the office director."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.store.reader import reader_of

if TYPE_CHECKING:
    from model.store.reader import Source


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


def rosters(session: Source) -> list[Roster]:
    reader = reader_of(session)
    members: dict[int, list[RosterMember]] = defaultdict(list)
    for group_id, name, title, unit, role in reader.rows(
        "SELECT m.leading_group_id, m.name, m.title, u.name, m.role"
        " FROM leading_group_member m LEFT JOIN unit u ON u.id = m.unit_id"
        " ORDER BY m.leading_group_id, m.position"
    ):
        members[group_id].append(RosterMember(name, title, unit, role))
    out = []
    for group_id, name, office in reader.rows(
        "SELECT g.id, g.name, u.name FROM leading_group g"
        " JOIN unit u ON u.id = g.office_unit_id ORDER BY g.id"
    ):
        listed = tuple(members[group_id])
        director = next((m.name for m in listed if m.role == "办公室主任"), None)
        out.append(Roster(name, office, director, listed))
    return out
