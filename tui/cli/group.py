"""`duban group NAME [--add U]… [--remove U]…`: list or edit a group's members (audited)."""

from __future__ import annotations

import argparse

from tui import strings
from tui.cli.common import notes, open_database


def run(args: argparse.Namespace) -> int:
    from model.units.groups import group_members
    from model.units.resolver import find_unit
    from model.work.groups import edit_group_members

    changes: list[str] = []
    database, _ = open_database(args)
    with database:
        if args.add or args.remove:
            with database.write() as session:
                group, found = find_unit(session, args.name)
                members, changes = edit_group_members(
                    session, group.name, add=args.add, remove=args.remove, reason=args.reason
                )
        else:
            with database.read() as session:
                group, found = find_unit(session, args.name)
                members = group_members(session, group.name)
    notes([*found, *changes])
    print(
        strings.GROUP_MEMBERS.format(
            group=group.name, count=len(members), members="、".join(members) or strings.NONE
        )
    )
    return 0
