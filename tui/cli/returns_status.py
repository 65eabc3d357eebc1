"""`duban returns status | remind`: which units returned the period's sheet (报送表), which
are late or missing, and the reminder (催报) to paste into the office's work group.

The period defaults to the one in collection (`model.status.returns_view`): last month."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui import strings
from tui.cli.common import as_of, notes, reading, reporting_rules

if TYPE_CHECKING:
    from model.status.returns_view import ReturnsView

# Options of the other actions (issue, collect): given here they would be silently ignored.
_OTHERS = (
    ("output", "-o/--output", "issue"),
    ("force", "--force", "issue"),
    ("dry_run", "--dry-run", "collect"),
    ("replace", "--replace", "collect"),
    ("reason", "--reason", "collect"),
    ("received_on", "--received-on", "collect"),
)


def _refuse_others(args: argparse.Namespace) -> None:
    from model.core.errors import InputError

    if args.files:
        raise InputError(
            strings.RETURNS_NOT_FOR_ACTION.format(
                action=args.action, what=strings.RETURNS_WHAT_FILES, only="collect"
            )
        )
    for name, option, only in _OTHERS:
        if getattr(args, name, None):
            what = strings.RETURNS_WHAT_OPTION.format(option=option)
            raise InputError(
                strings.RETURNS_NOT_FOR_ACTION.format(action=args.action, what=what, only=only)
            )


def run(args: argparse.Namespace) -> int:
    import json

    from model.core.periods import Period
    from model.status.office import office_name
    from model.status.returns_view import reminder, returns_view

    _refuse_others(args)
    period = Period.parse(args.period) if args.period else None
    with reading(args) as (source, settings):
        view = returns_view(source, reporting_rules(settings), as_of(args), period, unit=args.unit)
        office = office_name(source, view.period.year) if args.action == "remind" else ""
    notes(view.notes)
    if args.action == "remind":
        text, _ = reminder(view, office, settings.office)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    elif args.format == "json":
        sys.stdout.write(json.dumps(view.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_status(view))
    return 0


def render_status(view: ReturnsView) -> str:
    """The headline, then the table (missing first), columns aligned for Chinese widths."""
    from model.core.strings import RETURNS_COLUMNS
    from model.status.returns_view import row_cells
    from tui.text import table

    lines = [view.headline()]
    if view.rows:
        lines.append("")
        lines.extend(table(RETURNS_COLUMNS, [row_cells(row) for row in view.rows]))
    return "\n".join(lines) + "\n"
