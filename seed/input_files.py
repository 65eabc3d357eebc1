"""Reading a file the user hands to an import (a plan document, plan data, a returned
sheet): the one place that says, in Chinese, that it is missing, unreadable or too large."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from model.core.errors import InputError
from model.core.files import read_regular
from model.core.os_errors import describe_os_error
from seed import strings


def read_input(path: Path, limit: int, too_large: Callable[[int], InputError]) -> bytes:
    """The bytes of the regular file `path`; `too_large(size)` when it holds more than
    `limit` bytes — known from its size before reading, or from reading one byte past the
    limit for a file still growing — so a gigabyte is never read to be refused."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise too_large(size)
        raw = read_regular(path, limit)
    except FileNotFoundError:
        raise InputError(strings.FILE_MISSING.format(path=path)) from None
    except OSError as error:
        raise InputError(
            strings.FILE_UNREADABLE.format(path=path, detail=describe_os_error(error))
        ) from error
    if len(raw) > limit:
        raise too_large(len(raw))
    return raw


def zip_sizes(archive: Path | bytes) -> tuple[int, int]:
    """What a zip's parts inflate to, all of them and the XML ones, from its directory
    (before anything is inflated); zipfile.BadZipFile, OSError or ValueError when it is no
    zip. zipfile checks each part's CRC and length as it reads, so a directory that lies
    fails the read later."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(archive) if isinstance(archive, bytes) else archive) as z:
        parts = z.infolist()
    total = sum(part.file_size for part in parts)
    xml = sum(part.file_size for part in parts if part.filename.endswith((".xml", ".rels")))
    return total, xml
