"""Reading a file a person named: only a regular file, and only so much of it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from model.core import strings
from model.core.errors import InputError


class NotARegularFile(InputError):
    """A folder, a device, a FIFO or a socket where a file was expected."""


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file `path`, at most `limit` + 1 of them (so a caller can
    tell "too large" without reading a gigabyte). A FIFO would block the open and a device
    never end, so the file is opened without blocking and refused unless regular.
    Raises NotARegularFile, or OSError (missing, unreadable) for the caller to word."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags)
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise NotARegularFile(strings.NOT_A_REGULAR_FILE.format(path=path))
        return file.read() if limit is None else file.read(limit + 1)
