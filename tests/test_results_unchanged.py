"""Speed-ups keep every result: the scorecards and the overview on the demo database and
on the synthetic M scale are those recorded in tests/golden (see its module)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.store.audit import AuditContext
from model.store.db import open_database
from tests.conftest import built_once
from tests.golden.results import DAYS, build, digests, recorded, results


@pytest.mark.parametrize("kind", ["demo", "M"])
def test_scorecards_and_overview_are_as_recorded(
    kind: str,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    worker_id: str,
    request: pytest.FixtureRequest,
    context: AuditContext,
) -> None:
    # Each database is built from nothing once per run, by the code as written (the demo is
    # the one the other tests share; in a mutation run, once for the whole run, so a mutant
    # is judged by the results computed with it, not by rebuilding the M scale with it).
    if kind == "demo":
        template = request.getfixturevalue("demo_template")
    else:
        template = built_once(
            tmp_path_factory, worker_id, "golden-M", lambda path: build(kind, path).close()
        )
    path = tmp_path / "golden.sqlite3"
    shutil.copy(template, path)
    with open_database(path, context) as database:
        now = results(database)
    assert len(now) == 2 * len(DAYS)
    # Every figure a reader adds up is in cents: no float residue (-0.7000000000000001).
    for key, result in now.items():
        if key.startswith("scorecards"):
            for card in result["cards"]:
                figures = [v for v in card.values() if isinstance(v, float)]
                figures += [line["points"] for line in card["lines"]]
                assert all(round(f, 2) == f for f in figures), (key, card["unit"])
    if kind == "demo":
        before = recorded("demo")
        for key in before:
            assert now[key] == before[key], key
    else:
        assert digests(now) == recorded("M")
