"""`duban status UNIT`: one unit across all plans, as a table or JSON, without the app."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui import strings
from tui.cli.common import as_of, note, reading

if TYPE_CHECKING:
    from model.status.unit_check import UnitCheck

_COLOR_CODES = {"red": "31", "yellow": "33", "green": "32", "grey": "90"}


def _light(light: str, color: bool) -> str:
    glyph = strings.LIGHT_GLYPHS[light]
    return f"\x1b[{_COLOR_CODES[light]}m{glyph}\x1b[0m" if color else glyph


def render_status(check: UnitCheck, *, color: bool = False) -> str:
    from model.core.strings import KIND_NAMES, PLAN_SHORT_NAMES, ROLE_SHORT
    from tui.text import table

    lines = [
        strings.STATUS_HEADER.format(
            unit=check.unit, kind=KIND_NAMES[check.kind], as_of=check.as_of.isoformat()
        )
    ]
    if check.members:
        lines.append(strings.STATUS_MEMBERS.format(members="、".join(check.members)))
    data = check.as_dict()
    lines.append(strings.STATUS_COUNTS.format(**data["counts"]))
    lines.append("")
    rows = [
        [
            PLAN_SHORT_NAMES.get(i.plan_key, i.plan_key),
            str(i.task_number),
            i.task_title,
            ROLE_SHORT[i.role]
            + (strings.VIA_GROUP.format(group=i.via_group) if i.via_group else ""),
            label,
            strings.LIGHT_GLYPHS[i.light.value],
            i.next_due.isoformat() if i.next_due else "—",
            i.last_report_on.isoformat() if i.last_report_on else "—",
        ]
        for i, label in zip(check.items, check.labels, strict=True)
    ]
    if rows:
        body = table(strings.STATUS_COLUMNS, rows)
        if color:
            # Colour the light column after alignment so escape codes do not skew widths.
            for index, item in enumerate(check.items, start=1):
                glyph = strings.LIGHT_GLYPHS[item.light.value]
                body[index] = body[index].replace(
                    f"  {glyph}  ", f"  {_light(item.light.value, True)}  ", 1
                )
        lines.extend(body)
    else:
        lines.append(strings.STATUS_NO_TASKS)
    if check.notices:
        lines.append("")
        lines.append(strings.STATUS_NOTICES.format(count=len(check.notices)))
        for notice in check.notices:
            lines.append(
                strings.STATUS_NOTICE_LINE.format(
                    number=notice.number,
                    level=notice.level,
                    issued_on=notice.issued_on,
                    reply_due=notice.reply_due,
                    state=notice.describe(check.as_of),
                )
            )
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    import json
    import os

    from model.status.unit_check import unit_check

    with reading(args) as (source, settings):
        check = unit_check(source, args.unit, as_of(args), settings.rules)
    for text in check.notes:
        note(text)
    if args.format == "json":
        sys.stdout.write(json.dumps(check.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(render_status(check, color=color))
    return 0
