"""`duban group NAME [--add U]… [--remove U]… [--on D]`: list or edit a group's members
(dated, audited). The day defaults to the as-of date; a change takes effect on that day
and leaves the days before it as they were."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui import strings
from tui.cli.common import as_of, notes, open_database

if TYPE_CHECKING:
    from model.store.snapshots import MemberSpell
    from model.units.groups import GroupView


def spell_text(spell: MemberSpell) -> str:
    """A member with the days of its spell: 克城镇（2023-01-01 至 2026-11-27）."""
    start, end = spell.valid_from, spell.valid_to
    if start is not None and end is not None:
        return strings.GROUP_SPELL_FROM_TO.format(name=spell.member, start=start, end=end)
    if end is not None:
        return strings.GROUP_SPELL_TO.format(name=spell.member, end=end)
    if start is not None:
        return strings.GROUP_SPELL_FROM.format(name=spell.member, start=start)
    return spell.member


def view_lines(view: GroupView) -> list[str]:
    lines = [
        strings.GROUP_MEMBERS.format(
            group=view.group,
            on=view.on,
            count=len(view.members),
            members="、".join(view.members) or strings.NONE,
        )
    ]
    if view.former:
        lines.append(strings.GROUP_FORMER.format(spells="、".join(map(spell_text, view.former))))
    if view.later:
        lines.append(
            strings.GROUP_LATER.format(on=view.on, spells="、".join(map(spell_text, view.later)))
        )
    return lines


def run(args: argparse.Namespace) -> int:
    from model.units.groups import group_view
    from model.work.groups import edit_group_members

    day = args.on or as_of(args)
    changes: list[str] = []
    database, _ = open_database(args)
    with database:
        if args.add or args.remove:
            with database.write() as session:
                _, changes = edit_group_members(
                    session, args.name, add=args.add, remove=args.remove, on=day, reason=args.reason
                )
                view, _ = group_view(session, args.name, on=day)
        else:
            with database.read() as session:
                view, changes = group_view(session, args.name, on=day)
    notes(changes)
    print("\n".join(view_lines(view)))
    return 0
