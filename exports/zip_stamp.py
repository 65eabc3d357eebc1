"""Office files are zip archives; their entries carry a time. Stamp them with the report's
as-of date so the same data gives the same bytes (python-docx stamps entries with now)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any


class StampedZip:
    """A zip archive written entry by entry, each stamped with the day: python-docx's
    package writer calls `write(pack_uri, blob)` for each part, so a document is written
    (and each entry compressed) once, with no time of its own."""

    def __init__(self, target: io.BytesIO, day: dt.date) -> None:
        self.when = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
        self.archive = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, self.when)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.archive.writestr(info, blob)

    def __enter__(self) -> StampedZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.archive.close()
