"""Unit names and group members by id, for the read models' bulk queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from model.store.queries import chunks, core_connection
from model.store.schema import GroupMember, Unit


def member_on(on: dt.date) -> ColumnElement[bool]:
    """The spells of group membership that cover the day `on` (both ends inclusive, NULL
    open): a unit is a member of a group on a day when one of its spells covers it."""
    return and_(
        or_(GroupMember.valid_from.is_(None), GroupMember.valid_from <= on),
        or_(GroupMember.valid_to.is_(None), GroupMember.valid_to >= on),
    )


def group_members_map(session: Session, on: dt.date) -> dict[int, list[int]]:
    """The members of every group on the day `on`, by group id, in unit id order."""
    members: dict[int, list[int]] = defaultdict(list)
    for group_id, member_id in core_connection(session).execute(
        select(GroupMember.group_id, GroupMember.member_id)
        .where(member_on(on))
        .distinct()
        .order_by(GroupMember.group_id, GroupMember.member_id)
    ):
        members[group_id].append(member_id)
    return members


Spell = tuple[int, int, dt.date | None, dt.date | None]  # group, member, from, to


def spells_by_unit(session: Session) -> dict[int, list[Spell]]:
    """Every spell of group membership, under its group and under its member."""
    out: dict[int, list[Spell]] = defaultdict(list)
    query = select(
        GroupMember.group_id, GroupMember.member_id, GroupMember.valid_from, GroupMember.valid_to
    )
    for group_id, member_id, start, end in core_connection(session).execute(query):
        spell = (group_id, member_id, start, end)
        out[group_id].append(spell)
        out[member_id].append(spell)
    return out


def unit_name_map(session: Session, unit_ids: Iterable[int] | None = None) -> dict[int, str]:
    query = select(Unit.id, Unit.name)
    if unit_ids is None:
        return {i: n for i, n in core_connection(session).execute(query)}
    return {
        i: n
        for part in chunks(set(unit_ids))
        for i, n in core_connection(session).execute(query.where(Unit.id.in_(part)))
    }
