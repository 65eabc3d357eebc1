"""`duban returns collect FILE|DIR… [--dry-run] [--replace --reason R] [--received-on D]`:
returned sheets (报送表) read, previewed and recorded — each file on its own, all of it or
nothing. The work is seed.returns_collect, shared with the dashboard's collect screen.

Exit 0 when every file was recorded (or, with --dry-run, could be), 2 when any was refused.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui import strings
from tui.cli.common import as_of, open_database

if TYPE_CHECKING:
    from seed.returns_collect import CheckedReturn


def file_lines(item: CheckedReturn, *, dry_run: bool) -> list[str]:
    """A file's name, what it holds, and what became of it."""
    lines = [item.path.name]
    if item.preview:
        lines.append(f"  {item.preview}")
    if item.recorded is not None:
        done = strings.COLLECT_REPLACED if item.recorded.replaced else strings.COLLECT_RECORDED
        lines.append(f"  {done}")
    elif item.ok and dry_run:
        lines.append(f"  {strings.COLLECT_WOULD_RECORD}")
    else:
        lines.append(f"  {strings.COLLECT_REFUSED.format(count=len(item.problems))}")
        lines.extend(f"    {problem}" for problem in item.problems)
    return lines


def run(args: argparse.Namespace) -> int:
    from model.core.errors import InputError
    from seed.returns_collect import CollectOptions, check_returns, record_returns, tally

    if not args.files:
        raise InputError(strings.COLLECT_NO_FILES)
    reason = (args.reason or "").strip() or None
    if args.replace and reason is None:
        raise InputError(strings.COLLECT_REPLACE_NEEDS_REASON)
    database, _settings = open_database(args)
    with database:
        day = as_of(args)
        options = CollectOptions(
            received_on=args.received_on or day, as_of=day, replace=args.replace, reason=reason
        )
        checked = check_returns(database, args.files, options)
        if not args.dry_run:
            checked = record_returns(database, checked, options)
    for item in checked:
        print("\n".join(file_lines(item, dry_run=args.dry_run)))
    good, refused = tally(checked)
    template = strings.COLLECT_DRY_TOTAL if args.dry_run else strings.COLLECT_TOTAL
    print(template.format(files=len(checked), good=good, refused=refused))
    return 2 if refused else 0
