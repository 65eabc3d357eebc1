"""One unit as the office's address book has it, as of a date: its name and kind, the
other names it is known by, the groups it belongs to that day (or, for a group, its
members), and its liaison (`duban unit`, the dashboard's unit check)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.core import strings
from model.status.returns import Liaison, liaisons
from model.store.reader import reader_of
from model.units.lookup import group_members_map, unit_name_map
from model.units.resolver import find_unit

if TYPE_CHECKING:
    from model.store.reader import Source


@dataclass(frozen=True)
class UnitCard:
    unit_id: int
    name: str
    kind: str
    on: dt.date
    aliases: tuple[str, ...]
    groups: tuple[str, ...]  # the groups it is a member of on `on`
    members: tuple[str, ...]  # a group's members on `on`
    liaison: Liaison | None
    notes: tuple[str, ...] = ()


def unit_card(source: Source, name: str, on: dt.date) -> UnitCard:
    """The unit a person named (resolved as every command resolves it), as of `on`."""
    unit, notes = find_unit(source, name)
    reader = reader_of(source)
    aliases = tuple(
        alias
        for (alias,) in reader.rows(
            "SELECT alias FROM unit_alias WHERE unit_id = ? ORDER BY id", (unit.id,)
        )
    )
    members_of = group_members_map(reader, on)
    group_ids = [g for g, members in members_of.items() if unit.id in members]
    members = members_of.get(unit.id, [])
    names = unit_name_map(reader, [*group_ids, *members])
    return UnitCard(
        unit_id=unit.id,
        name=unit.name,
        kind=unit.kind,
        on=on,
        aliases=aliases,
        groups=tuple(names[g] for g in group_ids),
        members=tuple(names[m] for m in members),
        liaison=liaisons(reader, [unit.id]).get(unit.id),
        notes=tuple(notes),
    )


def liaison_text(liaison: Liaison | None) -> str:
    """王丽 0357-5521234（环保股）, or 未确定: the liaison as every screen and file says it."""
    if liaison is None:
        return strings.LIAISON_UNSET
    template = strings.LIAISON_TEXT_NOTE if liaison.note else strings.LIAISON_TEXT
    return template.format(name=liaison.name, phone=liaison.phone, note=liaison.note)


def liaison_line(liaison: Liaison | None) -> str:
    """联络人：王丽 0357-5521234 — the unit check's line."""
    return strings.LIAISON_LINE.format(liaison=liaison_text(liaison))
