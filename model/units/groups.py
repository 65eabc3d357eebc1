"""Group units (各乡镇, 大气办有关成员单位): finding one and reading its members.

Membership is dated (`GroupMember` spells): every read names the day it is for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.checks import echoed
from model.core.errors import InputError
from model.store.reader import reader_of
from model.store.schema import GroupMember, Unit
from model.store.snapshots import MemberSpell, spell_order
from model.units.lookup import member_on
from model.units.resolver import UnitResolver, unit_resolver


def find_group(name: str, resolver: UnitResolver, notes: list[str]) -> Unit:
    """A group unit by any of its names; any other kind of unit is refused."""
    unit = resolver.resolve(name, strings.GROUP_EDIT_WHERE.format(group=echoed(name)), notes)
    if unit.kind != "group":
        raise InputError(strings.NOT_A_GROUP.format(name=unit.name))
    return unit


def group_members(session: Session, name: str, *, on: dt.date) -> list[str]:
    """The members of a group on the day `on`, in the order they were added (unit id)."""
    notes: list[str] = []
    group = find_group(name, unit_resolver(session), notes)
    covers, params = member_on(on)
    rows = reader_of(session).rows(
        "SELECT DISTINCT unit.name FROM unit JOIN group_member ON group_member.member_id = unit.id"
        f" WHERE group_member.group_id = ? AND {covers} ORDER BY unit.id",
        (group.id, *params),
    )
    return [name for (name,) in rows]


def group_spells(session: Session, group_id: int) -> list[MemberSpell]:
    """Every spell of membership of a group, by member (unit id), then start."""
    rows = session.execute(
        select(GroupMember.member_id, Unit.name, GroupMember.valid_from, GroupMember.valid_to)
        .join(Unit, Unit.id == GroupMember.member_id)
        .where(GroupMember.group_id == group_id)
    )
    return sorted((MemberSpell(*row) for row in rows), key=spell_order)


@dataclass(frozen=True)
class GroupView:
    """A group as of a day: its members then, and the spells that ended before or start
    after that day (a former member, a member from a later date)."""

    group: str
    on: dt.date
    members: tuple[str, ...]
    former: tuple[MemberSpell, ...]
    later: tuple[MemberSpell, ...]


def group_view(session: Session, name: str, *, on: dt.date) -> tuple[GroupView, list[str]]:
    """The group `name` as of `on`, and the notes on how its name was understood."""
    notes: list[str] = []
    group = find_group(name, unit_resolver(session), notes)
    spells = group_spells(session, group.id)
    return (
        GroupView(
            group=group.name,
            on=on,
            members=tuple(dict.fromkeys(s.member for s in spells if s.covers(on))),
            former=tuple(s for s in spells if s.valid_to is not None and s.valid_to < on),
            later=tuple(s for s in spells if s.valid_from is not None and s.valid_from > on),
        ),
        notes,
    )
