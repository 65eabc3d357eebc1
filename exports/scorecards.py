"""年终考核评分表 as CSV (UTF-8 with BOM, so Excel opens it as Chinese text)."""

from __future__ import annotations

import csv
import io
from typing import Any

from model.scoring import ScoreBoard

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula is kept as text (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def scorecards_csv(board: ScoreBoard) -> bytes:
    rows = board.summary_rows()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = list(rows[0]) if rows else ["排名", "单位", "得分", "等次"]
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(row[key]) for key in header])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
