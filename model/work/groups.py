"""Editing the members of a group unit (各乡镇, 大气办有关成员单位), dated and audited.

Membership is a set of spells (`GroupMember`: a member from `valid_from` to `valid_to`,
both inclusive). A change takes effect on a day and never rewrites the days before it:
removing a member on D ends its spell on D - 1 (a spell that had not begun by D never took
effect and is deleted); adding one on D opens a spell from D.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from model.core import strings
from model.core.errors import InputError
from model.store.audit import record
from model.store.schema import GroupMember, Unit
from model.store.snapshots import MemberSpell, group_snapshot
from model.store.txcache import forget
from model.units.groups import find_group, group_members
from model.units.resolver import unit_resolver
from model.work.progress import HELD


def _spell(link: GroupMember) -> MemberSpell:
    # By the member row, not `member_id`: a spell added in this change is not flushed yet.
    return MemberSpell(link.member.id, link.member.name, link.valid_from, link.valid_to)


def _add(
    session: Session, group: Unit, member: Unit, links: list[GroupMember], on: dt.date
) -> None:
    mine = [link for link in links if link.member.id == member.id]
    if any(_spell(link).covers(on) for link in mine):
        raise InputError(
            strings.GROUP_MEMBER_ALREADY_ON.format(group=group.name, name=member.name, on=on)
        )
    later = sorted(
        link.valid_from for link in mine if link.valid_from is not None and link.valid_from > on
    )
    if later:
        raise InputError(
            strings.GROUP_MEMBER_LATER.format(
                group=group.name, name=member.name, on=on, start=later[0]
            )
        )
    # A spell that ended the day before is taken up again: removed and re-added on the
    # same day, the member has been one all along.
    eve = on - dt.timedelta(days=1) if on > dt.date.min else None
    ended = next((link for link in mine if eve is not None and link.valid_to == eve), None)
    if ended is not None:
        ended.valid_to = None
        return
    link = GroupMember(group=group, member=member, valid_from=on, valid_to=None)
    session.add(link)
    links.append(link)


def _remove(
    session: Session, group: Unit, member: Unit, links: list[GroupMember], on: dt.date
) -> None:
    current = [
        link
        for link in links
        if link.member.id == member.id and (link.valid_to is None or link.valid_to >= on)
    ]
    if not current:
        raise InputError(
            strings.GROUP_MEMBER_ABSENT_ON.format(group=group.name, name=member.name, on=on)
        )
    if on == dt.date.min:
        raise InputError(strings.GROUP_DATE_TOO_EARLY.format(on=on))
    for link in current:
        if link.valid_from is not None and link.valid_from >= on:
            session.delete(link)  # it had not begun by `on`: it never took effect
            links.remove(link)
        else:
            link.valid_to = on - dt.timedelta(days=1)


def edit_group_members(
    session: Session,
    name: str,
    *,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    on: dt.date,
    reason: str | None = None,
) -> tuple[list[str], list[str]]:
    """Add and remove members from the day `on`, in one audited change; returns (the
    members on `on` after the change, notes)."""
    if not add and not remove:
        raise InputError(strings.GROUP_NOTHING_TO_DO)
    notes: list[str] = []
    resolver = unit_resolver(session)
    group = find_group(name, resolver, notes)
    where = strings.GROUP_WHERE.format(group=group.name)
    links = list(
        session.scalars(
            select(GroupMember)
            .where(GroupMember.group_id == group.id)
            .options(joinedload(GroupMember.member))
        )
    )
    before = group_snapshot([_spell(link) for link in links], on)
    added = [resolver.resolve(n, where, notes) for n in add]
    removed = [resolver.resolve(n, where, notes) for n in remove]
    for member in added:
        if member.kind == "group":
            raise InputError(
                strings.GROUP_MEMBER_IS_GROUP.format(group=group.name, name=member.name)
            )
        if member in removed:
            raise InputError(strings.GROUP_ADD_AND_REMOVE.format(name=member.name))
    with session.no_autoflush:
        for member in removed:
            _remove(session, group, member, links, on)
        for member in added:
            _add(session, group, member, links, on)
    record(
        session,
        action="group.members",
        entity="unit",
        entity_id=group.name,
        before=before,
        after=group_snapshot([_spell(link) for link in links], on),
        reason=reason,
    )
    session.flush()
    forget(session, HELD)  # who holds what changed with the members
    return group_members(session, group.name, on=on), notes
