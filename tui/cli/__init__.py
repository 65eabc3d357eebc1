"""The `duban` command: one module per command, each a thin layer over the services.

Heavy modules (Textual, Alembic, SQLAlchemy, tomli-w, the report writers) are imported
inside the commands that need them, so `duban --help` and a wrong argument stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from model.core.errors import DubanError
from tui import strings
from tui.cli import (
    audit,
    backup,
    dashboard,
    demo,
    export,
    group,
    import_plan,
    key,
    review,
    rubric,
    seed,
    status,
    verify,
)
from tui.cli.parser import build_parser

Command = Callable[[argparse.Namespace], int]

COMMANDS: dict[str | None, Command] = {
    "import-plan": import_plan.run,
    "rubric": rubric.run,
    "audit": audit.run,
    "status": status.run,
    "demo": demo.run,
    "export": export.run,
    "verify": verify.run,
    "key": key.run,
    "seed": seed.run,
    "group": group.run,
    "review": review.run,
    "backup": backup.run_backup,
    "restore": backup.run_restore,
    None: dashboard.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DubanError as error:
        print(f"{strings.ERROR_PREFIX}{error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(strings.INTERRUPTED, file=sys.stderr)
        return 130
    finally:
        _signing_notes()


def _signing_notes() -> None:
    """What the writes had to say about signing (an unsigned write and how to restore the
    key, a key made): only if a write happened, so no command imports the signer for it."""
    signing = sys.modules.get("model.store.chain_signing")
    if signing is not None:
        for text in signing.take_notes():
            print(f"{strings.NOTE_PREFIX}{text}", file=sys.stderr)


__all__ = ["main"]
