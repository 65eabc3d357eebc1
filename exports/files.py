"""Writing an output file whole or not at all, only ever as a regular file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from exports import strings
from model.core.errors import InputError
from model.core.os_errors import describe_os_error

# A file name's length limit on every file system duban meets (ext4, NTFS, APFS): 255 —
# bytes on Linux, UTF-16 units on Windows and macOS; 255 bytes of UTF-8 fits all three.
NAME_BYTES = 255
ELLIPSIS = "…"  # allowed in file names on Windows, macOS and Linux alike


class OutputRefused(InputError):
    """An output refused in the command line's words (--force); `dialog` is the same
    refusal in the export dialog's (its 覆盖已有文件 box)."""

    def __init__(self, message: str, dialog: str) -> None:
        super().__init__(message)
        self.dialog = dialog


def fit_file_name(name: str, limit: int = NAME_BYTES) -> str:
    """`name` cut to `limit` bytes of UTF-8, on a character boundary, keeping the extension
    and marking the cut with "…" (a unit's or a notice's long name in a report's name)."""
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 16:  # no extension worth keeping
        stem, extension = name, ""
    tail = f"{ELLIPSIS}.{extension}" if extension else ELLIPSIS
    room = limit - len(tail.encode("utf-8"))
    cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return cut + tail


def safe_file_name(name: str, limit: int = NAME_BYTES) -> str:
    """`name` with the characters Windows refuses (and control characters) as "_", cut to
    `limit` bytes (`fit_file_name`): a unit's or a notice's name in a file's name."""
    safe = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name)
    return fit_file_name(safe, limit)


def _umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux),
    else set and put back at once."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def name_bytes(path: Path) -> int:
    return len(path.name.encode("utf-8"))


def check_name_length(path: Path, companions: Sequence[tuple[Path, str]] = ()) -> None:
    """Refuse a name too long for the disk, or one whose companions' names would be (the
    signature manifest, its staged copy, the --detail file beside it): said in terms of
    the name the user typed, with the companion that needs the room."""
    extra, what = 0, ""
    for companion, label in companions:
        more = name_bytes(companion) - name_bytes(path)
        if more > extra:
            extra, what = more, label
    most = NAME_BYTES - extra
    if name_bytes(path) <= most:
        return
    chars = most // 3  # a Chinese character is three bytes of UTF-8
    room = strings.OUTPUT_NAME_ROOM.format(what=what, extra=extra) if extra else ""
    raise InputError(
        strings.OUTPUT_NAME_TOO_LONG.format(most=most, chars=chars, room=room, name=path.name[:40])
    )


def check_output_path(
    path: Path, *, force: bool, companions: Sequence[tuple[Path, str]] = ()
) -> None:
    """Refuse, before any work, an output the program may not write: a name too long (or
    too long for the `companions` written beside it, each a path and what it is), a
    missing or read-only folder, an existing file without --force, and — even with
    --force — anything but a regular file (a device such as /dev/full or /dev/null, a
    FIFO, a socket, a folder), which a rename would replace."""
    check_name_length(path, companions)
    try:
        _check_output_path(path, force=force)
    except OSError as error:  # a path too long in all, a folder we may not look into…
        detail = describe_os_error(error)
        raise InputError(strings.OUTPUT_FAILED.format(path=path, detail=detail)) from error


def _check_output_path(path: Path, *, force: bool) -> None:
    directory = path.parent
    if not directory.is_dir():
        raise InputError(strings.OUTPUT_DIR_MISSING.format(dir=directory))
    mode = directory.stat().st_mode
    if not os.access(directory, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise InputError(strings.OUTPUT_DIR_READONLY.format(dir=directory))
    try:
        existing = path.stat()  # through a link: what a reader of the name would get
    except FileNotFoundError:
        return
    if not stat.S_ISREG(existing.st_mode):
        raise OutputRefused(
            strings.OUTPUT_NOT_A_FILE.format(path=path),
            strings.OUTPUT_NOT_A_FILE_DIALOG.format(path=path),
        )
    if not force:
        raise OutputRefused(
            strings.OUTPUT_EXISTS.format(path=path), strings.OUTPUT_EXISTS_DIALOG.format(path=path)
        )


def write_atomically(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename: an interruption leaves nothing.

    A new file gets the mode any program's new file gets (0666 less the umask); a replaced
    file keeps its mode. mkstemp makes owner-only files, so the mode is set explicitly."""
    check_output_path(path, force=force)
    # The temporary name is the target's, cut so that it fits too.
    prefix = fit_file_name(f".{path.name}.", NAME_BYTES - 16)
    try:
        handle, temporary = tempfile.mkstemp(prefix=prefix, dir=path.parent)
    except OSError as error:
        detail = describe_os_error(error)
        raise InputError(strings.OUTPUT_FAILED.format(path=path, detail=detail)) from error
    try:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        with os.fdopen(handle, "wb") as out:
            if os.name != "nt":  # on Windows a mode is only the read-only flag
                os.fchmod(out.fileno(), mode)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            detail = describe_os_error(error)
            raise InputError(strings.OUTPUT_FAILED.format(path=path, detail=detail)) from error
        raise
