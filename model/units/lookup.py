"""Unit names and group members by id, for the read models' bulk queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.store.queries import chunks, core_connection
from model.store.schema import GroupMember, Unit


def group_members_map(session: Session) -> dict[int, list[int]]:
    members: dict[int, list[int]] = defaultdict(list)
    for group_id, member_id in core_connection(session).execute(
        select(GroupMember.group_id, GroupMember.member_id).order_by(GroupMember.member_id)
    ):
        members[group_id].append(member_id)
    return members


def unit_name_map(session: Session, unit_ids: Iterable[int] | None = None) -> dict[int, str]:
    query = select(Unit.id, Unit.name)
    if unit_ids is None:
        return {i: n for i, n in core_connection(session).execute(query)}
    return {
        i: n
        for part in chunks(set(unit_ids))
        for i, n in core_connection(session).execute(query.where(Unit.id.in_(part)))
    }
