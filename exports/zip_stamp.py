"""Office files are zip archives; their entries carry a time. Stamp them with the report's
as-of date so the same data gives the same bytes (python-docx stamps entries with now)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def restamp(data: bytes, day: dt.date) -> bytes:
    when = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
