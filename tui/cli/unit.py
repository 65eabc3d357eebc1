"""`duban unit UNIT [--liaison NAME] [--phone P] [--note N] [--clear-liaison] [--reason R]`:
show a unit (name, kind, aliases, its groups as of the as-of date, its liaison), or name,
change or clear its liaison (audited). What is not given is kept; bad input writes nothing."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from model.core.errors import InputError
from tui import strings
from tui.cli.common import as_of, notes, open_database, reading

if TYPE_CHECKING:
    from model.status.unit_card import UnitCard


def card_lines(card: UnitCard) -> list[str]:
    from model.core.strings import KIND_NAMES
    from model.status.unit_card import liaison_line

    lines = [strings.UNIT_CARD_NAME.format(name=card.name, kind=KIND_NAMES[card.kind])]
    if card.aliases:
        lines.append(strings.UNIT_CARD_ALIASES.format(aliases="、".join(card.aliases)))
    if card.kind == "group":
        lines.append(
            strings.UNIT_CARD_MEMBERS.format(
                on=card.on,
                count=len(card.members),
                members="、".join(card.members) or strings.NONE,
            )
        )
        lines.append(strings.UNIT_CARD_GROUP_LIAISON)
    else:
        groups = "、".join(card.groups) or strings.NONE
        lines.append(strings.UNIT_CARD_GROUPS.format(on=card.on, groups=groups))
        lines.append(liaison_line(card.liaison))
    return lines


def run(args: argparse.Namespace) -> int:
    from model.status.unit_card import unit_card

    day = as_of(args)
    edits = (args.liaison, args.phone, args.note)
    if args.clear_liaison and any(e is not None for e in edits):
        raise InputError(strings.UNIT_CLEAR_WITH_OTHERS)
    if not args.clear_liaison and all(e is None for e in edits):
        with reading(args) as (source, _):
            card = unit_card(source, args.unit, day)
        notes(card.notes)
        print("\n".join(card_lines(card)))
        return 0
    from model.work.liaisons import clear_liaison, set_liaison

    database, _ = open_database(args)
    with database, database.write() as session:
        if args.clear_liaison:
            change = clear_liaison(session, args.unit, reason=args.reason)
        else:
            change = set_liaison(
                session,
                args.unit,
                name=args.liaison,
                phone=args.phone,
                note=args.note,
                reason=args.reason,
            )
        card = unit_card(session, change.unit, day)
    notes(change.notes)
    print(change.describe())
    print("\n".join(card_lines(card)))
    return 0
