"""Issuing the returns (报送表) of a period: one workbook per unit that owes one, all into
one folder — the command line's `duban returns issue`, and any screen that issues them.

Everything that can refuse is asked before anything is written: the unit asked for (and
that it owes a return), the folder, every file's name (an existing file without --force,
a device or a FIFO even with it). The workbooks are then rendered in memory and each is
written to a temporary file and renamed (`exports.files.write_atomically`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exports import strings
from exports.files import check_output_path, safe_file_name, write_atomically
from model.core.errors import InputError

if TYPE_CHECKING:
    from model.core.periods import Period, ReportingRules
    from model.store.reader import Source


@dataclass(frozen=True)
class IssuedFile:
    unit: str
    tasks: int
    path: Path


@dataclass(frozen=True)
class IssueResult:
    period: Period
    due_on: dt.date
    folder: Path
    files: tuple[IssuedFile, ...]
    notes: tuple[str, ...] = ()  # how the unit asked for was found (an alias, pinyin)

    @property
    def tasks(self) -> int:
        return sum(f.tasks for f in self.files)


def default_folder(export_dir: Path | None, period: Period) -> Path:
    """The export folder's 报送表 2023-10."""
    from model.core.settings import export_folder

    return export_folder(export_dir) / strings.RETURN_FOLDER.format(period=period.key)


def file_name(period: Period, unit: str) -> str:
    """报送表_2023-10_住建局.xlsx, safe on every file system."""
    return safe_file_name(strings.RETURN_FILE_NAME.format(period=period.key, unit=unit))


def issue_returns(
    source: Source,
    period: Period,
    rules: ReportingRules,
    *,
    folder: Path,
    issued_on: dt.date,
    unit: str | None = None,
    force: bool = False,
    make_parents: bool = False,
) -> IssueResult:
    """Write the workbooks of `period` into `folder` (made when missing: with its parents
    when `make_parents`, the default export folder's way; else its parent must exist)."""
    from exports.returns_workbook import IssuedReturn, return_workbook
    from model.core.strings import ROLE_NAMES
    from model.status.returns import liaisons, owed_returns
    from model.status.workspace import is_demo
    from model.store.returns_key import returns_key
    from model.units.resolver import find_unit

    notes: list[str] = []
    unit_ids: list[int] | None = None
    asked = ""
    if unit is not None:
        found, notes = find_unit(source, unit)
        unit_ids, asked = [found.id], found.name
    owed = owed_returns(source, period, rules, unit_ids=unit_ids)
    if not owed:
        if unit is not None:
            roles = "、".join(ROLE_NAMES.get(role, role) for role in rules.roles)
            raise InputError(
                strings.RETURN_UNIT_OWES_NONE.format(unit=asked, period=period.label, roles=roles)
            )
        raise InputError(strings.RETURN_NOTHING_OWED.format(period=period.label))

    paths = [folder / file_name(period, item.unit) for item in owed]
    _check_folder(folder, make_parents=make_parents)
    seen: set[Path] = set()
    for path in paths:
        if path in seen:
            raise InputError(strings.RETURN_SAME_FILE.format(name=path.name))
        seen.add(path)
        if folder.is_dir():
            check_output_path(path, force=force)

    key = returns_key(source)
    contacts = liaisons(source, [item.unit_id for item in owed])
    demo = is_demo(source)
    rendered = [
        return_workbook(IssuedReturn(item, contacts.get(item.unit_id), issued_on, demo=demo), key)
        for item in owed
    ]
    if not folder.is_dir():
        _make_folder(folder, make_parents=make_parents)
    for path, data in zip(paths, rendered, strict=True):
        write_atomically(path, data, force=force)
    return IssueResult(
        period=period,
        due_on=owed[0].due_on,
        folder=folder,
        files=tuple(
            IssuedFile(item.unit, len(item.tasks), path)
            for item, path in zip(owed, paths, strict=True)
        ),
        notes=tuple(notes),
    )


def _check_folder(folder: Path, *, make_parents: bool) -> None:
    """An existing folder, or one that can be made: never a file in its place, and —
    unless it is the default export folder's — a parent that exists and takes files."""
    if folder.exists():
        if not folder.is_dir():
            raise InputError(strings.RETURN_NOT_A_FOLDER.format(path=folder))
        return
    if make_parents:
        return
    check_output_path(folder, force=False)  # the parent: there and writable


def _make_folder(folder: Path, *, make_parents: bool) -> None:
    try:
        folder.mkdir(parents=make_parents, exist_ok=True)
    except OSError as error:
        from model.core.os_errors import describe_os_error

        detail = describe_os_error(error)
        raise InputError(strings.OUTPUT_FAILED.format(path=folder, detail=detail)) from error
