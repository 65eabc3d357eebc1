"""Writing an output file whole or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from exports import strings
from model.core.errors import InputError

SHARED_MODE = 0o644


def check_output_path(path: Path, *, force: bool) -> None:
    directory = path.parent
    if not directory.is_dir():
        raise InputError(strings.OUTPUT_DIR_MISSING.format(dir=directory))
    mode = directory.stat().st_mode
    if not os.access(directory, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise InputError(strings.OUTPUT_DIR_READONLY.format(dir=directory))
    if path.exists() and not force:
        raise InputError(strings.OUTPUT_EXISTS.format(path=path))


def write_atomically(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename: an interruption leaves nothing."""
    check_output_path(path, force=force)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        # mkstemp makes owner-only files; a report is shared like any document.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else SHARED_MODE)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise InputError(
                strings.OUTPUT_FAILED.format(path=path, detail=error.strerror or error)
            ) from error
        raise
