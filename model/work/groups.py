"""Editing the members of a group unit (大气办有关成员单位 and the like), audited."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.errors import InputError
from model.store.audit import record
from model.store.schema import GroupMember
from model.store.txcache import forget
from model.units.groups import find_group, group_members
from model.units.resolver import unit_resolver


def edit_group_members(
    session: Session,
    name: str,
    *,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    reason: str | None = None,
) -> tuple[list[str], list[str]]:
    """Add and remove members in one audited change; returns (members after, notes)."""
    if not add and not remove:
        raise InputError(strings.GROUP_NOTHING_TO_DO)
    notes: list[str] = []
    resolver = unit_resolver(session)
    group = find_group(name, resolver, notes)
    where = strings.GROUP_WHERE.format(group=group.name)
    before = group_members(session, group.name)
    links = {
        link.member.name: link
        for link in session.scalars(select(GroupMember).where(GroupMember.group_id == group.id))
    }
    with session.no_autoflush:
        for member_name in add:
            member = resolver.resolve(member_name, where, notes)
            if member.kind == "group":
                raise InputError(
                    strings.GROUP_MEMBER_IS_GROUP.format(group=group.name, name=member.name)
                )
            if member.name in links:
                raise InputError(
                    strings.GROUP_MEMBER_ALREADY.format(group=group.name, name=member.name)
                )
            links[member.name] = GroupMember(group=group, member=member)
            session.add(links[member.name])
        for member_name in remove:
            member = resolver.resolve(member_name, where, notes)
            link = links.pop(member.name, None)
            if link is None:
                raise InputError(
                    strings.GROUP_MEMBER_ABSENT.format(group=group.name, name=member.name)
                )
            session.delete(link)
    after = sorted(links, key=lambda n: resolver.by_name[n].id)
    record(
        session,
        action="group.members",
        entity="unit",
        entity_id=group.name,
        before={"members": before},
        after={"members": after},
        reason=reason,
    )
    session.flush()
    forget(session, "held")  # who holds what changed with the members
    return group_members(session, group.name), notes
