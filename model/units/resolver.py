"""Finding units by canonical name or alias, and saying which names come close."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.errors import InputError
from model.store.schema import Unit, UnitAlias


class UnitResolver:
    """Canonical names and aliases → units; unknown names fail with the nearest suggestions."""

    def __init__(self, session: Session) -> None:
        units = list(session.scalars(select(Unit)))
        by_id = {u.id: u for u in units}
        self.by_name: dict[str, Unit] = {u.name: u for u in units}
        self.by_alias: dict[str, Unit] = {
            a.alias: by_id[a.unit_id] for a in session.scalars(select(UnitAlias))
        }

    def add(self, unit: Unit, aliases: Iterable[str]) -> None:
        self.by_name[unit.name] = unit
        for alias in aliases:
            self.by_alias[alias] = unit

    def resolve(self, name: str, where: str, notes: list[str]) -> Unit:
        if name in self.by_name:
            return self.by_name[name]
        if name in self.by_alias:
            unit = self.by_alias[name]
            notes.append(strings.ALIAS_RESOLVED.format(where=where, alias=name, name=unit.name))
            return unit
        raise InputError(unknown_unit_message(name, where, [*self.by_name, *self.by_alias]))


def unknown_unit_message(
    name: str, where: str, known: list[str], suggested: Iterable[str] = ()
) -> str:
    similar = difflib.get_close_matches(name, known, n=3, cutoff=0.4)
    close = list(dict.fromkeys([*suggested, *similar]))[:3]
    hint = (
        strings.UNKNOWN_UNIT_HINT.format(names="、".join(close))
        if close
        else strings.UNKNOWN_UNIT_NO_HINT
    )
    return strings.UNKNOWN_UNIT.format(where=where, name=name, hint=hint)


def known_unit_names(session: Session) -> dict[str, str]:
    """Every name and alias → its unit's canonical name."""
    resolver = UnitResolver(session)
    names = {name: name for name in resolver.by_name}
    names.update({alias: unit.name for alias, unit in resolver.by_alias.items()})
    return names
