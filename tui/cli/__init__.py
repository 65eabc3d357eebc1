"""The `duban` command: one module per command, each a thin layer over the services.

Heavy modules (Textual, Alembic, SQLAlchemy, tomli-w, the report writers) are imported
inside the commands that need them, so `duban --help` and a wrong argument stay fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
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
    report,
    returns,
    review,
    rubric,
    seed,
    status,
    unit,
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
    "returns": returns.run,
    "backup": backup.run_backup,
    "restore": backup.run_restore,
    "unit": unit.run,
    "report": report.run,
    None: dashboard.run,
}


# The documented exit codes (README). 4 (audit findings) is tui.cli.audit's.
EXIT_FAILED = 1  # verification failed, or a failure of the machine (disk, memory, a bug)
EXIT_INPUT = 2  # bad input: nothing was written (InputError, argparse)
EXIT_INTERRUPTED = 130  # ctrl+c: 128 + SIGINT, as shells report it
# The reader of the output went away (`duban audit log | head -2`): 128 + SIGPIPE, what a
# shell reports for a command a closed pipe stopped, so `set -o pipefail` scripts see the
# same as with any other command. Nothing is said: the reader asked for no more.
EXIT_BROKEN_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure ends in a Chinese message and a documented exit code.

    Problems are caught where they arise (argument types, import limits, output checks);
    this is the net for what remains, so that no traceback ever reaches the user.
    """
    try:
        args = _parse(argv)
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe is found here, not at the interpreter's exit
        return code
    except DubanError as error:
        return _say(f"{strings.ERROR_PREFIX}{error}", error.exit_code)
    except KeyboardInterrupt:
        return _say(strings.INTERRUPTED, EXIT_INTERRUPTED)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:
        from model.core.os_errors import describe_os_error

        text = strings.FAILED_OS.format(detail=describe_os_error(error))
        return _say(f"{strings.ERROR_PREFIX}{text}", _os_exit_code(error))
    except RecursionError:
        return _say(f"{strings.ERROR_PREFIX}{strings.FAILED_TOO_DEEP}", EXIT_INPUT)
    except MemoryError:
        return _say(f"{strings.ERROR_PREFIX}{strings.FAILED_MEMORY}", EXIT_FAILED)
    except UnicodeError:
        return _say(f"{strings.ERROR_PREFIX}{strings.FAILED_UNICODE}", EXIT_INPUT)
    except (ValueError, OverflowError):
        return _say(f"{strings.ERROR_PREFIX}{strings.FAILED_VALUE}", EXIT_INPUT)
    except Exception as error:  # a bug: the traceback to the log, never to the screen
        return _say(f"{strings.ERROR_PREFIX}{_logged(error)}", EXIT_FAILED)
    finally:
        _signing_notes()


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    try:
        return build_parser().parse_args(argv)
    except SystemExit:
        # --help and usage errors exit from argparse, which ignores a failed write; the
        # text may still sit in stdout's buffer, whose flush at exit would fail loudly.
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        raise


def _os_exit_code(error: OSError) -> int:
    # A name or path the user gave that cannot be one is bad input; a full, read-only or
    # forbidden disk is a failure of the machine.
    import errno

    bad_input = {errno.ENAMETOOLONG, errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EINVAL}
    return EXIT_INPUT if error.errno in bad_input else EXIT_FAILED


def _say(text: str, code: int) -> int:
    with contextlib.suppress(OSError, ValueError):  # stderr gone: the exit code says it
        print(text, file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """Python's recipe for SIGPIPE (docs: signal, "Note on SIGPIPE"): point stdout at
    devnull, so the interpreter's last flush at exit does not fail a second time."""
    # stdout may be no file descriptor (a test's capture): then nothing is flushed at exit.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _logged(error: Exception) -> str:
    from tui.events import log_failure

    try:
        path = log_failure("duban", error)
    except OSError:
        from tui.events import log_file

        return strings.FAILED_INTERNAL_UNLOGGED.format(path=log_file())
    return strings.FAILED_INTERNAL.format(path=path)


def _signing_notes() -> None:
    """What the writes had to say about signing (an unsigned write and how to restore the
    key, a key made): only if a write happened, so no command imports the signer for it."""
    signing = sys.modules.get("model.store.chain_signing")
    if signing is not None:
        for text in signing.take_notes():
            _say(f"{strings.NOTE_PREFIX}{text}", 0)


__all__ = ["main"]
