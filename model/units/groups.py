"""Group units (各乡镇, 大气办有关成员单位): finding one and reading its members."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.errors import InputError
from model.store.schema import GroupMember, Unit
from model.units.resolver import UnitResolver, unit_resolver


def find_group(name: str, resolver: UnitResolver, notes: list[str]) -> Unit:
    """A group unit by any of its names; any other kind of unit is refused."""
    unit = resolver.resolve(name, strings.GROUP_EDIT_WHERE.format(group=name), notes)
    if unit.kind != "group":
        raise InputError(strings.NOT_A_GROUP.format(name=unit.name))
    return unit


def group_members(session: Session, name: str) -> list[str]:
    """Current members of a group, in the order they were added."""
    notes: list[str] = []
    group = find_group(name, unit_resolver(session), notes)
    rows = session.scalars(
        select(Unit.name)
        .join(GroupMember, GroupMember.member_id == Unit.id)
        .where(GroupMember.group_id == group.id)
        .order_by(Unit.id)
    )
    return list(rows)
