"""How an evidence file is named in a report's record, and how a stored name is shown.

A report pins each file by SHA-256 and size; its name is the file's name, or its path
relative to the configured evidence folder when the file is inside it ("2023/台账.xlsx",
`/` separators on every system) — never an absolute path, which names one machine's
folders, may hold a person's login, and stops being true when the files move. Records made
before this rule keep the absolute path they hold: the audit trail holds it too, and
rewriting it would be a change of history. They are shown by their last part.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath


def evidence_name(path: Path, folder: Path | None = None) -> str:
    """The name recorded for `path`: relative to `folder` when inside it, else the name."""
    if folder is not None:
        try:
            return path.resolve().relative_to(folder.expanduser().resolve()).as_posix()
        except ValueError:
            pass  # outside the folder: its name alone
    return path.name


def evidence_label(stored: str) -> str:
    """A stored name as shown: an older record's absolute path by its file name."""
    for pure in (PurePosixPath(stored), PureWindowsPath(stored)):
        if pure.is_absolute():
            return pure.name
    return stored
