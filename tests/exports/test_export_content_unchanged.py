"""Speed-ups keep every export: the demo database's reports in each format, read back
(text, formatting, tables, widths, page setup, print settings), are those recorded in
tests/golden/exports-demo.json.gz (see tests/golden/exports.py)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.golden.exports import CASES, exports, recorded_exports
from tests.golden.results import canonical


def test_every_export_reads_back_as_recorded(tmp_path: Path) -> None:
    # Through canonical JSON, as recorded: tuples read back as lists.
    now = json.loads(canonical(exports(tmp_path)))
    before = recorded_exports()
    assert len(before) == len(CASES)
    assert sorted(now) == sorted(before)
    for key in before:
        assert now[key] == before[key], key
