"""Collecting returned sheets (报送表), end to end: `duban returns collect` and the
dashboard's collect screen both call this module.

1. `return_files`: the files named — a folder stands for every .xlsx in it (not its
   subfolders; Excel's `~$` lock files left out), in name order.
2. `check_returns`: each file read once (`seed.returns_reader`) and checked against the
   database in one read transaction: the preview of what would be recorded, or every
   problem. Two files of one batch for the same unit and period (or the same file twice)
   are told apart here, as recording them in turn would. Nothing is written.
3. `record_returns`: each file that passed, in its own write transaction
   (`model.work.returns.record_return`): files are independent, each all or nothing. A
   file refused at this point (another process collected the unit's return meanwhile) is
   said with its problems like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from model.core.errors import InputError
from model.work.returns import RecordedReturn, ReturnedSheet, ReturnRefused, submission_problems
from seed import strings
from seed.returns_reader import read_return

if TYPE_CHECKING:
    from model.store.db import Database
    from model.store.reader import Source


@dataclass(frozen=True)
class CollectOptions:
    received_on: dt.date
    as_of: dt.date
    replace: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class CheckedReturn:
    """One file: the sheet to record, or why it is refused; `recorded` once it is."""

    path: Path
    sheet: ReturnedSheet | None
    problems: tuple[str, ...] = ()
    recorded: RecordedReturn | None = None

    @property
    def ok(self) -> bool:
        return self.sheet is not None and not self.problems

    @property
    def preview(self) -> str:
        """单位、报送期、N 项：已完成 x 项、推进中 y 项… (or nothing for an unreadable file)."""
        return "" if self.sheet is None else self.sheet.summary()


def return_files(paths: Iterable[Path]) -> tuple[list[Path], list[CheckedReturn]]:
    """The files to read, and a refusal for each name that is neither a file nor a folder
    (or a folder with no workbook in it)."""
    files: list[Path] = []
    refused: list[CheckedReturn] = []
    for path in paths:
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except (OSError, ValueError):  # a name too long, a NUL: nothing there either
            is_dir, exists = False, False
        if is_dir:
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$") and p.is_file()
            )
            if not found:
                refused.append(CheckedReturn(path, None, (strings.RETURN_EMPTY_FOLDER,)))
            files.extend(found)
        elif exists:
            files.append(path)
        else:
            refused.append(CheckedReturn(path, None, (strings.FILE_MISSING.format(path=path),)))
    return list(dict.fromkeys(files)), refused


def check_returns(
    database: Database,
    paths: Iterable[Path],
    options: CollectOptions,
    *,
    on_file: Callable[[int, int], None] | None = None,
) -> list[CheckedReturn]:
    """Every file checked, in order; `on_file(done, total)` after each (a progress line)."""
    files, refused = return_files(paths)
    checked: list[CheckedReturn] = list(refused)
    seen_files: dict[str, Path] = {}
    seen_units: dict[tuple[int, str], Path] = {}
    with database.read() as session:
        for index, path in enumerate(files, 1):
            checked.append(_check(session, path, options, seen_files, seen_units))
            if on_file is not None:
                on_file(index, len(files))
    return checked


def _check(
    source: Source,
    path: Path,
    options: CollectOptions,
    seen_files: dict[str, Path],
    seen_units: dict[tuple[int, str], Path],
) -> CheckedReturn:
    try:
        sheet = read_return(source, path, options.received_on)
    except ReturnRefused as error:
        return CheckedReturn(path, None, error.problems)
    except InputError as error:
        return CheckedReturn(path, None, (str(error),))
    problems = submission_problems(
        source,
        sheet,
        received_on=options.received_on,
        as_of=options.as_of,
        replace=options.replace,
        reason=options.reason,
    )
    # Within the batch: what recording the files in turn would find.
    unit = (sheet.identity.unit_id, sheet.period.key)
    if sheet.sha256 in seen_files:
        problems.append(strings.RETURN_SAME_IN_BATCH.format(file=seen_files[sheet.sha256].name))
    elif unit in seen_units and not options.replace:
        problems.append(
            strings.RETURN_UNIT_IN_BATCH.format(
                file=seen_units[unit].name, unit=sheet.identity.unit, period=sheet.period.label
            )
        )
    if not problems:
        seen_files[sheet.sha256] = path
        seen_units[unit] = path
    return CheckedReturn(path, sheet, tuple(problems))


def record_returns(
    database: Database,
    checked: Iterable[CheckedReturn],
    options: CollectOptions,
    *,
    on_file: Callable[[CheckedReturn], None] | None = None,
) -> list[CheckedReturn]:
    """Record each file that passed its check, one write transaction per file; the files
    refused stay as they were. `on_file` hears each outcome as it is known."""
    from model.work.returns import record_return

    out: list[CheckedReturn] = []
    for item in checked:
        if item.ok and item.sheet is not None:
            try:
                with database.write() as session:
                    recorded = record_return(
                        session,
                        item.sheet,
                        received_on=options.received_on,
                        as_of=options.as_of,
                        replace=options.replace,
                        reason=options.reason,
                    )
                item = replace(item, recorded=recorded)
            except ReturnRefused as error:
                item = replace(item, problems=error.problems)
        out.append(item)
        if on_file is not None:
            on_file(item)
    return out


def tally(checked: Iterable[CheckedReturn]) -> tuple[int, int]:
    """(files fine — recorded, or recordable in a preview —, files refused)."""
    items = list(checked)
    good = sum(1 for item in items if item.ok)
    return good, len(items) - good
