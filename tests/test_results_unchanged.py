"""Speed-ups keep every result: the scorecards and the overview on the demo database and
on the synthetic M scale are those recorded in tests/golden (see its module)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden.results import DAYS, build, digests, recorded, results


@pytest.mark.parametrize("kind", ["demo", "M"])
def test_scorecards_and_overview_are_as_recorded(kind: str, tmp_path: Path) -> None:
    with build(kind, tmp_path) as database:
        now = results(database)
    assert len(now) == 2 * len(DAYS)
    if kind == "demo":
        before = recorded("demo")
        for key in before:
            assert now[key] == before[key], key
    else:
        assert digests(now) == recorded("M")
